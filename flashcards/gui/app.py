"""Start the desktop app: one instance per collection, the collection opened, the window shown."""

from __future__ import annotations

import contextlib
import gc
import importlib
import sys
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from flashcards.gui.dialogs import MessageBox
from flashcards.gui.i18n import Translations
from flashcards.gui.icons import app_icon
from flashcards.gui.single_instance import SingleInstance, server_name_for
from flashcards.services.errors import CollectionLockedError, DatabaseError, NewerSchemaError
from flashcards.services.paths import database_path, default_data_dir

if TYPE_CHECKING:
    from flashcards.gui.background import BackgroundRunner
    from flashcards.gui.main_controller import MainController
    from flashcards.gui.main_window import MainWindow
    from flashcards.services.collection import Collection

__all__ = [
    "RunningApp",
    "freeze_startup_objects",
    "import_while_responsive",
    "run_app",
    "start_app",
]


@dataclass
class RunningApp:
    """Everything a started app holds; ``close()`` releases it in the right order."""

    app: QApplication
    collection: Collection
    window: MainWindow
    controller: MainController
    runner: BackgroundRunner
    instance: SingleInstance
    translations: Translations

    def close(self) -> None:
        # Workers may hold their own connection to the file: let them finish first.
        self.runner.wait()
        QCoreApplication.sendPostedEvents()
        self.instance.close()
        self.window.close()
        self.window.deleteLater()
        # A restored backup replaced the collection the app started with (closed by then).
        self.collection = self.controller.collection
        self.collection.close()


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, created once, named so settings and the desktop find it."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationName("Flashcards")
    app.setOrganizationName("Flashcards")
    app.setOrganizationDomain("flashcards.invalid")
    app.setDesktopFileName("io.github.flashcards.Flashcards")
    app.setWindowIcon(app_icon())
    return app


def start_app(
    data_dir: Path | None = None,
    *,
    server_name: str | None = None,
    watch_decks: bool = True,
) -> RunningApp | int:
    """Open the collection and show the window; an exit code instead when the app must not run
    (0: another instance took the request, 1: the collection cannot be opened)."""
    app = application()
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    translations = Translations(app)
    translations.apply("system")
    instance = SingleInstance(server_name or server_name_for(data_dir))
    if instance.activate_running():
        return 0
    instance.listen()
    # The window is shown before the database layer loads (SQLAlchemy alone takes about half a
    # second to import): the learner sees the app at once, the decks fill in a moment later.
    from flashcards.gui.main_window import MainWindow
    from flashcards.gui.theme import apply_theme

    window = MainWindow()
    # The system's theme until the collection's setting is known: no unstyled first frame.
    window.set_theme(apply_theme(app, "system"))
    window.show()
    app.processEvents()
    # Imported only now (a second launch exits above in a fraction of the time these take),
    # on a thread while the event loop runs: the shown window paints and moves meanwhile.
    import_while_responsive(
        "flashcards.services.collection",
        "flashcards.gui.background",
        "flashcards.gui.main_controller",
        optional=("flashcards.gui.editor",),  # the deck watcher comes with the editor
    )
    if not window.isVisible():
        instance.close()
        return 0  # closed while it was loading: the learner changed their mind
    from flashcards.gui.background import BackgroundRunner
    from flashcards.gui.main_controller import MainController
    from flashcards.services.collection import Collection

    try:
        collection = Collection.open(data_dir)
    except (NewerSchemaError, DatabaseError, OSError) as error:
        # OSError covers StorageError and its kinds (locked, read-only, disk full).
        window.close()
        instance.close()
        MessageBox.error(
            None,
            QCoreApplication.translate("App", "Flashcards"),
            open_error_text(error, data_dir),
            str(error),
        )
        return 1
    translations.apply(collection.settings.language)
    runner = BackgroundRunner(app)
    controller = MainController(
        collection, window, runner, translations, watch_decks=watch_decks, parent=window
    )
    instance.activation_requested.connect(window.bring_to_front)
    controller.start()
    freeze_startup_objects(runner)
    return RunningApp(app, collection, window, controller, runner, instance, translations)


