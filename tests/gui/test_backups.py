"""The Backups dialog, the 30-minute backup and restoring a backup in the app."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flashcards.gui.backups_dialog import BackupsDialog
from flashcards.gui.dialogs import Confirmation, MessageBox
from flashcards.services.backup import create_backup, list_backups
from flashcards.services.collection import Collection
from flashcards.services.paths import database_path
from flashcards.services.study import StudySession


def _reviews(data_dir: Path) -> int:
    connection = sqlite3.connect(database_path(data_dir))
    try:
        return int(connection.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        connection.close()


def _answer_one(collection: Collection) -> None:
    session = StudySession(collection, None)
    assert session.current is not None
    session.mark_shown()
    session.answer(4)


@pytest.fixture
def confirm_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def ask(cls: object, parent: object, title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(Confirmation, "ask", classmethod(ask))
    return asked


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def error(cls: object, parent: object, title: str, text: str, details: str = "") -> None:
        shown.append(text)

    monkeypatch.setattr(MessageBox, "error", classmethod(error))
    return shown


def test_dialog_lists_backups_newest_first(qtbot, synced: Collection, clock) -> None:
    first = create_backup(synced, "manual")
    clock.advance(minutes=1)
    second = create_backup(synced, "auto")
    dialog = BackupsDialog(synced.data_dir)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.selected_path() == second.path
    assert dialog.table.item(0, 1).text() == "automatic"
    assert dialog.table.item(1, 2).text() == str(first.cards)
    assert first.cards and first.cards > 0
    assert dialog.restore_button.isEnabled()
    assert dialog.table.accessibleName() == "Backups"


def test_restore_asks_first(qtbot, synced: Collection, monkeypatch) -> None:
    info = create_backup(synced, "manual")
    dialog = BackupsDialog(synced.data_dir)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(Confirmation, "ask", classmethod(lambda *_: False))
    with qtbot.assertNotEmitted(dialog.restore_requested):
        dialog.restore_button.click()
    monkeypatch.setattr(Confirmation, "ask", classmethod(lambda *_: True))
    with qtbot.waitSignal(dialog.restore_requested) as blocker:
        dialog.restore_button.click()
    assert blocker.args == [info.path]


def test_back_up_now_adds_a_backup(qtbot, shell) -> None:
    shell.window.backups_action.trigger()
    dialog = shell.backups.dialog
    assert dialog is not None
    before = dialog.table.rowCount()
    with qtbot.waitSignal(shell.backups.backup_finished, timeout=10_000):
        dialog.backup_button.click()
    assert dialog.table.rowCount() == before + 1
    assert dialog.backups[0].reason == "manual"
    assert "Backed up" in shell.window.status_label.text()
    dialog.close()
    assert shell.backups.dialog is None


def test_timer_backs_up_after_30_minutes_of_use(qtbot, shell, errors) -> None:
    backups = shell.backups
    assert backups.timer.isActive()
    moment = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    backups.now = lambda: moment[0]
    _answer_one(shell.collection)
    assert shell.collection.changed_since_backup
    for _ in range(30):
        backups.tick()
        moment[0] += timedelta(minutes=1)
    assert not backups.backing_up  # 29 minutes of use so far
    with qtbot.waitSignal(backups.backup_finished, timeout=10_000) as blocker:
        backups.tick()
    assert blocker.args[0].reason == "auto"
    assert [b.reason for b in list_backups(shell.collection.data_dir)] == ["auto"]
    assert not shell.collection.changed_since_backup
    # Nothing changed since: no second backup, however long the use.
    for _ in range(40):
        moment[0] += timedelta(minutes=1)
        backups.tick()
    assert not backups.backing_up
    assert errors == []


def test_idle_time_is_not_use(qtbot, shell) -> None:
    backups = shell.backups
    moment = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    backups.now = lambda: moment[0]
    _answer_one(shell.collection)
    shell.window.isActiveWindow = lambda: False  # type: ignore[method-assign]
    for _ in range(60):
        moment[0] += timedelta(minutes=1)
        backups.tick()
    assert not backups.backing_up
    assert list_backups(shell.collection.data_dir) == []


def test_failed_backup_is_a_message_not_a_traceback(qtbot, shell, monkeypatch, errors) -> None:
    def broken(*_: object, **__: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr("flashcards.gui.backup_controller.create_backup", broken)
    with qtbot.waitSignal(shell.backups.backup_failed, timeout=10_000):
        shell.backups.back_up("auto")
    assert "No space left on device" in shell.window.status_label.text()
    assert errors == []  # the periodic backup says it in the status bar only
    with qtbot.waitSignal(shell.backups.backup_failed, timeout=10_000):
        shell.backups.back_up("manual")
    assert errors and "No space left on device" in errors[0]
    assert not shell.backups.backing_up


def test_restore_replaces_the_collection(qtbot, shell, confirm_yes, errors) -> None:
    data_dir = shell.collection.data_dir
    original = shell.collection
    info = create_backup(shell.collection, "manual")
    before = _reviews(data_dir)
    _answer_one(shell.collection)
    assert _reviews(data_dir) == before + 1
    with qtbot.waitSignal(shell.review.started, timeout=5000):
        shell.review.start(None)  # studying when the restore comes
    shell.window.backups_action.trigger()
    dialog = shell.backups.dialog
    assert dialog is not None
    row = next(i for i, b in enumerate(dialog.backups) if b.path == info.path)
    dialog.table.selectRow(row)
    try:
        with qtbot.waitSignal(shell.backups.restore_finished, timeout=10_000) as blocker:
            dialog.restore_button.click()
        assert blocker.args == [True]
        assert confirm_yes and errors == []
        assert shell.collection is not original
        assert shell.review.collection is shell.collection
        assert _reviews(data_dir) == before  # the answer after the backup is gone
        assert not shell.review.active
        assert shell.window.current_page() == "decks"
        reasons = [b.reason for b in list_backups(data_dir)]
        assert "before-restore" in reasons
        # The app goes on working with the restored collection.
        qtbot.waitUntil(lambda: not shell.runner.busy, timeout=10_000)
        _answer_one(shell.collection)
        assert _reviews(data_dir) == before + 1
        with qtbot.waitSignal(shell.review.started, timeout=5000):
            shell.review.start(None)
        assert shell.review.active
    finally:
        shell.runner.wait()
        shell.collection.close()


def test_invalid_backup_leaves_the_collection_as_it_was(qtbot, shell, errors) -> None:
    data_dir = shell.collection.data_dir
    _answer_one(shell.collection)
    before = _reviews(data_dir)
    bogus = data_dir / "not-a-backup.sqlite3"
    bogus.write_bytes(b"nothing useful here" * 100)
    try:
        with qtbot.waitSignal(shell.backups.restore_finished, timeout=10_000) as blocker:
            shell.backups.restore(bogus)
        assert blocker.args == [False]
        assert errors and "not restored" in errors[0]
        assert _reviews(data_dir) == before
        _answer_one(shell.collection)
        assert _reviews(data_dir) == before + 1
    finally:
        shell.runner.wait()
        shell.collection.close()
