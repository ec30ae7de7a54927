"""Answers, drills, statuses, study days and the session queue."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.core.days import study_day
from flashcards.core.queue import DueCard, SessionQueue, interleave, order_reviews, resolve_limit
from flashcards.core.scheduling import (
    AnswerKind,
    CardSchedule,
    CardStatus,
    answer,
    preview_intervals,
)
from flashcards.core.sm2 import SM2State

TODAY = 740_000


def test_first_answer_of_a_new_card_is_a_learn() -> None:
    after, kind = answer(CardSchedule(), 4, TODAY)
    assert kind is AnswerKind.LEARN
    assert after.due == TODAY + 1
    assert after.drill_day is None
    assert after.status(TODAY) is CardStatus.SCHEDULED


def test_grade_below_four_sets_a_drill_for_today() -> None:
    after, kind = answer(CardSchedule(), 3, TODAY)
    assert kind is AnswerKind.LEARN
    assert after.sm2 == SM2State(1, 1, Decimal("2.36"))
    assert after.drill_day == TODAY
    assert after.status(TODAY) is CardStatus.LEARNING
    # Tomorrow the drill is over and the card is simply due.
    assert after.status(TODAY + 1) is CardStatus.REVIEW


def test_drills_leave_the_sm2_state_alone_until_a_four() -> None:
    failed, _ = answer(CardSchedule(), 1, TODAY)
    again, kind = answer(failed, 2, TODAY)
    assert kind is AnswerKind.DRILL
    assert again == failed
    passed, kind = answer(again, 4, TODAY)
    assert kind is AnswerKind.DRILL
    assert passed.sm2 == failed.sm2 and passed.due == failed.due
    assert passed.drill_day is None


def test_max_interval_caps_the_stored_interval() -> None:
    state = CardSchedule(sm2=SM2State(5, 300, Decimal("2.5")), due=TODAY)
    after, _ = answer(state, 5, TODAY, max_interval=365)
    assert after.sm2.interval == 365
    assert after.due == TODAY + 365


def test_preview_intervals_per_grade() -> None:
    state = CardSchedule(sm2=SM2State(2, 6, Decimal("2.5")), due=TODAY)
    assert preview_intervals(state, (1, 3, 4, 5), TODAY) == {1: None, 3: None, 4: 15, 5: 15}


def test_invalid_grade_is_refused_in_drills_too() -> None:
    failed, _ = answer(CardSchedule(), 1, TODAY)
    with pytest.raises(ValueError):
        answer(failed, 7, TODAY)


def test_suspended_and_buried_statuses() -> None:
    assert CardSchedule(suspended=True).status(TODAY) is CardStatus.SUSPENDED
    buried = CardSchedule(due=TODAY, buried_until=TODAY + 1)
    assert buried.status(TODAY) is CardStatus.BURIED
    assert buried.status(TODAY + 1) is CardStatus.REVIEW


def test_study_day_rolls_over_at_the_configured_hour() -> None:
    tz = timezone(timedelta(hours=8))
    late = datetime(2026, 3, 2, 3, 59, tzinfo=tz)
    early = datetime(2026, 3, 2, 4, 0, tzinfo=tz)
    assert study_day(late, 4) == study_day(early, 4) - 1
    assert study_day(late, 0) == study_day(early, 0)
    with pytest.raises(ValueError):
        study_day(early, 24)


def test_reviews_most_overdue_first_and_seeded() -> None:
    cards = [DueCard(i, due) for i, due in enumerate([5, 3, 3, 9, 1, 3])]
    first = order_reviews(cards, random.Random(7))
    assert first[0] == 4 and first[-1] == 3
    assert set(first[1:4]) == {1, 2, 5}
    assert order_reviews(cards, random.Random(7)) == first


@given(
    st.lists(st.integers(), unique=True, max_size=40),
    st.lists(st.integers(), unique=True, max_size=40),
)
def test_interleave_keeps_both_orders(reviews: list[int], new: list[int]) -> None:
    merged = interleave(reviews, [n for n in new if n not in reviews])
    assert [c for c in merged if c in reviews] == reviews
    assert len(merged) == len(reviews) + len([n for n in new if n not in reviews])


def test_interleave_spreads_new_cards() -> None:
    merged = interleave(list(range(100, 106)), [1, 2])
    assert merged.index(1) in (1, 2, 3) and merged.index(2) in (4, 5, 6)


def test_resolve_limit_walks_up_the_chain() -> None:
    assert resolve_limit(["deck", "user/k8s", "user"], {"user": 5}, 20) == 5
    assert resolve_limit(["deck", "user"], {"deck": 0, "user": 5}, 20) == 0
    assert resolve_limit(["deck"], {}, 20) == 20


@given(st.integers(1, 30), st.lists(st.booleans(), max_size=200), st.integers(1, 5))
def test_queue_never_repeats_a_card_while_others_wait(
    size: int, agains: list[bool], gap: int
) -> None:
    queue = SessionQueue(range(size), drill_gap=gap)
    previous = None
    for again in agains:
        card = queue.peek()
        if card is None:
            break
        if previous is not None and len(queue) > 1:
            assert card != previous
        queue.done(card, again=again)
        previous = card


@given(st.integers(1, 40), st.lists(st.tuples(st.booleans(), st.booleans()), max_size=80))
def test_queue_undo_restores_the_exact_order(size: int, steps: list[tuple[bool, bool]]) -> None:
    queue = SessionQueue(range(size))
    history: list[tuple[tuple[int, ...], str, int, int | None]] = []
    for again, set_aside in steps:
        card = queue.peek()
        if card is None:
            break
        before = queue.cards
        if set_aside:
            history.append((before, "remove", card, queue.remove(card)))
        else:
            history.append((before, "done", card, queue.done(card, again=again)))
    for before, action, card, position in reversed(history):
        if action == "done":
            queue.undo_done(card, position)
        else:
            assert position is not None
            queue.put_back(card, position)
        assert queue.cards == before


def test_done_refuses_a_card_that_is_not_current() -> None:
    queue = SessionQueue([1, 2, 3])
    with pytest.raises(ValueError):
        queue.done(2, again=False)


def test_upcoming_lists_the_next_cards() -> None:
    queue = SessionQueue([4, 5, 6])
    assert queue.upcoming(2) == (4, 5)
    queue.done(4, again=False)
    assert queue.upcoming(5) == (5, 6)
