"""Today's progress at a glance: answers given today, their retention, and whether any exist."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from flashcards.services.collection import Collection
from flashcards.storage.models import ReviewLog

__all__ = ["TodayProgress", "today_progress"]


@dataclass(frozen=True)
class TodayProgress:
    """Answers on the current study day and whether the collection was ever studied."""

    answered: int = 0
    passed: int = 0  # graded 3 or more
    studied_ever: bool = False

    @property
    def retention(self) -> float | None:
        """Share of today's answers graded 3 or more."""
        return self.passed / self.answered if self.answered else None


def today_progress(collection: Collection) -> TodayProgress:
    """Two indexed queries: cheap enough for the GUI thread after every session."""
    today = collection.today()
    with collection.database.reading() as session:
        answered, passed = session.execute(
            select(func.count(), func.sum(case((ReviewLog.quality >= 3, 1), else_=0))).where(
                ReviewLog.day == today
            )
        ).one()
        studied_ever = answered > 0 or session.scalar(select(ReviewLog.id).limit(1)) is not None
    return TodayProgress(int(answered or 0), int(passed or 0), bool(studied_ever))
