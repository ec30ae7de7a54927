"""One collection built from real decks for the whole session; each test gets its own copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FakeClock
from tests.safety.util import build_collection


@pytest.fixture(scope="session")
def collection_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir synced from two bundled decks (and its first backup), at FakeClock's start."""
    return build_collection(tmp_path_factory.mktemp("template"), FakeClock())


@pytest.fixture
def data_dir(tmp_path: Path, collection_template: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(collection_template, target)
    return target
