"""Registered draft checks, in the order their findings are reported.

Each check's ``name`` is its public configuration key: ``"tone"`` switches
off the whole category, ``"tone.greeting"`` just that check.
"""

from __future__ import annotations

from replyaid.checks.base import Check, CheckContext, render_message
from replyaid.checks.canned import CannedPhrases, TemplateReply
from replyaid.checks.grammar import Grammar
from replyaid.checks.jargon import JargonTerms, TechnicalDensity
from replyaid.checks.language import WrongLanguage
from replyaid.checks.length import Length
from replyaid.checks.names import CustomerName
from replyaid.checks.timing import Timing
from replyaid.checks.tone import CurtReply, Greeting, Shouting, TonePhrases

CHECKS: tuple[type, ...] = (
    WrongLanguage,
    CannedPhrases,
    TemplateReply,
    JargonTerms,
    TechnicalDensity,
    Length,
    CustomerName,
    TonePhrases,
    CurtReply,
    Shouting,
    Greeting,
    Grammar,
    Timing,
)


def default_checks(grammar: str = "builtin", languagetool_url: str | None = None) -> list[Check]:
    """New instances of every built-in check (``grammar``: builtin, languagetool or off)."""
    checks: list[Check] = []
    for check in CHECKS:
        if check is Grammar:
            if grammar != "off":
                checks.append(Grammar(grammar, languagetool_url))
        else:
            checks.append(check())
    return checks


def check_names() -> list[str]:
    return [check.name for check in CHECKS]


def is_disabled(name: str, disabled: frozenset[str]) -> bool:
    """True when ``name`` or one of its dotted prefixes is in ``disabled``."""
    parts = name.split(".")
    return any(".".join(parts[:i]) in disabled for i in range(1, len(parts) + 1))


__all__ = ["CHECKS", "Check", "CheckContext", "check_names", "default_checks", "is_disabled", "render_message"]
