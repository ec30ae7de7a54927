"""Study days: local calendar days that roll over at a configurable hour, and the clock protocol."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol

__all__ = ["Clock", "SystemClock", "day_to_date", "study_day"]


class Clock(Protocol):
    """Where the time comes from; tests inject a fixed or stepping clock."""

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    """The real local time."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


def study_day(now: datetime, rollover_hour: int = 4) -> int:
    """The study day of ``now`` as a day number (``date.toordinal``).

    A review at 01:30 with a 04:00 rollover still belongs to yesterday, as learners expect from a
    late-night session.
    """
    if not 0 <= rollover_hour <= 23:
        raise ValueError(f"rollover hour must be 0..23, not {rollover_hour}")
    return (now - timedelta(hours=rollover_hour)).date().toordinal()


def day_to_date(day: int) -> date:
    """The calendar date of a day number."""
    return date.fromordinal(day)
