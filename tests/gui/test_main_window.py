"""The main window around the deck list: first run, details, other windows, deck problems."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards.gui.main_controller import MainController


def test_first_run_explains_the_decks_and_focuses_study(shell: MainController) -> None:
    page = shell.window.deck_page
    assert page.welcome_frame.isVisible()
    assert "Welcome to Flashcards" in page.welcome_label.text()
    assert page.study_button.hasFocus()
    assert page.title_label.text() == "All decks"
    assert "4 new" in page.totals_label.text().replace("</b>", "").replace("<b>", "")
    assert shell.window.status_label.text().startswith("2 decks, 4 cards.")


def test_choosing_a_deck_shows_its_description_and_studies_only_it(
    qtbot, shell: MainController
) -> None:
    page = shell.window.deck_page
    page.tree.setCurrentIndex(page.model.index_of_key("redis-basics"))
    assert page.title_label.text() == "Redis basics"
    assert page.description_label.text() == "Strings, lists and persistence."
    with qtbot.waitSignal(shell.review.started, timeout=5000):
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)  # Enter on a deck studies it
    assert shell.window.current_page() == "review"
    assert shell.review.session.remaining() == (1, 0, 0)


def test_actions_show_their_shortcuts(shell: MainController) -> None:
    window = shell.window
    expected = {
        window.study_action: "S",
        window.browse_action: "B",
        window.statistics_action: "T",
        window.settings_action: "Ctrl+,",
        window.sync_action: "Ctrl+R",
        window.quit_action: "Ctrl+Q",
    }
    for action, keys in expected.items():
        assert action.shortcut().toString() == keys
        assert action.toolTip().endswith(f"({keys})")


def test_missing_windows_disable_their_actions(qtbot, synced, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from flashcards.gui import main_controller
    from flashcards.gui.background import BackgroundRunner
    from flashcards.gui.i18n import Translations
    from flashcards.gui.main_window import MainWindow

    monkeypatch.setattr(main_controller, "feature_available", lambda feature: False)
    window = MainWindow()
    qtbot.addWidget(window)
    runner = BackgroundRunner(window)
    translations = Translations(QApplication.instance())
    controller = MainController(
        synced, window, runner, translations, watch_decks=False, parent=window
    )
    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        controller.start()
    assert not window.browse_action.isEnabled()
    assert not window.statistics_action.isEnabled()
    assert window.browse_action.toolTip() == "Not available in this build"


def test_browse_and_statistics_open_one_window_each(qtbot, shell: MainController) -> None:
    window = shell.window
    window.browse_action.trigger()
    browser = shell._windows["browse"]
    assert type(browser).__name__ == "BrowserWindow"
    window.browse_action.trigger()
    assert shell._windows["browse"] is browser
    window.statistics_action.trigger()
    assert type(shell._windows["statistics"]).__name__ == "StatsWindow"
    shell.runner.wait()
    for opened in list(shell._windows.values()):
        opened.close()
    qtbot.waitUntil(lambda: not shell._windows, timeout=3000)


def test_edit_opens_the_note_editor_then_syncs(qtbot, shell: MainController, monkeypatch) -> None:
    from flashcards.gui.editor import NoteEditorDialog

    edited: list[int] = []
    monkeypatch.setattr(NoteEditorDialog, "exec", lambda self: edited.append(self.note_id) or 0)
    with qtbot.waitSignal(shell.review.started, timeout=5000):
        qtbot.keyClick(shell.window, Qt.Key.Key_S)
    note_id = shell.review.current.note_id
    with qtbot.waitSignal(shell.runner.task_finished, timeout=5000):
        qtbot.keyClick(shell.window.focusWidget(), Qt.Key.Key_E)
    assert edited == [note_id]
    assert shell.window.current_page() == "review"


def test_deck_problems_show_in_a_panel(qtbot, shell: MainController, deck_folder: Path) -> None:
    (deck_folder / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    with qtbot.waitSignal(shell.runner.task_finished, timeout=5000):
        shell.window.sync_action.trigger()
    window = shell.window
    assert not window.problems_button.isHidden()
    assert window.deck_problems_action.text().startswith("Deck Problems (")
    window.deck_problems_action.trigger()
    panel = shell._problems_dock.widget()
    assert any("broken.md" in text for text in panel.entry_texts())


def test_changed_deck_files_reload_by_themselves(
    qtbot, shell: MainController, deck_folder: Path
) -> None:
    shell.watcher = shell._make_watcher()
    with qtbot.waitSignal(shell.runner.task_finished, timeout=5000):
        shell.request_sync()  # starts watching the folders
    path = deck_folder / "redis.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n## What does `DEL` return?\n\nThe number removed.\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(shell.runner.task_finished, timeout=3000):
        pass
    redis = shell.window.deck_page.model.index_of_key("redis-basics")
    assert redis.siblingAtColumn(1).data() == "2"


def test_count_columns_fit_their_widest_number_without_measuring_rows(qtbot) -> None:
    from PySide6.QtGui import QFontMetrics

    from flashcards.gui.deck_page import COUNT_COLUMNS, DeckPage
    from flashcards.services.decktree import DeckCounts, DeckNode

    page = DeckPage()
    qtbot.addWidget(page)
    decks = [
        DeckNode(key=f"d{i}", title=f"Deck {i}", deck_id=i, counts=DeckCounts(i, 0, i * 7))
        for i in range(300)
    ]
    group = DeckNode(key="user", title="", children=decks, counts=DeckCounts(44850, 0, 313950))
    page.set_deck_tree(DeckNode(key="", title="", children=[group]))
    page.show()
    qtbot.waitExposed(page)
    header = page.tree.header()
    digits = QFontMetrics(page.tree.font()).horizontalAdvance("313950")
    assert header.sectionSize(COUNT_COLUMNS[2]) > digits
    assert header.sectionSize(COUNT_COLUMNS[1]) >= header.sectionSizeFromContents(2).width()
    assert header.sectionResizeMode(COUNT_COLUMNS[0]) == header.ResizeMode.Fixed
