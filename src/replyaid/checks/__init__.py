"""Registered draft checks, in the order their findings are reported.

Each check's ``name`` is its public configuration key (``"language"`` switches
off the whole category, ``"language.wrong_language"`` just that check).
"""

from __future__ import annotations

from replyaid.checks.base import Check, CheckContext, render_message
from replyaid.checks.language import WrongLanguage


def default_checks() -> list[Check]:
    """New instances of every built-in check."""
    return [WrongLanguage()]


def is_disabled(name: str, disabled: frozenset[str]) -> bool:
    """True when ``name`` or one of its dotted prefixes is in ``disabled``."""
    parts = name.split(".")
    return any(".".join(parts[:i]) in disabled for i in range(1, len(parts) + 1))


__all__ = ["Check", "CheckContext", "default_checks", "is_disabled", "render_message"]
