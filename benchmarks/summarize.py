"""Several ``run.py --json`` results as one Markdown table: per row, the median over the runs.

    python benchmarks/summarize.py run1.json run2.json run3.json

The ratio column is the median of each run's own ratio (ours and Anki's measured in the same
run); the ours and Anki columns are the medians of the runs' medians.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    if value >= 1:
        return f"{value:.2f} s"
    return f"{value * 1000:.2f} ms" if value >= 0.001 else f"{value * 1000:.3f} ms"


def summarize(runs: list[dict[str, Any]]) -> str:
    names = [row["name"] for row in runs[0]["results"]]
    lines = [
        "| name | n | ours | Anki | ratio | runs' ratios | goal | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        rows = [row for run in runs for row in run["results"] if row["name"] == name]
        unit = rows[0].get("unit", "s")
        ours = statistics.median(row["ours_s"] for row in rows)
        anki_values = [row["anki_s"] for row in rows if row["anki_s"] is not None]
        anki = statistics.median(anki_values) if anki_values else None
        ratios = [row["ratio"] for row in rows if row["ratio"] is not None]
        ratio = statistics.median(ratios) if ratios else None
        goal = rows[0].get("goal")
        verdict = (
            "" if goal is None or ratio is None else ("met" if ratio <= goal else "**missed**")
        )
        lines.append(
            f"| `{name}` | {rows[0]['n']:,} | {_fmt(ours, unit)} | {_fmt(anki, unit)} | "
            f"{'-' if ratio is None else f'{ratio:.3f}'} | "
            f"{', '.join(f'{r:.2f}' for r in ratios)} | "
            f"{'-' if goal is None else f'<= {goal:g}'} | {verdict} |"
        )
    return "\n".join(lines)


def main() -> int:
    runs = [json.loads(Path(path).read_text(encoding="utf-8")) for path in sys.argv[1:]]
    if not runs:
        raise SystemExit(__doc__)
    print(summarize(runs))
    for run in runs:
        machine = run["machine"]
        print(
            f"\n- {machine['date']}: flashcards {machine['commit']}, load "
            f"{machine['load_before'][0]} -> {machine['load_after'][0]}, {machine['seconds']} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
