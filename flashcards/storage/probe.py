"""Look at a collection file before anything may write to it.

Opening a file read-write lets SQLite change it (switch its journal mode, run a checkpoint, and
the migrations add tables). So an existing file is first checked here, read-only: a truncated,
zeroed, foreign or newer file is refused with its bytes untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from flashcards.storage.errors import DatabaseError
from flashcards.storage.migrations import SCHEMA_VERSION, NewerSchemaError, current_version

__all__ = ["SQLITE_MAGIC", "check_database_file", "read_only_options", "read_only_uri"]

SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def read_only_uri(path: Path) -> str:
    """A URI that opens ``path`` read-only (for ``sqlite3.connect(..., uri=True)``)."""
    return f"{Path(path).resolve().as_uri()}?mode=ro{read_only_options(path)}"


def read_only_options(path: Path) -> str:
    """Extra URI options for reading ``path``: ``&immutable=1`` in a folder nobody can write.

    A WAL database needs its ``-shm`` file even to be read; in a read-only folder (a read-only
    mount, a locked-down account) that file cannot be created, and nobody can change the
    database either, so SQLite is told it is immutable and reads the file as it is.
    """
    path = Path(path)
    shm = path.with_name(path.name + "-shm")
    if os.access(path.parent, os.W_OK) or shm.exists():
        return ""
    return "&immutable=1"


def check_database_file(path: Path) -> int:
    """Check the existing, non-empty file at ``path``; return its schema version.

    Raises ``DatabaseError`` (not SQLite, truncated, corrupt, another program's database) or
    ``NewerSchemaError``. Never writes to the file.

    The file is read through SQLite only, never opened directly while it may be usable: closing
    any descriptor of a file drops every POSIX lock this process holds on it, SQLite's included,
    and the app opens collections while its main connection is open. Only a file SQLite already
    called damaged is read directly, for a better message.
    """
    path = Path(path)
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: cannot be opened ({error})") from error
    try:
        connection.execute("PRAGMA page_count").fetchone()  # reads and checks the header
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        version = current_version(connection)
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: {_what_is_wrong(path, error)}") from error
    finally:
        connection.close()
    if version == 0 and tables:
        raise DatabaseError(f"{path}: not a Flashcards collection (another program's database)")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path}: the database has schema version {version}, newer than this Flashcards "
            f"supports ({SCHEMA_VERSION}); update Flashcards or restore a backup"
        )
    return version


def _what_is_wrong(path: Path, error: sqlite3.Error) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_NOTADB:
        return "not a Flashcards collection (not an SQLite database)"
    if primary != _SQLITE_CORRUPT:
        return f"cannot be read ({error})"
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_BYTES)
        size = path.stat().st_size
    except OSError:
        return f"not a usable Flashcards database ({error})"
    if not header.startswith(SQLITE_MAGIC):
        return "not a Flashcards collection (not an SQLite database)"
    if len(header) < _HEADER_BYTES:
        return f"the file is truncated ({size} bytes)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages * page_size > size:
        return f"the file is truncated ({size} of {pages * page_size} bytes)"
    return f"not a usable Flashcards database ({error})"
