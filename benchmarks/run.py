"""Flashcards side by side with Anki, on the same generated notes, in one run.

    python benchmarks/run.py [--quick] [--json PATH] [--check]

Quick mode: 10,000 notes; full mode: 100,000. Every figure is a ratio ours/Anki measured in this
run (lower is better), so a busy machine slows both sides alike. Each measurement runs in fresh
processes (``benchmarks/workers.py``), ours and Anki's in turn, and the medians over the repeats
are reported. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.datagen import generate_notes, write_anki_csv, write_decks  # noqa: E402

WORKERS = Path(__file__).resolve().with_name("workers.py")
ANSWERS = 1000

# Goals of the benchmark issue: ratio ours/Anki at most this.
GOALS = {
    "import": 1.0,
    "deck_counts": 0.25,
    "first_card": 0.5,
    "answer_p50": 1.0,
    "answer_max": 0.25,
    "search": 0.1,
    "open": 1.0,
    "render": 2.0,
}


@dataclass
class Row:
    """One line of the table: medians in seconds (MiB for memory)."""

    name: str
    n: int
    ours: float
    anki: float | None
    unit: str = "s"
    note: str = ""
    samples: dict[str, list[float]] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.ours / self.anki if self.anki else None

    @property
    def goal(self) -> float | None:
        return GOALS.get(self.name)

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.ratio is None:
            return None
        return self.ratio <= self.goal

    def as_json(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "name": self.name,
            "n": self.n,
            # Seconds; for rss_peak the same keys hold MiB (see "unit").
            "ours_s": self.ours,
            "anki_s": self.anki,
            "ratio": None if ratio is None else round(ratio, 4),
            "unit": self.unit,
            "goal": self.goal,
            "met": self.met,
            "note": self.note,
            "samples": self.samples,
        }


class Bench:
    def __init__(
        self, work: Path, notes: int, repeats: int, verbose: bool, source: Path | None = None
    ) -> None:
        self.work = work
        self.source = source
        self.notes = notes
        self.repeats = repeats
        self.verbose = verbose
        self.rows: list[Row] = []
        self.info: dict[str, Any] = {}

    def step(self, name: str, **arguments: object) -> dict[str, Any]:
        """Run one worker step in a fresh process; return its JSON result."""
        command = [sys.executable, str(WORKERS), name, json.dumps(arguments)]
        env = dict(os.environ)
        if self.source is not None:
            env["FLASHCARDS_BENCH_SOURCE"] = str(self.source)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.work, env=env)
        if done.returncode != 0:
            sys.stderr.write(done.stdout + done.stderr)
            raise SystemExit(f"benchmark step {name} failed (exit {done.returncode})")
        if self.verbose:
            print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def alternate(
        self, repeats: int, ours: Callable[[int], float], anki: Callable[[int], float]
    ) -> tuple[list[float], list[float]]:
        """Run both sides ``repeats`` times, ours and Anki's in turn."""
        mine: list[float] = []
        theirs: list[float] = []
        for index in range(repeats):
            mine.append(ours(index))
            theirs.append(anki(index))
        return mine, theirs

    def add(self, name: str, ours: list[float], anki: list[float] | None, **extra: Any) -> None:
        self.rows.append(
            Row(
                name,
                self.notes,
                statistics.median(ours),
                statistics.median(anki) if anki else None,
                samples={"ours": ours, **({"anki": anki} if anki else {})},
                **extra,
            )
        )

    # -- the steps -----------------------------------------------------------------------

    def generate(self) -> None:
        notes = generate_notes(self.notes)
        write_decks(self.work / "decks", notes)
        write_anki_csv(self.work / "notes.csv", notes)

    def imports(self) -> None:
        """Import into fresh collections; the last of each side becomes the base collection."""
        rss: dict[str, list[float]] = {"ours": [], "anki": []}
        indexed: list[float] = []

        def ours(index: int) -> float:
            target = self.work / f"ours-import-{index}"
            result = self.step("ours_import", decks="decks", data=str(target))
            assert result["added"] == self.notes, result
            rss["ours"].append(result["rss_mib"])
            indexed.append(float(result.get("indexed_seconds", result["seconds"])))
            return float(result["seconds"])

        def anki(index: int) -> float:
            target = self.work / f"anki-import-{index}" / "collection.anki2"
            target.parent.mkdir()
            result = self.step("anki_import", csv="notes.csv", path=str(target))
            assert result["added"] == self.notes, result
            rss["anki"].append(result["rss_mib"])
            return float(result["seconds"])

        repeats = min(3, self.repeats)  # the slow part of a run
        mine, theirs = self.alternate(repeats, ours, anki)
        self.add("import", mine, theirs)
        self.add("import_indexed", indexed, theirs, note="until the search index is complete")
        self.imports_ = (mine, theirs)
        self.rss = rss
        last = repeats - 1
        (self.work / f"ours-import-{last}").rename(self.work / "ours")
        (self.work / f"anki-import-{last}").rename(self.work / "anki")
        for index in range(last):
            shutil.rmtree(self.work / f"ours-import-{index}")
            shutil.rmtree(self.work / f"anki-import-{index}")

    @property
    def ours_data(self) -> str:
        return str(self.work / "ours")

    @property
    def anki_path(self) -> str:
        return str(self.work / "anki" / "collection.anki2")

    def prepare(self) -> None:
        ours = self.step("ours_prepare", data=self.ours_data)
        anki = self.step("anki_prepare", path=self.anki_path)
        self.info["history"] = {"ours": ours["history"], "anki": anki["history"]}
        anki["durability"]["answers"] = "synchronous = full set again by the answer step"
        self.info["durability"] = {"ours": ours["durability"], "anki": anki["durability"]}

    def fresh_process(self, name: str, repeats: int) -> None:
        mine, theirs = self.alternate(
            repeats,
            lambda _: float(self.step(f"ours_{name}", data=self.ours_data)["seconds"]),
            lambda _: float(self.step(f"anki_{name}", path=self.anki_path)["seconds"]),
        )
        self.add(name, mine, theirs)

    def warm(self, processes: int) -> None:
        results: dict[str, list[dict[str, float]]] = {"ours": [], "anki": []}
        for _ in range(processes):
            results["ours"].append(
                self.step("ours_warm", data=self.ours_data, notes=self.notes, repeats=20)
            )
            results["anki"].append(
                self.step("anki_warm", path=self.anki_path, notes=self.notes, repeats=20)
            )
        for name in ("deck_counts", "search", "render", "deck_counts_first"):
            ours = [r[name] for r in results["ours"]]
            anki = [r[name] for r in results["anki"]]
            note = "first call after open" if name.endswith("_first") else ""
            self.add(name, ours, anki, note=note)
        ids = [r["search_ids"] for r in results["ours"] if r.get("search_ids") is not None]
        if ids:
            anki = [r["search"] for r in results["anki"]]
            self.add("search_ids", ids, anki, note="card browser: all matching card ids")

    def answers(self, rounds: int) -> None:
        """``rounds`` x 1,000 answers, each round on a fresh copy of the base collection."""
        per_round: dict[str, list[list[float]]] = {"ours": [], "anki": []}
        for index in range(rounds):
            ours_copy = self.work / f"ours-answers-{index}"
            shutil.copytree(self.ours_data, ours_copy)
            per_round["ours"].append(
                self.step("ours_answers", data=str(ours_copy), count=ANSWERS)["timings"]
            )
            shutil.rmtree(ours_copy)
            anki_copy = self.work / f"anki-answers-{index}"
            shutil.copytree(self.work / "anki", anki_copy)
            per_round["anki"].append(
                self.step("anki_answers", path=str(anki_copy / "collection.anki2"), count=ANSWERS)[
                    "timings"
                ]
            )
            shutil.rmtree(anki_copy)
        for name, pick in (
            ("answer_p50", statistics.median),
            ("answer_p99", lambda t: statistics.quantiles(t, n=100)[98]),
            ("answer_max", max),
        ):
            self.add(
                name,
                [pick(t) for t in per_round["ours"]],
                [pick(t) for t in per_round["anki"]],
                note=f"{ANSWERS} answers a round, median over {rounds} rounds",
            )

    def resync(self, repeats: int) -> None:
        timings = []
        for index in range(repeats):
            copy = self.work / f"ours-resync-{index}"
            shutil.copytree(self.ours_data, copy)
            result = self.step("ours_resync", data=str(copy), decks="decks")
            timings.append(float(result["seconds"]))
            shutil.rmtree(copy)
        imports = self.imports_[1]
        self.add("resync", timings, imports, note="no Anki equivalent: ratio against Anki import")

    def memory(self) -> None:
        self.add("rss_peak", self.rss["ours"], self.rss["anki"], unit="MiB", note="import step")


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def snapshot(revision: str, target: Path) -> str:
    """Extract the flashcards package of ``revision`` into ``target``; return the commit."""
    commit = _git("rev-parse", "--short", f"{revision}^{{commit}}")
    if not commit:
        raise SystemExit(f"--commit: no such commit {revision!r}")
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", commit, "flashcards"], capture_output=True, cwd=ROOT, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return commit


