"""Card and review-log queries: rows in, core objects out. Callers own the session."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from flashcards.core.queue import DueCard
from flashcards.core.scheduling import AnswerKind, CardSchedule
from flashcards.core.settings import Settings
from flashcards.core.sm2 import SM2State
from flashcards.storage.models import Setting

__all__ = [
    "CardRecord",
    "answers_today",
    "capped_counts",
    "card_content_row",
    "card_record",
    "delete_review",
    "drill_cards",
    "due_reviews",
    "easiness_cents",
    "learning_counts",
    "load_settings",
    "new_cards",
    "save_settings",
    "schedule_values",
    "set_schedule",
    "write_review",
]


@dataclass(frozen=True, slots=True)
class CardRecord:
    """A card's identity and scheduling state."""

    card_id: int
    note_id: int
    deck_id: int
    ordinal: int
    kind: str
    retired: bool
    schedule: CardSchedule


def easiness_cents(value: Decimal) -> int:
    return int(value * 100)


def _schedule(row: Sequence[Any]) -> CardSchedule:
    reps, interval, cents, due, drill_day, suspended, buried_until = row
    return CardSchedule(
        sm2=SM2State(reps, interval, Decimal(cents) / 100),
        due=due,
        drill_day=drill_day,
        suspended=bool(suspended),
        buried_until=buried_until,
    )


def schedule_values(schedule: CardSchedule) -> dict[str, object]:
    """The card columns that hold ``schedule``."""
    return {
        "repetitions": schedule.sm2.repetitions,
        "interval": schedule.sm2.interval,
        "easiness_cents": easiness_cents(schedule.sm2.easiness),
        "due": schedule.due,
        "drill_day": schedule.drill_day,
        "suspended": schedule.suspended,
        "buried_until": schedule.buried_until,
    }


