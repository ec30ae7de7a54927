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
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_BYTES)
        size = path.stat().st_size
    except OSError as error:
        raise DatabaseError(f"{path}: cannot be read ({error.strerror or error})") from error
    if len(header) < _HEADER_BYTES or not header.startswith(SQLITE_MAGIC):
        raise DatabaseError(f"{path}: not a Flashcards collection (not an SQLite database)")
    _check_size(path, header, size)
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: cannot be opened ({error})") from error
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        version = current_version(connection)
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: not a usable Flashcards database ({error})") from error
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


def _check_size(path: Path, header: bytes, size: int) -> None:
    """Refuse a file shorter than its header says, unless a WAL may still complete it."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return  # a crash mid-checkpoint: SQLite finishes the file from the WAL
    except OSError:
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The in-header size is valid only when the change counter matches "version valid for".
    valid = pages > 0 and header[24:28] == header[92:96]
    if page_size < 512 or page_size & (page_size - 1):
        raise DatabaseError(f"{path}: not a usable Flashcards database (bad page size)")
    if valid and pages * page_size > size:
        raise DatabaseError(f"{path}: the file is truncated ({size} of {pages * page_size} bytes)")
