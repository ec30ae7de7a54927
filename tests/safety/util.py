"""Helpers for the data-safety tests: a real collection built from real deck files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from flashcards.services.collection import Collection
from flashcards.services.paths import bundled_decks_dir, database_path
from flashcards.services.sync import DeckSource, sync_decks
from tests.helpers import FakeClock

__all__ = ["DECKS", "build_collection", "file_bytes", "integrity", "review_ids"]

DECKS = ("redis.md", "docker.md")


def build_collection(root: Path, clock: FakeClock | None = None) -> Path:
    """A data dir holding a collection synced from two bundled decks copied into a folder."""
    folder = root / "decks"
    folder.mkdir(parents=True, exist_ok=True)
    for name in DECKS:
        shutil.copyfile(bundled_decks_dir() / name, folder / name)
    data_dir = root / "data"
    with Collection.open(data_dir, clock=clock) as collection:
        report = sync_decks(collection, [DeckSource("user", folder)])
        assert not report.errors
        collection.update_settings(new_per_day=9999, reviews_per_day=99999)
    return data_dir


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def review_ids(data_dir: Path) -> set[int]:
    connection = sqlite3.connect(database_path(data_dir))
    try:
        return {row[0] for row in connection.execute("SELECT id FROM reviews")}
    finally:
        connection.close()


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()