def machine_info(work: Path) -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    filesystem = ""
    try:
        found = subprocess.run(
            ["findmnt", "-n", "-o", "FSTYPE", "-T", str(work)], capture_output=True, text=True
        )
        filesystem = found.stdout.strip()
    except OSError:
        pass
    try:
        from importlib.metadata import version

        anki_version = version("anki")
    except Exception:
        anki_version = "not installed"
    commit = _git("rev-parse", "--short", "HEAD")
    if commit and _git("status", "--porcelain", "--untracked-files=no", "--", "flashcards"):
        commit += "+uncommitted changes"
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),  # noqa: UP017
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "filesystem": filesystem,
        "anki": anki_version,
        "commit": commit,
    }


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1000:.2f} ms"
    return f"{value * 1000:.3f} ms"


def table(rows: list[Row]) -> str:
    lines = [
        f"{'name':18} {'n':>7} {'ours':>11} {'Anki':>11} {'ratio':>7}  {'goal':>7}  result",
        "-" * 72,
    ]
    for row in rows:
        ratio = "-" if row.ratio is None else f"{row.ratio:.3f}"
        goal = "-" if row.goal is None else f"<= {row.goal:g}"
        verdict = {True: "met", False: "MISSED", None: ""}[row.met]
        lines.append(
            f"{row.name:18} {row.n:>7} {_fmt(row.ours, row.unit):>11} "
            f"{_fmt(row.anki, row.unit):>11} {ratio:>7}  {goal:>7}  {verdict}"
        )
    return "\n".join(lines)


