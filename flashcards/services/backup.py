"""Backups of the collection: taken online with SQLite's backup API, pruned, listed, restored.

Backups live in ``<data_dir>/backups/`` as ``collection-<UTC time>-<reason>.sqlite3``: names sort
by time, and each file is a complete collection (rollback journal mode, no ``-wal`` beside it)
that SQLite, or ``flashcards restore``, opens as it is. A backup is taken when a collection that
changed is closed, every 30 minutes of use in the app (``BackupScheduler``), before a restore or a
repair, and on demand. ``prune_backups`` keeps the last 10, then one a day for a week, one a week
for a month and one a month beyond (``RetentionPolicy``, stored in ``backups/retention.json``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Hashable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from flashcards.core.days import Clock
from flashcards.services.paths import database_path
from flashcards.storage.errors import DatabaseError
from flashcards.storage.lock import acquire_writer_lock
from flashcards.storage.migrations import SCHEMA_VERSION, NewerSchemaError
from flashcards.storage.probe import SQLITE_MAGIC, check_database_file, read_only_uri

if TYPE_CHECKING:
    from flashcards.services.collection import Collection

__all__ = [
    "BACKUP_DIR",
    "SET_ASIDE_DIR",
    "BackupInfo",
    "BackupScheduler",
    "InvalidBackupError",
    "RetentionPolicy",
    "backup_dir",
    "backup_file",
    "backup_hint",
    "backups_to_keep",
    "check_collection_file",
    "create_backup",
    "list_backups",
    "load_policy",
    "newest_backup",
    "prune_backups",
    "restore_backup",
    "save_policy",
]

_log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
# Raw copies of a collection SQLite cannot read, set aside before a restore replaces it. Never
# pruned and never listed as backups.
SET_ASIDE_DIR = "set-aside"
POLICY_FILE = "retention.json"
_NAME_RE = re.compile(r"^collection-(\d{4}-\d{2}-\d{2}T\d{6})\.(\d{3})Z-([a-z0-9-]+)\.sqlite3$")
_REASON_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED_TABLES = {"schema_version", "settings", "decks", "notes", "cards", "reviews"}


class InvalidBackupError(ValueError):
    """A file offered for a restore is not a usable Flashcards collection."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file. ``cards`` and ``reviews`` are None when the file cannot be read."""

    path: Path
    created: datetime  # UTC
    cards: int | None
    size: int
    reason: str = ""
    reviews: int | None = None

    @property
    def ok(self) -> bool:
        return self.cards is not None

    def describe(self) -> str:
        """``2026-03-02 09:00 (close, 812 cards)`` in local time, for messages."""
        when = self.created.astimezone().strftime("%Y-%m-%d %H:%M")
        what = f"{self.cards} cards" if self.cards is not None else "unreadable"
        return f"{when} ({self.reason}, {what})" if self.reason else f"{when} ({what})"


# -- retention ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPolicy:
    """Which backups to keep. A window of ``None`` days never ends; 0 turns its tier off."""

    keep_last: int = 10
    daily_days: int | None = 7  # one per calendar day, for this many days
    weekly_days: int | None = 31  # one per ISO week, for this many days
    monthly_days: int | None = None  # one per month, for this many days (None: forever)

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ValueError(f"{name} must be a whole number of 0 or more")
        if self.keep_last < 1:
            raise ValueError("keep_last must be at least 1")


def backups_to_keep(
    times: Iterable[datetime], now: datetime, policy: RetentionPolicy | None = None
) -> set[datetime]:
    """The backup times ``policy`` keeps at ``now``: the newest ``keep_last``, plus the newest of
    each day, week and month inside that tier's window. Calendar units follow the datetimes' own
    time zone, so pass local times. Pure and idempotent: keeping the result keeps it all.
    """
    policy = policy or RetentionPolicy()
    ordered = sorted(set(times), reverse=True)
    keep = set(ordered[: policy.keep_last])
    tiers: tuple[tuple[int | None, Callable[[datetime], Hashable]], ...] = (
        (policy.daily_days, lambda t: t.date()),
        (policy.weekly_days, lambda t: tuple(t.isocalendar())[:2]),
        (policy.monthly_days, lambda t: (t.year, t.month)),
    )
    for days, bucket in tiers:
        if days == 0:
            continue
        seen: set[Hashable] = set()
        for moment in ordered:  # newest first: the first of a bucket is its newest
            if days is not None and now - moment >= timedelta(days=days):
                break
            key = bucket(moment)
            if key not in seen:
                seen.add(key)
                keep.add(moment)
    return keep


