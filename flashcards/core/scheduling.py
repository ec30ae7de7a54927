"""What one answer does to a card: SM-2 plus due days, the daily drill, suspension and burying."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from flashcards.core.sm2 import SM2State, review

__all__ = [
    "DEFAULT_MAX_INTERVAL",
    "PASSING_DRILL_GRADE",
    "AnswerKind",
    "CardSchedule",
    "CardStatus",
    "answer",
    "preview_intervals",
]

DEFAULT_MAX_INTERVAL = 36500
# SM-2 step 7: items graded below four come back the same day until they score four or more.
PASSING_DRILL_GRADE = 4


class AnswerKind(StrEnum):
    """How an answer is logged."""

    LEARN = "learn"  # the first answer a new card ever gets
    REVIEW = "review"  # a scheduled review
    DRILL = "drill"  # a same-day repeat (step 7); leaves the SM-2 state alone


class CardStatus(StrEnum):
    """Where a card stands today, as the deck list and the browser count it."""

    NEW = "new"
    LEARNING = "learning"  # waiting for a same-day drill
    REVIEW = "review"  # due today or earlier
    SCHEDULED = "scheduled"  # due later
    SUSPENDED = "suspended"
    BURIED = "buried"


@dataclass(frozen=True, slots=True)
class CardSchedule:
    """Everything the scheduler keeps about one card."""

    sm2: SM2State = SM2State()  # noqa: RUF009 - frozen, so one shared default is safe
    due: int | None = None  # study day number; None for a card never answered
    drill_day: int | None = None  # the day this card awaits a drill, if any
    suspended: bool = False
    buried_until: int | None = None  # hidden while today < buried_until

    @property
    def is_new(self) -> bool:
        return self.due is None

    def status(self, today: int) -> CardStatus:
        """The card's status on study day ``today``."""
        if self.suspended:
            return CardStatus.SUSPENDED
        if self.buried_until is not None and today < self.buried_until:
            return CardStatus.BURIED
        if self.drill_day == today:
            return CardStatus.LEARNING
        if self.due is None:
            return CardStatus.NEW
        return CardStatus.REVIEW if self.due <= today else CardStatus.SCHEDULED


def answer(
    schedule: CardSchedule,
    quality: int,
    today: int,
    *,
    max_interval: int = DEFAULT_MAX_INTERVAL,
) -> tuple[CardSchedule, AnswerKind]:
    """Apply grade ``quality`` on study day ``today``; return the new schedule and the log kind."""
    if schedule.drill_day == today:
        # A drill: the SM-2 state and due day were set by today's first answer.
        passed = quality >= PASSING_DRILL_GRADE
        review(schedule.sm2, quality)  # validates the grade exactly as a scheduled answer would
        return replace(schedule, drill_day=None if passed else today), AnswerKind.DRILL
    kind = AnswerKind.LEARN if schedule.is_new else AnswerKind.REVIEW
    state = review(schedule.sm2, quality)
    if state.interval > max_interval:
        state = replace(state, interval=max_interval)
    return (
        replace(
            schedule,
            sm2=state,
            due=today + state.interval,
            drill_day=today if quality < PASSING_DRILL_GRADE else None,
            buried_until=None,
        ),
        kind,
    )


def preview_intervals(
    schedule: CardSchedule,
    qualities: tuple[int, ...],
    today: int,
    *,
    max_interval: int = DEFAULT_MAX_INTERVAL,
) -> dict[int, int | None]:
    """Days until the card is due again for each grade; ``None`` means "again today" (a drill)."""
    result: dict[int, int | None] = {}
    for quality in qualities:
        after, kind = answer(schedule, quality, today, max_interval=max_interval)
        if after.drill_day == today:
            result[quality] = None
        elif kind is AnswerKind.DRILL:
            result[quality] = None if after.due is None else max(0, after.due - today)
        else:
            result[quality] = after.sm2.interval
    return result
