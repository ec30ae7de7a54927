"""The full-text index, kept up to date off the answer path.

Trigram indexing costs about 100 µs a note: done inside the import, it would turn a 100,000-note
import from seconds into most of a minute. So a trigger only queues changed note ids
(``search_queue``), and a background thread indexes the queue in small batches on its own
connection. Searches still see queued notes: they fall back to LIKE for those (services.search).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

__all__ = ["SearchIndexer", "index_pending", "indexed_hits", "pending_count"]

# Small batches keep each write transaction to a few milliseconds, so an answer that arrives
# meanwhile waits at most that long for the write lock.
BATCH = 40
# After indexing this many notes in one go, merge the index's segments.
OPTIMIZE_AFTER = 2000


def pending_count(connection: sqlite3.Connection) -> int:
    """Notes waiting to be (re)indexed."""
    return int(connection.execute("SELECT count(*) FROM search_queue").fetchone()[0])


def indexed_hits(
    connection: sqlite3.Connection,
    match: str,
    *,
    like_patterns: list[str],
    include_retired: bool,
    limit: int,
) -> list[tuple[int, str, str, str, bool]]:
    """(note id, deck key, note key, prompt, retired) of notes matching the FTS5 query ``match``
    (and every LIKE pattern), in note order.

    Driven by the index, which yields rowids in order: a first page of hits costs well under a
    millisecond however many notes match. Only valid while the queue is empty.
    """
    sql = (
        'SELECT notes.id, decks."key", notes."key", notes.prompt, notes.retired '
        "FROM notes_fts JOIN notes ON notes.id = notes_fts.rowid "
        "JOIN decks ON decks.id = notes.deck_id WHERE notes_fts MATCH ?"
    )
    params: list[object] = [match]
    if not include_retired:
        sql += " AND notes.retired = 0"
    for pattern in like_patterns:
        sql += (
            " AND (notes.prompt LIKE ? ESCAPE '\\' OR notes.front LIKE ? ESCAPE '\\'"
            " OR notes.back LIKE ? ESCAPE '\\' OR notes.tags LIKE ? ESCAPE '\\')"
        )
        params += [pattern] * 4
    sql += " ORDER BY notes_fts.rowid LIMIT ?"
    params.append(limit)
    return [
        (int(a), str(b), str(c), str(d), bool(e))
        for a, b, c, d, e in connection.execute(sql, params)
    ]


def index_pending(connection: sqlite3.Connection, batch: int = BATCH) -> int:
    """Index up to ``batch`` queued notes in one transaction; return how many were taken."""
    # A plain read first: an empty queue must not cost a write transaction.
    if connection.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is None:
        return 0
    connection.execute("BEGIN IMMEDIATE")
    try:
        ids = [
            row[0]
            for row in connection.execute("SELECT note_id FROM search_queue LIMIT ?", (batch,))
        ]
        if ids:
            marks = ",".join("?" * len(ids))
            connection.execute(f"DELETE FROM notes_fts WHERE rowid IN ({marks})", ids)
            connection.execute(
                "INSERT INTO notes_fts (rowid, prompt, front, back, tags) "
                f"SELECT id, prompt, front, back, tags FROM notes WHERE id IN ({marks})",
                ids,
            )
            connection.execute(f"DELETE FROM search_queue WHERE note_id IN ({marks})", ids)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(ids)


class SearchIndexer:
    """A thread that drains the search queue whenever it is nudged."""

    def __init__(self, path: Path, write_lock: threading.RLock | None = None) -> None:
        self._path = path
        self._write_lock = write_lock or threading.RLock()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
        self._thread.start()
        self.nudge()

    def nudge(self) -> None:
        self._idle.clear()
        self._wake.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the queue is empty (or ``timeout`` passes); True when it is."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=10)

    def _optimize(self, connection: sqlite3.Connection) -> None:
        # Small batches leave many small index segments; merging them makes MATCH several
        # times faster. It takes seconds at 100k notes, so it runs in steps of 16 pages (a few
        # milliseconds under the write lock each) and gives way to new work.
        try:
            while not self._stopping and not self._wake.is_set():
                with self._write_lock:
                    before = connection.total_changes
                    connection.execute(
                        "INSERT INTO notes_fts (notes_fts, rank) VALUES ('merge', 16)"
                    )
                    if connection.total_changes - before <= 1:
                        break
        except sqlite3.Error:
            return

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            connection.execute("PRAGMA busy_timeout = 5000")
            # The index can always be rebuilt from the queue, which commits with it: losing the
            # last batches in a power cut only means indexing them again.
            connection.execute("PRAGMA synchronous = NORMAL")
            while not self._stopping:
                self._wake.wait()
                self._wake.clear()
                indexed = 0
                while not self._stopping:
                    try:
                        with self._write_lock:
                            taken = index_pending(connection)
                    except sqlite3.Error:
                        break  # busy or read-only: the next nudge tries again
                    if taken == 0:
                        break
                    indexed += taken
                if indexed >= OPTIMIZE_AFTER and not self._stopping:
                    self._optimize(connection)
                if not self._wake.is_set():
                    self._idle.set()
        finally:
            connection.close()
