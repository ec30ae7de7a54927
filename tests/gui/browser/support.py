"""Helpers for the browser, statistics and editor tests: a stand-in runner and deck builders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flashcards.services.collection import Collection
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from tests.helpers import FakeClock

__all__ = ["ImmediateRunner", "answer_over_days", "build_collection", "write_numbered_deck"]


class ImmediateRunner:
    """The shell's background runner interface, running the work at once on this thread."""

    def __init__(self) -> None:
        self.runs = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
        **_: Any,
    ) -> int:
        self.runs += 1
        try:
            result = fn()
        except Exception as error:
            if on_error is None:
                raise
            on_error(error)
        else:
            if on_done is not None:
                on_done(result)
        return self.runs

    def run_on_collection(
        self,
        collection: Collection,
        fn: Callable[[Collection], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Any], None] | None = None,
        *,
        read_only: bool = True,
        **_: Any,
    ) -> int:
        """Like the app's runner: ``fn`` gets its own connection to the same file."""

        def work() -> Any:
            with Collection.open(
                collection.data_dir, clock=collection.clock, read_only=read_only
            ) as own:
                return fn(own)

        return self.run(work, on_done, on_error)


def write_numbered_deck(
    folder: Path, deck_id: str, title: str, count: int, *, tag: str = ""
) -> Path:
    """A deck of ``count`` short notes, fast to write and to sync."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["---", f"id: {deck_id}", f"title: {title}"]
    if tag:
        lines.append(f"tags: [{tag}]")
    lines += ["---", ""]
    for number in range(count):
        lines += [f"## {title} question {number:05d}?", "", f"Answer number {number}.", ""]
    path = folder / f"{deck_id}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build_collection(data_dir: Path, folder: Path, clock: FakeClock) -> Collection:
    """Open a collection in ``data_dir`` and sync the decks of ``folder`` into it."""
    collection = Collection.open(data_dir, clock=clock)
    collection.update_settings(deck_folders=(str(folder),))
    report = sync_decks(collection, [DeckSource("user", folder)])
    assert not report.errors, report.errors
    return collection


GRADES = (5, 4, 4, 3, 5, 1, 4, 5, 2, 4)


def answer_over_days(
    collection: Collection, clock: FakeClock, days: int, *, per_day: int = 30
) -> int:
    """Study every day for ``days`` days (skipping some), as a learner would; returns answers."""
    answered = 0
    for day in range(days):
        if day % 7 not in (3,) and day % 11 != 5:  # a few days off
            session = StudySession(collection, seed=day)
            count = 0
            while not session.finished and count < per_day + day % 9:
                session.answer(GRADES[(day + count) % len(GRADES)], answer_ms=4000)
                count += 1
            answered += count
        clock.advance(days=1)
    return answered
