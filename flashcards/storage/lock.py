"""One writer per collection: a lock file in the data dir, held while a writable collection is open.

The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<data_dir>/collection.lock``, so the OS drops it when the holder dies, even by SIGKILL: a stale
lock file never blocks anyone. Within one process the lock is shared: the app's main collection
and the connections its background tasks open count as one writer.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from flashcards.storage.errors import CollectionLockedError, ReadOnlyError

__all__ = ["LOCK_NAME", "WriterLock", "acquire_writer_lock", "lock_holder"]

LOCK_NAME = "collection.lock"
# Byte 0 is the locked byte (Windows locks are mandatory, so the pid lives after it).
_PID_OFFSET = 1


@dataclass
class _Held:
    fd: int
    holders: int = 0
    changes: int = 0  # commits through any holder since the lock was taken
    changes_backed_up: int = 0  # ``changes`` when the last backup was taken


_registry: dict[str, _Held] = {}
_registry_lock = threading.Lock()


class WriterLock:
    """This process's share of a data dir's writer lock; ``release()`` gives it back."""

    def __init__(self, key: str, held: _Held) -> None:
        self._key = key
        self._held: _Held | None = held

    @property
    def last_holder(self) -> bool:
        """Whether releasing this share releases the OS lock."""
        with _registry_lock:
            return self._held is not None and self._held.holders == 1

    def note_change(self) -> None:
        """A commit happened (called after every unit of work)."""
        with _registry_lock:
            if self._held is not None:
                self._held.changes += 1

    @property
    def changes(self) -> int:
        with _registry_lock:
            return self._held.changes if self._held is not None else 0

    @property
    def changed_since_backup(self) -> bool:
        with _registry_lock:
            held = self._held
            return held is not None and held.changes > held.changes_backed_up

    def backed_up(self, changes: int) -> None:
        """A backup taken when ``changes`` commits had happened is on disk."""
        with _registry_lock:
            if self._held is not None:
                self._held.changes_backed_up = max(self._held.changes_backed_up, changes)

    def release(self) -> None:
        with _registry_lock:
            held, self._held = self._held, None
            if held is None:
                return
            held.holders -= 1
            if held.holders > 0:
                return
            _registry.pop(self._key, None)
            _unlock(held.fd)
            os.close(held.fd)


def _key(data_dir: Path) -> str:
    return os.path.normcase(str((data_dir / LOCK_NAME).resolve()))


def acquire_writer_lock(data_dir: Path, *, exclusive: bool = False) -> WriterLock:
    """Take (or share, within this process) the writer lock of ``data_dir``.

    ``exclusive``: refuse when this process already holds it too (a restore must not swap the
    file under an open collection). Raises ``CollectionLockedError`` when another process holds
    it, ``ReadOnlyError`` when the lock file cannot be created.
    """
    data_dir = Path(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_create(data_dir, error) from error
    key = _key(data_dir)
    with _registry_lock:
        held = _registry.get(key)
        if held is not None:
            if exclusive:
                raise CollectionLockedError(
                    f"the collection in {data_dir} is open in this program: close it first"
                )
            held.holders += 1
            return WriterLock(key, held)
        path = data_dir / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise _cannot_create(data_dir, error) from error
        if not _try_lock(fd):
            os.close(fd)
            pid = lock_holder(data_dir)
            who = f"another Flashcards (process {pid})" if pid else "another Flashcards"
            raise CollectionLockedError(
                f"the collection in {data_dir} is open in {who}: close it first "
                "(stats, check, search and show work meanwhile)"
            )
        try:
            os.ftruncate(fd, _PID_OFFSET)
            _write_at(fd, f"{os.getpid()}\n".encode(), _PID_OFFSET)
        except OSError:
            pass  # the pid only improves the message others see
        held = _registry[key] = _Held(fd, holders=1)
        return WriterLock(key, held)


def lock_holder(data_dir: Path) -> int | None:
    """The pid written by the process holding (or last holding) the lock, if any."""
    try:
        with open(Path(data_dir) / LOCK_NAME, "rb") as handle:
            handle.seek(_PID_OFFSET)
            text = handle.read(32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _cannot_create(data_dir: Path, error: OSError) -> ReadOnlyError:
    return ReadOnlyError(
        f"cannot write to the data dir {data_dir} ({error.strerror or error}): Flashcards "
        "cannot save answers there; read-only commands (stats, check, search, show) still work"
    )


def _write_at(fd: int, data: bytes, offset: int) -> None:
    os.lseek(fd, offset, os.SEEK_SET)
    os.write(fd, data)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _forget_after_fork() -> None:
    # A forked child is another process: it must take the lock itself, not believe it holds it.
    # Closing its copies does not release the parent's lock (flock belongs to the open file).
    global _registry_lock
    _registry_lock = threading.Lock()
    for held in _registry.values():
        with contextlib.suppress(OSError):
            os.close(held.fd)
    _registry.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)