def load_policy(data_dir: Path) -> RetentionPolicy:
    """The policy in ``backups/retention.json``, or the default (also when the file is bad)."""
    path = backup_dir(data_dir) / POLICY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: data[k] for k in asdict(RetentionPolicy()) if k in data}
        return RetentionPolicy(**known)
    except FileNotFoundError:
        return RetentionPolicy()
    except (OSError, ValueError, TypeError) as error:
        _log.warning("ignoring %s: %s", path, error)
        return RetentionPolicy()


def save_policy(data_dir: Path, policy: RetentionPolicy) -> None:
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(asdict(policy), indent=2) + "\n"
    temporary = folder / f".{POLICY_FILE}.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, folder / POLICY_FILE)


# -- the 30-minute schedule ---------------------------------------------------------------------


@dataclass
class BackupScheduler:
    """When the periodic backup is due: after ``interval`` of use since the last one, if the
    collection changed. Pure bookkeeping: the app calls ``note_use`` when the user does something
    (or on a timer tick while its window is active) and asks ``due`` from a timer.

    The time between two uses counts as use up to ``idle_after``: a lunch break is not use.
    """

    interval: timedelta = timedelta(minutes=30)
    idle_after: timedelta = timedelta(minutes=5)
    used: timedelta = field(default=timedelta(0))  # use since the last backup
    last_use: datetime | None = None

    def note_use(self, now: datetime) -> None:
        """The user did something at ``now``."""
        if self.last_use is not None and now > self.last_use:
            self.used += min(now - self.last_use, self.idle_after)
        if self.last_use is None or now > self.last_use:
            self.last_use = now

    def due(self, *, changed: bool = True) -> bool:
        """Whether to back up now (``changed``: the collection changed since the last backup)."""
        return changed and self.used >= self.interval

    def backed_up(self) -> None:
        """A backup was just taken: start counting again."""
        self.used = timedelta(0)


# -- where backups are --------------------------------------------------------------------------


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR


def _parse_name(name: str) -> tuple[datetime, str] | None:
    match = _NAME_RE.match(name)
    if match is None:
        return None
    stamp, millis, reason = match.groups()
    try:
        created = datetime.strptime(stamp, "%Y-%m-%dT%H%M%S")
    except ValueError:
        return None
    created = created.replace(microsecond=int(millis) * 1000, tzinfo=UTC)
    return created, reason


def _file_name(created: datetime, reason: str) -> str:
    utc = created.astimezone(UTC)
    return f"collection-{utc:%Y-%m-%dT%H%M%S}.{utc.microsecond // 1000:03d}Z-{reason}.sqlite3"


def _backup_files(data_dir: Path) -> list[tuple[Path, datetime, str]]:
    """(path, created, reason) of each backup, newest first, without opening any."""
    folder = backup_dir(data_dir)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        parsed = _parse_name(name)
        if parsed is not None:
            found.append((folder / name, *parsed))
    found.sort(key=lambda item: item[0].name, reverse=True)
    return found


def _counts(connection: sqlite3.Connection) -> tuple[int, int]:
    cards = connection.execute("SELECT count(*) FROM cards WHERE retired = 0").fetchone()[0]
    reviews = connection.execute("SELECT count(*) FROM reviews").fetchone()[0]
    return int(cards), int(reviews)


def _counts_if_readable(connection: sqlite3.Connection) -> tuple[int | None, int | None]:
    try:
        return _counts(connection)
    except sqlite3.DatabaseError:
        return None, None  # a copy of a damaged collection is still worth keeping


def _info(path: Path, created: datetime, reason: str) -> BackupInfo:
    cards = reviews = None
    size = 0
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise sqlite3.DatabaseError("not an SQLite database")
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            cards, reviews = _counts(connection)
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        pass
    return BackupInfo(path, created, cards, size, reason, reviews)


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in ``<data_dir>/backups``, newest first, with its card count."""
    return [_info(*item) for item in _backup_files(data_dir)]


def newest_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that can be read, if any."""
    for item in _backup_files(data_dir):
        info = _info(*item)
        if info.ok:
            return info
    return None


def backup_hint(data_dir: Path) -> str:
    """A sentence that offers the newest backup, for an error message."""
    newest = newest_backup(data_dir)
    if newest is None:
        return f"no backup found in {backup_dir(data_dir)}"
    return (
        f"the newest backup is {newest.path} from {newest.describe()}: restore it with "
        f"'flashcards restore {newest.path}'"
    )


