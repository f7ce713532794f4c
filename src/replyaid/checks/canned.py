"""``canned``: stock template phrases and канцелярит, and drafts that are
nothing but a template."""

from __future__ import annotations

import re
from typing import Iterator

from replyaid.checks.base import CheckContext
from replyaid.checks.lexicons import matcher, slug
from replyaid.checks.phrases import PhraseMatch
from replyaid.results import Finding

CONTENT_POS = frozenset({"NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTF", "PRTS"})
_SPECIFIC = re.compile(r"\d|https?://|www\.|@")


def canned_matches(context: CheckContext) -> list[PhraseMatch]:
    if "canned" not in context.memo:
        context.memo["canned"] = matcher(context.draft.lang, "canned", context.settings).find(context.draft)
    return context.memo["canned"]


def _alternatives(text: str) -> list[str]:
    return [a.strip() for a in text.split(";") if a.strip() and a.strip() not in ("—", "-")]


class CannedPhrases:
    """Each stock phrase, with a plainer alternative.

    Matching is on lemmas, so «приносим свои извинения за доставленные
    неудобства» is caught as well as the dictionary form.
    """

    name = "canned.phrases"
    category = "canned"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        if context.draft.lang not in ("ru", "uk"):
            return
        for m in canned_matches(context):
            yield context.finding(
                "canned",
                slug(m.entry.id),
                m.start,
                m.end,
                message_key="CANNED_BUREAUCRATIC" if m.entry.kind == "bureaucratic" else "CANNED",
                suggestions=_alternatives(m.entry.alternative),
                severity="warning" if m.entry.kind != "bureaucratic" else "info",
            )


def content_lemmas(doc) -> set[str]:  # type: ignore[no-untyped-def]
    return {t.lemma for t in doc.tokens if t.is_word and t.pos in CONTENT_POS and len(t.lemma) > 3}


class TemplateReply:
    """A draft made mostly of stock sentences that refers to nothing specific in
    the customer's message (no shared content word, no number, link or code)."""

    name = "canned.template"
    category = "canned"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        if context.draft.lang not in ("ru", "uk"):
            return
        matches = canned_matches(context)
        if not matches:
            return
        letters = sum(1 for ch in context.original if not ch.isspace()) or 1
        covered = sum(sum(1 for ch in context.original[m.start : m.end] if not ch.isspace()) for m in matches)
        share = covered / letters
        if share < context.threshold("max_canned_share") and len(matches) < 3:
            return
        if _SPECIFIC.search(context.draft.text):
            return
        if context.incoming is not None:
            canned_tokens = {id(t) for m in matches for t in m.tokens}
            own = {t.lemma for t in context.draft.tokens if t.is_word and id(t) not in canned_tokens and t.pos in CONTENT_POS and len(t.lemma) > 3}
            if own & content_lemmas(context.incoming):
                return
        start, end = context.whole_draft()
        yield context.finding("canned", f"{context.lang_prefix}_CANNED_TEMPLATE", start, end, message_key="CANNED_TEMPLATE", share=round(100 * share))
