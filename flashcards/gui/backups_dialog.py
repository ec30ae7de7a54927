"""The backups dialog: the collection's backups, newest first; back up now or restore one.

Passive like the main window: it lists and asks; the backup controller does the work (a backup on
the background runner, a restore with the collection closed).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.dialogs import Confirmation
from flashcards.services.backup import BackupInfo, list_backups

__all__ = ["BackupsDialog", "format_size"]

_PATH_ROLE = Qt.ItemDataRole.UserRole


def format_size(size: int) -> str:
    """``812 KB``, ``3.4 MB``: sizes as a file manager shows them."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class BackupsDialog(QDialog):
    """A table of ``list_backups(data_dir)``; Back Up Now, Restore… and Close."""

    backup_requested = Signal()
    restore_requested = Signal(Path)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.data_dir = Path(data_dir)
        self.backups: list[BackupInfo] = []
        self._busy = False
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.intro.setBuddy(self.table)
        self.status = QLabel()
        self.backup_button = QPushButton()
        self.restore_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda *_: self._on_restore_button_clicked())

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(640, 400)
        self.retranslate_ui()
        self.refresh()

    # -- what the controller sets ----------------------------------------------------------

    def refresh(self) -> None:
        """List the backups again (newest first), keeping the selected one selected."""
        selected = self.selected_path()
        self.backups = list_backups(self.data_dir)
        self.table.setRowCount(len(self.backups))
        unreadable = self.tr("unreadable")
        for row, info in enumerate(self.backups):
            when = info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            cells = (
                when,
                self._reason_text(info.reason),
                str(info.cards) if info.cards is not None else unreadable,
                str(info.reviews) if info.reviews is not None else "",
                format_size(info.size),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_PATH_ROLE, str(info.path))
                item.setToolTip(str(info.path))
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        row = next((i for i, b in enumerate(self.backups) if b.path == selected), 0)
        if self.backups:
            self.table.selectRow(row)
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        """While a backup is being taken: no second one, no restore."""
        self._busy = busy
        self.status.setText(self.tr("Backing up…") if busy else "")
        self._update_buttons()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return Path(item.data(_PATH_ROLE)) if item is not None else None

    def selected_backup(self) -> BackupInfo | None:
        path = self.selected_path()
        return next((b for b in self.backups if b.path == path), None)

    # -- slots -----------------------------------------------------------------------------

    @Slot()
    def _on_backup_button_clicked(self) -> None:
        self.backup_requested.emit()

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        info = self.selected_backup()
        if info is None or not info.ok or self._busy:
            return
        when = info.created.astimezone().strftime("%Y-%m-%d %H:%M")
        question = (
            self.tr(
                "Restore the backup of %1 (%2 cards)? The collection as it is now is backed up "
                "first, so this can be undone."
            )
            .replace("%1", when)
            .replace("%2", str(info.cards))
        )
        if Confirmation.ask(self, self.tr("Restore Backup"), question):
            self.restore_requested.emit(info.path)

    def _update_buttons(self) -> None:
        busy = self._busy
        info = self.selected_backup()
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and info is not None and info.ok)

    # -- text ------------------------------------------------------------------------------

    def _reason_text(self, reason: str) -> str:
        names = {
            "auto": self.tr("automatic"),
            "manual": self.tr("manual"),
            "close": self.tr("on close"),
            "before-restore": self.tr("before restore"),
        }
        return names.get(reason, reason)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        self.intro.setText(
            self.tr(
                "&Backups of your collection, newest first. One is taken every 30 minutes of "
                "use and when Flashcards closes."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("Reason"),
                self.tr("Cards"),
                self.tr("Reviews"),
                self.tr("Size"),
            ]
        )
        self.table.setAccessibleName(self.tr("Backups"))
        self.backup_button.setText(self.tr("Back &Up Now"))
        self.backup_button.setAccessibleName(self.tr("Back Up Now"))
        self.restore_button.setText(self.tr("&Restore…"))
        self.restore_button.setAccessibleName(self.tr("Restore the selected backup"))
