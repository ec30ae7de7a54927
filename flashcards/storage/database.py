"""The SQLite file: engine set-up, durability pragmas, migrations and units of work."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from flashcards.storage.migrations import (
    SCHEMA_VERSION,
    NewerSchemaError,
    current_version,
    migrate,
)

__all__ = ["Database", "DatabaseError", "NewerSchemaError", "open_database"]

# Checkpoint the WAL off the answer path once it holds this many pages (4 KiB each).
_CHECKPOINT_PAGES = 1000


class DatabaseError(RuntimeError):
    """The file is not a usable Flashcards database (corrupt, foreign, or unreadable)."""


class Database:
    """One open collection file."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self._checkpointer: _Checkpointer | None = None
        if not read_only:
            self._checkpointer = _Checkpointer(path)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work commits durably when the block ends, or rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session
        if self._checkpointer is not None:
            self._checkpointer.nudge()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        """Stop the checkpointer, fold the WAL into the file and release it."""
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
    """Runs WAL checkpoints on its own thread and connection, so answers never wait for them.

    SQLite's automatic checkpoint runs inside the committing call; with ``synchronous=FULL`` it
    fsyncs the main file there, the ~40 ms stall Anki shows every few dozen answers.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        try:
            connection.execute("PRAGMA busy_timeout = 0")
            while not self._stopping:
                self._wake.wait(timeout=30)
                self._wake.clear()
                if self._stopping:
                    break
                try:
                    busy, wal_pages, _ = connection.execute(
                        "PRAGMA wal_checkpoint(PASSIVE)"
                    ).fetchone()
                    del busy, wal_pages
                except sqlite3.Error:
                    continue  # a busy database: try again on the next nudge
        finally:
            connection.close()


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
        cursor.close()

    return on_connect


def open_database(path: Path, *, read_only: bool = False) -> Database:
    """Open (creating and migrating when needed) the collection file at ``path``."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise DatabaseError(f"{path}: no such database")
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
    # One connection, reused: SQLite is in-process, and a single writer keeps answers ordered.
    engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure(read_only, path))

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front: no deadlock upgrading a read to a write.
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

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
    return Database(path, engine, read_only=read_only)
