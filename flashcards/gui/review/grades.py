"""Answer buttons: which grades a grading mode offers, their names, keys and interval texts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from flashcards.core.grading import grades_for

__all__ = ["GradeButton", "format_duration", "format_interval", "grade_buttons"]


@dataclass(frozen=True)
class GradeButton:
    """One answer button: the SM-2 grade it gives, its label, key and next interval."""

    grade: int
    name: str
    key: str
    interval: str  # "6d", "today"
    again: bool  # the card comes back today
    failed: bool  # a grade below 3: "I did not know it"

    @property
    def text(self) -> str:
        return f"{self.name} · {self.interval}"


def _names(mode: str) -> dict[int, str]:
    if mode == "six":
        return {
            0: QCoreApplication.translate("Grades", "Blackout"),
            1: QCoreApplication.translate("Grades", "Wrong"),
            2: QCoreApplication.translate("Grades", "Almost"),
            3: QCoreApplication.translate("Grades", "Hard"),
            4: QCoreApplication.translate("Grades", "Good"),
            5: QCoreApplication.translate("Grades", "Easy"),
        }
    return {
        1: QCoreApplication.translate("Grades", "Again"),
        3: QCoreApplication.translate("Grades", "Hard"),
        4: QCoreApplication.translate("Grades", "Good"),
        5: QCoreApplication.translate("Grades", "Easy"),
    }


def grade_key(mode: str, position: int, grade: int) -> str:
    """Four buttons: keys 1-4 by position; six buttons: the grade itself, 0-5."""
    return str(grade) if mode == "six" else str(position + 1)


def format_interval(days: int | None) -> str:
    """``today`` for cards seen again today, else days, months or years, shortest first."""
    if days is None or days <= 0:
        return QCoreApplication.translate("Grades", "today")
    if days < 30:
        return QCoreApplication.translate("Grades", "%1d").replace("%1", str(days))
    if days < 365:
        return QCoreApplication.translate("Grades", "%1mo").replace("%1", _one_decimal(days / 30))
    return QCoreApplication.translate("Grades", "%1y").replace("%1", _one_decimal(days / 365))


def format_duration(seconds: float) -> str:
    """``4:05`` (minutes and seconds) or ``1:02:03``."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def grade_buttons(mode: str, intervals: dict[int, int | None]) -> list[GradeButton]:
    """The buttons of a grading mode, left to right, with the intervals the session previews."""
    names = _names(mode)
    buttons = []
    for position, grade in enumerate(grades_for(mode)):
        days = intervals.get(grade)
        buttons.append(
            GradeButton(
                grade=grade,
                name=names[grade],
                key=grade_key(mode, position, grade),
                interval=format_interval(days),
                again=days is None or days <= 0,
                failed=grade < 3,
            )
        )
    return buttons
