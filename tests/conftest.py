"""Shared fixtures: offscreen Qt, a fixed clock, temporary collections and deck folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Growing a 4 MB WAL reserve at every open would dominate a suite of tiny collections;
# tests/storage/test_wal.py covers the reserve itself.
os.environ.setdefault("FLASHCARDS_WAL_RESERVE_BYTES", "0")

from flashcards.services.collection import Collection
from tests.helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("FLASHCARDS_DATA_DIR", str(path))
    return path


@pytest.fixture
def collection(data_dir: Path, clock: FakeClock) -> Iterator[Collection]:
    col = Collection.open(data_dir, clock=clock)
    yield col
    col.close()
