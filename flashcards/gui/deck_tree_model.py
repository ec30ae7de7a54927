"""A Qt item model over the services' deck tree: Deck / New / Learning / Review."""

from __future__ import annotations

import itertools
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from flashcards.gui.theme import StateColours, state_colours
from flashcards.services.decktree import DeckNode

__all__ = ["NODE_ROLE", "DeckColumn", "DeckTreeModel"]

NODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the DeckNode behind a row

_AnyIndex = QModelIndex | QPersistentModelIndex


class DeckColumn(IntEnum):
    DECK = 0
    NEW = 1
    LEARNING = 2
    REVIEW = 3


_DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE_ROLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
_FONT_ROLE = int(Qt.ItemDataRole.FontRole)
_NODE_ROLE = int(NODE_ROLE)
_ROLES = frozenset(
    {
        _DISPLAY_ROLE,
        _TOOLTIP_ROLE,
        _ACCESSIBLE_ROLE,
        _ALIGNMENT_ROLE,
        _FOREGROUND_ROLE,
        _FONT_ROLE,
        _NODE_ROLE,
    }
)
_DECK_COLUMN = 0
_COLUMN_COUNT = len(DeckColumn)  # once, not through the enum's metaclass on every call
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _count(node: DeckNode, column: int) -> int:
    """The number a count column shows for ``node`` (1 new, 2 learning, 3 review)."""
    counts = node.counts
    return counts.new if column == 1 else counts.learning if column == 2 else counts.review


class DeckTreeModel(QAbstractItemModel):
    """Read-only tree of decks under their folder groups, with today's counts.

    Indexes carry an integer id (``internalId``), never a pointer to a Python object: a view may
    still hold an index from before a reset, and a stale id is only a failed lookup, where a
    stale ``internalPointer`` would be a dangling pointer.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = DeckNode(key="", title="")
        self._serial = itertools.count(1)  # ids stay unique across resets
        self._nodes: dict[int, DeckNode] = {}  # id -> node
        self._ids: dict[int, int] = {}  # id(node) -> id
        self._parents: dict[int, tuple[DeckNode, int]] = {}  # id(node) -> (parent, row)
        self._parent_of: dict[int, tuple[int, int] | None] = {}  # id -> (parent row, parent id)
        self._colours: StateColours = state_colours("light")
        self._muted = QColor("#59636e")
        self._count_colours = self._colour_list(self._colours)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- feeding -----------------------------------------------------------------------------

    def set_root(self, root: DeckNode) -> None:
        """Show a new deck tree (after a sync, an answer, a settings change)."""
        self.beginResetModel()
        self._root = root
        self._parents, self._nodes, self._ids = {}, {}, {}
        self._parent_of = {}
        for node in root.walk():
            for row, child in enumerate(node.children):
                self._parents[id(child)] = (node, row)
                number = next(self._serial)
                self._nodes[number] = child
                self._ids[id(child)] = number
        # Each node's parent as (row, id), ready for createIndex: a view asks for the parent of
        # every row it paints, so parent() is one dictionary lookup.
        for node in root.walk():
            up = None if node is root else (self._parents[id(node)][1], self._ids[id(node)])
            for child in node.children:
                self._parent_of[self._ids[id(child)]] = up
        self.endResetModel()

    def set_colours(self, colours: StateColours, muted: str) -> None:
        self._colours = colours
        self._muted = QColor(muted)
        self._count_colours = self._colour_list(colours)
        self._emit_all_changed()

    @staticmethod
    def _colour_list(colours: StateColours) -> tuple[QColor, QColor, QColor]:
        return QColor(colours.new), QColor(colours.learning), QColor(colours.review)

    def retranslate(self) -> None:
        """Texts made here (headers, group titles) follow a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(DeckColumn) - 1)
        self._emit_all_changed()

    def _emit_all_changed(self) -> None:
        def walk(parent: QModelIndex) -> None:
            rows = self.rowCount(parent)
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(rows - 1, len(DeckColumn) - 1, parent)
                )
                for row in range(rows):
                    walk(self.index(row, 0, parent))

        walk(QModelIndex())

    # -- reading -----------------------------------------------------------------------------

    @property
    def root(self) -> DeckNode:
        return self._root

    def node(self, index: _AnyIndex) -> DeckNode:
        """The node of ``index``; the invisible root for an invalid (or stale) index."""
        if not index.isValid():
            return self._root
        return self._nodes.get(index.internalId(), self._root)

    def _index(self, row: int, column: int, node: DeckNode) -> QModelIndex:
        return self.createIndex(row, column, self._ids[id(node)])

    def index_of_key(self, key: str) -> QModelIndex:
        """The index of the deck or group with ``key`` (invalid when gone)."""
        for node in self._root.walk():
            if node is not self._root and node.key == key:
                _parent, row = self._parents[id(node)]
                return self._index(row, 0, node)
        return QModelIndex()

    def group_title(self, node: DeckNode) -> str:
        if node.deck_id is None and node.key == "bundled":
            return self.tr("Bundled decks")
        if node.deck_id is None and node.key == "user":
            return self.tr("My decks")
        return node.title

    # -- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Checked here rather than with hasIndex(), which calls back into rowCount() and
        # columnCount(): a repaint asks for hundreds of indexes.
        if row < 0 or not 0 <= column < _COLUMN_COUNT:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self.node(parent).children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, self._ids[id(children[row])])

    def parent(self, index: _AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._parent_of.get(index.internalId())
        if up is None:
            return QModelIndex()
        return self.createIndex(up[0], 0, up[1])

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return _COLUMN_COUNT

    def flags(self, index: _AnyIndex) -> Qt.ItemFlag:
        return _ITEM_FLAGS if index.isValid() else _NO_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(DeckColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Deck"), self.tr("New"), self.tr("Learning"), self.tr("Review"))[
                section
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if section == DeckColumn.DECK:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each repaint: plain int comparisons
        # (a PySide enum attribute lookup costs more than the rest of this method).
        if role not in _ROLES or not index.isValid():
            return None
        node = self.node(index)
        column = index.column()
        if role == _DISPLAY_ROLE:
            if column == _DECK_COLUMN:
                return self.group_title(node)
            return str(_count(node, column))
        if role == _NODE_ROLE:
            return node
        if role == _TOOLTIP_ROLE:
            return self._tooltip(node) if column == _DECK_COLUMN else None
        if role == _ACCESSIBLE_ROLE:
            if column == _DECK_COLUMN:
                return self.group_title(node)
            names = (self.tr("new"), self.tr("learning"), self.tr("review"))
            return f"{_count(node, column)} {names[column - 1]}"
        if column == _DECK_COLUMN:
            return self._bold if role == _FONT_ROLE and node.deck_id is None else None
        if role == _ALIGNMENT_ROLE:
            return _RIGHT_ALIGNED
        if role == _FOREGROUND_ROLE:
            if _count(node, column) == 0:
                return self._muted
            return self._count_colours[column - 1]
        if role == _FONT_ROLE and node.deck_id is None:
            return self._bold
        return None

    def _tooltip(self, node: DeckNode) -> str:
        cards = self.tr("%1 cards").replace("%1", str(node.card_count))
        if node.description:
            return f"{node.description}\n{cards}"
        return cards
