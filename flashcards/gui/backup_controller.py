"""Backups in the app: one every 30 minutes of use, the Backups dialog, restoring one.

Owned by the MainController. Backups run on the background runner (``create_backup`` is safe from
any thread while the GUI writes the collection). A restore runs on the GUI thread with the
collection closed, then hands a freshly opened collection to the MainController.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from flashcards.gui.background import TaskError
from flashcards.gui.backups_dialog import BackupsDialog
from flashcards.gui.dialogs import MessageBox
from flashcards.services.backup import (
    BackupInfo,
    BackupScheduler,
    InvalidBackupError,
    create_backup,
    restore_backup,
)
from flashcards.services.collection import Collection
from flashcards.services.errors import DatabaseError, NewerSchemaError

if TYPE_CHECKING:
    from flashcards.gui.main_controller import MainController

__all__ = ["BackupController"]

TICK_MS = 60_000  # the timer notes use (while the window is active) once a minute


class BackupController(QObject):
    """The periodic backup, Back Up Now and Restore for the MainController's collection."""

    backup_finished = Signal(object)  # BackupInfo
    backup_failed = Signal(str)
    restore_finished = Signal(bool)  # True: the backup is the collection now

    def __init__(self, main: MainController, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(main)
        self.main = main
        self.scheduler = BackupScheduler()
        self.now: Callable[[], datetime] = now or (lambda: datetime.now(UTC))
        self.dialog: BackupsDialog | None = None
        self.backing_up = False
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.timer.start()

    # -- the 30-minute backup ------------------------------------------------------------------

    @Slot()
    def tick(self) -> None:
        """Count a minute of use while the window is active; back up when the scheduler says."""
        if self.main.window.isActiveWindow():
            self.scheduler.note_use(self.now())
        if self.backing_up:
            return
        if self.scheduler.due(changed=self.main.collection.changed_since_backup):
            self.back_up("auto")

    def back_up(self, reason: str = "manual") -> None:
        """Take a backup on the background runner; one at a time."""
        if self.backing_up:
            return
        self.backing_up = True
        collection = self.main.collection
        if self.dialog is not None:
            self.dialog.set_busy(True)
        self.main.runner.run(
            lambda: create_backup(collection, reason),
            self._on_backup_done,
            lambda error: self._on_backup_failed(reason, error),
            label=self.tr("Backing up…"),
        )

    def _on_backup_done(self, info: BackupInfo) -> None:
        self.backing_up = False
        self.scheduler.backed_up()
        when = info.created.astimezone().strftime("%H:%M")
        self.main.window.set_status(self.tr("Backed up at %1.").replace("%1", when))
        if self.dialog is not None:
            self.dialog.set_busy(False)
            self.dialog.refresh()
        self.backup_finished.emit(info)

    def _on_backup_failed(self, reason: str, error: TaskError) -> None:
        self.backing_up = False
        text = self.tr("Backup failed: %1").replace("%1", str(error))
        self.main.window.set_status(text)
        if self.dialog is not None:
            self.dialog.set_busy(False)
            self.dialog.set_status(text)
        if reason != "auto":  # asked for: say so in a box; the periodic one only in the status
            MessageBox.error(self.main.window, self.tr("Backups"), text)
        self.backup_failed.emit(str(error))

    # -- the dialog ----------------------------------------------------------------------------

    @Slot()
    def open_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.refresh()
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = BackupsDialog(self.main.collection.data_dir, self.main.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.backup_requested.connect(lambda: self.back_up("manual"))
        dialog.restore_requested.connect(self.restore)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.set_busy(self.backing_up)
        self.dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None

    # -- restoring -----------------------------------------------------------------------------

    @Slot(Path)
    def restore(self, path: Path) -> None:
        """Make the backup at ``path`` the collection.

        Done in place rather than by restarting the process: the review session stops, the
        background work finishes (its callbacks delivered while the old collection is still
        open), the collection closes (``restore_backup`` takes the exclusive writer lock), the
        backup is restored, and a freshly opened collection goes to the MainController. On any
        error the same file is opened again: the collection is then as it was (restore_backup
        changes nothing unless it succeeds).
        """
        main = self.main
        if main.review.active:
            main.review.stop()
        self._finish_background_work()
        old = main.collection
        data_dir, clock = old.data_dir, old.clock
        old.close()
        error: Exception | None = None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restore_backup(data_dir, path)
        except (InvalidBackupError, DatabaseError, NewerSchemaError, OSError) as caught:
            # OSError covers CollectionLockedError (another program holds the collection).
            error = caught
        finally:
            QApplication.restoreOverrideCursor()
        try:
            fresh = Collection.open(data_dir, clock=clock)
        except (DatabaseError, NewerSchemaError, OSError) as caught:
            MessageBox.error(
                main.window,
                self.tr("Restore Backup"),
                self.tr("The collection cannot be opened again: %1").replace("%1", str(caught)),
            )
            main.window.close()
            self.restore_finished.emit(False)
            return
        main.replace_collection(fresh)
        if self.dialog is not None:
            self.dialog.data_dir = data_dir
            self.dialog.refresh()
        if error is not None:
            text = self.tr("The backup was not restored: %1").replace("%1", str(error))
            main.window.set_status(text)
            MessageBox.error(main.window, self.tr("Restore Backup"), text)
            self.restore_finished.emit(False)
            return
        self.scheduler.backed_up()
        main.window.set_status(self.tr("The backup was restored."))
        if self.dialog is not None:
            self.dialog.close()
        self.restore_finished.emit(True)

    def _finish_background_work(self) -> None:
        runner = self.main.runner
        for _ in range(20):  # a callback may start more work (a second sync): a few rounds
            runner.wait()
            QCoreApplication.sendPostedEvents(runner)
            if not runner.busy:
                return
        runner.wait()
