"""The browser's search box and its deck, tag and state filters."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from flashcards.gui.browser.model import state_name
from flashcards.services.browse import CARD_STATES, BrowseFilter, CardState
from flashcards.services.decktree import DeckNode

__all__ = ["FilterBar"]

SEARCH_DELAY_MS = 250


class FilterBar(QWidget):
    """Search text plus deck, tag and state; emits ``filter_changed`` with a ``BrowseFilter``."""

    filter_changed = Signal(object)  # BrowseFilter (sort left at its default)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("browserSearch")
        self.deck = QComboBox(self)
        self.deck.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.deck.setMaximumWidth(280)
        self.tag = QComboBox(self)
        self.tag.setMaximumWidth(200)
        self.state = QComboBox(self)
        self._deck_label = QLabel(self)
        self._tag_label = QLabel(self)
        self._state_label = QLabel(self)
        self._deck_label.setBuddy(self.deck)
        self._tag_label.setBuddy(self.tag)
        self._state_label.setBuddy(self.state)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for label, combo in (
            (self._deck_label, self.deck),
            (self._tag_label, self.tag),
            (self._state_label, self.state),
        ):
            layout.addSpacing(6)
            layout.addWidget(label)
            layout.addWidget(combo, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self._on_typing_timeout)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.deck.currentIndexChanged.connect(self._on_combo_changed)
        self.tag.currentIndexChanged.connect(self._on_combo_changed)
        self.state.currentIndexChanged.connect(self._on_combo_changed)
        self._filling = False
        self.set_decks(None)
        self.set_tags([])
        self._fill_states()
        self.retranslate_ui()

    # -- setters -------------------------------------------------------------------------

    def set_decks(self, root: DeckNode | None) -> None:
        """Offer every deck and folder group of ``root`` (indented like the deck tree)."""
        current = self.deck.currentData()
        self._filling = True
        self.deck.clear()
        self.deck.addItem(self.tr("All decks"), ())
        if root is not None:
            for node, depth in _walk(root, 0):
                ids = tuple(node.deck_ids())
                if ids:
                    self.deck.addItem("    " * depth + node.title, ids)
        index = self._deck_index(tuple(current)) if current else 0
        self.deck.setCurrentIndex(max(0, index))
        self._filling = False

    def set_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self._filling = True
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), "")
        for tag in tags:
            self.tag.addItem(tag, tag)
        index = self.tag.findData(current) if current else 0
        self.tag.setCurrentIndex(max(0, index))
        self._filling = False

    def set_deck_ids(self, deck_ids: tuple[int, ...]) -> None:
        """Select the entry listing exactly these decks (e.g. a deck opened from the deck list)."""
        index = self._deck_index(tuple(deck_ids))
        if index >= 0:
            self.deck.setCurrentIndex(index)

    def _deck_index(self, deck_ids: tuple[int, ...]) -> int:
        # findData() cannot compare Python tuples: look at each entry.
        for index in range(self.deck.count()):
            if tuple(self.deck.itemData(index) or ()) == deck_ids:
                return index
        return -1

    def set_state(self, state: CardState | None) -> None:
        index = self.state.findData(state or "")
        if index >= 0:
            self.state.setCurrentIndex(index)

    def current_filter(self) -> BrowseFilter:
        deck_ids = self.deck.currentData() or ()
        state = self.state.currentData() or None
        return BrowseFilter(
            text=self.search.text().strip(),
            deck_ids=tuple(deck_ids),
            tag=self.tag.currentData() or "",
            state=state,
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- slots ---------------------------------------------------------------------------

    def _on_search_text_changed(self, _text: str) -> None:
        self._typing.start()

    def _on_search_return_pressed(self) -> None:
        self._typing.stop()
        self.filter_changed.emit(self.current_filter())

    def _on_typing_timeout(self) -> None:
        self.filter_changed.emit(self.current_filter())

    def _on_combo_changed(self, _index: int) -> None:
        if not self._filling:
            self.filter_changed.emit(self.current_filter())

    # -- language ------------------------------------------------------------------------

    def _fill_states(self) -> None:
        current = self.state.currentData()
        self._filling = True
        self.state.clear()
        self.state.addItem(self.tr("Any state"), "")
        for state in CARD_STATES:
            self.state.addItem(state_name(state), state)
        self.state.setCurrentIndex(max(0, self.state.findData(current)) if current else 0)
        self._filling = False

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search prompts, answers and tags (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search cards"))
        self._deck_label.setText(self.tr("&Deck:"))
        self._tag_label.setText(self.tr("&Tag:"))
        self._state_label.setText(self.tr("S&tate:"))
        self.deck.setAccessibleName(self.tr("Deck filter"))
        self.tag.setAccessibleName(self.tr("Tag filter"))
        self.state.setAccessibleName(self.tr("State filter"))
        self.deck.setItemText(0, self.tr("All decks"))
        self.tag.setItemText(0, self.tr("All tags"))
        self._fill_states()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _walk(node: DeckNode, depth: int) -> list[tuple[DeckNode, int]]:
    result: list[tuple[DeckNode, int]] = []
    for child in node.children:
        result.append((child, depth))
        result.extend(_walk(child, depth + 1))
    return result
