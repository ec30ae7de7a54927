"""Cyclic garbage collection paused around bulk work (an import allocates millions of objects)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Turn the cyclic collector off for the block, and back on (if it was) after the last one.

    Every few hundred new container objects CPython scans the young ones, and ever more often
    the whole heap as it grows: while an import builds a hundred thousand notes and rows (none
    of them in reference cycles) that is 10-15 % of its time, all spent finding nothing.
    Reference counting still frees everything as usual; only cycles wait for the end. The
    collector is process-wide, so nested and concurrent blocks are counted.
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
