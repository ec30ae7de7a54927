"""The browser window driven like a user would: typing, filters, keys, preview and bulk actions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from flashcards.gui.browser import BrowserWindow
from flashcards.gui.browser.confirmation import Confirmation
from flashcards.gui.browser.model import sort_column
from flashcards.gui.editor.external import ExternalEditor
from flashcards.services.browse import BrowseFilter
from flashcards.services.collection import Collection
from flashcards.services.sync import DeckSource, sync_decks
from tests.gui.browser.support import ImmediateRunner, build_collection, write_numbered_deck
from tests.helpers import FakeClock

K8S = """---
id: k8s
title: Kubernetes
---

## What is a Pod?
<!-- tags: workloads -->

The smallest deployable unit: one or more containers.

## Which object keeps N replicas running?
<!-- tags: workloads -->

A ReplicaSet.

## Which field sets the number of replicas?

```yaml
spec:
  {{c1::replicas: 3}}
```
"""


@pytest.fixture
def col(tmp_path: Path, clock: FakeClock):
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "k8s.md").write_text(K8S, encoding="utf-8")
    write_numbered_deck(folder, "numbers", "Numbers", 300, tag="counting")
    collection = build_collection(tmp_path / "data", folder, clock)
    yield collection
    collection.close()


@pytest.fixture
def browser(qtbot, col: Collection) -> BrowserWindow:
    window = BrowserWindow(col, ImmediateRunner())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def prompts(window: BrowserWindow) -> list[str]:
    model = window.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def select_rows(window: BrowserWindow, first: int, last: int) -> None:
    selection = window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    for row in range(first, last + 1):
        selection.select(window.model.index(row, 0), flags)


def test_opens_on_every_card_with_the_first_previewed(qtbot, browser: BrowserWindow) -> None:
    assert browser.model.rowCount() == 303
    assert browser.windowTitle() == "Browse cards"
    assert browser.current_card_id() is not None
    qtbot.waitUntil(lambda: browser.preview.front.view.toPlainText() != "")
    assert "What is a Pod?" in browser.preview.front.view.toPlainText()
    assert "smallest deployable unit" in browser.preview.back.view.toPlainText()
    assert "k8s.md:6" in browser.preview.title.text()
    assert "303 cards" in browser._count_label.text()


def test_typing_a_search_lists_matching_cards(qtbot, browser: BrowserWindow) -> None:
    qtbot.keyClick(browser.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert browser.filters.search.hasFocus()
    with qtbot.waitSignal(browser.search_finished, timeout=3000) as blocker:
        qtbot.keyClicks(browser.filters.search, "replica")
    assert blocker.args == [2]
    assert prompts(browser) == [
        "Which object keeps N replicas running?",
        "Which field sets the number of replicas?",
    ]
    with qtbot.waitSignal(browser.search_finished, timeout=3000) as blocker:
        browser.filters.search.clear()
        qtbot.keyClicks(browser.filters.search, "00042")
        qtbot.keyClick(browser.filters.search, Qt.Key.Key_Return)
    assert prompts(browser) == ["Numbers question 00042?"]


def test_deck_tag_and_state_filters(qtbot, browser: BrowserWindow, col: Collection) -> None:
    filters = browser.filters
    assert [filters.deck.itemText(i).strip() for i in range(filters.deck.count())] == [
        "All decks",
        "My decks",
        "Kubernetes",
        "Numbers",
    ]
    with qtbot.waitSignal(browser.search_finished):
        filters.deck.setCurrentIndex(
            filters.deck.findText("Kubernetes", Qt.MatchFlag.MatchContains)
        )
    assert browser.model.rowCount() == 3
    with qtbot.waitSignal(browser.search_finished):
        filters.tag.setCurrentIndex(filters.tag.findData("workloads"))
    assert browser.model.rowCount() == 2
    with qtbot.waitSignal(browser.search_finished):
        filters.deck.setCurrentIndex(0)
    with qtbot.waitSignal(browser.search_finished):
        filters.tag.setCurrentIndex(filters.tag.findData("counting"))
    assert browser.model.rowCount() == 300
    col.set_suspended(browser.cards.card_ids(browser.model.browse_filter())[:7], True)
    browser.cards.invalidate()
    with qtbot.waitSignal(browser.search_finished) as blocker:
        filters.state.setCurrentIndex(filters.state.findData("suspended"))
    assert blocker.args == [7]
    with qtbot.waitSignal(browser.search_finished) as blocker:
        browser.show_deck([col.deck_by_key("k8s").id])  # type: ignore[union-attr]
    assert blocker.args == [0]  # no suspended Kubernetes card
    assert not browser.preview.front.isVisible()
    assert "No cards match" in browser.preview._placeholder.text()


def test_sorting_by_a_header_keeps_the_current_card(qtbot, browser: BrowserWindow) -> None:
    select_rows(browser, 1, 1)
    browser.table.setCurrentIndex(browser.model.index(1, 0))
    current = browser.current_card_id()
    with qtbot.waitSignal(browser.search_finished):
        browser.table.sortByColumn(sort_column("prompt"), Qt.SortOrder.DescendingOrder)
    assert browser.model.browse_filter() == BrowseFilter(sort="prompt", descending=True)
    assert prompts(browser)[0] == "Which object keeps N replicas running?"
    assert browser.current_card_id() == current
    header = browser.table.horizontalHeader()
    assert header.sortIndicatorSection() == sort_column("prompt")


def test_enter_previews_the_current_card(qtbot, browser: BrowserWindow) -> None:
    browser.preview_action.trigger()  # hide the pane
    assert browser.preview.isHidden()
    browser.table.setFocus()
    browser.table.setCurrentIndex(browser.model.index(2, 0))
    with qtbot.waitSignal(browser.preview_shown, timeout=2000) as blocker:
        qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    assert blocker.args == [browser.current_card_id()]
    assert browser.preview.isVisible()
    front = browser.preview.front.view.toPlainText()
    back = browser.preview.back.view.toPlainText()
    assert "[...]" in front and "replicas: 3" not in front  # the cloze is hidden on the front
    assert "replicas: 3" in back


def test_bulk_suspend_unsuspend_bury_and_reset(
    qtbot, col: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.gui.background import BackgroundRunner

    # The real runner: the changes run on a worker thread with their own connection.
    runner = BackgroundRunner()
    browser = BrowserWindow(col, runner)
    qtbot.addWidget(browser)
    browser.show()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 303, timeout=5000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    monkeypatch.setattr("flashcards.services.browse.BULK_CHUNK", 40)  # several chunks
    select_rows(browser, 3, 102)
    ids = browser.selected_card_ids()
    assert len(ids) == 100
    with qtbot.waitSignal(browser.cards_changed):
        qtbot.keyClick(browser.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert all(col.card_schedule(i).suspended for i in ids)  # type: ignore[union-attr]
    assert browser.model.data(browser.model.index(50, 3)) == "Suspended"
    assert "Suspended 100 cards" in browser.statusBar().currentMessage()
    assert "100 selected of 303 cards" in browser._count_label.text()
    with qtbot.waitSignal(browser.cards_changed):
        browser.unsuspend_action.trigger()
        assert not browser.unsuspend_action.isEnabled()  # while the worker applies them
    assert not any(col.card_schedule(i).suspended for i in ids)  # type: ignore[union-attr]
    with qtbot.waitSignal(browser.cards_changed):
        browser.bury_action.trigger()
    assert browser.model.data(browser.model.index(3, 3)) == "Buried"
    assert browser.suspend_action.isEnabled()

    asked: list[str] = []
    monkeypatch.setattr(
        Confirmation, "ask", classmethod(lambda cls, p, t, text: asked.append(text))
    )
    browser.reset_action.trigger()  # declined: nothing changes
    assert "100 cards" in asked[0]
    assert browser.model.data(browser.model.index(3, 3)) == "Buried"
    monkeypatch.setattr(Confirmation, "ask", classmethod(lambda cls, p, t, text: True))
    with qtbot.waitSignal(browser.cards_changed):
        browser.reset_action.trigger()
    assert browser.model.data(browser.model.index(3, 3)) == "New"
    runner.wait()


def test_actions_follow_the_selection(browser: BrowserWindow) -> None:
    assert browser.suspend_action.isEnabled()
    browser.table.selectionModel().clearSelection()
    assert not browser.suspend_action.isEnabled()
    assert browser.selected_card_ids() == []
    assert browser.suspend_action.shortcut().toString() == "Ctrl+J"
    assert "Ctrl+J" in browser.suspend_action.toolTip()


def test_jump_to_source_and_delete(
    qtbot, browser: BrowserWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Path, int]] = []
    monkeypatch.setattr(
        ExternalEditor,
        "open",
        classmethod(lambda cls, path, line=1: opened.append((path, line)) or True),
    )
    browser.table.setCurrentIndex(browser.model.index(1, 0))
    qtbot.keyClick(
        browser.table,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert opened == [(opened[0][0], 11)] and opened[0][0].name == "k8s.md"
    assert "line 11" in browser.statusBar().currentMessage()
    qtbot.keyClick(browser.table, Qt.Key.Key_Delete)
    assert "remove its note from the file" in browser.statusBar().currentMessage()
    assert browser.model.rowCount() == 303


def test_editing_from_the_browser_refreshes_rows(
    qtbot, browser: BrowserWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.gui.editor.dialog import NoteEditorDialog

    opened: list[NoteEditorDialog] = []
    monkeypatch.setattr(NoteEditorDialog, "open", lambda self: opened.append(self))
    browser.table.setCurrentIndex(browser.model.index(0, 0))
    browser.edit_action.trigger()
    [dialog] = opened
    qtbot.addWidget(dialog)
    assert dialog.editor.toPlainText().startswith("## What is a Pod?")
    dialog.sources = [DeckSource("user", Path(browser.collection.settings.deck_folders[0]))]
    text = dialog.editor.toPlainText().replace("What is a Pod?", "What is a Kubernetes Pod?")
    dialog.editor.setPlainText(text)
    with qtbot.waitSignal(browser.cards_changed):
        assert dialog.save()
    assert browser.model.data(browser.model.index(0, 0)) == "What is a Kubernetes Pod?"
    assert browser.model.rowCount() == 303
    qtbot.waitUntil(lambda: "Kubernetes Pod" in browser.preview.front.view.toPlainText())


def test_refresh_after_a_sync_lists_new_cards(
    qtbot, browser: BrowserWindow, col: Collection
) -> None:
    folder = Path(col.settings.deck_folders[0])
    write_numbered_deck(folder, "more", "More", 5)
    sync_decks(col, [DeckSource("user", folder)])
    with qtbot.waitSignal(browser.search_finished) as blocker:
        browser.refresh()
    assert blocker.args == [308]
    assert "More" in [
        browser.filters.deck.itemText(i).strip() for i in range(browser.filters.deck.count())
    ]
