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


def test_step_runner_runs_one_step_per_event_loop_turn(qtbot) -> None:
    from PySide6.QtCore import QTimer

    from flashcards.gui.background import StepRunner

    order: list[str] = []

    def steps():
        for number in range(3):
            order.append(f"step {number}")
            yield

    runner = StepRunner(steps())
    QTimer.singleShot(0, lambda: order.append("other event"))
    with qtbot.waitSignal(runner.finished, timeout=2000):
        runner.start()
        assert order == []  # nothing runs before the event loop turns
    assert runner.done
    assert order[-1] == "step 2" and "other event" in order
    assert order.index("other event") < order.index("step 2")  # events ran between steps


def test_a_failing_step_ends_the_runner_without_raising(qtbot) -> None:
    from flashcards.gui.background import StepRunner

    def steps():
        yield
        raise RuntimeError("lexer module broken")

    runner = StepRunner(steps())
    with qtbot.waitSignal(runner.finished, timeout=2000):
        runner.start()
    assert runner.done
