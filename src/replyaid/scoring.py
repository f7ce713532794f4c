"""The 0–100 draft score.

``score = max(0, 100 - sum of penalties)``, where each finding costs by its
severity (error 15, warning 7, info 2) and one category costs at most 40, so a
draft full of one kind of problem still shows the difference that fixing
another kind makes. 100 means nothing to fix.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from replyaid.results import Finding

PENALTY = {"error": 15, "warning": 7, "info": 2}
CATEGORY_CAP = 40


def draft_score(findings: Iterable[Finding]) -> int:
    """Score a draft from its findings.

    >>> draft_score([])
    100
    """
    per_category: dict[str, int] = defaultdict(int)
    for finding in findings:
        per_category[finding.category] += PENALTY[finding.severity]
    total = sum(min(CATEGORY_CAP, cost) for cost in per_category.values())
    return max(0, 100 - total)
