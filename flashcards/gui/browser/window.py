"""The card browser: search and filter every card, preview it, act on many at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.browser.bulk import BulkChanges
from flashcards.gui.browser.card_html import card_sides, render_settings
from flashcards.gui.browser.filters import FilterBar
from flashcards.gui.browser.model import COLUMNS, CardTableModel, sort_column
from flashcards.gui.browser.preview import CardPreview
from flashcards.gui.browser.runner import Runner
from flashcards.gui.browser.table import CardTable
from flashcards.gui.browser.wording import counted
from flashcards.gui.editor.external import ExternalEditor
from flashcards.gui.theme import AppTheme
from flashcards.services.browse import BrowseFilter, BulkAction, CardBrowser, open_reader
from flashcards.services.collection import Collection

__all__ = ["BrowserWindow"]

PREVIEW_DELAY_MS = 40


class BrowserWindow(QMainWindow):
    """Every card of the collection in a lazily paged table, with filters and a preview."""

    cards_changed = Signal()  # suspended, buried, reset or edited: deck counts may differ
    search_finished = Signal(int)  # number of cards listed
    preview_shown = Signal(int)  # card id

    def __init__(
        self, collection: Collection, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("browserWindow")
        self.collection = collection
        self.runner = runner
        self.cards = CardBrowser(collection)
        self.model = CardTableModel(self.cards, parent=self)
        self._generation = 0
        self._preview_card: int | None = None
        self.bulk = BulkChanges(collection, runner, self)

        self.filters = FilterBar(self)
        self.table = CardTable(self.model, self)

        self.preview = CardPreview(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self._count_label)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._on_preview_timer_timeout)

        self._make_actions()
        self.bulk.started.connect(self._on_bulk_started)
        self.bulk.finished.connect(self._on_bulk_finished)
        self.filters.filter_changed.connect(self._on_filters_filter_changed)
        self.model.sort_requested.connect(self._on_model_sort_requested)
        self.model.modelReset.connect(self._update_counts)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self._apply_theme()
        self.retranslate_ui()
        self.resize(1180, 720)
        self.splitter.setSizes([760, 420])
        self._load_choices()
        self.search(BrowseFilter())

    # -- public --------------------------------------------------------------------------

    def search(self, browse: BrowseFilter) -> None:
        """List the cards of ``browse``; the count runs off the GUI thread."""
        self._generation += 1
        generation = self._generation
        cards = self.cards
        self.statusBar().showMessage(self.tr("Searching…"))
        self.runner.run(
            lambda: cards.count(browse),
            lambda count: self._on_search_done(generation, browse, count),
            self._on_search_failed,
        )

    def show_deck(self, deck_ids: Sequence[int]) -> None:
        """Filter on these decks (e.g. the deck selected in the main window)."""
        self.filters.set_deck_ids(tuple(deck_ids))

    def selected_card_ids(self) -> list[int]:
        """The selected cards, in table order (selection ranges are read from the id list)."""
        ids = self.cards.card_ids(self.model.browse_filter())
        chosen: list[int] = []
        for selection_range in self.table.selected_ranges():
            chosen.extend(ids[selection_range.top() : selection_range.bottom() + 1])
        return list(dict.fromkeys(chosen))

    def current_card_id(self) -> int | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.card_id if row else None

    # -- actions -------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
            slot: Callable[[], object],
        ) -> QAction:
            made = QAction(self)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.find_action = action(QKeySequence.StandardKey.Find, self.filters.focus_search)
        self.preview_action = action("Ctrl+Shift+P", self._on_preview_action)
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        self.edit_action = action("Ctrl+E", self._on_edit_action)
        self.source_action = action("Ctrl+Shift+O", self._on_source_action)
        self.suspend_action = action("Ctrl+J", lambda: self._bulk("suspend"))
        self.unsuspend_action = action("Ctrl+Shift+J", lambda: self._bulk("unsuspend"))
        self.bury_action = action("Ctrl+B", lambda: self._bulk("bury"))
        self.reset_action = action("Ctrl+Alt+N", lambda: self._bulk("reset"))
        self.refresh_action = action(QKeySequence.StandardKey.Refresh, self._on_refresh_action)
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence("F5"))
        self.close_action = action(QKeySequence.StandardKey.Close, self.close)
        self.delete_action = action(QKeySequence.StandardKey.Delete, self._on_delete_action)
        # The card actions in the order the toolbar, the Cards menu and the context menu show
        # them; None is a separator.
        self._card_items = (
            self.edit_action,
            self.source_action,
            None,
            self.suspend_action,
            self.unsuspend_action,
            self.bury_action,
            self.reset_action,
        )
        self._card_actions = [item for item in self._card_items if item is not None]
        toolbar = QToolBar(self)
        toolbar.setObjectName("browserToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in (*self._card_items, None, self.preview_action):
            _add_action(toolbar, item)
        self.addToolBar(toolbar)
        self._toolbar = toolbar

        bar = self.menuBar()
        self._cards_menu = bar.addMenu("")
        for item in (*self._card_items, None, self.close_action):
            _add_action(self._cards_menu, item)
        self._view_menu = bar.addMenu("")
        for item in (self.find_action, self.preview_action, self.refresh_action):
            self._view_menu.addAction(item)
        self._enable_card_actions()

    def _enable_card_actions(self) -> None:
        has_selection = self.bulk.running is None and self.table.selectionModel().hasSelection()
        for item in self._card_actions:
            item.setEnabled(has_selection)

    def _bulk(self, what: BulkAction) -> None:
        if self.bulk.start(what, self.selected_card_ids()):
            self._set_card_actions_busy(True)

    def _on_bulk_started(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _on_bulk_finished(self, message: str) -> None:
        self._set_card_actions_busy(False)
        self._after_change(message)

    def _set_card_actions_busy(self, busy: bool) -> None:
        if busy:
            for item in self._card_actions:
                item.setEnabled(False)
        else:
            self._enable_card_actions()

    def _after_change(self, message: str) -> None:
        """Card states changed: read the listed rows again (they stay in place), tell the shell."""
        self.cards.invalidate(keep=self.model.browse_filter())
        self.model.refresh()
        self._preview_card = None
        self._preview_timer.start()
        self.statusBar().showMessage(message, 5000)
        self.cards_changed.emit()

    def _on_edit_action(self) -> None:
        card_id = self.current_card_id()
        content = self.collection.card_content(card_id) if card_id is not None else None
        if content is None:
            return
        from flashcards.gui.editor.dialog import NoteEditorDialog

        dialog = NoteEditorDialog(self.collection, content.note_id, self)
        dialog.note_saved.connect(self._on_editor_note_saved)
        dialog.open()

    def _on_editor_note_saved(self, _note_id: int) -> None:
        # The deck was re-synced: cards may have come or gone, so search again.
        self.cards.invalidate()
        self._preview_card = None
        self.search(self.model.browse_filter())
        self.statusBar().showMessage(self.tr("Note saved."), 5000)
        self.cards_changed.emit()

    def _on_source_action(self) -> None:
        card_id = self.current_card_id()
        content = self.collection.card_content(card_id) if card_id is not None else None
        if content is None or not content.path:
            self.statusBar().showMessage(self.tr("This card has no deck file."), 5000)
            return
        path = Path(content.path)
        if ExternalEditor.open(path, content.line):
            self.statusBar().showMessage(
                self.tr("Opened %1 — the note starts at line %2.")
                .replace("%1", path.name)
                .replace("%2", str(content.line)),
                8000,
            )
        else:
            self.statusBar().showMessage(
                self.tr("Could not open %1.").replace("%1", str(path)), 8000
            )

    def _on_delete_action(self) -> None:
        self.statusBar().showMessage(
            self.tr(
                "Cards come from deck files: to delete one, remove its note from the file "
                "(Open source, Ctrl+Shift+O)."
            ),
            8000,
        )

    def _on_preview_action(self) -> None:
        self.preview.setVisible(self.preview_action.isChecked())
        if self.preview_action.isChecked():
            self._preview_card = None
            self._preview_timer.start()

    def refresh(self) -> None:
        """Read decks, tags and the listed cards again (after a sync or an edit elsewhere)."""
        self.cards.invalidate()
        self._preview_card = None
        self._load_choices()
        self.search(self.model.browse_filter())

    def _on_refresh_action(self) -> None:
        self.refresh()

    # -- searching -----------------------------------------------------------------------

    def _load_choices(self) -> None:
        collection, cards = self.collection, self.cards

        def load() -> tuple[Any, list[str]]:
            # The Markdown pipeline takes ~0.2 s to import: do it here, not in the first preview.
            import flashcards.rendering.pipeline  # noqa: F401

            with open_reader(collection) as reader:
                return reader.deck_tree(), cards.tags()

        self.runner.run(load, self._on_choices_loaded, self._on_search_failed)

    def _on_choices_loaded(self, result: tuple[Any, list[str]]) -> None:
        tree, tags = result
        self.filters.set_decks(tree)
        self.filters.set_tags(tags)

    def _on_filters_filter_changed(self, browse: BrowseFilter) -> None:
        current = self.model.browse_filter()
        self.search(
            BrowseFilter(
                browse.text,
                browse.deck_ids,
                browse.tag,
                browse.state,
                current.sort,
                current.descending,
            )
        )

    def _on_model_sort_requested(self, browse: BrowseFilter) -> None:
        self.search(browse)

    def _on_search_done(self, generation: int, browse: BrowseFilter, count: int) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        keep = self.current_card_id()
        self.model.set_filter(browse, count)
        order = Qt.SortOrder.DescendingOrder if browse.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(sort_column(browse.sort), order)
        header.blockSignals(False)
        self.statusBar().clearMessage()
        row = 0
        if keep is not None:
            ids = self.cards.card_ids(browse)
            try:
                row = ids.index(keep)
            except ValueError:
                row = 0
        if count:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self._show_preview(None)
        self._update_counts()
        self.search_finished.emit(count)

    def _on_search_failed(self, error: object) -> None:
        self.statusBar().showMessage(self.tr("Search failed: %1").replace("%1", str(error)), 10000)

    # -- table ---------------------------------------------------------------------------

    def _on_table_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._preview_timer.start()

    def _on_table_selection_changed(self, *_: object) -> None:
        self._enable_card_actions()
        self._update_counts()

    def _on_table_activated(self, _index: QModelIndex) -> None:
        if not self.preview_action.isChecked():
            self.preview_action.setChecked(True)
            self.preview.show()
        self._preview_card = None
        self._on_preview_timer_timeout()

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self._on_edit_action()

    def _on_table_context_menu(self, position: Any) -> None:
        menu = QMenu(self)
        for item in self._card_items:
            _add_action(menu, item)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _on_preview_timer_timeout(self) -> None:
        self._show_preview(self.current_card_id())

    def _show_preview(self, card_id: int | None) -> None:
        if not self.preview.isVisible() and self.isVisible():
            return
        if card_id is None:
            self._preview_card = None
            self.preview.show_message(
                self.tr("No cards match.") if self.model.rowCount() == 0 else ""
            )
            return
        if card_id == self._preview_card:
            return
        content = self.collection.card_content(card_id)
        if content is None:
            self.preview.show_message(self.tr("This card no longer exists."))
            return
        front, back = card_sides(content, render_settings(self.collection.settings))
        where = f"{Path(content.path).name}:{content.line}" if content.path else ""
        title = " · ".join(part for part in (content.deck_title, where) if part)
        self.preview.show_card(front, back, title, base_dir=content.base_dir)
        self._preview_card = card_id
        self.preview_shown.emit(card_id)

    def _update_counts(self) -> None:
        total = self.model.rowCount()
        selected = sum(r.bottom() - r.top() + 1 for r in self.table.selected_ranges())
        text = counted(total, self.tr("1 card"), self.tr("%1 cards"))
        if selected > 1:
            text = self.tr("%1 selected of %2").replace("%1", str(selected)).replace("%2", text)
        self._count_label.setText(text)

    # -- look and language ---------------------------------------------------------------

    def _apply_theme(self) -> None:
        theme = AppTheme.for_setting(self.collection.settings.theme)
        self.model.set_muted_colour(QColor(theme.palette.muted))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Browse cards"))
        self._cards_menu.setTitle(self.tr("&Cards"))
        self._view_menu.setTitle(self.tr("&View"))
        self._toolbar.setWindowTitle(self.tr("Card actions"))
        texts = {
            self.find_action: self.tr("&Find"),
            self.preview_action: self.tr("&Preview pane"),
            self.edit_action: self.tr("&Edit note…"),
            self.source_action: self.tr("Open &source"),
            self.suspend_action: self.tr("&Suspend"),
            self.unsuspend_action: self.tr("&Unsuspend"),
            self.bury_action: self.tr("&Bury"),
            self.reset_action: self.tr("&Reset…"),
            self.refresh_action: self.tr("Re&fresh"),
            self.close_action: self.tr("&Close"),
            self.delete_action: self.tr("Delete"),
        }
        for item, text in texts.items():
            item.setText(text)
            shortcut = item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            plain = text.replace("&", "").rstrip("…")
            item.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
        self.table.setAccessibleName(self.tr("Cards"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._update_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._preview_timer.stop()
        self.cards.close()
        super().closeEvent(event)


def _add_action(target: QToolBar | QMenu, action: QAction | None) -> None:
    """Add ``action`` to a toolbar or menu; ``None`` is a separator."""
    if action is None:
        target.addSeparator()
    else:
        target.addAction(action)
