"""Test helpers shared across the suite."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

__all__ = ["FakeClock", "write_deck"]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=8)))

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def write_deck(
    folder: Path, name: str, deck_id: str, notes: list[tuple[str, str]], **header: str
) -> Path:
    """Write a simple deck file of (prompt, answer) notes."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["---", f"id: {deck_id}", f"title: {header.get('title', deck_id.title())}"]
    lines += [f"{k}: {v}" for k, v in header.items() if k != "title"]
    lines += ["---", ""]
    for prompt, answer in notes:
        lines += [f"## {prompt}", "", answer, ""]
    path = folder / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
