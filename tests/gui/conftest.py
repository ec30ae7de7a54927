"""Fixtures of the GUI shell tests: a small deck folder synced into a temporary collection."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from flashcards.services.collection import Collection
from flashcards.services.sync import DeckSource, sync_decks

DECK = """---
id: k8s-basics
title: Kubernetes basics
description: Pods, Deployments and the YAML that makes them.
---

## What is a Pod?

The smallest deployable unit: one or more containers sharing network and storage.

## Which field sets the number of replicas?

```yaml
apiVersion: apps/v1
kind: Deployment
spec:
  {{c1::replicas: 3}}
```

## What does `kubectl get pods` list?

The Pods of the current namespace.
"""


@pytest.fixture(autouse=True)
def _unfreeze_gc() -> Iterator[None]:
    """A started app freezes what it built (``freeze_startup_objects``); each test starts
    with the collector seeing everything again, so windows of earlier tests can be freed."""
    yield
    gc.unfreeze()


SECOND_DECK = """---
id: redis-basics
title: Redis basics
description: Strings, lists and persistence.
---

## Which command sets a key with an expiry?

`SET key value EX 10`
"""


@pytest.fixture
def deck_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "k8s.md").write_text(DECK, encoding="utf-8")
    (folder / "redis.md").write_text(SECOND_DECK, encoding="utf-8")
    return folder


@pytest.fixture
def no_bundled_decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Syncs in these tests read only the test decks: the bundled ones would slow them down."""
    empty = tmp_path / "no-bundled"
    empty.mkdir()
    monkeypatch.setattr("flashcards.services.sync.bundled_decks_dir", lambda: empty)
    return empty


@pytest.fixture
def synced(
    collection: Collection, deck_folder: Path, no_bundled_decks: Path
) -> Iterator[Collection]:
    """A collection holding the test decks, with the folder in its settings."""
    collection.update_settings(deck_folders=(str(deck_folder),))
    sync_decks(collection, [DeckSource("user", deck_folder)])
    yield collection


@pytest.fixture
def shell(qtbot, synced: Collection):
    """The main window and its controller over the synced collection, first sync finished."""
    from PySide6.QtWidgets import QApplication

    from flashcards.gui.background import BackgroundRunner
    from flashcards.gui.i18n import Translations
    from flashcards.gui.main_controller import MainController
    from flashcards.gui.main_window import MainWindow

    app = QApplication.instance()
    translations = Translations(app)
    translations.apply("en")
    window = MainWindow()
    qtbot.addWidget(window)
    # Both die with the window: no Python-owned QObject left for the garbage collector to
    # delete at some random later moment.
    runner = BackgroundRunner(window)
    controller = MainController(
        synced, window, runner, translations, watch_decks=False, parent=window
    )
    controller.start()  # counts the decks and syncs them, both in the background
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    yield controller
    runner.wait()
    translations.apply("en")
