"""``flashcards backup``, ``backups``, ``restore FILE`` and ``doctor``, and one-line messages for
storage failures (disk full, read-only, locked, damaged file)."""

from __future__ import annotations

import argparse
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flashcards.cli.errors import UserError

if TYPE_CHECKING:
    from flashcards.services.collection import Collection

__all__ = ["failure_message", "run_backup", "run_backups", "run_doctor", "run_restore"]

OpenCollection = Callable[..., "Collection"]
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def _data_dir(args: argparse.Namespace) -> Path:
    from flashcards.services.paths import default_data_dir

    return Path(args.data_dir) if args.data_dir is not None else default_data_dir()


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def run_backup(args: argparse.Namespace, open_collection: OpenCollection) -> int:
    """Back up now; read-only, so it works while the app has the collection open."""
    from flashcards.services.backup import create_backup
    from flashcards.services.paths import database_path

    path = database_path(_data_dir(args))
    if not path.exists():
        raise UserError(f"no collection at {path} yet: nothing to back up")
    with open_collection(args, read_only=True) as collection:
        try:
            info = create_backup(collection, "manual")
        except OSError as error:
            raise UserError(f"the backup failed: {error}") from error
    print(
        f"backed up to {info.path} ({info.cards} cards, {info.reviews} reviews, {_size(info.size)})"
    )
    return 0


def run_backups(args: argparse.Namespace) -> int:
    """List the backups, newest first."""
    from flashcards.services.backup import backup_dir, list_backups

    data_dir = _data_dir(args)
    backups = list_backups(data_dir)
    if args.json:
        rows = [
            {
                "path": str(b.path),
                "created": b.created.isoformat(),
                "reason": b.reason,
                "cards": b.cards,
                "reviews": b.reviews,
                "size": b.size,
            }
            for b in backups
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for b in backups:
        when = b.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        counts = f"{b.cards:>6} cards {b.reviews:>7} reviews" if b.ok else f"{'unreadable':>26}"
        print(f"{when}  {b.reason:<15} {counts} {_size(b.size):>10}  {b.path.name}")
    print(f"{len(backups)} backup{'s' if len(backups) != 1 else ''} in {backup_dir(data_dir)}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Replace the collection with a backup; the current one is backed up first."""
    from flashcards.services.backup import (
        InvalidBackupError,
        check_collection_file,
        resolve_backup_path,
        restore_backup,
    )

    data_dir = _data_dir(args)
    source = resolve_backup_path(data_dir, args.file)
    try:
        restored = check_collection_file(source)
        saved = restore_backup(data_dir, source)
    except InvalidBackupError as error:
        raise UserError(f"cannot restore: {error}") from error
    print(f"restored {source} ({restored.cards} cards, {restored.reviews} reviews)")
    if saved is not None:
        print(f"the collection it replaced is saved as {saved.path}")
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    """Check and repair; exit 0 when healthy, 1 when problems are left."""
    from flashcards.services.doctor import run_doctor as doctor

    report = doctor(_data_dir(args), quick=args.quick)
    for line in report.lines():
        print(line)
    return 0 if report.healthy else 1


def failure_message(error: BaseException) -> str | None:
    """One line for a storage failure that escaped a command, or None for other errors."""
    from flashcards.storage.errors import StorageError

    if isinstance(error, StorageError):
        return str(error)
    cause = getattr(error, "orig", None) or error
    if not isinstance(cause, sqlite3.DatabaseError):
        return None
    code = getattr(cause, "sqlite_errorcode", None)
    damaged = (isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)) or (
        "malformed" in str(cause)
    )
    if not damaged:
        return None
    return (
        f"the collection file is damaged ({cause}): run 'flashcards doctor', or restore a "
        "backup ('flashcards backups' lists them)"
    )
