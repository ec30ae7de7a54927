"""Backup retention and the 30-minute schedule: pure functions, property-tested."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashcards.services.backup import BackupScheduler, RetentionPolicy, backups_to_keep

NOW = datetime(2026, 3, 2, 9, 0)
# Backups within the last 400 days, to the second (some of them on the same day, hour, second).
moments = st.lists(
    st.integers(min_value=0, max_value=400 * 86400).map(lambda s: NOW - timedelta(seconds=s)),
    max_size=60,
)
policies = st.builds(
    RetentionPolicy,
    keep_last=st.integers(1, 15),
    daily_days=st.none() | st.integers(0, 14),
    weekly_days=st.none() | st.integers(0, 60),
    monthly_days=st.none() | st.integers(0, 500),
)


def _within(moment: datetime, days: int | None) -> bool:
    return days is None or NOW - moment < timedelta(days=days)


@given(moments, policies)
@settings(max_examples=300)
def test_keeps_a_subset_with_the_newest_ones(
    times: list[datetime], policy: RetentionPolicy
) -> None:
    keep = backups_to_keep(times, NOW, policy)
    assert keep <= set(times)
    newest = sorted(set(times), reverse=True)[: policy.keep_last]
    assert set(newest) <= keep


@given(moments, policies)
@settings(max_examples=300)
def test_every_day_week_and_month_in_its_window_keeps_one(
    times: list[datetime], policy: RetentionPolicy
) -> None:
    keep = backups_to_keep(times, NOW, policy)
    tiers = (
        (policy.daily_days, lambda t: t.date()),
        (policy.weekly_days, lambda t: t.isocalendar()[:2]),
        (policy.monthly_days, lambda t: (t.year, t.month)),
    )
    for days, bucket in tiers:
        if days == 0:
            continue
        wanted = {bucket(t) for t in times if _within(t, days)}
        kept = {bucket(t) for t in keep if _within(t, days)}
        assert wanted <= kept


@given(moments, policies)
@settings(max_examples=300)
def test_pruning_is_idempotent_and_order_free(
    times: list[datetime], policy: RetentionPolicy
) -> None:
    keep = backups_to_keep(times, NOW, policy)
    assert backups_to_keep(keep, NOW, policy) == keep
    assert backups_to_keep(list(reversed(times)), NOW, policy) == keep


@given(moments)
@settings(max_examples=300)
def test_default_policy_stays_small(times: list[datetime]) -> None:
    keep = backups_to_keep(times, NOW)
    # The last 10, at most 7 days, 6 ISO weeks in 31 days, one per month of the 400 days.
    assert len(keep) <= 10 + 7 + 6 + 15
    # Nothing of a day is dropped while fewer than ten backups exist.
    if len(set(times)) <= 10:
        assert keep == set(times)


def test_default_policy_on_a_year_of_hourly_backups() -> None:
    times = [NOW - timedelta(hours=h) for h in range(24 * 365)]
    keep = sorted(backups_to_keep(times, NOW), reverse=True)
    assert keep[:10] == times[:10]
    days = {t.date() for t in keep if NOW - t < timedelta(days=7)}
    assert len(days) == 8  # seven times 24 hours touch eight dates
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 13  # March 2025 .. March 2026
    assert len(keep) < 40


def test_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="keep_last"):
        RetentionPolicy(keep_last=0)
    with pytest.raises(ValueError, match="daily_days"):
        RetentionPolicy(daily_days=-1)


# -- the 30-minute schedule ---------------------------------------------------------------------

steps = st.lists(st.integers(min_value=-60, max_value=3 * 3600), max_size=80)


@given(steps)
@settings(max_examples=300)
def test_use_never_counts_more_than_the_time_that_passed(gaps: list[int]) -> None:
    scheduler = BackupScheduler()
    now = NOW
    scheduler.note_use(now)
    latest = now
    for gap in gaps:
        now += timedelta(seconds=gap)  # the clock may even step back
        scheduler.note_use(now)
        latest = max(latest, now)
    assert timedelta(0) <= scheduler.used <= latest - NOW
    assert scheduler.used <= len(gaps) * scheduler.idle_after


def test_due_after_thirty_minutes_of_use_when_something_changed() -> None:
    scheduler = BackupScheduler()
    now = NOW
    for _ in range(29):  # a timer tick a minute while the user studies
        scheduler.note_use(now)
        now += timedelta(minutes=1)
    scheduler.note_use(now)
    assert scheduler.used == timedelta(minutes=29)
    assert not scheduler.due()
    now += timedelta(minutes=1)
    scheduler.note_use(now)
    assert scheduler.due()
    assert not scheduler.due(changed=False)
    scheduler.backed_up()
    assert not scheduler.due()


def test_a_long_break_counts_as_five_minutes() -> None:
    scheduler = BackupScheduler()
    scheduler.note_use(NOW)
    scheduler.note_use(NOW + timedelta(hours=3))
    assert scheduler.used == timedelta(minutes=5)
    assert not scheduler.due()
