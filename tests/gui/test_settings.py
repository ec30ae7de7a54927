"""The settings dialog and applying settings: stored, and visible at once (theme, language)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from flashcards.core.settings import Settings
from flashcards.gui.dialogs import FolderDialog
from flashcards.gui.main_controller import MainController
from flashcards.gui.settings_dialog import SettingsDialog
from flashcards.services.collection import Collection


def test_dialog_shows_settings_and_reports_only_changes(qtbot, tmp_path: Path, monkeypatch) -> None:
    settings = Settings(
        new_per_day=15, grading="six", theme="dark", language="zh_CN", deck_folders=("/decks/a",)
    )
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.all_values() == {
        "new_per_day": 15,
        "reviews_per_day": 200,
        "rollover_hour": 4,
        "grading": "six",
        "theme": "dark",
        "font_size": 15,
        "language": "zh_CN",
        "deck_folders": ("/decks/a",),
    }
    assert dialog.values() == {}
    dialog.new_per_day.setValue(30)
    dialog.rollover_hour.setValue(6)
    dialog.grading.setCurrentIndex(0)
    dialog.theme.setCurrentIndex(1)
    dialog.font_size.setValue(18)
    monkeypatch.setattr(
        FolderDialog, "ask", classmethod(lambda cls, parent, title, start=None: tmp_path)
    )
    dialog.add_folder_button.click()
    dialog.folders.setCurrentRow(0)
    dialog.remove_folder_button.click()
    assert dialog.values() == {
        "new_per_day": 30,
        "rollover_hour": 6,
        "grading": "four",
        "theme": "light",
        "font_size": 18,
        "deck_folders": (str(tmp_path),),
    }


def test_apply_button_applies_without_closing(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.reviews_per_day.setValue(99)
    apply = dialog.buttons.button(dialog.buttons.StandardButton.Apply)
    with qtbot.waitSignal(dialog.applied) as blocker:
        apply.click()
    assert blocker.args == [{"reviews_per_day": 99}]
    assert dialog.values() == {}  # applied changes are the new baseline


def test_settings_round_trip_through_the_window(qtbot, shell: MainController, monkeypatch) -> None:
    asked: list[Settings] = []

    def ask(cls, settings, parent, on_apply=None):
        asked.append(settings)
        return {"new_per_day": 1, "theme": "dark", "font_size": 20}

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(shell.decks_refreshed, timeout=5000):
        qtbot.keyClick(shell.window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    stored = shell.collection.settings
    assert (stored.new_per_day, stored.theme, stored.font_size) == (1, "dark", 20)
    reopened = Collection.open(shell.collection.data_dir)
    try:
        assert reopened.settings.new_per_day == 1
        assert reopened.settings.theme == "dark"
    finally:
        reopened.close()
    # Applied at once: a dark palette, and one new card per deck today.
    assert QApplication.palette().window().color().lightness() < 80
    assert shell.window.deck_page.model.root.counts.new == 2
    shell.apply_settings({"theme": "light"})
    assert QApplication.palette().window().color().lightness() > 200


def test_system_theme_follows_the_colour_scheme(qtbot, shell: MainController) -> None:
    from flashcards.gui.theme import resolve_theme

    assert resolve_theme("dark") == "dark"
    assert resolve_theme("light") == "light"
    assert resolve_theme("system") in ("light", "dark")


def test_language_switch_retranslates_everything(qtbot, shell: MainController) -> None:
    window = shell.window
    assert window.file_menu.title() == "&File"
    shell.apply_settings({"language": "zh_CN"})
    try:
        assert shell.translations.language == "zh_CN"
        assert window.file_menu.title() == "文件(&F)"
        assert window.study_action.text() == "学习"
        assert window.deck_page.model.headerData(1, Qt.Orientation.Horizontal) == "新卡片"
        assert window.deck_page.model.index_of_key("user").data() == "我的牌组"
        with qtbot.waitSignal(shell.review.started, timeout=5000):
            qtbot.keyClick(window, Qt.Key.Key_S)
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
        assert window.review_view._grade_buttons[2].text().startswith("良好")
    finally:
        shell.apply_settings({"language": "en"})
    assert window.file_menu.title() == "&File"
    assert window.review_view._grade_buttons[2].text().startswith("Good")


def test_changing_deck_folders_syncs_again(qtbot, shell: MainController, tmp_path: Path) -> None:
    other = tmp_path / "more"
    other.mkdir()
    (other / "extra.md").write_text(
        "---\nid: extra\ntitle: Extra\n---\n\n## One?\n\nTwo.\n", encoding="utf-8"
    )
    folders = (*shell.collection.settings.deck_folders, str(other))
    with qtbot.waitSignal(shell.runner.task_finished, timeout=5000):
        shell.apply_settings({"deck_folders": folders})
    assert shell.window.deck_page.model.index_of_key("extra").isValid()
