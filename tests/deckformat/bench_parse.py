"""Benchmark (not a test): parse 100,000 generated notes in 50 files (about 36 MB).

Run: ``.venv/bin/python -m tests.deckformat.bench_parse``
"""

from __future__ import annotations

import time

from flashcards.deckformat import parse_deck
from tests.deckformat.util import generated_deck


def main(files: int = 50, notes_per_file: int = 2000, rounds: int = 5) -> None:
    datas = [generated_deck(i, notes_per_file).encode("utf-8") for i in range(files)]
    start = time.perf_counter()
    for _ in range(10**7):
        pass
    calibration = time.perf_counter() - start
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        notes = sum(len(parse_deck(data, f"deck{i}.md").notes) for i, data in enumerate(datas))
        best = min(best, time.perf_counter() - start)
    size = sum(map(len, datas)) / 1e6
    print(
        f"{notes} notes, {files} files, {size:.1f} MB: best of {rounds} {best:.3f} s "
        f"(this machine runs an empty 10M-iteration loop in {calibration:.2f} s)"
    )


if __name__ == "__main__":
    main()