def wait_for_load(limit: float | None, patience: float = 300) -> None:
    if limit is None:
        return
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] > limit and time.monotonic() < deadline:
        print(f"load {os.getloadavg()[0]:.2f} > {limit}: waiting", file=sys.stderr)
        time.sleep(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 notes instead of 100,000")
    parser.add_argument("--notes", type=int, help="number of notes (overrides --quick)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    parser.add_argument(
        "--repeats", type=int, help="fresh processes per figure (default: 3 quick, 5 full)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of 1,000 answers")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--max-load", type=float, help="first wait until the 1-min load is below")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    parser.add_argument(
        "--commit",
        metavar="REV",
        help="measure the flashcards package of this commit (default: the working tree)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="time every step")
    args = parser.parse_args()
    try:
        import anki  # noqa: F401
    except ImportError:
        raise SystemExit(
            "Anki is not installed: pip install -e '.[bench]' (or make bench)"
        ) from None

    notes = args.notes or (10_000 if args.quick else 100_000)
    repeats = args.repeats or (3 if notes <= 10_000 else 5)
    wait_for_load(args.max_load)
    started = time.perf_counter()
    if args.keep:
        work = args.keep.resolve()
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="flashcards-bench-"))
    machine = machine_info(work)
    source = None
    if args.commit:
        source = work / "source"
        machine["commit"] = snapshot(args.commit, source)
    # Byte-compiled first, as an installed package is (pip and PyInstaller ship .pyc files; the
    # anki wheel's modules are compiled at install): a lazy import inside a timed step must not
    # pay for compiling its source, even where PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(str((source or ROOT) / "flashcards"), quiet=1)
    load_before = os.getloadavg()
    bench = Bench(work, notes, repeats, args.verbose, source)
    try:
        bench.generate()
        bench.imports()
        bench.prepare()
        bench.fresh_process("open", repeats)
        bench.fresh_process("first_card", repeats)
        bench.warm(1 if notes <= 10_000 else 2)
        bench.answers(args.rounds)
        bench.resync(repeats)
        bench.memory()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    machine["load_before"] = [round(x, 2) for x in load_before]
    machine["load_after"] = [round(x, 2) for x in os.getloadavg()]
    machine["durability"] = bench.info.get("durability")
    machine["history"] = bench.info.get("history")
    machine["seconds"] = round(time.perf_counter() - started, 1)
    order = [
        "import",
        "deck_counts",
        "first_card",
        "answer_p50",
        "answer_max",
        "search",
        "open",
        "resync",
        "render",
        "rss_peak",
        "import_indexed",
        "search_ids",
        "answer_p99",
        "deck_counts_first",
    ]
    rows = sorted(bench.rows, key=lambda row: order.index(row.name))
    mode = "quick" if notes == 10_000 else ("full" if notes == 100_000 else f"{notes} notes")
    print(
        f"Flashcards vs Anki {machine['anki']}: {notes:,} notes ({mode}), medians of "
        f"{repeats} processes ({args.rounds} rounds of {ANSWERS} answers); "
        f"ratio = ours/Anki, lower is better"
    )
    print(table(rows))
    print(
        f"{machine['cpu']}, {machine['cores']} cores, {machine['filesystem']}; load "
        f"{machine['load_before'][0]:.2f} -> {machine['load_after'][0]:.2f}; "
        f"{machine['seconds']:.0f} s; flashcards {machine['commit']}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": machine, "results": [row.as_json() for row in rows]},
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
    missed = [row.name for row in rows if row.met is False]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
