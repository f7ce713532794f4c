"""``jargon``: internal slang, chat abbreviations and technical terms, and
drafts that are too technical as a whole."""

from __future__ import annotations

import re
from typing import Iterator

from replyaid.checks.base import CheckContext
from replyaid.checks.lexicons import matcher, slug
from replyaid.checks.phrases import PhraseMatch
from replyaid.results import Finding

_CODE_LIKE = re.compile(r"^(?:[A-Za-z]+_[A-Za-z_]+|[a-z]+[A-Z][A-Za-z]+|0x[0-9a-fA-F]+|[A-Z]{2,}_[A-Z_]+|\w+\(\))$")


def jargon_matches(context: CheckContext) -> list[PhraseMatch]:
    if "jargon" not in context.memo:
        lang = context.draft.lang
        if lang not in ("ru", "uk"):
            context.memo["jargon"] = []
            return []
        found = matcher(lang, "jargon", context.settings).find(context.draft)
        allowed = context.settings.allowed_terms
        context.memo["jargon"] = [
            m
            for m in found
            if m.entry.id not in customer_terms(context)
            # a button or menu name quoted as it appears on screen: «Экспорт в JSON»
            and not context.quoted(m.start, m.end)
            and m.entry.phrase.lower() not in allowed
            # the customer wrote the term (every word of it, in any form) or it is a company term
            and not all(t.lower in allowed or context.customer_used(t.lower) for t in m.tokens)
        ]
    return context.memo["jargon"]


def customer_terms(context: CheckContext) -> dict[str, str]:
    """Jargon entries found in the incoming message: entry id -> kind."""
    if "customer_terms" not in context.memo:
        incoming = context.incoming
        found = matcher(incoming.lang, "jargon", context.settings).find(incoming) if incoming is not None and incoming.lang in ("ru", "uk") else []
        context.memo["customer_terms"] = {m.entry.id: m.entry.kind for m in found}
    return context.memo["customer_terms"]


class JargonTerms:
    """Slang, abbreviations and technical terms the customer may not know.

    A term the customer used first in the incoming message is not flagged,
    nor are the company's allowed product terms or a term inside «…», where
    the agent quotes a button or menu as it appears on screen. A customer who
    writes technical terms himself («SSL», «API») is technical: the draft's
    technical terms are then only noted (``info``); slang and chat
    abbreviations stay warnings.
    """

    name = "jargon.terms"
    category = "jargon"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        if context.draft.lang not in ("ru", "uk"):
            return
        technical_customer = "tech" in customer_terms(context).values()
        for m in jargon_matches(context):
            yield context.finding(
                "jargon",
                slug(m.entry.id),
                m.start,
                m.end,
                message_key=f"JARGON_{m.entry.kind.upper()}" if m.entry.kind in ("slang", "abbr", "tech") else "JARGON_SLANG",
                suggestions=[a.strip() for a in m.entry.alternative.split(";") if a.strip()],
                severity="info" if technical_customer and m.entry.kind == "tech" else "warning",
            )


class TechnicalDensity:
    """The draft as a whole is too technical: many technical terms or code-like
    tokens for its length."""

    name = "jargon.technical"
    category = "jargon"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        words = [t for t in context.draft.tokens if t.is_word or _CODE_LIKE.match(t.text)]
        if not words:
            return
        technical = sum(m.entry.kind == "tech" for m in jargon_matches(context))
        technical += sum(1 for t in context.draft.tokens if not t.is_space and _CODE_LIKE.match(t.text))
        share = technical / len(words)
        if technical >= context.threshold("min_technical_terms") and share >= context.threshold("max_technical_share"):
            start, end = context.whole_draft()
            yield context.finding(
                "jargon", f"{context.lang_prefix}_JARGON_TECHNICAL", start, end, message_key="JARGON_TECHNICAL", count=technical, severity="info"
            )
