"""Bulk writes for deck sync: plain executemany on the session's connection.

An import writes a hundred thousand rows; SQLAlchemy's per-row parameter processing would cost
more than SQLite's own work, so these statements go to the driver directly, inside the caller's
transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy.orm import Session

__all__ = [
    "NOTE_FIELDS",
    "insert_cards",
    "insert_cards_of_notes",
    "insert_notes",
    "note_key_index_deferred",
    "update_cards",
    "update_notes",
]

NOTE_KEY_INDEX = "ux_notes_deck_key"

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

# The deck id goes in as a literal (an int), so each row's tuple is bound as it is.
_INSERT_NOTE = (
    f"INSERT INTO notes (deck_id, {', '.join(NOTE_FIELDS)}) "
    f"VALUES ({{deck_id:d}}, {', '.join('?' * len(NOTE_FIELDS))})"
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


def insert_notes(
    session: Session, deck_id: int, rows: Sequence[tuple[object, ...]]
) -> list[int] | None:
    """Insert notes, each queued for the search index; a row holds the values of
    ``NOTE_FIELDS``. Returns the new ids in row order, or ``None`` when they are not the
    consecutive run SQLite normally hands out (the caller then looks them up by key)."""
    if not rows:
        return []
    connection = _driver(session)
    last = connection.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]
    connection.executemany(_INSERT_NOTE.format(deck_id=deck_id), rows)
    # New rows get ids above every existing one (INTEGER PRIMARY KEY takes max + 1), so the
    # new notes are exactly those past ``last``.
    connection.execute(
        "INSERT OR IGNORE INTO search_queue (note_id) SELECT id FROM notes WHERE id > ?", (last,)
    )
    top = connection.execute("SELECT max(id) FROM notes").fetchone()[0]
    if top != last + len(rows):
        return None  # rowids ran out and SQLite picked random free ones
    return list(range(last + 1, top + 1))


def update_notes(session: Session, rows: Sequence[tuple[object, ...]]) -> None:
    """Update notes; each row holds the values of ``NOTE_FIELDS`` and then the note id."""
    _driver(session).executemany(_UPDATE_NOTE, rows)


def insert_cards(session: Session, rows: Sequence[tuple[int, int, int, str, int]]) -> None:
    """Insert new cards: (note id, deck id, ordinal, kind, position)."""
    _driver(session).executemany(_INSERT_CARD, rows)


def insert_cards_of_notes(
    session: Session, first_id: int, last_id: int, specs: Sequence[tuple[int, str]]
) -> None:
    """Give every note with an id in ``[first_id, last_id]`` one new card per (ordinal, kind).

    The same rows, in the same order, as ``insert_cards`` given them note by note: the card of
    ordinal N sits at the note's position * 1000 + N. One statement instead of a row each.
    """
    kinds = " UNION ALL ".join("SELECT ? AS ordinal, ? AS kind" for _ in specs)
    # CROSS JOIN keeps the notes as the outer loop: rows come in note id order without a sort.
    sql = (
        "INSERT INTO cards (note_id, deck_id, ordinal, kind, position, repetitions, interval, "
        "easiness_cents, suspended, retired) "
        "SELECT n.id, n.deck_id, s.ordinal, s.kind, n.position * 1000 + s.ordinal, 0, 0, 250, 0, 0 "
        f"FROM notes AS n CROSS JOIN ({kinds}) AS s WHERE n.id BETWEEN ? AND ? "
        "ORDER BY n.id, s.ordinal"
    )
    values = [value for spec in specs for value in spec]
    _driver(session).execute(sql, (*values, first_id, last_id))


def update_cards(session: Session, rows: Sequence[tuple[str, int, int, int]]) -> None:
    """Revive or re-place cards: (kind, position, deck id, card id)."""
    _driver(session).executemany(_UPDATE_CARD, rows)


@contextmanager
def note_key_index_deferred(session: Session) -> Iterator[None]:
    """Drop the notes' unique (deck, key) index for the block, then build it again.

    For an import into an empty notes table: inserting a hundred thousand notes with their keys
    in no particular order splits index pages all over; one sort at the end costs a third as
    much. Both steps are in the caller's transaction, so an error rolls the drop back too; the
    rebuild still refuses duplicate keys. Queries by deck inside the block scan the table.
    """
    connection = _driver(session)
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (NOTE_KEY_INDEX,)
    ).fetchone()
    if row is None:
        yield
        return
    connection.execute(f"DROP INDEX {NOTE_KEY_INDEX}")
    yield
    connection.execute(row[0])
