"""Benchmark (not a test): parse 100,000 generated notes in 50 files (about 36 MB).

Run: ``.venv/bin/python -m tests.deckformat.bench_parse``
"""

from __future__ import annotations

import time

from flashcards.deckformat import parse_deck
from tests.deckformat.util import generated_deck


def main(files: int = 50, notes_per_file: int = 2000, rounds: int = 5) -> None:
    datas = [generated_deck(i, notes_per_file).encode("utf-8") for i in range(files)]
    start = time.process_time()
    for _ in range(10**7):
        pass
    calibration = time.process_time() - start
    best_wall = best_cpu = float("inf")
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        notes = sum(len(parse_deck(data, f"deck{i}.md").notes) for i, data in enumerate(datas))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    size = sum(map(len, datas)) / 1e6
    print(
        f"{notes} notes, {files} files, {size:.1f} MB: best of {rounds}: {best_wall:.3f} s wall, "
        f"{best_cpu:.3f} s CPU (an empty 10M-iteration loop takes {calibration:.2f} s CPU here)"
    )


if __name__ == "__main__":
    main()
