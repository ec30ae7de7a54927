"""The one background helper: slow work runs on a thread pool, results come back on the GUI thread.

Threading rule (as in Anki's ``CollectionOp``): the function given to :meth:`BackgroundRunner.run`
runs on a worker thread and must not touch any widget or Qt GUI object; ``on_done`` and
``on_error`` always run on the GUI thread, where they may update widgets.

Database access: the GUI's :class:`~flashcards.services.collection.Collection` holds ONE SQLite
connection (SQLAlchemy ``StaticPool``, ``check_same_thread=False``). Sharing it with a worker is
not safe: two sessions would interleave ``BEGIN``/``COMMIT`` on the same connection. So work that
needs the database uses :meth:`BackgroundRunner.run_on_collection`, which opens a *second*
``Collection`` on the same file inside the worker (read-only by default) and closes it when the
work ends. SQLite's WAL mode lets that connection read while the GUI reads and writes; a writer in
the worker (deck sync) and a GUI write serialise on SQLite's lock (``busy_timeout`` 5 s), and sync
transactions are short once the first sync is done.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

from flashcards.services.collection import Collection

__all__ = ["BackgroundRunner", "StepRunner", "TaskError"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TaskError:
    """An exception raised by background work, with its formatted traceback for logs."""

    error: BaseException
    details: str

    def __str__(self) -> str:
        return str(self.error) or type(self.error).__name__


@dataclass
class _Task:
    label: str
    on_done: Callable[[Any], None] | None
    on_error: Callable[[TaskError], None] | None


class _Job(QRunnable):
    """Runs one function on a pool thread and posts its outcome back to the runner."""

    def __init__(self, runner: BackgroundRunner, task_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._runner = runner
        self._task_id = task_id
        self._fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:
            outcome: Any = TaskError(error, traceback.format_exc())
            ok = False
        else:
            outcome, ok = result, True
        # A signal of a QObject living on the GUI thread, emitted here: queued, so the slot runs
        # on the GUI thread.
        self._runner._finished.emit(self._task_id, ok, outcome)


class BackgroundRunner(QObject):
    """Runs slow work off the GUI thread and calls back on it; tells the UI when it is busy."""

    busy_changed = Signal(bool, str)  # busy, label of the newest running task
    task_finished = Signal(int)  # task id, after its callback ran (tests wait on this)

    _finished = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}
        self._finished.connect(self._on_job_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskError], None] | None = None,
        *,
        label: str = "",
    ) -> int:
        """Run ``fn()`` on a worker thread; ``on_done(result)`` or ``on_error(error)`` on the GUI
        thread afterwards. ``label`` is shown while the work runs. Returns the task id."""
        task_id = next(self._ids)
        was_busy = self.busy
        self._tasks[task_id] = _Task(label, on_done, on_error)
        self._pool.start(_Job(self, task_id, fn))
        if not was_busy or label:
            self.busy_changed.emit(True, label)
        return task_id

    def run_on_collection(
        self,
        collection: Collection,
        fn: Callable[[Collection], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[TaskError], None] | None = None,
        *,
        label: str = "",
        read_only: bool = True,
    ) -> int:
        """Like :meth:`run`, with ``fn`` given its own connection to ``collection``'s file."""
        data_dir, clock = collection.data_dir, collection.clock

        def work() -> Any:
            with Collection.open(data_dir, clock=clock, read_only=read_only) as own:
                return fn(own)

        return self.run(work, on_done, on_error, label=label)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every worker is idle (shutdown and tests only); callbacks still pending
        are delivered by the event loop afterwards."""
        return bool(self._pool.waitForDone(msecs))

    @Slot(int, bool, object)
    def _on_job_finished(self, task_id: int, ok: bool, outcome: object) -> None:
        task = self._tasks.pop(task_id, None)
        try:
            if task is None:
                return
            if ok and task.on_done is not None:
                task.on_done(outcome)
            elif not ok:
                assert isinstance(outcome, TaskError)
                if task.on_error is not None:
                    task.on_error(outcome)
                else:
                    _log.error("background task %r failed:\n%s", task.label, outcome.details)
        finally:
            if not self._tasks:
                self.busy_changed.emit(False, "")
            else:
                newest = next(reversed(self._tasks.values()))
                self.busy_changed.emit(True, newest.label)
            self.task_finished.emit(task_id)


class StepRunner(QObject):
    """Runs a generator on the GUI thread one step per event-loop turn.

    For work that is mostly imports and other interpreter-bound set-up (the rendering warm-up):
    on a worker it would hold the interpreter lock for long stretches while the GUI thread waits
    for it to paint; here each short step runs between paints.
    """

    finished = Signal()

    def __init__(self, steps: Iterator[object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = steps
        self.done = False
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # after pending events, paints included
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        try:
            next(self._steps)
        except StopIteration:
            self._stop()
        except Exception:
            # A warm-up that fails only means the first use pays for it, and reports then.
            _log.exception("background steps failed")
            self._stop()

    def _stop(self) -> None:
        self._timer.stop()
        self.done = True
        self.finished.emit()
