"""The browser's table: a thin Qt adapter over a paged card source, fetching pages on demand.

``rowCount`` is the whole result (so the scroll bar is true from the start), but a row's data is
read only when the view asks for it: the page holding it is fetched and kept in a small LRU cache.
Scrolling through 100,000 cards touches only the pages that are actually shown.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from flashcards.services.browse import BrowseFilter, BrowseRow, CardState, SortKey

__all__ = ["COLUMNS", "CardTableModel", "PagedCards", "card_kind_name", "state_name"]

ModelIndex = QModelIndex | QPersistentModelIndex


class PagedCards(Protocol):
    """What the model reads from (``CardBrowser`` in the app, anything alike in tests)."""

    def count(self, browse: BrowseFilter) -> int: ...

    def page(self, browse: BrowseFilter, offset: int, limit: int) -> list[BrowseRow]: ...


@dataclass(frozen=True)
class Column:
    key: str
    sort: SortKey | None
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("prompt", "prompt"),
    Column("card", None),
    Column("deck", "deck"),
    Column("state", "state"),
    Column("due", "due"),
    Column("interval", "interval", numeric=True),
    Column("ease", "ease", numeric=True),
    Column("reviews", "reviews", numeric=True),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardTableModel", text)


def column_title(key: str) -> str:
    titles = {
        "prompt": _tr("Prompt"),
        "card": _tr("Card"),
        "deck": _tr("Deck"),
        "state": _tr("State"),
        "due": _tr("Due"),
        "interval": _tr("Interval"),
        "ease": _tr("Ease"),
        "reviews": _tr("Reviews"),
    }
    return titles[key]


def state_name(state: CardState) -> str:
    """A card state as the user reads it."""
    names = {
        "new": _tr("New"),
        "learning": _tr("Learning"),
        "due": _tr("Due"),
        "scheduled": _tr("Scheduled"),
        "suspended": _tr("Suspended"),
        "buried": _tr("Buried"),
        "retired": _tr("Retired"),
    }
    return names[state]


def card_kind_name(kind: str, ordinal: int) -> str:
    if kind == "cloze":
        return _tr("Cloze %1").replace("%1", str(ordinal))
    if kind == "reverse":
        return _tr("Reverse")
    return _tr("Basic")


def _days(days: int) -> str:
    return _tr("%1 d").replace("%1", str(days))


class CardTableModel(QAbstractTableModel):
    """Rows of a ``BrowseFilter``, read page by page from a ``PagedCards`` source."""

    # The view asked to sort: the controller runs the search (off the GUI thread) and calls
    # ``set_filter`` with the result.
    sort_requested = Signal(object)  # BrowseFilter
    page_loaded = Signal(int)  # page number, after it was read

    def __init__(
        self,
        source: PagedCards,
        *,
        page_size: int = 100,
        cached_pages: int = 64,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._cached_pages = cached_pages
        self._filter = BrowseFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[BrowseRow]] = OrderedDict()
        self._muted: QColor | None = None
        self.pages_read = 0  # how many pages were read from the source, for tests and tuning

    # -- what is listed ------------------------------------------------------------------

    def browse_filter(self) -> BrowseFilter:
        return self._filter

    def set_filter(self, browse: BrowseFilter, count: int | None = None) -> None:
        """List the cards of ``browse`` (``count``: already known, e.g. from a worker)."""
        self.beginResetModel()
        self._filter = browse
        self._count = self._source.count(browse) if count is None else count
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Read the listed cards again (their states changed); the rows stay where they are."""
        self._pages.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def set_muted_colour(self, colour: QColor | None) -> None:
        """Text colour of suspended, buried and retired cards."""
        self._muted = colour

    def row_at(self, row: int) -> BrowseRow | None:
        if not 0 <= row < self._count:
            return None
        page_number, offset = divmod(row, self._page_size)
        page = self._page(page_number)
        return page[offset] if offset < len(page) else None

    def loaded_row_of(self, card_id: int) -> int | None:
        """The row of a card, if its page is loaded."""
        for number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.card_id == card_id:
                    return number * self._page_size + offset
        return None

    def _page(self, number: int) -> list[BrowseRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._source.page(self._filter, number * self._page_size, self._page_size)
        self.pages_read += 1
        self._pages[number] = page
        while len(self._pages) > self._cached_pages:
            self._pages.popitem(last=False)
        self.page_loaded.emit(number)
        return page

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(column.key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_alignment(column))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        # Qt may ask for every cell of a large selection: keep this free of enum arithmetic.
        return _CELL_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each repaint: plain int comparisons
        # (a PySide enum attribute lookup costs more than the rest of this method).
        if role not in _ROLES or not index.isValid():
            return None
        number = index.column()
        if number >= len(COLUMNS):
            return None
        if role == _ALIGNMENT_ROLE:
            return _ALIGNMENTS[number]
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == _DISPLAY_ROLE:
            return _display(row, COLUMNS[number].key)
        if role == _USER_ROLE:
            return row.card_id
        if role == _FOREGROUND_ROLE:
            if self._muted is not None and row.state in ("suspended", "buried", "retired"):
                return self._muted
            return None
        return row.prompt if COLUMNS[number].key == "prompt" else None  # tooltip

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].sort
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._filter.sort, self._filter.descending):
            return
        self.sort_requested.emit(replace(self._filter, sort=key, descending=descending))


_CELL_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
_USER_ROLE = int(Qt.ItemDataRole.UserRole)
_ROLES = frozenset({_DISPLAY_ROLE, _TOOLTIP_ROLE, _ALIGNMENT_ROLE, _FOREGROUND_ROLE, _USER_ROLE})


def sort_column(key: SortKey) -> int:
    """The column showing a sort key."""
    for number, column in enumerate(COLUMNS):
        if column.sort == key:
            return number
    return 0


def _alignment(column: Column) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


_ALIGNMENTS = tuple(int(_alignment(column)) for column in COLUMNS)


def _display(row: BrowseRow, key: str) -> str:
    if key == "prompt":
        return row.prompt
    if key == "card":
        return card_kind_name(row.kind, row.ordinal)
    if key == "deck":
        return row.deck_title
    if key == "state":
        return state_name(row.state)
    if key == "due":
        return row.due or ""
    if key == "interval":
        return _days(row.interval) if row.due is not None else ""
    if key == "ease":
        return f"{row.ease:.2f}" if row.due is not None else ""
    return str(row.reviews)
