"""What can go wrong with the collection file, as errors a front end can show in one line.

``DatabaseError``: the file cannot be used at all (corrupt, foreign, truncated). ``StorageError``
and its kinds: a write failed and was rolled back, so the collection is as it was before the
action. They derive from ``OSError`` because they are the disk's doing, and so that code which
already handles ``OSError`` around opening a collection shows them instead of crashing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

__all__ = [
    "CollectionLockedError",
    "DatabaseError",
    "ReadOnlyError",
    "StorageError",
    "StorageFullError",
    "storage_error",
]

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14


class DatabaseError(RuntimeError):
    """The file is not a usable Flashcards database (corrupt, foreign, or unreadable)."""


class StorageError(OSError):
    """A change could not be saved; nothing of it was written."""


class StorageFullError(StorageError):
    """The disk (or the database's size limit) is full."""


class ReadOnlyError(StorageError):
    """The data dir or the collection file cannot be written."""


class CollectionLockedError(StorageError):
    """Another process has the collection open for writing."""


def _dir_writable(folder: Path) -> bool:
    # access() reports a read-only mount (EROFS) even to root, for whom chmod means nothing.
    return os.access(folder, os.W_OK)


def storage_error(error: BaseException, path: Path) -> StorageError | None:
    """The ``StorageError`` a failed write of the database at ``path`` means, or None.

    ``error`` is a ``sqlite3.Error`` or a SQLAlchemy ``DBAPIError`` wrapping one.
    """
    orig = getattr(error, "orig", None) or error
    if not isinstance(orig, sqlite3.Error):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    unsaved = "the change was not saved and the collection is unchanged"
    if primary == _SQLITE_FULL or "database or disk is full" in text:
        return StorageFullError(f"the disk is full ({path.parent}): {unsaved}; free some space")
    read_only = f"{path.parent} is read-only: {unsaved}"
    if primary == _SQLITE_READONLY or "readonly database" in text:
        return ReadOnlyError(read_only)
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "disk i/o error" in text:
        if not _dir_writable(path.parent):
            return ReadOnlyError(read_only)
        return StorageError(f"cannot write {path} ({orig}): {unsaved}")
    return None
