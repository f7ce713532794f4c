"""``tone``: deflection, arguing or blaming, shouting, vague promises to a
complaint, and a missing greeting."""

from __future__ import annotations

import bisect
import re
from typing import Iterator

from replyaid.checks.base import CheckContext
from replyaid.checks.lexicons import matcher, slug, word_list
from replyaid.results import Finding

SEVERITY = {"deflection": "error", "blame": "error", "vague_promise": "warning"}
_EXCLAMATIONS = re.compile(r"!{2,}|[!?]{3,}")
# A number with a unit of time or a clock time makes a promise concrete.
_CONCRETE_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d+\s*(?:-\s*\d+\s*)?(?:мин|час|год|дн|дня|днів|дней|сут|доб|недел|тиж|рабоч|робоч|месяц|місяц|числ)"
    r"|\b\d{1,2}\.\d{1,2}(?:\.\d{2,4})?\b",
    re.IGNORECASE,
)
MIN_SHOUT_LETTERS = 5  # shorter capitalised words are mostly abbreviations (ОСББ, ІМХО, ЛК)
NOT_SHOUTING = frozenset({"Abbr", "Slng", "Fixd"})
QUOTES = frozenset({"«", "\"", "„", "“", "'"})
KEYWORD_WINDOW = 3  # a keyword follows its cue («з текстом ТАРИФ», «код СТОП») within this many tokens
FUNCTION_POS = frozenset({"PRCL", "CONJ", "PREP", "NPRO", "ADVB", "PRED", "INTJ"})
GREETING_PRONOUNS = frozenset({"вам", "вас", "тебе", "тобі"})
CHAT_ANSWER_WORDS = 5  # «Да, по гарантии.»: a quick answer in a running chat
CHAT_MESSAGE_WORDS = 2  # «так», «з 14 до 18»: the customer's side of a running chat


def _has_concrete_time(context: CheckContext, start: int, end: int) -> bool:
    """Is there a clock time, a date, a number of days/hours or a day name in
    the sentence of the promise (original offsets ``start``-``end``)?"""
    if "concrete_sentences" not in context.memo:
        times = set(word_list(context.draft.lang, "time_expressions.txt"))
        spans = []
        for sentence in context.draft.sentence_tokens():
            body = [t for t in sentence if not t.is_space]
            if not body:
                continue
            text = context.original[body[0].start : body[-1].end]
            concrete = bool(_CONCRETE_TIME.search(text)) or any(t.is_word and (t.lemma in times or t.lower in times) for t in body)
            spans.append((body[0].start, body[-1].end, concrete))
        context.memo["concrete_sentences"] = spans
    spans = context.memo["concrete_sentences"]
    i = bisect.bisect_right([s for s, _, _ in spans], end)
    return any(concrete for s, e, concrete in spans[max(0, i - 3) : i] if e >= start and s <= end)


class TonePhrases:
    """Deflection («это не моя компетенция»), blaming the customer («вы сами
    виноваты») and, in a reply to a complaint, a fix promised with no concrete
    time («скоро всё исправим»)."""

    name = "tone.phrases"
    category = "tone"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        if context.draft.lang not in ("ru", "uk"):
            return
        for m in matcher(context.draft.lang, "tone", context.settings).find(context.draft):
            if context.quoted(m.start, m.end):
                continue  # the customer's words quoted back: «на днях»
            kind = m.entry.kind
            if kind == "vague_promise" and (context.incoming_complaint is False or _has_concrete_time(context, m.start, m.end)):
                continue
            yield context.finding(
                "tone",
                slug(m.entry.id),
                m.start,
                m.end,
                message_key=f"TONE_{kind.upper()}",
                suggestions=[m.entry.alternative] if m.entry.alternative else [],
                severity=SEVERITY.get(kind, "warning"),
            )


class CurtReply:
    """A sentence that is a single curt word («Ждите.», «Передали.»): it
    answers nothing and reads as a brush-off."""

    name = "tone.curt"
    category = "tone"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        doc = context.draft
        if doc.lang not in ("ru", "uk"):
            return
        curt = set(word_list(doc.lang, "curt_replies.txt"))
        for sentence in doc.sentence_tokens():
            words = [t for t in sentence if t.is_word]
            body = [t for t in sentence if not t.is_space]
            if len(words) == 1 and words[0].lower in curt:
                yield context.finding(
                    "tone", f"{context.lang_prefix}_TONE_CURT", body[0].start, body[-1].end, message_key="TONE_CURT"
                )


