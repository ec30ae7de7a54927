"""Starting the app: one instance per collection, clear messages when the file cannot be opened."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import pytest

from flashcards.gui.app import RunningApp, start_app
from flashcards.gui.dialogs import MessageBox
from flashcards.gui.single_instance import SingleInstance, server_name_for
from flashcards.services.collection import Collection


@pytest.fixture
def server_name() -> str:
    return f"flashcards-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(cls, parent, title, text, details=""):
        shown.append((title, text))

    monkeypatch.setattr(MessageBox, "error", classmethod(record))
    return shown


def test_server_name_depends_on_the_folder(tmp_path: Path) -> None:
    assert server_name_for(tmp_path / "a") == server_name_for(tmp_path / "a" / ".." / "a")
    assert server_name_for(tmp_path / "a") != server_name_for(tmp_path / "b")


def test_second_instance_activates_the_first(qtbot, server_name: str) -> None:
    first = SingleInstance(server_name)
    assert not first.activate_running()  # nobody there yet
    assert first.listen()
    second = SingleInstance(server_name)
    with qtbot.waitSignal(first.activation_requested, timeout=3000):
        assert second.activate_running()
    first.close()
    assert not SingleInstance(server_name).activate_running()


def test_second_launch_raises_the_running_window_and_exits(
    qtbot, data_dir: Path, server_name: str, no_bundled_decks: Path, errors: list
) -> None:
    running = start_app(data_dir, server_name=server_name, watch_decks=False)
    assert isinstance(running, RunningApp)
    try:
        qtbot.waitUntil(lambda: not running.runner.busy, timeout=5000)
        running.window.showMinimized()
        with qtbot.waitSignal(running.instance.activation_requested, timeout=3000):
            assert start_app(data_dir, server_name=server_name) == 0
        assert running.window.isVisible()
        assert not running.window.isMinimized()
        assert errors == []
    finally:
        running.close()


def test_a_corrupt_collection_shows_a_message(
    data_dir: Path, server_name: str, errors: list
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "collection.sqlite3").write_bytes(b"this is not sqlite" * 200)
    assert start_app(data_dir, server_name=server_name) == 1
    [(_title, text)] = errors
    assert "cannot be opened" in text
    assert str(data_dir / "collection.sqlite3") in text


def test_a_newer_collection_shows_a_message(data_dir: Path, server_name: str, errors: list) -> None:
    Collection.open(data_dir).close()
    with sqlite3.connect(data_dir / "collection.sqlite3") as connection:
        connection.execute("INSERT INTO schema_version (version) VALUES (999)")
    assert start_app(data_dir, server_name=server_name) == 1
    [(_title, text)] = errors
    assert "newer version" in text
    # The instance let go of its name: a later start is not mistaken for a second instance.
    assert not SingleInstance(server_name).activate_running()


def test_a_collection_locked_by_another_process_shows_a_message(
    data_dir: Path, server_name: str, errors: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flashcards.services.errors import CollectionLockedError

    def locked(*args, **kwargs):
        raise CollectionLockedError("the collection is open in another Flashcards (process 1)")

    monkeypatch.setattr(Collection, "open", classmethod(locked))
    assert start_app(data_dir, server_name=server_name) == 1
    [(_title, text)] = errors
    assert "open in another Flashcards program" in text


def test_slow_imports_run_while_the_event_loop_turns(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtCore import QTimer

    from flashcards.gui.app import import_while_responsive

    name = f"slow_module_{uuid.uuid4().hex}"
    (tmp_path / f"{name}.py").write_text("import time\ntime.sleep(0.3)\nLOADED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    import_while_responsive(name)
    timer.stop()
    assert sys.modules[name].LOADED
    assert len(ticks) >= 5  # the loop ran timers while the module loaded


def test_an_import_error_comes_back_to_the_caller(qtbot) -> None:
    from flashcards.gui.app import import_while_responsive

    with pytest.raises(ModuleNotFoundError):
        import_while_responsive("flashcards.no_such_module")


def test_start_up_objects_are_frozen_now_and_after_the_first_background_work(qtbot) -> None:
    import gc

    from flashcards.gui.app import freeze_startup_objects
    from flashcards.gui.background import BackgroundRunner

    gc.unfreeze()
    runner = BackgroundRunner()
    task = runner.run(lambda: None)
    freeze_startup_objects(runner)
    assert gc.get_freeze_count() > 0  # what start-up built is out of the collector's sight
    gc.unfreeze()
    # The task's outcome comes back through the event loop, so it cannot have arrived yet.
    with qtbot.waitSignal(runner.task_finished, timeout=5000) as finished:
        pass
    assert finished.args == [task]
    assert gc.get_freeze_count() > 0  # frozen again once the first background work ended
    gc.unfreeze()
    runner.run(lambda: None)
    runner.wait()
    qtbot.wait(50)
    assert gc.get_freeze_count() == 0  # only once: later work is collected as usual


def test_a_missing_optional_module_is_left_for_its_feature(qtbot) -> None:
    import sys

    from flashcards.gui.app import import_while_responsive

    import_while_responsive("json", optional=("flashcards.gui.no_such_feature", "csv"))
    assert "csv" in sys.modules
