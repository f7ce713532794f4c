"""``language``: the draft is not in the language of the customer's message."""

from __future__ import annotations

from typing import Iterator

from replyaid.checks.base import CheckContext
from replyaid.resources import LANGUAGES
from replyaid.results import Finding

LANGUAGE_NAMES = {
    "ru": {"ru": "русском", "uk": "украинском", "other": "другом"},
    "uk": {"ru": "російською", "uk": "українською", "other": "іншою"},
}


class WrongLanguage:
    """Flags a whole draft written in another language than the incoming message.

    Only decided when the customer's language is known (``ru`` or ``uk``) and
    the draft's language was identified, not forced by the caller.
    """

    name = "language.wrong_language"
    category = "language"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        customer = context.incoming_language
        if customer not in LANGUAGES or context.language in ("unknown", customer):
            return
        names = LANGUAGE_NAMES[context.message_language]
        start, end = context.whole_draft()
        yield context.finding(
            "language",
            f"{customer.upper()}_WRONG_LANGUAGE",
            start,
            end,
            message=None,
            severity="error",
            draft_language=names.get(context.language, names["other"]),
            customer_language=names[customer],
        )
