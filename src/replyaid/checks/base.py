"""The building blocks of draft checks.

A check is a small unit with a ``name`` (its configuration key), a
``category`` and a ``run(context)`` that yields :class:`~replyaid.results.Finding`
objects. Checks never tokenise: they read the shared :class:`~replyaid.nlp.Doc`
of the draft (and of the incoming message) from the :class:`CheckContext`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable, Protocol

from replyaid.config import Settings
from replyaid.nlp import Doc
from replyaid.resources import LANGUAGES, iter_tsv, data_path
from replyaid.results import Finding


_QUOTED = re.compile(r"«[^«»\n]{1,80}»|„[^„“\n]{1,80}“")
MIN_STEM = 3


def word_stems(word: str) -> set[str]:
    """The word without an ending of up to three letters («хаба» -> «хаб», «хаба»)."""
    return {word[:n] for n in range(max(MIN_STEM, len(word) - 3), len(word) + 1)}


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may read about one draft."""

    draft: Doc
    language: str
    incoming: Doc | None = None
    #: the customer's language, when the incoming message was long enough to identify it
    incoming_language: str | None = None
    customer_name: str | None = None
    received_at: datetime | None = None
    sent_at: datetime | None = None
    customer_tz: str | None = None
    incoming_complaint: bool | None = None
    settings: Settings = field(default_factory=Settings)
    #: results shared between checks of one draft (e.g. canned matches)
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def lang_prefix(self) -> str:
        return self.message_language.upper()

    @property
    def customer_words(self) -> frozenset[str]:
        """Lowercase words of the incoming message (empty without one): a term
        the customer used first is not held against the agent."""
        if "customer_words" not in self.memo:
            words = {t.lower for t in self.incoming.tokens if t.is_word} if self.incoming is not None else set()
            self.memo["customer_words"] = frozenset(words)
        return self.memo["customer_words"]

    def customer_used(self, word: str) -> bool:
        """Did the customer write this lowercase word, in any case or number
        («хаб» after the customer's «без хаба»)?"""
        if "customer_stems" not in self.memo:
            self.memo["customer_stems"] = {stem for w in self.customer_words if len(w) >= MIN_STEM for stem in word_stems(w)}
        return word in self.customer_words or not word_stems(word).isdisjoint(self.memo["customer_stems"])

    @property
    def quoted_spans(self) -> list[tuple[int, int]]:
        """Spans of «…» and „…“ quotes in the draft: the customer's own words or
        a button as it appears on screen, which the agent is quoting."""
        if "quoted_spans" not in self.memo:
            self.memo["quoted_spans"] = [m.span() for m in _QUOTED.finditer(self.draft.original)]
        return self.memo["quoted_spans"]

    def quoted(self, start: int, end: int) -> bool:
        return any(s < start and end < e for s, e in self.quoted_spans)

    def threshold(self, name: str) -> float:
        return self.settings.thresholds[name]

    @property
    def original(self) -> str:
        return self.draft.original

    def finding(
        self,
        category: str,
        code: str,
        start: int,
        end: int,
        *,
        message: str | None = None,
        message_key: str | None = None,
        suggestions: Iterable[str] = (),
        severity: str = "warning",
        **message_args: Any,
    ) -> Finding:
        """A finding over ``original[start:end]`` with a message in the draft's language
        (``message_key`` names the template in ``data/<lang>/messages.tsv``; by
        default the code without its language prefix)."""
        text = self.original[start:end]
        if message is None:
            message = render_message(self.message_language, message_key or code, text=text, **message_args)
        return Finding(
            category=category,
            code=code,
            message=message,
            start=start,
            end=end,
            text=text,
            suggestions=tuple(dict.fromkeys(s for s in suggestions if s)),
            severity=severity,
        )

    def whole_draft(self) -> tuple[int, int]:
        return 0, len(self.original)

    @property
    def message_language(self) -> str:
        if self.language in LANGUAGES:
            return self.language
        return self.incoming_language if self.incoming_language in LANGUAGES else "ru"


class Check(Protocol):
    name: str
    category: str

    def run(self, context: CheckContext) -> Iterable[Finding]: ...


@functools.lru_cache(maxsize=None)
def _messages(lang: str) -> dict[str, str]:
    return {row["code"]: row["message"] for row in iter_tsv(data_path(lang, "messages.tsv"), ("code", "message"))}


def render_message(lang: str, code: str, **args: Any) -> str:
    """The short human message for ``code`` in ``lang`` (``data/<lang>/messages.tsv``).

    Codes are looked up without their language prefix (``RU_`` / ``UK_``), so
    one message template serves every rule of the same kind.
    """
    messages = _messages(lang if lang in LANGUAGES else "ru")
    key = code.split("_", 1)[1] if code[:3] in ("RU_", "UK_") else code
    template = messages.get(code) or messages.get(key) or code
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return template
