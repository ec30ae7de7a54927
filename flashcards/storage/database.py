"""The SQLite file: engine set-up, durability pragmas, migrations and units of work."""

from __future__ import annotations

import contextvars
import os
import sqlite3
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
from flashcards.storage.wal import Checkpointer
from flashcards.storage.writers import writer_lock

# Set while a reading() session is open on this thread (or task).
_READING: contextvars.ContextVar[bool] = contextvars.ContextVar("flashcards_reading", default=False)

__all__ = ["Database", "DatabaseError", "NewerSchemaError", "open_database"]

# How far the WAL file is kept ahead of its log, so commits overwrite blocks instead of growing
# the file (an answer writes about 20 KiB of frames). FLASHCARDS_WAL_RESERVE_BYTES overrides it
# (the test suite, which opens hundreds of tiny collections, sets 0).
WAL_RESERVE_BYTES = int(os.environ.get("FLASHCARDS_WAL_RESERVE_BYTES", 16 * 1024 * 1024))


class Database:
    """One open collection file."""

    def __init__(
        self, path: Path, engine: Engine, *, read_only: bool, wal_reserve: int = WAL_RESERVE_BYTES
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False, autoflush=False)
        self.write_lock = writer_lock(path)
        self._raw: Any = None
        self._checkpointer: Checkpointer | None = None
        # Called after every committed unit of work (the writer lock counts changes for backups).
        self.on_commit: Callable[[], None] | None = None
        self._indexer: SearchIndexer | None = None
        if not read_only:
            self._checkpointer = Checkpointer(path, wal_reserve, self.write_lock)
            self._indexer = SearchIndexer(path, self.write_lock)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work commits durably when the block ends, or rolls back on error.

        A write the disk refuses (full, read-only) raises a ``StorageError`` after the rollback.
        """
        try:
            with self.write_lock, self._sessions() as session, session.begin():
                yield session
        except (sqlite3.Error, DBAPIError) as error:
            failure = storage_error(error, self.path)
            if failure is None:
                raise
            raise failure from error
        self._committed(notes_may_have_changed=True)

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """The bare connection in a write transaction, for the hottest path (an answer).

        SQLAlchemy's session around four statements costs several times what SQLite does; the
        answer path uses the driver directly, with the same durability and error handling.
        """
        connection = self._driver
        try:
            with self.write_lock:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    yield connection
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
        except sqlite3.Error as error:
            failure = storage_error(error, self.path)
            if failure is None:
                raise
            raise failure from error
        self._committed(notes_may_have_changed=False)

    def _committed(self, *, notes_may_have_changed: bool) -> None:
        if self._checkpointer is not None:
            self._checkpointer.nudge()
        if notes_may_have_changed and self._indexer is not None:
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

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """The bare connection in a read transaction: one consistent view for a few quick
        queries (the deck list), without a SQLAlchemy session around them."""
        connection = self._driver
        if connection.in_transaction:
            yield connection  # already inside one (a sync asking for the deck list): share it
            return
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("ROLLBACK")

    @property
    def _driver(self) -> sqlite3.Connection:
        # The pool holds one connection (StaticPool); this is its sqlite3 object.
        if self._raw is None:
            self._raw = self.engine.raw_connection()
        connection = self._raw.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        return connection

    def data_version(self) -> int:
        """SQLite's data_version: it changes when another connection commits."""
        return int(self._driver.execute("PRAGMA data_version").fetchone()[0])

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
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        if not self.read_only:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception:
                pass
        self.engine.dispose()


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
            # 64 MiB of page cache (SQLite's default is 2 MiB): a large import's index pages
            # stay in memory instead of being read back and forth.
            cursor.execute("PRAGMA cache_size = -65536")
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
