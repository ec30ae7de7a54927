"""Holds a collection open for writing, as the app does: ``python -m tests.safety.holder DIR``.

Prints ``ready PID``; then ``answer N`` answers N cards (printing ``answered IDS``) and ``quit``
closes the collection and exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy import select

from flashcards.services.collection import Collection
from flashcards.services.study import StudySession
from flashcards.storage.models import ReviewLog


def main() -> None:
    collection = Collection.open(Path(sys.argv[1]))
    session = StudySession(collection, seed=11)
    print(f"ready {os.getpid()}", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "answer":
            ids = []
            for _ in range(int(argument)):
                session.answer(2, answer_ms=1000)
                with collection.database.reading() as read:
                    ids.append(read.scalar(select(ReviewLog.id).order_by(ReviewLog.id.desc())))
            print("answered " + " ".join(map(str, ids)), flush=True)
        elif command == "quit":
            break
    collection.close()
    print("closed", flush=True)


if __name__ == "__main__":
    main()
