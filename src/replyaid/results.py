"""Result value objects returned by the public API.

All of them are frozen dataclasses whose ``to_dict()`` gives the JSON shape
documented in DESIGN.md, so a helpdesk plugin can ``json.dumps`` them as is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Category = Literal["canned", "jargon", "length", "name", "grammar", "tone", "language", "timing"]
Severity = Literal["error", "warning", "info"]

CATEGORIES: tuple[str, ...] = ("canned", "jargon", "length", "name", "grammar", "tone", "language", "timing")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Label:
    """A predicted label with its calibrated probability.

    ``label`` and ``score`` are both ``None`` when nothing was predicted (empty
    text, or no model for that field).
    """

    label: str | bool | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "score": self.score}


NO_LABEL = Label()


@dataclass(frozen=True)
class Analysis:
    """Triage of one incoming message.

    >>> Analysis(language="uk", language_score=0.99).to_dict()["language"]
    'uk'
    """

    language: str
    language_score: float
    topic: Label = NO_LABEL
    department: Label = NO_LABEL
    complaint: Label = NO_LABEL
    sentiment: Label = NO_LABEL
    #: True when only the first ``max_triage_chars`` characters were classified.
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "language_score": self.language_score,
            "topic": self.topic.to_dict(),
            "department": self.department.to_dict(),
            "complaint": self.complaint.to_dict(),
            "sentiment": self.sentiment.to_dict(),
        }


@dataclass(frozen=True)
class Finding:
    """One problem in a draft: ``draft[start:end] == text``."""

    category: str
    code: str
    message: str
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    severity: str = "warning"

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown finding category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown finding severity {self.severity!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "code": self.code,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "severity": self.severity,
        }


@dataclass(frozen=True)
class Report:
    """The result of checking one draft reply.

    ``score`` is 0–100 (100 = nothing to fix); ``stats`` holds figures such as
    word counts and readability that are not problems in themselves.
    """

    language: str
    score: int
    findings: tuple[Finding, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)

    def by_category(self) -> dict[str, list[Finding]]:
        """Findings grouped by category, in the order of ``CATEGORIES``."""
        groups: dict[str, list[Finding]] = {}
        for category in CATEGORIES:
            items = [f for f in self.findings if f.category == category]
            if items:
                groups[category] = items
        return groups

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "score": self.score,
            "findings": [f.to_dict() for f in self.findings],
            "stats": dict(self.stats),
        }
