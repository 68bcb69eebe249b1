"""When a schedule runs next: pure functions of the schedule's choices, the UAI and ``now``.

Every establishment gets a fixed offset derived from its UAI, so a thousand establishments choosing the
same night spread over the window instead of all firing at 02:00, and each always runs at the same time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class NightWindow:
    start_hour: int  # local time the window opens (e.g. 1 for 01:00)
    hours: int  # its length


@dataclass(frozen=True)
class Slot:
    frequency: str  # "daily" or "weekly"
    weekday: int  # Monday = 0, for "weekly"
    hour: int  # -1: anywhere in the window; otherwise the hour the run starts in


def spread_offset(uai: str, span: dt.timedelta) -> dt.timedelta:
    """A stable offset in [0, span) for this UAI, to the second."""
    seconds = int(span.total_seconds())
    digest = int.from_bytes(hashlib.sha256(uai.encode()).digest()[:8], "big")
    return dt.timedelta(seconds=digest % max(seconds, 1))


def _start_and_span(slot: Slot, window: NightWindow) -> tuple[dt.timedelta, dt.timedelta]:
    if slot.hour < 0:
        return dt.timedelta(hours=window.start_hour), dt.timedelta(hours=window.hours)
    return dt.timedelta(hours=slot.hour), dt.timedelta(hours=1)


def next_run(*, slot: Slot, uai: str, window: NightWindow, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """The first run strictly after ``now`` (aware, in ``tz``'s wall-clock time)."""
    start, span = _start_and_span(slot, window)
    at = start + spread_offset(uai, span)
    day = now.astimezone(tz).date()
    for _ in range(9):
        candidate = dt.datetime.combine(day, dt.time(), tzinfo=tz) + at
        weekday_ok = slot.frequency != "weekly" or candidate.weekday() == slot.weekday
        if weekday_ok and candidate > now:
            return candidate
        day += DAY
    raise AssertionError("a weekly slot recurs within 8 days")