# -- taking backups -----------------------------------------------------------------------------


def _now(clock: Clock | None) -> datetime:
    moment = clock.now() if clock is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def _free_name(folder: Path, created: datetime, reason: str) -> tuple[Path, datetime]:
    """A file name not taken yet (a later millisecond when two backups share one)."""
    created = created.replace(microsecond=created.microsecond // 1000 * 1000)
    while (folder / _file_name(created, reason)).exists():
        created += timedelta(milliseconds=1)
    return folder / _file_name(created, reason), created


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a directory; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _remove_with_journals(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _snapshot(source: Path, target: Path) -> tuple[int | None, int | None]:
    """Copy the database at ``source`` into ``target`` consistently, even while it is written.

    The source is opened read-only, so the backup never writes the collection. Returns the
    backup's (cards, reviews), None when they cannot be counted.
    """
    temporary = target.with_name(f".{target.name}.tmp")
    _remove_with_journals(temporary)
    try:
        origin = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            origin.execute("PRAGMA busy_timeout = 5000")
            copy = sqlite3.connect(temporary)
            try:
                # One step: a consistent snapshot, and writers go on meanwhile (WAL).
                origin.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
                counts = _counts_if_readable(copy)
            finally:
                copy.close()
        finally:
            origin.close()
        _fsync_file(temporary)
        os.replace(temporary, target)
    finally:
        _remove_with_journals(temporary)
    _fsync_dir(target.parent)
    return counts


def _backup_file(source: Path, data_dir: Path, reason: str, created: datetime) -> BackupInfo:
    if not _REASON_RE.match(reason):
        raise ValueError(f"a backup reason is lowercase words joined by '-', not {reason!r}")
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target, created = _free_name(folder, created, reason)
    cards, reviews = _snapshot(source, target)
    return BackupInfo(target, created, cards, target.stat().st_size, reason, reviews)


def backup_file(
    source: Path, data_dir: Path, reason: str, *, clock: Clock | None = None
) -> BackupInfo:
    """Back up the collection file at ``source`` (open or not) into ``data_dir``'s backups."""
    return _backup_file(Path(source), Path(data_dir), reason, _now(clock))


def create_backup(
    collection: Collection, reason: str = "manual", *, prune: bool = True
) -> BackupInfo:
    """Back up the open ``collection`` now (safe from any thread, while it is being written).

    ``reason`` (``manual``, ``auto``, ``close``...) ends the file name. ``prune``: then apply the
    stored retention policy.
    """
    lock = collection.writer_lock
    changes = lock.changes if lock is not None else 0
    info = _backup_file(
        collection.database.path, collection.data_dir, reason, _now(collection.clock)
    )
    if lock is not None:
        lock.backed_up(changes)
    if prune:
        prune_backups(collection.data_dir, now=info.created)
    return info


def backup_on_close(collection: Collection) -> BackupInfo | None:
    """The backup taken when a changed collection is closed; never raises (closing must go on)."""
    try:
        return create_backup(collection, "close")
    except Exception as error:  # a full disk must not stop the app from closing
        _log.warning("no backup on close: %s", error)
        return None


def prune_backups(
    data_dir: Path, policy: RetentionPolicy | None = None, *, now: datetime | None = None
) -> list[Path]:
    """Delete the backups ``policy`` (default: the stored one) does not keep; return them."""
    policy = policy or load_policy(data_dir)
    files = _backup_files(data_dir)
    moment = (now or datetime.now(UTC)).astimezone()
    local = {path: created.astimezone() for path, created, _ in files}
    keep = backups_to_keep(local.values(), moment, policy)
    removed = []
    for path, created in local.items():
        if created not in keep:
            try:
                path.unlink()
            except FileNotFoundError:
                continue  # another process pruned it first
            removed.append(path)
    return removed


# -- restoring ----------------------------------------------------------------------------------


def check_collection_file(path: Path) -> BackupInfo:
    """Check that ``path`` is a whole Flashcards collection this version can open.

    Raises ``InvalidBackupError`` with a message that says what is wrong. Reads only.
    """
    path = Path(path)
    parsed = _parse_name(path.name)
    created, reason = parsed if parsed else (_mtime(path), "")
    if not path.is_file():
        raise InvalidBackupError(f"{path}: no such file")
    try:
        version = check_database_file(path)
    except NewerSchemaError as error:
        raise InvalidBackupError(
            f"{path}: written by a newer Flashcards (schema version newer than "
            f"{SCHEMA_VERSION}); update Flashcards to restore it"
        ) from error
    except DatabaseError as error:
        raise InvalidBackupError(_strip_path(str(error), path)) from error
    if version == 0:
        raise InvalidBackupError(f"{path}: not a Flashcards collection (an empty database)")
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            missing = _REQUIRED_TABLES - tables
            if missing:
                raise InvalidBackupError(
                    f"{path}: not a Flashcards collection (no {', '.join(sorted(missing))} table)"
                )
            problems = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise InvalidBackupError(f"{path}: the file is damaged ({problems[0]})")
            cards, reviews = _counts(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise InvalidBackupError(f"{path}: the file is damaged ({error})") from error
    return BackupInfo(path, created, cards, path.stat().st_size, reason, reviews)


def _strip_path(message: str, path: Path) -> str:
    return message if message.startswith(str(path)) else f"{path}: {message}"


def _mtime(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.now(UTC)


def resolve_backup_path(data_dir: Path, name: str | Path) -> Path:
    """``name`` as given, or the backup of that file name in the data dir's backups folder."""
    path = Path(name).expanduser()
    if not path.exists() and len(path.parts) == 1:
        candidate = backup_dir(data_dir) / path.name
        if candidate.exists():
            return candidate
    return path


def restore_backup(
    data_dir: Path,
    path: Path,
    *,
    clock: Clock | None = None,
    policy: RetentionPolicy | None = None,
) -> BackupInfo | None:
    """Make the backup at ``path`` the collection of ``data_dir``.

    The file is checked first (``InvalidBackupError``: nothing changes). The current collection
    is then backed up (reason ``before-restore``), or, when SQLite cannot read it, copied as it
    is into ``backups/set-aside/``; that copy is returned (None when there was no collection).
    The collection must be closed, in this process and every other (``CollectionLockedError``).
    """
    data_dir = Path(data_dir)
    source = resolve_backup_path(data_dir, path)
    lock = acquire_writer_lock(data_dir, exclusive=True)
    try:
        check_collection_file(source)
        now = _now(clock)
        staged = data_dir / f".restoring-{os.getpid()}.sqlite3"
        _remove_with_journals(staged)
        try:
            _snapshot(source, staged)
            current = database_path(data_dir)
            saved = _set_current_aside(current, data_dir, now)
            _swap_in(staged, current)
        finally:
            _remove_with_journals(staged)
        prune_backups(data_dir, policy, now=now)
        return saved
    finally:
        lock.release()


def _set_current_aside(current: Path, data_dir: Path, now: datetime) -> BackupInfo | None:
    if not current.exists() or current.stat().st_size == 0:
        return None
    try:
        check_database_file(current)
        info = _backup_file(current, data_dir, "before-restore", now)
        _checkpoint(current)
        return info
    except (DatabaseError, NewerSchemaError, sqlite3.Error):
        pass
    # SQLite cannot read it: keep its bytes (and its WAL) exactly as they are.
    folder = backup_dir(data_dir) / SET_ASIDE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target, created = _free_name(folder, now, "before-restore")
    for suffix in ("", "-wal"):
        origin = Path(f"{current}{suffix}")
        if origin.exists():
            shutil.copyfile(origin, f"{target}{suffix}")
            _fsync_file(Path(f"{target}{suffix}"))
    _fsync_dir(folder)
    return BackupInfo(target, created, None, target.stat().st_size, "before-restore")


def _checkpoint(current: Path) -> None:
    """Fold the WAL into the file, so removing the WAL loses nothing."""
    connection = sqlite3.connect(current, isolation_level=None)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _swap_in(staged: Path, current: Path) -> None:
    # A WAL left beside the new file would be replayed into it: remove it first. Everything in
    # it is in the backup just taken (or the set-aside copy).
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{current}{suffix}").unlink(missing_ok=True)
    os.replace(staged, current)
    _fsync_dir(current.parent)


def refuse_emptied_collection(data_dir: Path, *, read_only: bool = False) -> None:
    """Refuse an empty (0-byte) collection file when backups exist: a crash or a full disk
    emptied it, and opening it would start a new collection over the learner's history. (With
    no backup it is a collection whose creation was cut short, and opening it creates it.)"""
    path = database_path(data_dir)
    try:
        empty = path.stat().st_size == 0
    except OSError:
        return
    if empty and (read_only or newest_backup(data_dir) is not None):
        raise DatabaseError(f"{path}: the collection file is empty")
