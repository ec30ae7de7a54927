"""SM-2 exactly as specified: fixed tables plus properties."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards.core.sm2 import MIN_EASINESS, SM2State, easiness_delta, review

D = Decimal


def run(grades: list[int]) -> SM2State:
    state = SM2State()
    for grade in grades:
        state = review(state, grade)
    return state


@pytest.mark.parametrize(
    ("quality", "delta"),
    [(5, "0.10"), (4, "0.00"), (3, "-0.14"), (2, "-0.32"), (1, "-0.54"), (0, "-0.80")],
)
def test_easiness_delta_per_grade(quality: int, delta: str) -> None:
    assert easiness_delta(quality) == D(delta)


def test_first_successes_give_1_then_6_days() -> None:
    first = review(SM2State(), 4)
    assert first == SM2State(1, 1, D("2.50"))
    second = review(first, 4)
    assert second == SM2State(2, 6, D("2.50"))
    third = review(second, 4)
    assert third == SM2State(3, 15, D("2.50"))  # ceil(6 * 2.5)


def test_third_interval_uses_easiness_from_before_the_review() -> None:
    state = SM2State(repetitions=2, interval=6, easiness=D("2.5"))
    after = review(state, 5)
    assert after.interval == 15  # 6 * 2.5, not 6 * 2.6
    assert after.easiness == D("2.60")


def test_failure_restarts_repetitions_but_keeps_easiness() -> None:
    state = SM2State(repetitions=5, interval=40, easiness=D("2.3"))
    after = review(state, 2)
    assert after == SM2State(0, 1, D("1.98"))


def test_easiness_never_drops_below_1_3() -> None:
    assert run([0, 0, 0, 0]).easiness == MIN_EASINESS
    assert review(SM2State(3, 10, D("1.35")), 3).easiness == D("1.3")


def test_float_trap_sequence_lands_on_the_exact_day() -> None:
    # In binary floats 1.7 - 0.54 + 0.1 + 0.1 = 1.5000000000000002 and ceil(6 * that) is 10.
    state = run([4, 4, 0, 1, 5, 5, 4])
    assert state == SM2State(3, 9, D("1.50"))


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([5, 5, 5, 5], SM2State(4, 48, D("2.90"))),  # 1, 6, ceil(6 * 2.7) = 17, ceil(17 * 2.8) = 48
        ([3, 3, 3], SM2State(3, 14, D("2.08"))),
        ([4, 3, 4, 4, 4], SM2State(5, 85, D("2.36"))),  # 1, 6, 15, 36, ceil(36 * 2.36) = 85
        ([0], SM2State(0, 1, D("1.70"))),
        ([5, 2, 5, 5, 5], SM2State(3, 15, D("2.58"))),  # restart keeps EF 2.28
    ],
)
def test_fixed_sequences(grades: list[int], expected: SM2State) -> None:
    assert run(grades) == expected


@pytest.mark.parametrize("bad", [-1, 6, 3.0, "4", None, True, False, 4.5])
def test_quality_outside_0_to_5_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="quality must be an int from 0 to 5"):
        review(SM2State(), bad)  # type: ignore[arg-type]


def _float_model(grades: list[int]) -> tuple[int, int]:
    reps, interval, ef = 0, 0, D("2.5")
    for q in grades:
        if q >= 3:
            interval = 1 if reps == 0 else 6 if reps == 1 else math.ceil(D(interval) * ef)
            reps += 1
        else:
            reps, interval = 0, 1
        ef = max(D("1.3"), ef + D("0.1") - (5 - q) * (D("0.08") + (5 - q) * D("0.02")))
    return reps, interval


grades_lists = st.lists(st.integers(0, 5), max_size=30)


@given(grades_lists)
def test_matches_an_independent_decimal_model(grades: list[int]) -> None:
    state = run(grades)
    assert (state.repetitions, state.interval) == _float_model(grades)


@given(grades_lists)
def test_easiness_is_two_place_and_bounded(grades: list[int]) -> None:
    state = run(grades)
    assert state.easiness >= MIN_EASINESS
    assert state.easiness == state.easiness.quantize(D("0.01"))


@given(
    st.builds(
        SM2State, st.integers(0, 50), st.integers(0, 5000), st.decimals("1.3", "4.0", places=2)
    ),
    st.integers(0, 5),
)
def test_success_never_shortens_a_mature_interval(state: SM2State, quality: int) -> None:
    after = review(state, quality)
    if quality < 3:
        assert (after.repetitions, after.interval) == (0, 1)
    else:
        assert after.repetitions == state.repetitions + 1
        if state.repetitions >= 2:
            assert after.interval >= state.interval


@given(
    st.builds(
        SM2State, st.integers(0, 50), st.integers(0, 5000), st.decimals("1.3", "4.0", places=2)
    ),
    st.integers(0, 5),
)
def test_review_is_pure(state: SM2State, quality: int) -> None:
    assert review(state, quality) == review(state, quality)