def freeze_startup_objects(runner: BackgroundRunner) -> None:
    """Keep the garbage collector off what start-up built, now and once its background work
    (first sync, rendering warm-up) is done.

    Modules, classes and the Qt wrappers of a started app are some 100,000 objects that live
    until it quits. A full collection walks all of them with the GIL held, 30-80 ms here, on
    whatever thread triggers it: a worker's collection froze the window as surely as the GUI
    thread's own. ``gc.freeze`` moves them out of the collector's sight; everything made later
    is collected as usual.
    """
    gc.freeze()

    def on_busy_changed(busy: bool, _label: str) -> None:
        if not busy:
            runner.busy_changed.disconnect(on_busy_changed)
            gc.freeze()

    runner.busy_changed.connect(on_busy_changed)


def import_while_responsive(*modules: str, optional: Sequence[str] = ()) -> None:
    """Import ``modules`` (and those of ``optional`` that exist) on a worker thread while this
    thread runs the Qt event loop.

    SQLAlchemy, the services and the controllers take about a second to import on a slow
    machine; imported on the GUI thread, the window would be shown frozen all that time. An
    import error of ``modules`` is raised here, on the calling thread; a missing optional
    module is left for its feature to report when used.
    """
    done = threading.Event()
    failures: list[BaseException] = []

    def load() -> None:
        try:
            for name in modules:
                importlib.import_module(name)
            for name in optional:
                with contextlib.suppress(ImportError):
                    importlib.import_module(name)
        except BaseException as error:  # re-raised on the GUI thread below
            failures.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=load, name="flashcards-imports", daemon=True)
    thread.start()
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(10)

    def check() -> None:
        if done.is_set():
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    if not done.is_set():
        loop.exec()
    timer.stop()
    thread.join()
    if failures:
        raise failures[0]


def open_error_text(error: BaseException, data_dir: Path) -> str:
    """What to tell the user when the collection in ``data_dir`` cannot be opened."""
    if isinstance(error, NewerSchemaError):
        return QCoreApplication.translate(
            "App",
            "This collection was saved by a newer version of Flashcards. Update Flashcards to "
            "open it; your cards are safe and unchanged.",
        )
    if isinstance(error, CollectionLockedError):
        return QCoreApplication.translate(
            "App",
            "The collection is open in another Flashcards program (a command in a terminal, "
            "perhaps). Close it, then start Flashcards again.",
        )
    if isinstance(error, DatabaseError):
        return QCoreApplication.translate(
            "App",
            "The collection file cannot be opened. It may be damaged or not a Flashcards "
            "collection:\n%1\n\nMove it away (keep a copy) and start Flashcards again to begin "
            "a new collection, or go back to a backup (flashcards backups, flashcards restore).",
        ).replace("%1", str(database_path(data_dir)))
    return QCoreApplication.translate(
        "App",
        "Flashcards cannot save into its data folder:\n%1\n\nCheck that the disk is not full "
        "and that you may write there.",
    ).replace("%1", str(data_dir))


def _show_unexpected_errors() -> None:
    """An exception escaping a slot is shown in a message box (and logged), not lost on stderr."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        if sys.__stderr__ is not None:
            sys.__stderr__.write(details)
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        MessageBox.error(
            QApplication.activeWindow(),
            QCoreApplication.translate("App", "Flashcards"),
            QCoreApplication.translate("App", "Something went wrong: %1").replace(
                "%1", str(value) or kind.__name__
            ),
            details,
        )

    sys.excepthook = hook


def run_app(data_dir: Path | None = None) -> int:
    """Run the app until its window closes; returns the exit code."""
    _show_unexpected_errors()
    started = start_app(data_dir)
    if isinstance(started, int):
        return started
    try:
        return int(started.app.exec())
    finally:
        started.close()
