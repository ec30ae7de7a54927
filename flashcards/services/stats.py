"""Statistics of a collection: card states, reviews per day, retention, forecast, distributions."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import case, false, func, select, true

from flashcards.core.days import day_to_date
from flashcards.services.collection import Collection
from flashcards.storage.models import Card, Deck, ReviewLog

__all__ = ["CollectionStats", "DeckStats", "collection_stats"]


@dataclass
class DeckStats:
    """One deck's numbers."""

    key: str
    title: str
    cards: int = 0
    new: int = 0
    due: int = 0
    suspended: int = 0
    reviews_30d: int = 0
    retention_30d: float | None = None  # share of answers graded 3 or more


@dataclass
class CollectionStats:
    """The whole collection's numbers."""

    today: str
    cards: int = 0
    new: int = 0
    learning: int = 0
    due: int = 0
    scheduled: int = 0
    suspended: int = 0
    retired: int = 0
    reviews_today: int = 0
    retention_today: float | None = None
    streak_days: int = 0
    reviews_per_day: dict[str, int] = field(default_factory=dict)  # ISO date -> answers, a year
    forecast: list[int] = field(default_factory=list)  # cards due on each of the next 30 days
    grades: dict[int, int] = field(default_factory=dict)  # quality -> answers
    intervals: dict[str, int] = field(default_factory=dict)  # bucket -> review cards
    decks: list[DeckStats] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_INTERVAL_BUCKETS = ((1, "1d"), (7, "2-7d"), (30, "8-30d"), (90, "31-90d"), (365, "91-365d"))


def _bucket(interval: int) -> str:
    for limit, name in _INTERVAL_BUCKETS:
        if interval <= limit:
            return name
    return ">1y"


def _ratio(passed: int, total: int) -> float | None:
    return round(passed / total, 4) if total else None


def collection_stats(collection: Collection) -> CollectionStats:
    """Compute every statistic the CLI and the statistics screen show."""
    today = collection.today()
    stats = CollectionStats(today=day_to_date(today).isoformat())
    live = (Card.retired == false(),)
    with collection.database.reading() as session:
        row = session.execute(
            select(
                func.count(),
                func.sum(case((Card.due.is_(None) & (Card.suspended == false()), 1), else_=0)),
                func.sum(case((Card.drill_day == today, 1), else_=0)),
                func.sum(case((Card.due <= today, 1), else_=0)),
                func.sum(case((Card.due > today, 1), else_=0)),
                func.sum(case((Card.suspended == true(), 1), else_=0)),
            ).where(*live)
        ).one()
        stats.cards, stats.new, stats.learning, stats.due, stats.scheduled, stats.suspended = (
            int(v or 0) for v in row
        )
        stats.retired = int(session.scalar(select(func.count()).where(Card.retired == true())) or 0)

        year_ago = today - 365
        per_day = session.execute(
            select(
                ReviewLog.day, func.count(), func.sum(case((ReviewLog.quality >= 3, 1), else_=0))
            )
            .where(ReviewLog.day > year_ago)
            .group_by(ReviewLog.day)
        ).all()
        by_day = {day: (int(count), int(passed or 0)) for day, count, passed in per_day}
        stats.reviews_per_day = {
            day_to_date(d).isoformat(): c for d, (c, _) in sorted(by_day.items())
        }
        count_today, passed_today = by_day.get(today, (0, 0))
        stats.reviews_today = count_today
        stats.retention_today = _ratio(passed_today, count_today)
        day = today if today in by_day else today - 1
        while day in by_day:
            stats.streak_days += 1
            day -= 1

        due_rows = session.execute(
            select(Card.due, func.count())
            .where(*live, Card.suspended == false(), Card.due > today, Card.due <= today + 30)
            .group_by(Card.due)
        ).all()
        forecast = dict(due_rows)
        stats.forecast = [int(forecast.get(today + offset, 0)) for offset in range(1, 31)]

        stats.grades = {
            int(q): int(c)
            for q, c in session.execute(
                select(ReviewLog.quality, func.count()).group_by(ReviewLog.quality)
            ).all()
        }
        buckets: Counter[str] = Counter()
        for interval, count in session.execute(
            select(Card.interval, func.count())
            .where(*live, Card.due.is_not(None))
            .group_by(Card.interval)
        ):
            buckets[_bucket(int(interval))] += int(count)
        stats.intervals = {name: buckets.get(name, 0) for _, name in _INTERVAL_BUCKETS} | {
            ">1y": buckets.get(">1y", 0)
        }

        month_ago = today - 30
        deck_reviews = {
            deck_id: (int(c), int(p or 0))
            for deck_id, c, p in session.execute(
                select(
                    ReviewLog.deck_id,
                    func.count(),
                    func.sum(case((ReviewLog.quality >= 3, 1), else_=0)),
                )
                .where(ReviewLog.day > month_ago)
                .group_by(ReviewLog.deck_id)
            )
        }
        deck_cards = {
            deck_id: (int(total), int(new or 0), int(due or 0), int(susp or 0))
            for deck_id, total, new, due, susp in session.execute(
                select(
                    Card.deck_id,
                    func.count(),
                    func.sum(case((Card.due.is_(None) & (Card.suspended == false()), 1), else_=0)),
                    func.sum(case((Card.due <= today, 1), else_=0)),
                    func.sum(case((Card.suspended == true(), 1), else_=0)),
                )
                .where(*live)
                .group_by(Card.deck_id)
            )
        }
        for deck in session.scalars(
            select(Deck).where(Deck.retired == false()).order_by(Deck.title)
        ):
            total, new, due, suspended = deck_cards.get(deck.id, (0, 0, 0, 0))
            count, passed = deck_reviews.get(deck.id, (0, 0))
            stats.decks.append(
                DeckStats(
                    deck.key, deck.title, total, new, due, suspended, count, _ratio(passed, count)
                )
            )
    return stats
