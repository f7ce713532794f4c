"""replyaid: triage of incoming customer messages and checks of draft replies
for Russian- and Ukrainian-speaking support teams, offline.

>>> import replyaid
>>> replyaid.analyze("Добрий день, де моє замовлення?").language
'uk'
"""

from __future__ import annotations

from datetime import datetime

from replyaid._version import __version__
from replyaid.assistant import Assistant, default_assistant
from replyaid.results import Analysis, Finding, Label, Report


def analyze(text: str) -> Analysis:
    """Triage one incoming message: language, topic, department, complaint, sentiment.

    >>> analyze("Где мой заказ? Жду уже неделю").language
    'ru'
    """
    return default_assistant().analyze(text)


def check_reply(
    draft: str,
    customer_name: str | None = None,
    incoming: str | None = None,
    lang: str | None = None,
    *,
    received_at: datetime | str | None = None,
    sent_at: datetime | str | None = None,
    customer_tz: str | None = None,
) -> Report:
    """Check an agent's draft reply before it is sent (see :meth:`Assistant.check_reply`).

    >>> check_reply("Олено, добрий день! Замовлення вже в дорозі.").language
    'uk'
    """
    return default_assistant().check_reply(
        draft,
        customer_name=customer_name,
        incoming=incoming,
        lang=lang,
        received_at=received_at,
        sent_at=sent_at,
        customer_tz=customer_tz,
    )


__all__ = ["Analysis", "Assistant", "Finding", "Label", "Report", "__version__", "analyze", "check_reply"]
