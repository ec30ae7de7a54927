"""The browser's table view, set up to stay fast with 100,000 rows."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QItemSelectionRange, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from flashcards.gui.browser.model import COLUMNS, CardTableModel, sort_column

__all__ = ["CardTable"]

_COLUMN_WIDTHS = {
    "card": 72,
    "deck": 150,
    "state": 84,
    "due": 92,
    "interval": 64,
    "ease": 50,
    "reviews": 62,
}


class CardTable(QTableView):
    """Whole-row selection, fixed row heights, sortable columns; nothing measures every row."""

    def __init__(self, model: CardTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("browserTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures 100,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # QHeaderView paints each section after asking whether the neighbouring columns are
        # fully selected, which walks every row of the column through the model: with 100,000
        # rows selected (Ctrl+A) each header repaint took seconds. The header gets a selection
        # model of its own, always empty; selecting and sorting still go through the table.
        self._header_selection = QItemSelectionModel(model, self)
        header.setSelectionModel(self._header_selection)
        for number, column in enumerate(COLUMNS):
            if column.key in _COLUMN_WIDTHS:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(number, _COLUMN_WIDTHS[column.key])
        self.setSortingEnabled(True)
        header.setSortIndicator(sort_column("deck"), Qt.SortOrder.AscendingOrder)

    def selected_ranges(self) -> list[QItemSelectionRange]:
        """The selection as row ranges (never expanded into one index per cell)."""
        selection = self.selectionModel().selection()
        return [selection.at(i) for i in range(selection.size())]