class Shouting:
    """Words in capitals and runs of exclamation marks."""

    name = "tone.shouting"
    category = "tone"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        prefix = context.lang_prefix
        cues = frozenset(word_list(context.draft.lang, "keyword_cues.txt")) if context.draft.lang in ("ru", "uk") else frozenset()
        # a word the customer wrote in capitals is a name to them («поліс КАСКО»), not shouting
        customer_caps = {t.text for t in context.incoming.tokens if t.is_word and t.text.isupper()} if context.incoming is not None else set()
        recent: list[str] = []  # lemmas of the last words, to tell a keyword from shouting
        for token in context.draft.tokens:
            text = token.text
            if token.is_space:
                continue
            keyword = bool(cues.intersection(recent)) or bool(recent and recent[-1] in QUOTES)
            recent = [*recent[-(KEYWORD_WINDOW - 1):], token.lemma if token.is_word else token.text]
            if (
                not keyword
                and token.is_word
                and text not in customer_caps
                and text.isupper()
                and len(text) >= 2
                and token.known
                and not token.grammemes & NOT_SHOUTING
                # Short capitalised nouns are abbreviations (ИНН, ФОП); short
                # function words in capitals («НЕ», «ВСЁ») are shouting.
                and (len(text) >= MIN_SHOUT_LETTERS or token.pos in FUNCTION_POS)
                and any("\u0400" <= ch <= "\u04ff" for ch in text)
            ):
                yield context.finding("tone", f"{prefix}_TONE_CAPS", token.start, token.end, message_key="TONE_CAPS", suggestions=[text.lower()])
        nt = context.draft.normalized
        for m in _EXCLAMATIONS.finditer(nt.text):
            start, end = nt.span_to_original(m.start(), m.end())
            yield context.finding("tone", f"{prefix}_TONE_EXCLAMATIONS", start, end, message_key="TONE_EXCLAMATIONS", suggestions=["!"])


class Greeting:
    """A reply that neither greets the customer nor opens by addressing them
    («Шановний Андрію!», «Анна, …»). A quick answer of two to five words in a
    running chat («Да, есть.», «Гляньте в спамі.») needs no greeting, nor does
    any answer to a chat message of one or two words («так»); if it is too
    short for the question, ``length`` says so. A one-word reply («Ок.»,
    «Будет.») is a brush-off and is reported."""

    name = "tone.greeting"
    category = "tone"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        doc = context.draft
        if doc.lang not in ("ru", "uk"):
            return
        sentences = [s for s in doc.sentence_tokens() if any(t.is_word for t in s)]
        if not sentences or 2 <= sum(t.is_word for t in doc.tokens) <= CHAT_ANSWER_WORDS:
            return
        if context.incoming is not None and sum(t.is_word for t in context.incoming.tokens) <= CHAT_MESSAGE_WORDS:
            return  # an answer to «так» in a running chat greets nobody anew
        # «Доброго вам времени суток», «Добрий вам день»: a pronoun inside a greeting
        opening_words = [t for s in sentences[:2] for t in s if t.is_word and t.lower not in GREETING_PRONOUNS]
        opening = " ".join(t.lower for t in opening_words)
        greetings = word_list(doc.lang, "greetings.txt")
        if any(re.search(rf"(?<!\w){re.escape(g)}(?!\w)", opening) for g in greetings):
            return
        if self._opens_with_address(doc, sentences[0]):
            return
        first = [t for t in sentences[0] if not t.is_space]
        yield context.finding(
            "tone", f"{context.lang_prefix}_TONE_NO_GREETING", first[0].start, first[-1].end,
            message_key="TONE_NO_GREETING", severity="info",
        )

    @staticmethod
    def _opens_with_address(doc, sentence) -> bool:  # type: ignore[no-untyped-def]
        words = [t for t in sentence if not t.is_space]
        address = set(word_list(doc.lang, "address_words.txt"))
        for i, token in enumerate(words[:3]):
            following = words[i + 1].text if i + 1 < len(words) else ""
            if token.is_word and token.text[:1].isupper() and token.name_grammemes is not None and following in (",", "!"):
                return True
            if token.is_word and (token.lemma in address or token.lower in address) and i + 1 < len(words) and words[i + 1].name_grammemes is not None:
                return True
        return False
