"""Two processes on one data dir: one writer at a time, readers welcome, nothing corrupted."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashcards.cli import main
from flashcards.services.backup import list_backups, newest_backup, restore_backup
from flashcards.services.collection import Collection
from flashcards.services.errors import CollectionLockedError
from flashcards.services.paths import database_path
from flashcards.storage.lock import acquire_writer_lock
from tests.safety.util import integrity, review_ids

REPO = Path(__file__).resolve().parents[2]


class Holder:
    """Another process with the collection open for writing (tests/safety/holder.py)."""

    def __init__(self, data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.holder", str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            text=True,
            bufsize=1,
        )
        line = self._line()
        assert line.startswith("ready "), line
        self.pid = int(line.split()[1])

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def answer(self, count: int) -> set[int]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"answer {count}\n")
        self.process.stdin.flush()
        line = self._line()
        assert line.startswith("answered "), line
        return {int(i) for i in line.split()[1:]}

    def quit(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        assert self._line() == "closed"
        assert self.process.wait(timeout=30) == 0


@pytest.fixture
def holder(data_dir: Path) -> Iterator[Holder]:
    running = Holder(data_dir)
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_second_writer_is_refused_and_readers_still_work(
    data_dir: Path, holder: Holder, capsys: pytest.CaptureFixture[str]
) -> None:
    answered = holder.answer(5)
    with pytest.raises(CollectionLockedError) as caught:
        Collection.open(data_dir)
    assert f"open in another Flashcards (process {holder.pid}): close it first" in str(caught.value)
    newest = newest_backup(data_dir)
    assert newest is not None
    with pytest.raises(CollectionLockedError):
        restore_backup(data_dir, newest.path)
    for command in (["review"], ["sync"], ["doctor"], ["restore", str(newest.path)]):
        code, out, err = run(capsys, "--data-dir", str(data_dir), *command)
        assert code == 1, (command, out, err)
        assert err.count("\n") == 1 and f"(process {holder.pid}): close it first" in err, err

    # Read-only commands work meanwhile, while the other process goes on answering.
    writing = threading.Thread(target=lambda: answered.update(holder.answer(40)))
    writing.start()
    try:
        for _ in range(3):
            for command in (
                ["stats"],
                ["check"],
                ["search", "redis"],
                ["show", "redis-default-port"],
                ["backups"],
                ["backup"],
            ):
                code, out, err = run(capsys, "--data-dir", str(data_dir), *command)
                assert code == 0, (command, err)
    finally:
        writing.join()
    assert "Cards: " in run(capsys, "--data-dir", str(data_dir), "stats")[1]
    # The manual backups, taken while the other process wrote, are whole collections.
    manual = [b for b in list_backups(data_dir) if b.reason == "manual"]
    assert len(manual) == 3 and all(integrity(b.path) == ["ok"] for b in manual)

    holder.quit()
    with Collection.open(data_dir) as collection:  # released on close
        assert collection.writer_lock is not None
    assert integrity(database_path(data_dir)) == ["ok"]
    assert answered <= review_ids(data_dir) and len(answered) == 45


def test_the_lock_dies_with_its_process(data_dir: Path, holder: Holder) -> None:
    holder.answer(3)
    with pytest.raises(CollectionLockedError):
        Collection.open(data_dir)
    holder.process.send_signal(signal.SIGKILL)
    holder.process.wait()
    with Collection.open(data_dir) as collection:
        assert collection.writer_lock is not None
    assert integrity(database_path(data_dir)) == ["ok"]


def test_within_one_process_writers_share_the_lock(data_dir: Path) -> None:
    first = Collection.open(data_dir)
    second = Collection.open(data_dir)  # a background task's connection
    with pytest.raises(CollectionLockedError, match="open in this program"):
        acquire_writer_lock(data_dir, exclusive=True)
    first.close()
    with pytest.raises(CollectionLockedError):
        acquire_writer_lock(data_dir, exclusive=True)
    second.close()
    acquire_writer_lock(data_dir, exclusive=True).release()
    # A read-only collection takes no lock at all.
    lock = acquire_writer_lock(data_dir, exclusive=True)
    with Collection.open(data_dir, read_only=True) as reader:
        assert reader.writer_lock is None
    lock.release()


def test_readers_opening_meanwhile_never_break_the_writer(data_dir: Path, holder: Holder) -> None:
    """The app answers cards while other processes (``flashcards stats``...) open and close the
    collection. They all share SQLite's WAL-index (``-shm``), which the first connection to open
    it resets: the writer must hold SQLite's locks on it all along, or a reader resets it under
    the writer (a bus error, or a damaged index)."""
    answered: set[int] = set()
    writing = threading.Thread(
        target=lambda: [answered.update(holder.answer(1)) for _ in range(150)]
    )
    writing.start()
    try:
        while writing.is_alive():
            reader = sqlite3.connect(f"{database_path(data_dir).as_uri()}?mode=ro", uri=True)
            reader.execute("SELECT count(*) FROM reviews").fetchone()
            reader.close()
    finally:
        writing.join()
    assert holder.process.poll() is None, f"the writer died ({holder.process.returncode})"
    holder.quit()
    assert integrity(database_path(data_dir)) == ["ok"]
    assert answered <= review_ids(data_dir) and len(answered) == 150
