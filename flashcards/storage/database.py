"""The SQLite file: engine set-up, durability pragmas, migrations and units of work."""

from __future__ import annotations

import contextvars
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from flashcards.storage.errors import DatabaseError, ReadOnlyError, storage_error
from flashcards.storage.migrations import (
    SCHEMA_VERSION,
    NewerSchemaError,
    current_version,
    migrate,
)
from flashcards.storage.probe import check_database_file, read_only_options
from flashcards.storage.search_index import SearchIndexer

# Set while a reading() session is open on this thread (or task).
_READING: contextvars.ContextVar[bool] = contextvars.ContextVar("flashcards_reading", default=False)

__all__ = ["Database", "DatabaseError", "NewerSchemaError", "open_database"]

# How far the WAL file is kept ahead of its log, so commits overwrite blocks instead of growing
# the file. FLASHCARDS_WAL_RESERVE_BYTES overrides it (the test suite, which opens hundreds of
# tiny collections, sets 0).
WAL_RESERVE_BYTES = int(os.environ.get("FLASHCARDS_WAL_RESERVE_BYTES", 4 * 1024 * 1024))


class Database:
    """One open collection file."""

    def __init__(
        self, path: Path, engine: Engine, *, read_only: bool, wal_reserve: int = WAL_RESERVE_BYTES
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self._checkpointer: _Checkpointer | None = None
        # Called after every committed unit of work (the writer lock counts changes for backups).
        self.on_commit: Callable[[], None] | None = None
        self._indexer: SearchIndexer | None = None
        if not read_only:
            self._checkpointer = _Checkpointer(path, wal_reserve)
            self._indexer = SearchIndexer(path)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work commits durably when the block ends, or rolls back on error.

        A write the disk refuses (full, read-only) raises a ``StorageError`` after the rollback.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (sqlite3.Error, DBAPIError) as error:
            failure = storage_error(error, self.path)
            if failure is None:
                raise
            raise failure from error
        if self._checkpointer is not None:
            self._checkpointer.nudge()
        if self._indexer is not None:
            self._indexer.nudge()
        if self.on_commit is not None:
            self.on_commit()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only: a deferred transaction that never waits for the writer."""
        token = _READING.set(True)
        try:
            with self._sessions() as session:
                yield session
        finally:
            _READING.reset(token)

    def data_version(self) -> int:
        """SQLite's data_version: it changes when another connection commits."""
        raw = self.engine.raw_connection()
        try:
            # Outside any transaction SQLAlchemy opens: a bare pragma on the shared connection.
            return int(raw.driver_connection.execute("PRAGMA data_version").fetchone()[0])  # type: ignore[union-attr]
        finally:
            raw.close()

    def wait_for_search_index(self, timeout: float | None = None) -> bool:
        """Block until every changed note is in the full-text index (True) or ``timeout``."""
        if self._indexer is None:
            return True
        self._indexer.nudge()
        return self._indexer.wait_idle(timeout)

    def close(self) -> None:
        """Stop the background threads, fold the WAL into the file and release it."""
        if self._indexer is not None:
            self._indexer.stop()
            self._indexer = None
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        if not self.read_only:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception:
                pass
        self.engine.dispose()


class _Checkpointer:
    """Keeps WAL commits cheap, on its own thread and connection, off the answer path.

    Two costs hide in a WAL commit with ``synchronous=FULL``:

    * SQLite's automatic checkpoint runs inside the committing call and fsyncs the main file there
      (the ~40 ms stall Anki shows every few dozen answers). It is off; checkpoints run here.
    * Appending to a WAL file that grows makes each fdatasync also journal the new file size
      (~2-4 ms on ext4, against ~0.3 ms to overwrite blocks that exist). So the WAL file is kept
      longer than its log: zeros are appended ahead of the writer, under the write lock so no
      frame is being written meanwhile. SQLite reads a WAL only up to the first frame whose salt
      and checksum do not match, so zeros past the log are never read as frames.
    """

    # Checkpoint after this many commits, or sooner when the writer has been idle a moment.
    COMMITS_PER_CHECKPOINT = 64
    IDLE_SECONDS = 0.5
    _WAL_HEADER = 32
    _FRAME_HEADER = 24

    def __init__(self, path: Path, reserve_bytes: int) -> None:
        self._path = path
        self._wal = path.with_name(path.name + "-wal")
        self._reserve_bytes = reserve_bytes
        self._page_size = 4096
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._commits = 0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        with self._lock:
            self._commits += 1
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            connection.execute("PRAGMA busy_timeout = 2000")
            self._page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
            self._keep_ahead(connection, self._checkpoint(connection))
            while not self._stopping:
                self._wake.wait()
                self._wake.clear()
                # Wait for a pause in the writing, unless many commits have piled up.
                while not self._stopping and self._pending() < self.COMMITS_PER_CHECKPOINT:
                    if not self._wake.wait(self.IDLE_SECONDS):
                        break
                    self._wake.clear()
                if self._stopping:
                    break
                with self._lock:
                    self._commits = 0
                self._keep_ahead(connection, self._checkpoint(connection))
        finally:
            connection.close()

    def _pending(self) -> int:
        with self._lock:
            return self._commits

    def _checkpoint(self, connection: sqlite3.Connection) -> int | None:
        """Backfill what it can without waiting; return the frames in the log."""
        try:
            row = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            return None  # busy: the next nudge tries again
        return int(row[1]) if row and row[1] >= 0 else None

    def _keep_ahead(self, connection: sqlite3.Connection, frames: int | None) -> None:
        """Append zeros to the WAL file when the log comes near its end."""
        if self._reserve_bytes <= 0 or frames is None:
            return
        used = self._WAL_HEADER + frames * (self._FRAME_HEADER + self._page_size)
        try:
            if self._wal.stat().st_size - used >= self._reserve_bytes // 2:
                return
            connection.execute("BEGIN IMMEDIATE")  # no frame is appended while we write
        except (OSError, sqlite3.Error):
            return
        try:
            with self._wal.open("r+b") as wal:
                wal.seek(0, os.SEEK_END)
                chunk = bytes(1 << 20)
                for _ in range(max(1, self._reserve_bytes // len(chunk))):
                    wal.write(chunk)
                wal.flush()
                _datasync(wal.fileno())
        except OSError:
            pass  # a full disk: commits simply grow the file as SQLite always does
        finally:
            connection.execute("ROLLBACK")


def _datasync(fd: int) -> None:
    sync = getattr(os, "fdatasync", os.fsync)  # macOS and Windows have no fdatasync
    sync(fd)


def _configure(read_only: bool, path: Path) -> Any:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's begin event own transactions (pysqlite's implicit ones are unreliable).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            # An answer is on disk when the call returns.
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA wal_autocheckpoint = 0")
            cursor.execute(f"PRAGMA journal_size_limit = {4 * WAL_RESERVE_BYTES}")
        cursor.close()

    return on_connect


def open_database(
    path: Path, *, read_only: bool = False, wal_reserve: int = WAL_RESERVE_BYTES
) -> Database:
    """Open (creating and migrating when needed) the collection file at ``path``."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise DatabaseError(f"{path}: no such database")
        url = f"sqlite:///file:{path}?mode=ro{read_only_options(path)}&uri=true"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    if path.exists() and path.stat().st_size > 0:
        check_database_file(path)  # read-only: a file we cannot use is left exactly as it is
    if not read_only and not (
        os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))
    ):
        raise ReadOnlyError(f"{path} is read-only: Flashcards cannot save answers there")
    # One connection, reused: SQLite is in-process, and a single writer keeps answers ordered.
    engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure(read_only, path))

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # Writes take the lock up front (no deadlock upgrading a read); reads in WAL mode need
        # no lock at all, so they never queue behind a sync or the search indexer.
        immediate = not read_only and not _READING.get()
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    try:
        raw = engine.raw_connection()
        try:
            dbapi = raw.driver_connection
            assert isinstance(dbapi, sqlite3.Connection)
            dbapi.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not read_only:
                migrate(dbapi)
            else:
                version = current_version(dbapi)
                if version > SCHEMA_VERSION:
                    raise NewerSchemaError(
                        f"the database has schema version {version}, newer than this "
                        f"Flashcards supports ({SCHEMA_VERSION})"
                    )
        finally:
            raw.close()
    except NewerSchemaError:
        engine.dispose()
        raise
    except (sqlite3.DatabaseError, DBAPIError) as error:
        engine.dispose()
        reason = getattr(error, "orig", None) or error
        raise DatabaseError(f"{path}: not a usable Flashcards database ({reason})") from error
    return Database(path, engine, read_only=read_only, wal_reserve=wal_reserve)
