"""The answer buttons: which SuperMemo grades they stand for."""

from __future__ import annotations

__all__ = ["FOUR_BUTTON_GRADES", "SIX_BUTTON_GRADES", "grades_for"]

FOUR_BUTTON_GRADES = (1, 3, 4, 5)  # Again, Hard, Good, Easy
SIX_BUTTON_GRADES = (0, 1, 2, 3, 4, 5)


def grades_for(mode: str) -> tuple[int, ...]:
    """The SuperMemo grades behind the answer buttons of a grading mode ("four" or "six")."""
    return SIX_BUTTON_GRADES if mode == "six" else FOUR_BUTTON_GRADES
