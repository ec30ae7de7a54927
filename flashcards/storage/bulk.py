"""Bulk writes for deck sync: plain executemany on the session's connection.

An import writes a hundred thousand rows; SQLAlchemy's per-row parameter processing would cost
more than SQLite's own work, so these statements go to the driver directly, inside the caller's
transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from sqlalchemy.orm import Session

__all__ = [
    "NOTE_FIELDS",
    "insert_cards",
    "insert_notes",
    "update_cards",
    "update_notes",
]

# The note columns a sync writes, in the order of the tuples it passes.
NOTE_FIELDS = (
    "key",
    "explicit_id",
    "prompt",
    "front",
    "back",
    "tags",
    "source",
    "path",
    "line",
    "position",
    "content_hash",
    "retired",
)

_INSERT_NOTE = (
    f"INSERT INTO notes (deck_id, {', '.join(NOTE_FIELDS)}) "
    f"VALUES (?, {', '.join('?' * len(NOTE_FIELDS))})"
)
_UPDATE_NOTE = f"UPDATE notes SET {', '.join(f'{f} = ?' for f in NOTE_FIELDS)} WHERE id = ?"
_INSERT_CARD = (
    "INSERT INTO cards (note_id, deck_id, ordinal, kind, position, repetitions, interval, "
    "easiness_cents, suspended, retired) VALUES (?, ?, ?, ?, ?, 0, 0, 250, 0, 0)"
)
_UPDATE_CARD = "UPDATE cards SET kind = ?, position = ?, deck_id = ?, retired = 0 WHERE id = ?"


def _driver(session: Session) -> sqlite3.Connection:
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def insert_notes(session: Session, deck_id: int, rows: Sequence[tuple[object, ...]]) -> None:
    """Insert notes, each queued for the search index; a row holds the values of
    ``NOTE_FIELDS``."""
    connection = _driver(session)
    last = connection.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]
    connection.executemany(_INSERT_NOTE, ((deck_id, *row) for row in rows))
    # New rows get ids above every existing one (INTEGER PRIMARY KEY takes max + 1).
    connection.execute(
        "INSERT OR IGNORE INTO search_queue (note_id) SELECT id FROM notes WHERE id > ?", (last,)
    )


def update_notes(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Update notes; each row holds the values of ``NOTE_FIELDS`` and then the note id."""
    _driver(session).executemany(_UPDATE_NOTE, rows)


def insert_cards(session: Session, rows: Sequence[tuple[int, int, int, str, int]]) -> None:
    """Insert new cards: (note id, deck id, ordinal, kind, position)."""
    _driver(session).executemany(_INSERT_CARD, rows)


def update_cards(session: Session, rows: Sequence[tuple[str, int, int, int]]) -> None:
    """Revive or re-place cards: (kind, position, deck id, card id)."""
    _driver(session).executemany(_UPDATE_CARD, rows)
