"""What dominates each of our benchmark figures: a profile per step, and the SQL it ran.

    python benchmarks/profile_ours.py [--notes 10000] [--top 12] [STEP ...]

Steps: import, open, first_card, deck_counts, answer, search, render, resync (default: all).
Generates the same data as run.py (ours only), then runs each step under cProfile (pyinstrument's
call tree instead with --tree, when it is installed) and times every SQL statement it executes
through SQLAlchemy's cursor events. Profilers slow Python down, not SQLite or the disk: read the
shares, not the absolute times.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.datagen import SEARCH_WORD, add_review_history, generate_notes, write_decks
from benchmarks.workers import GRADES, render_card_id
from flashcards.services.collection import Collection
from flashcards.services.search import search_notes
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks

STEPS = ("import", "open", "first_card", "deck_counts", "answer", "search", "render", "resync")


class SqlTimer:
    """Wall time per SQL statement text, from SQLAlchemy's cursor events."""

    def __init__(self) -> None:
        self.totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
        self._started: list[float] = []

    def before(self, *_: Any) -> None:
        self._started.append(time.perf_counter())

    def after(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        entry = self.totals[" ".join(statement.split())[:160]]
        entry[0] += time.perf_counter() - self._started.pop()
        entry[1] += 1

    @contextmanager
    def attached(self, col: Collection) -> Iterator[None]:
        from sqlalchemy import event

        engine = col.database.engine
        event.listen(engine, "before_cursor_execute", self.before)
        event.listen(engine, "after_cursor_execute", self.after)
        try:
            yield
        finally:
            event.remove(engine, "before_cursor_execute", self.before)
            event.remove(engine, "after_cursor_execute", self.after)

    def report(self, top: int) -> str:
        rows = sorted(self.totals.items(), key=lambda item: -item[1][0])[:top]
        return "\n".join(f"  {t * 1000:9.1f} ms {int(n):6}x  {sql}" for sql, (t, n) in rows)


def profiled(name: str, call: Callable[[], object], top: int, tree: bool) -> None:
    print(f"\n=== {name} " + "=" * (70 - len(name)))
    if tree:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
        started = time.perf_counter()
        call()
        elapsed = time.perf_counter() - started
        profiler.stop()
        print(f"wall {elapsed * 1000:.1f} ms")
        print(profiler.output_text(unicode=False, color=False, show_all=False))
        return
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    call()
    profile.disable()
    elapsed = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    print(f"wall {elapsed * 1000:.1f} ms (under cProfile); by own time:")
    print("\n".join(out.getvalue().splitlines()[6:]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", metavar="STEP", help=", ".join(STEPS))
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--tree", action="store_true", help="pyinstrument call tree")
    args = parser.parse_args()
    steps = args.steps or list(STEPS)
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    work = Path(tempfile.mkdtemp(prefix="flashcards-profile-"))
    try:
        folder = work / "decks"
        write_decks(folder, generate_notes(args.notes))
        sources = [DeckSource("user", folder)]
        data = work / "data"
        col = Collection.open(data)
        sql = SqlTimer()
        with sql.attached(col):
            if "import" in steps:
                profiled("import", lambda: sync_decks(col, sources), args.top, args.tree)
            else:
                sync_decks(col, sources)
        if "import" in steps:
            print("SQL:\n" + sql.report(args.top))
        add_review_history(col)
        started = time.perf_counter()
        wait = getattr(col.database, "wait_for_search_index", None)
        if wait is not None:
            wait(600)
            print(f"\n(search index completed {time.perf_counter() - started:.1f} s later)")
        col.close()

        def each(name: str, call: Callable[[Collection], object], *, repeat: int = 1) -> None:
            if name not in steps:
                return
            copy = work / f"copy-{name}"
            shutil.copytree(data, copy)
            col = Collection.open(copy)
            call(col)  # warm-up, as the benchmark does for in-process figures
            timer = SqlTimer()
            with timer.attached(col):
                profiled(
                    name,
                    lambda: [call(col) for _ in range(repeat)],
                    args.top,
                    args.tree,
                )
            print(f"SQL ({repeat} calls):\n" + timer.report(args.top))
            col.close()

        if "open" in steps:
            profiled("open", lambda: Collection.open(data).close(), args.top, args.tree)
        if "first_card" in steps:

            def first_card() -> None:
                with Collection.open(data) as col:
                    StudySession(col).current()

            profiled("first_card", first_card, args.top, args.tree)
        each("deck_counts", lambda col: col.deck_tree(), repeat=50)
        each("search", lambda col: search_notes(col, SEARCH_WORD, limit=args.notes), repeat=50)

        def answers(col: Collection) -> None:
            session = StudySession(col, seed=1)
            for index in range(300):
                session.current()
                session.answer(GRADES[index % len(GRADES)])

        each("answer", answers)

        card_id = 0

        def render(col: Collection) -> None:
            from flashcards.rendering import render_markdown

            nonlocal card_id
            card_id = card_id or render_card_id(col)  # found once, in the warm-up call

            content = col.card_content(card_id)
            assert content is not None
            front, back = content.faces()
            render_markdown(front)
            render_markdown(f"{front}\n\n---\n\n{back}")

        each("render", render, repeat=100)
        each("resync", lambda col: sync_decks(col, sources))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
