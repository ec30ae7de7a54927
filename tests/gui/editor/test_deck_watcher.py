"""The deck folder watcher fires on real file changes, once per burst, and survives atomic saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flashcards.gui.editor import DeckWatcher

DECK = "---\nid: w\ntitle: W\n---\n\n## Q?\n\nA.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "decks"
    (path / "nested").mkdir(parents=True)
    (path / "w.md").write_text(DECK, encoding="utf-8")
    (path / "nested" / "n.md").write_text(DECK.replace("id: w", "id: n"), encoding="utf-8")
    return path


@pytest.fixture
def watcher(qtbot, folder: Path):
    watcher = DeckWatcher([folder, folder.parent / "missing"], delay_ms=50)
    yield watcher
    watcher.set_folders([])


def test_watches_deck_files_in_sub_folders(watcher: DeckWatcher, folder: Path) -> None:
    assert watcher.watched_files() == sorted(
        [str(folder / "nested" / "n.md"), str(folder / "w.md")]
    )
    assert watcher.folders() == [folder, folder.parent / "missing"]


def test_fires_once_for_a_burst_of_writes(qtbot, watcher: DeckWatcher, folder: Path) -> None:
    emitted: list[int] = []
    watcher.decks_changed.connect(lambda: emitted.append(1))
    with qtbot.waitSignal(watcher.decks_changed, timeout=5000):
        for n in range(3):
            (folder / "w.md").write_text(DECK + f"\n## More {n}?\n\nYes.\n", encoding="utf-8")
    qtbot.wait(200)  # the debounce is over: nothing else is coming
    assert emitted == [1]


def test_fires_again_after_an_atomic_replace(qtbot, watcher: DeckWatcher, folder: Path) -> None:
    target = folder / "nested" / "n.md"
    for round_number in range(2):
        temp = folder / "nested" / f".n.md.{round_number}.tmp"
        temp.write_text(DECK + f"\n## Round {round_number}?\n\nA.\n", encoding="utf-8")
        with qtbot.waitSignal(watcher.decks_changed, timeout=5000):
            os.replace(temp, target)
        assert str(target) in watcher.watched_files()  # watched again, the new file this time


def test_new_and_removed_deck_files(qtbot, watcher: DeckWatcher, folder: Path) -> None:
    added = folder / "added.md"
    with qtbot.waitSignal(watcher.decks_changed, timeout=5000):
        added.write_text(DECK.replace("id: w", "id: added"), encoding="utf-8")
    assert str(added) in watcher.watched_files()
    with qtbot.waitSignal(watcher.decks_changed, timeout=5000):
        (folder / "w.md").unlink()
    assert str(folder / "w.md") not in watcher.watched_files()


def test_other_files_do_not_count(qtbot, watcher: DeckWatcher, folder: Path) -> None:
    with qtbot.assertNotEmitted(watcher.decks_changed, wait=300):
        (folder / "notes.txt").write_text("not a deck", encoding="utf-8")
        (folder / ".w.md.123.tmp").write_text("a temp file", encoding="utf-8")


def test_set_folders_switches_what_is_watched(qtbot, watcher: DeckWatcher, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.md").write_text(DECK, encoding="utf-8")
    watcher.set_folders([other])
    assert watcher.watched_files() == [str(other / "o.md")]
    with qtbot.waitSignal(watcher.decks_changed, timeout=5000):
        (other / "o.md").write_text(DECK + "\n", encoding="utf-8")
