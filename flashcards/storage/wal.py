"""Keeping WAL commits cheap: checkpoints and WAL space, on a thread of their own."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

__all__ = ["Checkpointer"]

_WAL_HEADER = 32
_FRAME_HEADER = 24
_APPEND_STEP = 256 * 1024


class Checkpointer:
    """Checkpoints the WAL and keeps its file ahead of the log, never during a burst of answers.

    Two costs hide in a WAL commit with ``synchronous=FULL``:

    * SQLite's automatic checkpoint runs inside the committing call and fsyncs the main file there
      (the ~40 ms stall Anki shows every few dozen answers). It is off; checkpoints run here, once
      the writer has paused, so their fsync of the main file never delays an answer's own sync.
    * Appending to a WAL file that grows makes each fdatasync also journal the new file size
      (~2-4 ms on ext4, against ~0.3 ms to overwrite blocks that exist). So the WAL file is kept
      longer than its log: zeros are appended past its end in short steps, each under the write
      lock so no frame is being written meanwhile. SQLite reads a WAL only up to the first frame
      whose salt and checksum do not match, so zeros past the log are never read as frames.
    """

    IDLE_SECONDS = 0.5
    # A writer that never pauses still gets a checkpoint now and then, so the WAL stays bounded.
    MAX_COMMITS_WITHOUT_CHECKPOINT = 2000

    def __init__(self, path: Path, reserve_bytes: int, write_lock: threading.RLock) -> None:
        self._path = path
        self._wal = path.with_name(path.name + "-wal")
        self._reserve_bytes = reserve_bytes
        self._write_lock = write_lock
        self._page_size = 4096
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._commits = 0
        self._asleep = False  # waiting for the first commit after a checkpoint
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Count a commit. Only the first after a checkpoint wakes the thread: waking it on
        every answer would cost a thread switch each time."""
        with self._lock:
            self._commits += 1
            wake, self._asleep = self._asleep, False
        if wake:
            self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            connection.execute("PRAGMA busy_timeout = 2000")
            self._page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
            # Space before the first answers; in short locked steps, so opening never waits.
            self._keep_ahead(connection, self._checkpoint(connection))
            while not self._stopping:
                with self._lock:
                    self._asleep = self._commits == 0
                    asleep = self._asleep
                if asleep:
                    self._wake.wait()
                    self._wake.clear()
                # Wait for a pause in the writing: no new commit for IDLE_SECONDS. The space
                # made ahead (16 MiB by default, some 800 answers) outlasts any burst a person
                # produces. The log's end is only learnt from a checkpoint: reading the -shm
                # file ourselves would mean closing a file descriptor on it, which drops
                # SQLite's POSIX locks on it too.
                seen = self._pending()
                while not self._stopping and seen < self.MAX_COMMITS_WITHOUT_CHECKPOINT:
                    self._wake.wait(self.IDLE_SECONDS)  # set only by stop() now
                    now = self._pending()
                    if now == seen:
                        break  # the writer paused
                    seen = now
                if self._stopping:
                    break
                with self._lock:
                    self._commits = 0
                self._keep_ahead(connection, self._checkpoint(connection))
        finally:
            connection.close()

    def _pending(self) -> int:
        with self._lock:
            return self._commits

    def _checkpoint(self, connection: sqlite3.Connection) -> int | None:
        """Backfill what it can without waiting; return the frames in the log."""
        try:
            row = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            return None  # busy: the next pause tries again
        return int(row[1]) if row and row[1] >= 0 else None

    def _keep_ahead(self, connection: sqlite3.Connection, frames: int | None) -> None:
        """Append zeros to the WAL file when the log comes near its end."""
        if self._reserve_bytes <= 0 or frames is None:
            return
        used = _WAL_HEADER + frames * (_FRAME_HEADER + self._page_size)
        try:
            if self._wal.stat().st_size - used >= self._reserve_bytes // 2:
                return
            with self._wal.open("r+b") as wal:
                zeros = bytes(_APPEND_STEP)
                for _ in range(max(1, self._reserve_bytes // _APPEND_STEP)):
                    if self._stopping or not self._append(connection, wal.fileno(), zeros):
                        break
                    # Each step synced on its own, outside the lock: a commit meanwhile waits
                    # behind a quarter-megabyte flush at most, never the whole reserve.
                    _datasync(wal.fileno())
        except OSError:
            pass  # a full disk: commits simply grow the file as SQLite always does

    def _append(self, connection: sqlite3.Connection, fd: int, zeros: bytes) -> bool:
        """Append one step of zeros while no frame can be written; False when busy."""
        with self._write_lock:
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.Error:
                return False
            try:
                os.lseek(fd, 0, os.SEEK_END)
                os.write(fd, zeros)
            finally:
                connection.execute("ROLLBACK")
        return True


def _datasync(fd: int) -> None:
    sync = getattr(os, "fdatasync", os.fsync)  # macOS and Windows have no fdatasync
    sync(fd)
