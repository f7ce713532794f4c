"""``timing``: a reply later than the response-time target, or sent at night
to a customer who wrote in the daytime (optional inputs)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from replyaid.checks.base import CheckContext
from replyaid.results import Finding


def _local(moment: datetime, tz: str | None) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    if tz:
        try:
            return moment.astimezone(ZoneInfo(tz))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"customer_tz must be an IANA time zone such as Europe/Kyiv, got {tz!r}") from None
    return moment


def _is_night(hour: int, start: int, end: int) -> bool:
    return hour >= start or hour < end if start > end else start <= hour < end


class Timing:
    name = "timing"
    category = "timing"

    def run(self, context: CheckContext) -> Iterator[Finding]:
        received, sent = context.received_at, context.sent_at
        if sent is None:
            return
        start, end = context.whole_draft()
        prefix = context.lang_prefix
        sent_local = _local(sent, context.customer_tz)
        if received is not None:
            received_local = _local(received, context.customer_tz)
            hours = (sent_local - received_local).total_seconds() / 3600
            limit = context.threshold("response_hours")
            if hours > limit:
                yield context.finding("timing", f"{prefix}_TIMING_LATE", start, end, message_key="TIMING_LATE", hours=round(hours), limit=round(limit))
        night = (int(context.threshold("night_start")), int(context.threshold("night_end")))
        if _is_night(sent_local.hour, *night) and (received is None or not _is_night(_local(received, context.customer_tz).hour, *night)):
            yield context.finding("timing", f"{prefix}_TIMING_NIGHT", start, end, message_key="TIMING_NIGHT", time=sent_local.strftime("%H:%M"))
