"""SuperMemo 2, exactly as Wozniak specified it, in exact decimal arithmetic.

The algorithm (https://super-memory.com/english/ol/sm2.htm), for a grade q in 0..5:

* q >= 3: the interval is 1 day after the first success, 6 after the second, and then
  ceil(interval * EF) with the E-Factor from *before* this review; repetitions += 1.
* q < 3: repetitions start anew (0) and the interval is 1 day; the E-Factor is *not* reset.
* For every grade: EF += 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02), never below 1.3.

Everything is a two-place ``Decimal``: binary floats land one day off for some grade sequences
(2.5 - 0.14 is 2.3599999... in floats, so a ceiling can jump a day).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

__all__ = ["MIN_EASINESS", "QUALITIES", "SM2State", "easiness_delta", "review"]

MIN_EASINESS = Decimal("1.30")
QUALITIES = range(6)
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class SM2State:
    """The scheduling state of one card."""

    repetitions: int = 0  # successful reviews in a row
    interval: int = 0  # days until the next review
    easiness: Decimal = Decimal("2.5")  # the E-Factor


def _check_quality(quality: object) -> int:
    # bool is an int subclass; True is not a grade.
    if not isinstance(quality, int) or isinstance(quality, bool) or quality not in QUALITIES:
        raise ValueError(f"quality must be an int from 0 to 5, not {quality!r}")
    return quality


def easiness_delta(quality: int) -> Decimal:
    """The E-Factor change for a grade: +0.10, 0.00, -0.14, -0.32, -0.54, -0.80 for q = 5..0."""
    miss = 5 - _check_quality(quality)
    return Decimal("0.1") - miss * (Decimal("0.08") + miss * Decimal("0.02"))


def review(state: SM2State, quality: int) -> SM2State:
    """Return the state after answering a card in ``state`` with grade ``quality`` (0..5)."""
    delta = easiness_delta(quality)
    if quality >= 3:
        if state.repetitions == 0:
            interval = 1
        elif state.repetitions == 1:
            interval = 6
        else:
            product = Decimal(state.interval) * state.easiness
            interval = int(product.to_integral_value(rounding=ROUND_CEILING))
        repetitions = state.repetitions + 1
    else:
        repetitions, interval = 0, 1
    easiness = max(MIN_EASINESS, (state.easiness + delta).quantize(_CENT))
    return SM2State(repetitions=repetitions, interval=interval, easiness=easiness)
