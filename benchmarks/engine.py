"""Engine benchmarks against the targets of the core, deck-format and rendering issues.

    python benchmarks/engine.py [--notes 100000] [--files 50]

Each figure is measured in process after imports (start-up is measured separately in a fresh
process). Tests never time things; this script does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.datagen import YAML_NOTE, add_review_history, generate_notes, write_decks
from flashcards.services.collection import Collection
from flashcards.services.search import search_notes
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks

TARGETS_MS = {
    "import": 3000,
    "resync_unchanged": 100,
    "resync_one_edit": 200,
    "first_card": 100,
    "deck_counts": 5,
    "answer_p50": 0.5,
    "answer_max": 10,
    "search": 5,
    "render_warm": 1.5,
    "render_cached": 0.05,
    "render_first_process": 50,
}


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _import_in_child(folder: Path, data: Path) -> tuple[float, float]:
    """Import in a fresh process: (ms, peak RSS MiB) of the import alone."""
    code = f"""
import resource, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from pathlib import Path
from flashcards.services.collection import Collection
from flashcards.services.sync import DeckSource, sync_decks
col = Collection.open(Path({str(data)!r}))
start = time.perf_counter()
sync_decks(col, [DeckSource("user", Path({str(folder)!r}))])
elapsed = (time.perf_counter() - start) * 1000
col.close()
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    ms, rss = out.stdout.split()
    return float(ms), float(rss)


def run(notes: int, files: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "decks"
        paths = write_decks(folder, generate_notes(notes), files)
        results["import"], results["import_rss_mib"] = _import_in_child(folder, root / "data")

        col = Collection.open(root / "data")
        # Every later figure is taken on a settled collection: the search index is built in
        # the background after an import (import_indexed in benchmarks/run.py times that).
        col.database.wait_for_search_index()
        source = [DeckSource("user", folder)]
        start = time.perf_counter()
        sync_decks(col, source)
        results["resync_unchanged"] = _ms(start)
        text = paths[0].read_text(encoding="utf-8").replace("编号 5。", "编号 5（已修订）。", 1)
        paths[0].write_text(text, encoding="utf-8")
        start = time.perf_counter()
        report = sync_decks(col, source)
        results["resync_one_edit"] = _ms(start)
        assert report.totals()["edited"] == 1, report.totals()
        add_review_history(col)
        # Measure a settled collection, as a learner has it after the first minute: the search
        # index is built in the background after an import.
        col.database.wait_for_search_index()
        col.close()

        start = time.perf_counter()
        col = Collection.open(root / "data")
        session = StudySession(col, seed=1)
        card = session.current()
        results["first_card"] = _ms(start)
        assert card is not None

        timings = []
        for _ in range(20):
            start = time.perf_counter()
            col.deck_tree()
            timings.append(_ms(start))
        results["deck_counts"] = statistics.median(timings)

        col.update_settings(reviews_per_day=5000, new_per_day=1000)
        session = StudySession(col, seed=2)
        answers = []
        for index in range(1000):
            grade = (5, 4, 4, 3, 1)[index % 5]
            start = time.perf_counter()
            session.answer(grade)
            answers.append(_ms(start))
        results["answer_p50"] = statistics.median(answers)
        results["answer_p99"] = statistics.quantiles(answers, n=100)[98]
        results["answer_max"] = max(answers)

        searches = []
        for word in ("marker42", "分布式系统", "readinessProbe"):
            for _ in range(5):
                start = time.perf_counter()
                search_notes(col, word, limit=50)
                searches.append(_ms(start))
        results["search"] = statistics.median(searches)
        col.close()

    results.update(_render())
    return results


# The floor the render figures are judged against: Python-Markdown with the same code extensions
# and Pygments' own HTML formatter; no clozes, themes, sanitiser or lexer cache. Measured in child
# processes: importing our pipeline changes how CodeHilite finds its lexers.
_BARE_PIPELINE = """
import markdown
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.tables import TableExtension
md = markdown.Markdown(
    extensions=[FencedCodeExtension(), CodeHiliteExtension(guess_lang=False), TableExtension()]
)
def render(text):
    md.reset()
    return md.convert(text)
"""


def _child_ms(code: str) -> float:
    """What ``code``, run in a fresh interpreter, prints (a time in ms)."""
    # Bytecode may be written: an installed app has its .pyc files, so a first render should
    # not include compiling our sources (PYTHONDONTWRITEBYTECODE would make every run do it).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    # On stdin, not in argv: the warm floor's script holds all its notes.
    out = subprocess.run(
        [sys.executable, "-"], input=code, env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def _render() -> dict[str, float]:
    from flashcards.rendering import CardRenderer, render_markdown

    head = "## Deployment 做了什么？\n\n这个清单 (manifest) 声明了三个副本，并配置了就绪探针。\n\n"
    note = head + YAML_NOTE.format(n=1)
    # Warm, not cached: each note's YAML differs (name: web-N), so every render lexes its code
    # afresh and no cache inside the pipeline (lexer tokens included) can answer for it.
    notes = [head + YAML_NOTE.format(n=index + 2) for index in range(300)]
    timings = []
    for varied in notes:
        start = time.perf_counter()
        render_markdown(varied)
        timings.append(_ms(start))
    renderer = CardRenderer()
    renderer.render(note)
    cached = []
    for _ in range(1000):
        start = time.perf_counter()
        renderer.render(note)
        cached.append(_ms(start))
    first_code = (
        "import time; s=time.perf_counter(); from flashcards.rendering import render_markdown; "
        f"render_markdown({note!r}); print((time.perf_counter()-s)*1000)"
    )
    bare_first_code = (
        f"import time; s=time.perf_counter()\n{_BARE_PIPELINE}\n"
        f"render({note!r}); print((time.perf_counter()-s)*1000)"
    )
    bare_warm_code = (
        f"import statistics, time\n{_BARE_PIPELINE}\ntimings = []\n"
        f"for text in {notes!r}:\n"
        "    s = time.perf_counter(); render(text); timings.append((time.perf_counter()-s)*1000)\n"
        "print(statistics.median(timings[50:]))"
    )
    # One discarded run of each: bytecode written, files in the page cache, as for an app that
    # has been started before.
    _child_ms(first_code)
    _child_ms(bare_first_code)
    return {
        "render_warm": statistics.median(timings[50:]),
        "render_warm_bare": _child_ms(bare_warm_code),
        "render_cached": statistics.median(cached),
        "render_first_process": statistics.median(_child_ms(first_code) for _ in range(5)),
        "render_first_process_bare": statistics.median(
            _child_ms(bare_first_code) for _ in range(5)
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = run(args.notes, args.files)
    failed = 0
    for name, value in results.items():
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else ("ok" if value <= target else "OVER")
        failed += verdict == "OVER"
        unit = "MiB" if name.endswith("rss_mib") else "ms"
        limit = f"(target {target} {unit})" if target is not None else ""
        print(f"{name:22} {value:10.3f} {unit:3} {limit:22} {verdict}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
