"""The background runner: work off the GUI thread, callbacks on it, busy state for the UI."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from flashcards.gui.background import BackgroundRunner, TaskError
from flashcards.services.collection import Collection


def test_result_comes_back_on_the_gui_thread(qtbot) -> None:
    runner = BackgroundRunner()
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}
    busy: list[tuple[bool, str]] = []
    runner.busy_changed.connect(lambda b, label: busy.append((b, label)))

    def work() -> int:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_on_gui"] = QThread.currentThread() is gui_thread

    with qtbot.waitSignal(runner.task_finished, timeout=3000):
        runner.run(work, done, label="Working")
    assert seen == {"worker": True, "value": 42, "callback_on_gui": True}
    assert busy == [(True, "Working"), (False, "")]
    assert not runner.busy


def test_errors_reach_on_error(qtbot) -> None:
    runner = BackgroundRunner()
    failures: list[TaskError] = []

    def work() -> None:
        raise ValueError("broken deck")

    with qtbot.waitSignal(runner.task_finished, timeout=3000):
        runner.run(work, lambda _: None, failures.append)
    [failure] = failures
    assert str(failure) == "broken deck"
    assert "ValueError" in failure.details


def test_run_on_collection_gets_its_own_connection(qtbot, synced: Collection) -> None:
    runner = BackgroundRunner()
    results: list[object] = []

    def work(own: Collection) -> tuple[bool, int]:
        return own is not synced and own.database is not synced.database, len(own.decks())

    with qtbot.waitSignal(runner.task_finished, timeout=3000):
        runner.run_on_collection(synced, work, results.append)
    assert results == [(True, 2)]
