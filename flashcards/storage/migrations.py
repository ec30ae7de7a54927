"""Schema migrations: an ordered list of numbered SQL steps, run on open inside one transaction.

Steps are plain SQL frozen at the time they were written; they never import the ORM models, whose
shape moves on. A test builds a database at every earlier version and migrates it forward.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "NewerSchemaError",
    "current_version",
    "migrate",
]


@dataclass(frozen=True)
class Migration:
    """One numbered step."""

    version: int
    description: str
    sql: str


class NewerSchemaError(RuntimeError):
    """The database was written by a newer Flashcards."""


_V1_TABLES = """
CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE settings ("key" VARCHAR NOT NULL PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE decks (
    id INTEGER NOT NULL PRIMARY KEY,
    "key" VARCHAR NOT NULL UNIQUE,
    title VARCHAR NOT NULL,
    description TEXT NOT NULL,
    lang VARCHAR,
    tags TEXT NOT NULL,
    intro TEXT NOT NULL,
    group_path VARCHAR NOT NULL,
    path VARCHAR,
    position INTEGER NOT NULL,
    retired BOOLEAN NOT NULL
);
CREATE TABLE notes (
    id INTEGER NOT NULL PRIMARY KEY,
    deck_id INTEGER NOT NULL REFERENCES decks (id),
    "key" VARCHAR NOT NULL,
    explicit_id BOOLEAN NOT NULL,
    prompt TEXT NOT NULL,
    front TEXT NOT NULL,
    back TEXT NOT NULL,
    tags TEXT NOT NULL,
    source VARCHAR,
    path VARCHAR,
    line INTEGER NOT NULL,
    position INTEGER NOT NULL,
    content_hash VARCHAR NOT NULL,
    retired BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX ux_notes_deck_key ON notes (deck_id, "key");
CREATE TABLE cards (
    id INTEGER NOT NULL PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id),
    deck_id INTEGER NOT NULL REFERENCES decks (id),
    ordinal INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    repetitions INTEGER NOT NULL,
    interval INTEGER NOT NULL,
    easiness_cents INTEGER NOT NULL,
    due INTEGER,
    drill_day INTEGER,
    buried_until INTEGER,
    suspended BOOLEAN NOT NULL,
    retired BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX ux_cards_note_ordinal ON cards (note_id, ordinal);
CREATE INDEX ix_cards_due ON cards (deck_id, due)
    WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX ix_cards_new ON cards (deck_id, position)
    WHERE due IS NULL AND suspended = 0 AND retired = 0;
CREATE INDEX ix_cards_drill ON cards (drill_day) WHERE drill_day IS NOT NULL;
CREATE TABLE reviews (
    id INTEGER NOT NULL PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES cards (id),
    deck_id INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    day INTEGER NOT NULL,
    quality INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    answer_ms INTEGER NOT NULL,
    reps_before INTEGER NOT NULL,
    interval_before INTEGER NOT NULL,
    easiness_before INTEGER NOT NULL,
    due_before INTEGER,
    reps_after INTEGER NOT NULL,
    interval_after INTEGER NOT NULL,
    easiness_after INTEGER NOT NULL,
    due_after INTEGER
);
CREATE INDEX ix_reviews_card ON reviews (card_id, id);
CREATE INDEX ix_reviews_day ON reviews (day, deck_id);
"""

# Trigram tokens let Chinese substrings match (the default tokenizer splits on spaces only).
_V2_SEARCH = """
CREATE VIRTUAL TABLE notes_fts USING fts5(
    prompt, front, back, tags, content='notes', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, prompt, front, back, tags)
    VALUES (new.id, new.prompt, new.front, new.back, new.tags);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, prompt, front, back, tags)
    VALUES ('delete', old.id, old.prompt, old.front, old.back, old.tags);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF prompt, front, back, tags ON notes BEGIN
    INSERT INTO notes_fts (notes_fts, rowid, prompt, front, back, tags)
    VALUES ('delete', old.id, old.prompt, old.front, old.back, old.tags);
    INSERT INTO notes_fts (rowid, prompt, front, back, tags)
    VALUES (new.id, new.prompt, new.front, new.back, new.tags);
END;
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
"""

_V3_DECK_FILES = """
CREATE TABLE deck_files (
    path VARCHAR NOT NULL PRIMARY KEY,
    deck_key VARCHAR,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 VARCHAR NOT NULL,
    errors TEXT NOT NULL
);
"""

# The due index also covers the bury and drill filters: counting a deck's due cards then never
# reads the table.
_V4_COVERING_DUE_INDEX = """
DROP INDEX ix_cards_due;
CREATE INDEX ix_cards_due ON cards (deck_id, due, buried_until, drill_day)
    WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
"""

# Indexing moves off the write path: triggers queue changed notes, a background thread indexes
# them (storage/search_index.py). The index keeps its own copy of the text, so a note can be
# dropped from it by rowid without the exact text it was indexed with.
_V5_SEARCH_QUEUE = """
DROP TRIGGER notes_fts_insert;
DROP TRIGGER notes_fts_delete;
DROP TRIGGER notes_fts_update;
DROP TABLE notes_fts;
CREATE VIRTUAL TABLE notes_fts USING fts5(prompt, front, back, tags, tokenize='trigram');
CREATE TABLE search_queue (note_id INTEGER NOT NULL PRIMARY KEY);
CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN
    INSERT OR IGNORE INTO search_queue (note_id) VALUES (new.id);
END;
CREATE TRIGGER notes_search_update AFTER UPDATE OF prompt, front, back, tags ON notes BEGIN
    INSERT OR IGNORE INTO search_queue (note_id) VALUES (new.id);
END;
CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN
    INSERT OR IGNORE INTO search_queue (note_id) VALUES (old.id);
END;
INSERT OR IGNORE INTO search_queue (note_id) SELECT id FROM notes;
"""

# A per-row trigger costs a quarter of a bulk import's SQLite time; the bulk writer queues the
# notes it inserts with one statement instead (storage/bulk.py). Updates and deletes, which come
# a few at a time, keep their triggers.
_V6_QUEUE_INSERTS_IN_BULK = """
DROP TRIGGER notes_search_insert;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "decks, notes, cards, review log, settings", _V1_TABLES),
    Migration(2, "full-text search over notes (FTS5, trigram)", _V2_SEARCH),
    Migration(3, "what the last sync saw of each deck file", _V3_DECK_FILES),
    Migration(4, "due index covers the bury and drill filters", _V4_COVERING_DUE_INDEX),
    Migration(5, "search indexing queued and done in the background", _V5_SEARCH_QUEUE),
    Migration(6, "inserted notes queued for search by the bulk writer", _V6_QUEUE_INSERTS_IN_BULK),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(connection: sqlite3.Connection) -> int:
    """The schema version of a database; 0 for an empty file."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> list[int]:
    """Bring the database up to ``target``; return the versions applied.

    All pending steps run in one transaction: a crash half way leaves the old version intact.
    """
    version = current_version(connection)
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"the database has schema version {version}, newer than this Flashcards supports "
            f"({SCHEMA_VERSION}); update Flashcards or restore a backup"
        )
    pending = [m for m in MIGRATIONS if version < m.version <= target]
    if not pending:
        return []
    connection.execute("BEGIN IMMEDIATE")
    try:
        for step in pending:
            for statement in _statements(step.sql):
                connection.execute(statement)
            connection.execute("INSERT INTO schema_version (version) VALUES (?)", (step.version,))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return [m.version for m in pending]


def _statements(script: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
