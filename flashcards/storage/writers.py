"""One writer at a time within this process, without SQLite's polling busy handler.

The answer path, the WAL checkpointer and the search indexer each have their own connection to
the same file. SQLite makes a blocked ``BEGIN IMMEDIATE`` sleep and retry (1, 2, 5, 10... ms), so
an answer that meets a 10 ms holder waits 18 ms. Taking this lock first makes it wake the moment
the other writer is done. (Other processes are kept out by the collection's lock file.)
"""

from __future__ import annotations

import threading
from pathlib import Path

__all__ = ["writer_lock"]

_LOCKS: dict[str, threading.RLock] = {}
_GUARD = threading.Lock()


def writer_lock(path: Path) -> threading.RLock:
    """The lock every in-process writer of the database at ``path`` holds around its writes."""
    key = str(Path(path).resolve())
    with _GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = threading.RLock()
        return lock
