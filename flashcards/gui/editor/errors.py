"""Problems found in deck files, as a list of clickable ``file:line: message`` entries."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from flashcards.deckformat.model import Diagnostic
from flashcards.gui.browser.wording import counted

__all__ = ["DeckErrorsPanel"]

_PATH_ROLE = Qt.ItemDataRole.UserRole
_LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class _DiagnosticList(QListWidget):
    """A list whose entries open on a click or on Enter (never twice for a double click)."""

    chosen = Signal(QListWidgetItem)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemClicked.connect(self.chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.chosen.emit(item)
            return
        super().keyPressEvent(event)


class DeckErrorsPanel(QWidget):
    """Deck problems; choosing one emits ``open_location(path, line)``."""

    open_location = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = _DiagnosticList(self)
        self.list.setObjectName("deckErrors")
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.chosen.connect(self._on_list_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self._diagnostics: list[Diagnostic] = []
        self.retranslate_ui()

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Show these problems, errors first, each as ``file:line: message``."""
        ordered = sorted(diagnostics, key=lambda d: (d.severity != "error", d.path, d.line))
        self._diagnostics = list(ordered)
        self.list.clear()
        for diagnostic in ordered:
            self.list.addItem(self._item(diagnostic))
        if ordered:
            self.list.setCurrentRow(0)
        self._update_summary()

    def diagnostics(self) -> list[Diagnostic]:
        return list(self._diagnostics)

    def entry_texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _item(self, diagnostic: Diagnostic) -> QListWidgetItem:
        name = Path(diagnostic.path).name or diagnostic.path
        severity = self.tr("error") if diagnostic.severity == "error" else self.tr("warning")
        item = QListWidgetItem(f"{name}:{diagnostic.line}: {severity}: {diagnostic.message}")
        item.setToolTip(diagnostic.format())
        item.setData(_PATH_ROLE, diagnostic.path)
        item.setData(_LINE_ROLE, diagnostic.line)
        icon = self.style().standardIcon(
            self.style().StandardPixmap.SP_MessageBoxCritical
            if diagnostic.severity == "error"
            else self.style().StandardPixmap.SP_MessageBoxWarning
        )
        item.setIcon(icon)
        return item

    def _on_list_chosen(self, item: QListWidgetItem) -> None:
        self.open_location.emit(str(item.data(_PATH_ROLE)), int(item.data(_LINE_ROLE)))

    def _update_summary(self) -> None:
        errors = sum(1 for d in self._diagnostics if d.severity == "error")
        warnings = len(self._diagnostics) - errors
        if not self._diagnostics:
            self.summary.setText(self.tr("No problems in your decks."))
        else:
            self.summary.setText(
                self.tr("%1 and %2 in deck files. Click one to open the file at its line.")
                .replace("%1", counted(errors, self.tr("1 error"), self.tr("%1 errors")))
                .replace("%2", counted(warnings, self.tr("1 warning"), self.tr("%1 warnings")))
            )

    def retranslate_ui(self) -> None:
        self.list.setAccessibleName(self.tr("Deck problems"))
        items = list(self._diagnostics)
        if items:
            self.set_diagnostics(items)
        else:
            self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
