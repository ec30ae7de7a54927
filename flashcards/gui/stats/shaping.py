"""Statistics shaped for drawing: calendar cells, bars and axis ticks (plain Python, no Qt)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flashcards.core.grading import grades_for
from flashcards.services.stats import DeckStats

__all__ = [
    "Bar",
    "Heatmap",
    "HeatmapCell",
    "RetentionRow",
    "forecast_bars",
    "grade_bars",
    "heatmap",
    "interval_bars",
    "nice_ticks",
    "retention_rows",
    "reviews_bars",
]

HEAT_LEVELS = 4  # shades above "none"


@dataclass(frozen=True)
class HeatmapCell:
    """One day of the review calendar."""

    day: date
    count: int
    level: int  # 0 (no reviews) .. HEAT_LEVELS
    week: int  # column, 0 = oldest week
    weekday: int  # row, 0 = the first day of the week


@dataclass(frozen=True)
class Heatmap:
    """A year of days in week columns, GitHub style."""

    cells: tuple[HeatmapCell, ...]
    weeks: int
    months: tuple[tuple[int, date], ...]  # (week column, first day of the month starting there)
    max_count: int
    total: int
    active_days: int
    first_weekday: int  # 0 Monday .. 6 Sunday: the weekday of row 0


def heatmap(
    reviews_per_day: Mapping[str, int], today: date, *, weeks: int = 53, first_weekday: int = 0
) -> Heatmap:
    """The last ``weeks`` weeks up to ``today`` (days after today are left out)."""
    offset = (today.weekday() - first_weekday) % 7
    start = today - timedelta(days=offset + 7 * (weeks - 1))
    counts = {date.fromisoformat(day): count for day, count in reviews_per_day.items()}
    shown = [counts.get(start + timedelta(days=i), 0) for i in range((today - start).days + 1)]
    max_count = max(shown, default=0)
    cells: list[HeatmapCell] = []
    months: list[tuple[int, date]] = []
    for index, count in enumerate(shown):
        day = start + timedelta(days=index)
        week, weekday = divmod(index, 7)
        cells.append(HeatmapCell(day, count, heat_level(count, max_count), week, weekday))
        if day.day == 1 or index == 0:
            # A month is labelled at the first week column that holds its first day.
            months.append((week, day.replace(day=1)))
    # A first partial month too narrow for its label gives way to the next one.
    if len(months) > 1 and months[1][0] - months[0][0] < 3:
        months.pop(0)
    return Heatmap(
        cells=tuple(cells),
        weeks=weeks,
        months=tuple(months),
        max_count=max_count,
        total=sum(shown),
        active_days=sum(1 for c in shown if c),
        first_weekday=first_weekday,
    )


def heat_level(count: int, max_count: int) -> int:
    """0 for no reviews, else 1..4 by the share of the busiest day."""
    if count <= 0 or max_count <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * count / max_count)))


@dataclass(frozen=True)
class Bar:
    """One bar: what it stands for (a date, a grade, a bucket name) and its height."""

    key: object
    value: int


def forecast_bars(forecast: Sequence[int], today: date) -> list[Bar]:
    """Cards due on each of the next days (``forecast[0]`` is tomorrow)."""
    return [Bar(today + timedelta(days=i + 1), int(v)) for i, v in enumerate(forecast)]


def reviews_bars(reviews_per_day: Mapping[str, int], today: date, days: int) -> list[Bar]:
    """Answers on each of the last ``days`` days, today last."""
    first = today - timedelta(days=days - 1)
    return [
        Bar(day, int(reviews_per_day.get(day.isoformat(), 0)))
        for day in (first + timedelta(days=i) for i in range(days))
    ]


def grade_bars(grades: Mapping[int, int], grading: str) -> list[Bar]:
    """Answers per grade: the buttons of the grading mode, plus any other grade ever given."""
    shown = set(grades_for(grading))
    shown.update(q for q, n in grades.items() if n)
    return [Bar(q, int(grades.get(q, 0))) for q in sorted(shown)]


INTERVAL_BUCKETS = ("1d", "2-7d", "8-30d", "31-90d", "91-365d", ">1y")


def interval_bars(intervals: Mapping[str, int]) -> list[Bar]:
    """Review cards per interval bucket, shortest first."""
    return [Bar(name, int(intervals.get(name, 0))) for name in INTERVAL_BUCKETS]


@dataclass(frozen=True)
class RetentionRow:
    """One deck's share of answers graded 3 or more in the last 30 days."""

    title: str
    reviews: int
    retention: float | None


def retention_rows(decks: Sequence[DeckStats], *, limit: int = 12) -> list[RetentionRow]:
    """Decks answered in the last 30 days, most answered first (then the rest, up to ``limit``)."""
    rows = [RetentionRow(d.title, d.reviews_30d, d.retention_30d) for d in decks]
    rows.sort(key=lambda r: (-r.reviews, r.title.casefold()))
    return rows[:limit]


def nice_ticks(maximum: float, count: int = 4) -> list[int]:
    """Round axis values from 0 covering ``maximum`` (at least 1), about ``count`` steps."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    top = int(math.ceil(maximum / step) * step)
    return list(range(0, top + 1, step))
