"""Statistics shaped for the charts, without any widget."""

from __future__ import annotations

from datetime import date, timedelta

from flashcards.gui.stats.shaping import (
    INTERVAL_BUCKETS,
    forecast_bars,
    grade_bars,
    heat_level,
    heatmap,
    interval_bars,
    nice_ticks,
    retention_rows,
    reviews_bars,
)
from flashcards.services.stats import DeckStats

TODAY = date(2026, 3, 4)  # a Wednesday


def test_heatmap_is_a_year_of_week_columns_ending_today() -> None:
    reviews = {"2026-03-04": 10, "2026-03-02": 5, "2025-03-01": 99, "2026-01-01": 1}
    calendar = heatmap(reviews, TODAY)
    assert calendar.weeks == 53
    last = calendar.cells[-1]
    assert (last.day, last.week, last.weekday, last.count) == (TODAY, 52, 2, 10)
    first = calendar.cells[0]
    assert first.day.weekday() == 0 and (first.week, first.weekday) == (0, 0)
    assert len(calendar.cells) == 52 * 7 + 3
    assert calendar.total == 16  # the review older than the grid is left out
    assert calendar.max_count == 10 and calendar.active_days == 3
    by_day = {c.day: c for c in calendar.cells}
    assert [by_day[date(2026, 3, d)].level for d in (2, 3, 4)] == [2, 0, 4]
    assert by_day[date(2026, 1, 1)].level == 1


def test_heatmap_weeks_can_start_on_sunday() -> None:
    calendar = heatmap({}, TODAY, first_weekday=6)
    assert calendar.cells[0].day.weekday() == 6
    assert calendar.cells[-1].weekday == 3  # Sun, Mon, Tue, Wed
    assert calendar.total == calendar.max_count == 0
    assert {c.level for c in calendar.cells} == {0}


def test_heatmap_month_labels_sit_on_their_first_week() -> None:
    calendar = heatmap({}, TODAY)
    months = [(week, first.month) for week, first in calendar.months]
    assert [m for _, m in months] == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    weeks = [w for w, _ in months]
    assert weeks == sorted(weeks) and weeks[-1] == 51  # 1 March 2026 is a Sunday
    for week, first in calendar.months[1:]:
        column = [c.day for c in calendar.cells if c.week == week]
        assert first in column


def test_heat_levels() -> None:
    assert [heat_level(n, 8) for n in (0, 1, 2, 3, 4, 5, 8, 9)] == [0, 1, 1, 2, 2, 3, 4, 4]
    assert heat_level(3, 0) == 0


def test_forecast_and_reviews_bars() -> None:
    bars = forecast_bars([3, 0, 7], TODAY)
    assert [(b.key, b.value) for b in bars] == [
        (TODAY + timedelta(days=1), 3),
        (TODAY + timedelta(days=2), 0),
        (TODAY + timedelta(days=3), 7),
    ]
    last_week = reviews_bars({"2026-03-04": 4, "2026-02-26": 2, "2026-01-01": 9}, TODAY, 7)
    assert [b.key for b in last_week] == [TODAY - timedelta(days=6 - i) for i in range(7)]
    assert [b.value for b in last_week] == [2, 0, 0, 0, 0, 0, 4]
    assert len(reviews_bars({}, TODAY, 90)) == 90


def test_grade_bars_follow_the_grading_mode() -> None:
    four = grade_bars({1: 2, 3: 5, 4: 9, 5: 1}, "four")
    assert [(b.key, b.value) for b in four] == [(1, 2), (3, 5), (4, 9), (5, 1)]
    six = grade_bars({4: 3}, "six")
    assert [b.key for b in six] == [0, 1, 2, 3, 4, 5]
    # Answers given earlier in the other mode still show.
    assert [b.key for b in grade_bars({0: 1, 4: 3}, "four")] == [0, 1, 3, 4, 5]


def test_interval_bars_in_bucket_order() -> None:
    bars = interval_bars({">1y": 1, "1d": 4, "8-30d": 2})
    assert [b.key for b in bars] == list(INTERVAL_BUCKETS)
    assert [b.value for b in bars] == [4, 0, 2, 0, 0, 1]


def test_retention_rows_most_answered_first() -> None:
    decks = [
        DeckStats("a", "Alpha", reviews_30d=0, retention_30d=None),
        DeckStats("b", "beta", reviews_30d=40, retention_30d=0.9),
        DeckStats("c", "Gamma", reviews_30d=40, retention_30d=0.5),
        DeckStats("d", "Delta", reviews_30d=100, retention_30d=0.75),
    ]
    rows = retention_rows(decks)
    assert [r.title for r in rows] == ["Delta", "beta", "Gamma", "Alpha"]
    assert rows[0].retention == 0.75 and rows[-1].retention is None
    assert len(retention_rows(decks, limit=2)) == 2


def test_nice_ticks() -> None:
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(95) == [0, 50, 100]
    assert nice_ticks(1234) == [0, 500, 1000, 1500]
    for maximum in (1, 9, 17, 250, 9999):
        ticks = nice_ticks(maximum)
        assert ticks[0] == 0 and ticks[-1] >= maximum and len(ticks) <= 6
