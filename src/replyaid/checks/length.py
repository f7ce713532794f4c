"""``length``: too long (words, sentences, paragraphs) or too short for the
question, plus a readability figure for the report."""

from __future__ import annotations

import re
from typing import Any, Iterator

from replyaid.checks.base import CheckContext
from replyaid.nlp import Doc
from replyaid.results import Finding

_VOWELS = frozenset("аеёиоуыэюяіїєaeiouy")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def syllables(word: str) -> int:
    return max(1, sum(ch in _VOWELS for ch in word.lower()))


def readability(doc: Doc) -> dict[str, Any]:
    """Oborneva's adaptation of the Flesch reading ease to Russian
    (206.835 - 1.3 * words per sentence - 60.1 * syllables per word), also used
    for Ukrainian, whose word and syllable lengths are close; higher is easier,
    60-80 reads easily, under 30 is hard."""
    words = [t for t in doc.tokens if t.is_word]
    sentences = [s for s in doc.sentence_tokens() if any(t.is_word for t in s)]
    if not words or not sentences:
        return {"words": 0, "sentences": 0, "flesch_oborneva": None}
    asl = len(words) / len(sentences)
    asw = sum(syllables(t.text) for t in words) / len(words)
    return {
        "words": len(words),
        "sentences": len(sentences),
        "words_per_sentence": round(asl, 1),
        "flesch_oborneva": round(206.835 - 1.3 * asl - 60.1 * asw, 1),
    }


def _questions(doc: Doc) -> int:
    return sum(t.text.count("?") > 0 for t in doc.tokens if t.is_punct)


class Length:
    """Too long a draft, sentence or paragraph; too short an answer to a
    detailed message. Thresholds: ``replyaid.config.DEFAULT_THRESHOLDS``."""

    name = "length"
    category = "length"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        doc = context.draft
        n_words = sum(t.is_word for t in doc.tokens)
        start, end = context.whole_draft()
        if n_words > context.threshold("max_words"):
            yield context.finding("length", f"{context.lang_prefix}_LENGTH_TOO_LONG", start, end, message_key="LENGTH_TOO_LONG", words=n_words, limit=int(context.threshold("max_words")))
        for sentence in doc.sentence_tokens():
            count = sum(t.is_word for t in sentence)
            if count > context.threshold("max_sentence_words"):
                body = [t for t in sentence if not t.is_space]
                yield context.finding(
                    "length", f"{context.lang_prefix}_LENGTH_LONG_SENTENCE", body[0].start, body[-1].end,
                    message_key="LENGTH_LONG_SENTENCE", words=count, severity="info",
                )
        position = 0
        for paragraph in _PARAGRAPH_BREAK.split(context.original):
            count = len(paragraph.split())
            p_start = context.original.find(paragraph, position)
            position = p_start + len(paragraph)
            if count > context.threshold("max_paragraph_words") and paragraph.strip():
                stripped = paragraph.strip()
                offset = p_start + paragraph.index(stripped)
                yield context.finding(
                    "length", f"{context.lang_prefix}_LENGTH_LONG_PARAGRAPH", offset, offset + len(stripped),
                    message_key="LENGTH_LONG_PARAGRAPH", words=count, severity="info",
                )
        incoming = context.incoming
        if incoming is not None:
            in_words = sum(t.is_word for t in incoming.tokens)
            detailed = in_words >= context.threshold("detailed_incoming_words") or _questions(incoming) >= 2
            if detailed and n_words < max(context.threshold("min_reply_words"), 0.15 * in_words):
                yield context.finding("length", f"{context.lang_prefix}_LENGTH_TOO_SHORT", start, end, message_key="LENGTH_TOO_SHORT", words=n_words)
