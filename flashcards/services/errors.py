"""Every error opening or writing a collection can raise, for front ends to catch in one place.

Each has a message meant for the user as it is (one line, what happened and what to do).
"""

from __future__ import annotations

from flashcards.services.backup import InvalidBackupError
from flashcards.storage.errors import (
    CollectionLockedError,
    DatabaseError,
    ReadOnlyError,
    StorageError,
    StorageFullError,
)
from flashcards.storage.migrations import NewerSchemaError

__all__ = [
    "CollectionLockedError",
    "DatabaseError",
    "InvalidBackupError",
    "NewerSchemaError",
    "ReadOnlyError",
    "StorageError",
    "StorageFullError",
]
