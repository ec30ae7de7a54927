"""The WAL file is kept ahead of its log and checkpointed off the answer path, safely."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from flashcards.storage.database import open_database

FRAME = 24 + 4096


def _wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def _log_frames(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])
    finally:
        connection.close()


def test_wal_is_kept_ahead_and_a_crash_copy_recovers(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    reserve = 256 * 1024
    db = open_database(path, wal_reserve=reserve)
    wal = path.with_name(path.name + "-wal")
    # Space is made at open and again at pauses after commits.
    with db.unit_of_work() as session:
        session.execute(text("INSERT INTO settings (key, value) VALUES ('first', '1')"))
    assert _wait_for(lambda: wal.exists() and wal.stat().st_size >= reserve)
    for number in range(300):
        with db.unit_of_work() as session:
            session.execute(
                text("INSERT INTO settings (key, value) VALUES (:k, '1')"), {"k": f"k{number}"}
            )
    assert _wait_for(lambda: wal.stat().st_size > 32 + _log_frames(path) * FRAME)

    # Copy the files as a crash would leave them (no close, no checkpoint): the zeros past the
    # log must never be read as frames.
    crash = tmp_path / "crash"
    crash.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{path}{suffix}", crash / f"c.db{suffix}")
    db.close()
    recovered = sqlite3.connect(crash / "c.db")
    assert recovered.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert recovered.execute("SELECT count(*) FROM settings").fetchone() == (301,)
    recovered.close()

    reopened = open_database(path, wal_reserve=0)
    with reopened.reading() as session:
        assert session.execute(text("SELECT count(*) FROM settings")).scalar() == 301
    reopened.close()
