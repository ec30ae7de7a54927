"""Crash safety, for real: a process answering cards is killed with SIGKILL at random moments.

After every kill the collection opens (the writer lock died with the process), passes
``PRAGMA integrity_check``, and holds every answer whose ``answer()`` call had returned; each
card's schedule matches its newest review, since both are written in one transaction.
"""

from __future__ import annotations

import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flashcards.services.collection import Collection
from flashcards.services.paths import database_path
from tests.safety.util import integrity

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork server needs os.fork"),
]

KILLS = 55
REPO = Path(__file__).resolve().parents[2]


class ForkServer:
    """Drives tests/safety/answer_loop.py over its stdin and stdout."""

    def __init__(self, data_dir: Path) -> None:
        env = dict(os.environ)
        # The answer path with the WAL kept ahead of its log, as in the app (smaller reserve).
        env["FLASHCARDS_WAL_RESERVE_BYTES"] = str(256 * 1024)
        env["PYTHONPATH"] = str(REPO)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.safety.answer_loop", str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=REPO,
            env=env,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_line(timeout=60) == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("eof")

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def next_line(self, timeout: float = 20) -> str:
        line = self.lines.get(timeout=timeout)
        assert not line.startswith("error") and line != "eof", self._drain(line)
        return line

    def _drain(self, first: str) -> str:
        found = [first]
        while not self.lines.empty():
            found.append(self.lines.get())
        return "\n".join(found)

    def close(self) -> None:
        self.send("quit")
        self.process.wait(timeout=20)


def _consistent(path: Path) -> list[tuple[int, ...]]:
    """Cards whose schedule differs from what their newest review says it became."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            """
            SELECT c.id, c.repetitions, r.reps_after, c.interval, r.interval_after
            FROM cards c JOIN reviews r ON r.id = (SELECT max(id) FROM reviews WHERE card_id = c.id)
            WHERE c.repetitions != r.reps_after OR c.interval != r.interval_after
               OR c.easiness_cents != r.easiness_after OR c.due IS NOT r.due_after
            """
        ).fetchall()
    finally:
        connection.close()


def test_answers_survive_sigkill_at_random_moments(data_dir: Path) -> None:
    path = database_path(data_dir)
    rng = random.Random(20260302)
    server = ForkServer(data_dir)
    printed: set[int] = set()
    killed_while_answering = 0
    try:
        for round_number in range(KILLS):
            server.send(f"go {rng.randrange(1 << 30)}")
            # Kill at a random moment: mostly between answers, inside a commit's fsync or while
            # the checkpointer runs; sometimes while the collection is still being opened.
            while_opening = rng.random() < 0.15
            pid = None
            opened = False
            answered = 0
            while pid is None or not (opened or while_opening):
                line = server.next_line()
                if line.startswith("child "):
                    pid = int(line.split()[1])
                elif line.startswith("opened "):
                    opened = True
                elif line.startswith("review "):
                    printed.add(int(line.split()[1]))
                    answered += 1
            time.sleep(rng.uniform(0.0, 0.1 if while_opening else 0.25))
            os.kill(pid, signal.SIGKILL)
            server.send(f"wait {pid}")
            while True:
                line = server.next_line()
                if line.startswith("review "):
                    printed.add(int(line.split()[1]))
                    answered += 1
                elif line.startswith(f"reaped {pid} "):
                    status = int(line.split()[2])
                    break
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
            killed_while_answering += answered > 0

            # The app opens it again at once: the lock died with the process.
            with Collection.open(data_dir) as collection:
                assert collection.writer_lock is not None
            assert integrity(path) == ["ok"], f"round {round_number}"
            connection = sqlite3.connect(path)
            stored = {row[0] for row in connection.execute("SELECT id FROM reviews")}
            connection.close()
            missing = printed - stored
            assert not missing, f"round {round_number}: answers lost: {sorted(missing)[:10]}"
            assert _consistent(path) == [], f"round {round_number}"
    finally:
        server.close()
    assert killed_while_answering >= KILLS // 2
    assert len(printed) > KILLS