# Statements used on every answer and every deck-list refresh are built once: constructing a
# SQLAlchemy statement costs more than SQLite takes to run these.
# The answer path runs on the bare sqlite3 connection (see Database.writing): plain SQL.
_SELECT_CARD = (
    "SELECT id, note_id, deck_id, ordinal, kind, retired, repetitions, interval, easiness_cents, "
    "due, drill_day, suspended, buried_until FROM cards WHERE id = ?"
)
_UPDATE_SCHEDULE = (
    "UPDATE cards SET repetitions = ?, interval = ?, easiness_cents = ?, due = ?, drill_day = ?, "
    "suspended = ?, buried_until = ? WHERE id = ?"
)
_INSERT_REVIEW = (
    "INSERT INTO reviews (card_id, deck_id, time_ms, day, quality, kind, answer_ms, reps_before, "
    "interval_before, easiness_before, due_before, reps_after, interval_after, easiness_after, "
    "due_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

# Shown for every card: the note and deck fields a card's faces are made from.
_CARD_CONTENT = """SELECT cards.id, cards.note_id, cards.deck_id, cards.kind, cards.ordinal,
 decks."key", decks.title, notes."key", notes.prompt, notes.front, notes.back, notes.tags,
 notes.source, notes.path, notes.line
FROM cards JOIN notes ON notes.id = cards.note_id JOIN decks ON decks.id = cards.deck_id
WHERE cards.id = ?"""

Executor = Session | sqlite3.Connection


def _connection(executor: Executor) -> sqlite3.Connection:
    """The sqlite3 connection behind a session (inside its transaction), or the connection."""
    if isinstance(executor, sqlite3.Connection):
        return executor
    connection = executor.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


# The session's queue is read deck by deck on every study start: plain SQL, written like the
# partial indexes' WHERE clauses so SQLite uses them.
_DUE_REVIEWS = """SELECT id, due FROM cards INDEXED BY ix_cards_due
 WHERE deck_id = ? AND due IS NOT NULL AND due <= ? AND suspended = 0 AND retired = 0
 AND (buried_until IS NULL OR buried_until <= ?) AND (drill_day IS NULL OR drill_day != ?)
 ORDER BY due LIMIT ?"""
_NEW_CARDS = """SELECT id FROM cards INDEXED BY ix_cards_new
 WHERE deck_id = ? AND due IS NULL AND suspended = 0 AND retired = 0
 AND (buried_until IS NULL OR buried_until <= ?) ORDER BY position, id LIMIT ?"""

# min(count, limit) per deck reads at most ``limit`` index entries, never the whole deck; one
# statement for all decks keeps the per-statement overhead out of the deck list.
_CAPPED_ROW = """SELECT ?,
 (SELECT count(*) FROM (SELECT 1 FROM cards INDEXED BY ix_cards_new
   WHERE deck_id = ? AND due IS NULL AND suspended = 0 AND retired = 0
   AND (buried_until IS NULL OR buried_until <= ?) LIMIT ?)),
 (SELECT count(*) FROM (SELECT 1 FROM cards INDEXED BY ix_cards_due
   WHERE deck_id = ? AND due IS NOT NULL AND due <= ? AND suspended = 0 AND retired = 0
   AND (buried_until IS NULL OR buried_until <= ?) AND (drill_day IS NULL OR drill_day != ?)
   LIMIT ?))"""
_CAPPED_CHUNK = 200

_ANSWERS_TODAY = """SELECT deck_id, kind, count(*) FROM reviews
 WHERE day = ? AND kind != 'drill' GROUP BY deck_id, kind"""
_LEARNING = """SELECT deck_id, count(*) FROM cards INDEXED BY ix_cards_drill
 WHERE drill_day = ? AND suspended = 0 AND retired = 0 GROUP BY deck_id"""


def card_record(executor: Executor, card_id: int) -> CardRecord | None:
    """One card, or ``None``."""
    row = _connection(executor).execute(_SELECT_CARD, (card_id,)).fetchone()
    if row is None:
        return None
    return CardRecord(row[0], row[1], row[2], row[3], row[4], bool(row[5]), _schedule(row[6:]))


def card_content_row(executor: Executor, card_id: int) -> tuple[Any, ...] | None:
    """(card id, note id, deck id, kind, ordinal, deck key, deck title, note key, prompt, front,
    back, tags, source, path, line) of one card, or ``None``."""
    row = _connection(executor).execute(_CARD_CONTENT, (card_id,)).fetchone()
    return tuple(row) if row is not None else None


def _schedule_params(schedule: CardSchedule) -> tuple[object, ...]:
    return (
        schedule.sm2.repetitions,
        schedule.sm2.interval,
        easiness_cents(schedule.sm2.easiness),
        schedule.due,
        schedule.drill_day,
        schedule.suspended,
        schedule.buried_until,
    )


def set_schedule(executor: Executor, card_id: int, schedule: CardSchedule) -> None:
    _connection(executor).execute(_UPDATE_SCHEDULE, (*_schedule_params(schedule), card_id))


def due_reviews(executor: Executor, deck_id: int, today: int, limit: int) -> list[DueCard]:
    """A deck's review cards due on or before ``today``, most overdue first, at most ``limit``."""
    if limit <= 0:
        return []
    rows = _connection(executor).execute(_DUE_REVIEWS, (deck_id, today, today, today, limit))
    return [DueCard(card_id, due) for card_id, due in rows]


def new_cards(executor: Executor, deck_id: int, today: int, limit: int) -> list[int]:
    """A deck's new cards in file order, at most ``limit``."""
    if limit <= 0:
        return []
    rows = _connection(executor).execute(_NEW_CARDS, (deck_id, today, limit))
    return [card_id for (card_id,) in rows]


def capped_counts(
    executor: Executor, limits: Sequence[tuple[int, int, int]], today: int
) -> dict[int, tuple[int, int]]:
    """Per deck id: (new cards, due reviews) available today, each capped at its limit.

    ``limits`` holds (deck id, new limit, review limit).
    """
    connection = _connection(executor)
    result: dict[int, tuple[int, int]] = {}
    for start in range(0, len(limits), _CAPPED_CHUNK):
        chunk = limits[start : start + _CAPPED_CHUNK]
        sql = "\nUNION ALL\n".join([_CAPPED_ROW] * len(chunk))
        params: list[int] = []
        for deck_id, new_limit, review_limit in chunk:
            params += [deck_id, deck_id, today, max(0, new_limit)]
            params += [deck_id, today, today, today, max(0, review_limit)]
        for deck_id, new, due in connection.execute(sql, params):
            result[int(deck_id)] = (int(new), int(due))
    return result


def learning_counts(executor: Executor, today: int) -> dict[int, int]:
    """Per deck id: cards waiting for a drill today."""
    rows = _connection(executor).execute(_LEARNING, (today,))
    return {int(deck_id): int(count) for deck_id, count in rows}


def drill_cards(executor: Executor, deck_ids: Sequence[int], today: int) -> list[int]:
    """Cards graded below 4 today that still await their drill."""
    if not deck_ids:
        return []
    marks = ",".join("?" * len(deck_ids))
    rows = _connection(executor).execute(
        f"SELECT id FROM cards INDEXED BY ix_cards_drill WHERE drill_day = ? "
        f"AND deck_id IN ({marks}) AND suspended = 0 AND retired = 0 "
        "AND (buried_until IS NULL OR buried_until <= ?) ORDER BY id",
        (today, *deck_ids, today),
    )
    return [card_id for (card_id,) in rows]


def answers_today(executor: Executor, today: int) -> dict[int, tuple[int, int]]:
    """Per deck id: (new cards learned, reviews done) on study day ``today``."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for deck_id, kind, count in _connection(executor).execute(_ANSWERS_TODAY, (today,)):
        counts[deck_id][0 if kind == AnswerKind.LEARN.value else 1] += count
    return {deck_id: (c[0], c[1]) for deck_id, c in counts.items()}


def write_review(
    executor: Executor,
    *,
    card: CardRecord,
    after: CardSchedule,
    kind: AnswerKind,
    quality: int,
    time_ms: int,
    day: int,
    answer_ms: int,
) -> int:
    """Store the new schedule and log the answer; return the log row's id."""
    connection = _connection(executor)
    before = card.schedule
    connection.execute(_UPDATE_SCHEDULE, (*_schedule_params(after), card.card_id))
    cursor = connection.execute(
        _INSERT_REVIEW,
        (
            card.card_id,
            card.deck_id,
            time_ms,
            day,
            quality,
            kind.value,
            max(0, min(answer_ms, 3_600_000)),
            before.sm2.repetitions,
            before.sm2.interval,
            easiness_cents(before.sm2.easiness),
            before.due,
            after.sm2.repetitions,
            after.sm2.interval,
            easiness_cents(after.sm2.easiness),
            after.due,
        ),
    )
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def delete_review(executor: Executor, review_id: int) -> None:
    _connection(executor).execute("DELETE FROM reviews WHERE id = ?", (review_id,))


def load_settings(connection: sqlite3.Connection) -> Settings:
    """The stored settings (defaults for anything never set). Plain SQL: it runs on every
    open, before anything else would need SQLAlchemy's ORM set up."""
    data = {
        key: json.loads(value)
        for key, value in connection.execute("SELECT key, value FROM settings")
    }
    return Settings.from_dict(data)


def save_settings(session: Session, settings: Settings, keys: Iterable[str] | None = None) -> None:
    """Store ``settings`` (only ``keys`` when given)."""
    data = settings.to_dict()
    for key in keys if keys is not None else data:
        value = json.dumps(data[key], ensure_ascii=False, sort_keys=True)
        existing = session.get(Setting, key)
        if existing is None:
            session.add(Setting(key=key, value=value))
        else:
            existing.value = value
    session.flush()
