"""``flashcards doctor``: check the collection file, repair what can be repaired, say what it did.

Repairs: rows whose parent is gone (a note without its deck, a card without its note or deck, a
review without its card) are removed, the search index is rebuilt from the notes, and every
index is rebuilt (``REINDEX``). The collection is backed up before anything is changed. What no
repair fixes (pages SQLite cannot read) is reported with the newest backup to restore.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from flashcards.core.days import Clock
from flashcards.services.backup import (
    BackupInfo,
    backup_file,
    backup_hint,
    refuse_emptied_collection,
)
from flashcards.services.paths import database_path
from flashcards.storage.errors import DatabaseError
from flashcards.storage.lock import acquire_writer_lock
from flashcards.storage.migrations import NewerSchemaError
from flashcards.storage.probe import check_database_file
from flashcards.storage.search_index import index_pending

__all__ = ["DoctorReport", "run_doctor"]

# (what the rows are, the statement that removes them); parents before children, so a card
# whose note goes is removed in the same run, and then its reviews.
_ORPHANS: tuple[tuple[str, str], ...] = (
    ("notes without a deck", "DELETE FROM notes WHERE deck_id NOT IN (SELECT id FROM decks)"),
    ("cards without a note", "DELETE FROM cards WHERE note_id NOT IN (SELECT id FROM notes)"),
    ("cards without a deck", "DELETE FROM cards WHERE deck_id NOT IN (SELECT id FROM decks)"),
    ("reviews without a card", "DELETE FROM reviews WHERE card_id NOT IN (SELECT id FROM cards)"),
)


@dataclass
class DoctorReport:
    """What the doctor found and did. ``healthy``: no problem is left."""

    path: Path
    checks: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    backup: BackupInfo | None = None

    @property
    def healthy(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        verdict = ["the collection is healthy"] if self.healthy else []
        return [*self.checks, *self.actions, *self.problems, *verdict]


def _check(connection: sqlite3.Connection, quick: bool) -> list[str]:
    pragma = "quick_check" if quick else "integrity_check"
    return [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}")]


def _describe(found: list[str]) -> str:
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return f"{found[0]}{more}"


def run_doctor(data_dir: Path, *, quick: bool = False, clock: Clock | None = None) -> DoctorReport:
    """Check and repair the collection in ``data_dir``. ``quick``: ``quick_check`` instead of the
    full ``integrity_check``. Takes the writer lock (``CollectionLockedError`` when another
    process has the collection open)."""
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    report = DoctorReport(path)
    if not path.exists():
        report.problems.append(f"no collection at {path}")
        return report
    lock = acquire_writer_lock(data_dir)
    try:
        try:
            refuse_emptied_collection(data_dir, read_only=True)
            check_database_file(path)
        except (DatabaseError, NewerSchemaError) as error:
            report.problems.append(f"{error}; {backup_hint(data_dir)}")
            return report
        report.backup = backup_file(path, data_dir, "before-doctor", clock=clock)
        report.checks.append(f"backed up first to {report.backup.path}")
        _examine_and_repair(path, report, quick)
        if not report.healthy:
            report.problems.append(backup_hint(data_dir))
    finally:
        lock.release()
    return report


def _examine_and_repair(path: Path, report: DoctorReport, quick: bool) -> None:
    name = "quick check" if quick else "integrity check"
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        # Off: a card whose note is gone is removed before its reviews are.
        connection.execute("PRAGMA foreign_keys = OFF")
        try:
            found = _check(connection, quick)
        except sqlite3.DatabaseError as error:
            found = [str(error)]
        report.checks.append(
            f"{name}: ok" if found == ["ok"] else f"{name} found problems: {_describe(found)}"
        )
        try:
            _repair(connection, report)
        except sqlite3.DatabaseError as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            report.actions.clear()
            report.problems.append(f"could not repair the file ({error}); nothing was changed")
            return
        if _has_table(connection, "search_queue"):
            while index_pending(connection, batch=500):
                pass
        try:
            after = _check(connection, quick)
            violations = connection.execute("PRAGMA foreign_key_check").fetchall()
        except sqlite3.DatabaseError as error:
            after, violations = [str(error)], []
        if after != ["ok"]:
            report.problems.append(f"{name} still fails after the repairs: {_describe(after)}")
        elif found != ["ok"]:
            report.checks.append(f"{name} after the repairs: ok")
        if violations:
            report.problems.append(f"{len(violations)} rows still point at missing rows")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _repair(connection: sqlite3.Connection, report: DoctorReport) -> None:
    connection.execute("BEGIN IMMEDIATE")
    for what, statement in _ORPHANS:
        removed = connection.execute(statement).rowcount
        if removed:
            report.actions.append(f"removed {removed} {what}")
    report.actions.append(_rebuild_search_index(connection))
    connection.execute("REINDEX")
    report.actions.append("rebuilt every index (REINDEX)")
    connection.execute("COMMIT")


def _rebuild_search_index(connection: sqlite3.Connection) -> str:
    """Rebuild the full-text index from the notes; say what was done."""
    if _has_table(connection, "search_queue"):
        # The index keeps its own copy of the text and is filled from the queue off the answer
        # path (storage/search_index.py): empty it and queue every note; _examine_and_repair
        # then indexes the queue.
        connection.execute("DELETE FROM notes_fts")
        connection.execute("INSERT OR IGNORE INTO search_queue (note_id) SELECT id FROM notes")
        return "rebuilt the search index"
    try:
        # With rank 1, an external-content FTS5 table is also compared with its content table.
        connection.execute("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)")
        stale = ""
    except sqlite3.DatabaseError:
        stale = " (it did not match the notes)"
    connection.execute("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')")
    return f"rebuilt the search index{stale}"


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    found = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return found is not None
