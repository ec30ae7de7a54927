"""A process that answers cards forever, to be killed: ``python -m tests.safety.answer_loop DIR``.

Starting Python and importing SQLAlchemy takes a second or two on a busy CI machine, which 50
kills cannot afford. So this is a fork server: it imports everything once, then for each
``go SEED`` line on stdin forks a fresh child that opens the collection (taking the writer lock)
and answers cards in a loop, printing ``review ID`` after each ``answer()`` has returned.
``wait PID`` reaps a child (the test kills it first) and prints ``reaped PID STATUS``. Every line
is one ``os.write`` below PIPE_BUF, so lines of the server and its child never interleave.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from flashcards.services.collection import Collection
from flashcards.services.study import StudySession
from flashcards.storage.models import Card, ReviewLog


def _say(line: str) -> None:
    os.write(1, f"{line}\n".encode())


class ShiftedClock:
    """The system clock, moved on to the next due day whenever nothing is left today."""

    def __init__(self) -> None:
        self.shift = timedelta(0)

    def now(self) -> datetime:
        return datetime.now().astimezone() + self.shift


def answer_forever(data_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    clock = ShiftedClock()
    collection = Collection.open(data_dir, clock=clock)
    _say(f"opened {os.getpid()}")
    while True:
        session = StudySession(collection, seed=rng.randrange(1 << 30))
        if session.finished:
            today = collection.today()
            with collection.database.reading() as read:
                next_due = read.scalar(select(func.min(Card.due)).where(Card.due > today))
            assert next_due is not None
            clock.shift += timedelta(days=next_due - today)
            continue
        while not session.finished:
            # Mostly failing grades keep cards in today's queue; passing ones move them on.
            session.answer(rng.choice((0, 1, 2, 3, 3, 4, 5)), answer_ms=rng.randrange(50, 9000))
            with collection.database.reading() as read:
                review_id = read.scalar(select(ReviewLog.id).order_by(ReviewLog.id.desc()))
            _say(f"review {review_id}")


def warm_up(data_dir: Path) -> None:
    """Do once what every child would otherwise pay for: lazy imports, first-use set-up."""
    with Collection.open(data_dir) as collection:
        session = StudySession(collection, seed=0)
        session.current()
        session.intervals()
    # Closed: its threads are joined, so the fork below copies a single-threaded process.


def main() -> None:
    data_dir = Path(sys.argv[1])
    warm_up(data_dir)
    _say("ready")
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    answer_forever(data_dir, int(argument))
                except BaseException:
                    for text in traceback.format_exc().splitlines():
                        _say(f"error {text}")
                finally:
                    os._exit(3)
            _say(f"child {pid}")
        elif command == "wait":
            pid = int(argument)
            _, status = os.waitpid(pid, 0)
            _say(f"reaped {pid} {status}")
        elif command == "quit":
            break


if __name__ == "__main__":
    main()
