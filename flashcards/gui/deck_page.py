"""The deck list page: today's totals, the deck tree, the chosen deck's description and Study."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.deck_tree_model import NODE_ROLE, DeckColumn, DeckTreeModel
from flashcards.gui.theme import AppTheme
from flashcards.services.decktree import DeckNode

COUNT_COLUMNS = (DeckColumn.NEW, DeckColumn.LEARNING, DeckColumn.REVIEW)

__all__ = ["DeckPage"]


class DeckPage(QWidget):
    """Passive: shows a deck tree and the selection's details; emits intents."""

    study_requested = Signal()
    selection_changed = Signal()
    add_folder_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DeckTreeModel(self)
        self._theme: AppTheme | None = None
        self._first_run = False
        self._loading = True
        self._bundled_count = 0
        self._new_per_day = 20
        self._today: tuple[tuple[int, int, int], int] = ((0, 0, 0), 0)

        self.totals_label = QLabel()
        self.totals_label.setTextFormat(Qt.TextFormat.RichText)
        self.totals_label.setObjectName("todayTotals")

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DeckColumn.DECK, QHeaderView.ResizeMode.Stretch)
        # Count columns get a width computed once per tree (see _fit_count_columns), not
        # ResizeToContents: that asks the model for every row's size hint on each layout,
        # thousands of Python calls per repaint with a few hundred decks.
        for column in COUNT_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.tree.activated.connect(self._on_tree_activated)
        self.tree.selectionModel().selectionChanged.connect(self._on_tree_selection_changed)

        self.welcome_label = QLabel()
        self.welcome_label.setWordWrap(True)
        self.welcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.welcome_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.welcome_frame = QFrame()
        self.welcome_frame.setObjectName("welcome")
        self.welcome_frame.setFrameShape(QFrame.Shape.StyledPanel)
        welcome_layout = QVBoxLayout(self.welcome_frame)
        welcome_layout.addWidget(self.welcome_label)
        self.add_folder_button = QPushButton()
        self.add_folder_button.clicked.connect(self.add_folder_requested.emit)
        welcome_layout.addWidget(self.add_folder_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.title_label = QLabel()
        self.title_label.setProperty("role", "heading")
        self.title_label.setWordWrap(True)
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.description_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setWordWrap(True)

        self.study_button = QPushButton()
        self.study_button.setProperty("primary", True)
        self.study_button.setAutoDefault(True)
        self.study_button.setDefault(True)
        self.study_button.setMinimumHeight(40)
        self.study_button.clicked.connect(self.study_requested.emit)

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(12, 0, 0, 0)
        details_layout.addWidget(self.welcome_frame)
        details_layout.addSpacing(8)
        details_layout.addWidget(self.title_label)
        details_layout.addWidget(self.description_label)
        details_layout.addSpacing(6)
        details_layout.addWidget(self.counts_label)
        details_layout.addStretch(1)
        details_layout.addWidget(self.study_button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        top = QHBoxLayout()
        top.addWidget(self.totals_label, 1)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.study_button)
        self.retranslate_ui()

    # -- what the controller sets ----------------------------------------------------------

    def set_theme(self, theme: AppTheme) -> None:
        self._theme = theme
        self.model.set_colours(theme.states, theme.palette.muted)
        self.welcome_frame.setStyleSheet(
            f"QFrame#welcome {{ background-color: {theme.palette.background};"
            f" border: 1px solid {theme.palette.border}; border-radius: 6px; }}"
        )
        self._update_details()

    def set_deck_tree(self, root: DeckNode) -> None:
        """Show a fresh tree, keeping the selection and which groups are collapsed."""
        selected = self.selected_node()
        selected_key = selected.key if selected is not None else None
        collapsed = (
            {
                node.key
                for node in self.model.root.walk()
                if node.children and not self.tree.isExpanded(self.model.index_of_key(node.key))
            }
            if self.model.rowCount()
            else set()
        )
        self._loading = False
        self.model.set_root(root)
        self._fit_count_columns()
        for node in root.walk():
            if node.children and node is not root and node.key not in collapsed:
                self.tree.expand(self.model.index_of_key(node.key))
        if selected_key is not None:
            index = self.model.index_of_key(selected_key)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        self._update_details()

    def set_first_run(self, first_run: bool, bundled_count: int, new_per_day: int) -> None:
        self._first_run = first_run
        self._bundled_count = bundled_count
        self._new_per_day = new_per_day
        self._update_details()

    def set_today(self, due: tuple[int, int, int], answered_today: int) -> None:
        self._today = (due, answered_today)
        self._render_totals()

    def selected_node(self) -> DeckNode | None:
        index = self.tree.currentIndex()
        if not index.isValid() or not self.tree.selectionModel().isSelected(index):
            return None
        node = index.siblingAtColumn(0).data(NODE_ROLE)
        return node if isinstance(node, DeckNode) else None

    def study_target(self) -> DeckNode:
        """The selected deck or group, or every deck."""
        return self.selected_node() or self.model.root

    def focus_primary(self) -> None:
        if self.study_button.isEnabled():
            self.study_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- internals -------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _on_tree_activated(self, index: QModelIndex) -> None:
        if self.study_button.isEnabled():
            self.study_requested.emit()

    @Slot(QItemSelection, QItemSelection)
    def _on_tree_selection_changed(
        self, selected: QItemSelection, deselected: QItemSelection
    ) -> None:
        self._update_details()
        self.selection_changed.emit()

    def _counts_html(self, node: DeckNode) -> str:
        counts = node.counts
        if self._theme is None:
            colours = ("", "", "")
        else:
            states = self._theme.states
            colours = (states.new, states.learning, states.review)
        parts = []
        for value, name, colour in zip(
            (counts.new, counts.learning, counts.review),
            (self.tr("new"), self.tr("learning"), self.tr("review")),
            colours,
            strict=True,
        ):
            style = f' style="color:{colour}"' if colour and value else ""
            parts.append(f"<b{style}>{value}</b> {name}")
        return " · ".join(parts)

    def _render_totals(self) -> None:
        due, answered = self._today
        node = DeckNode(key="", title="")
        node.counts.new, node.counts.learning, node.counts.review = due
        text = self.tr("Due today: %1").replace("%1", self._counts_html(node))
        text += " &nbsp;&nbsp; " + self.tr("Answered today: %1").replace("%1", f"<b>{answered}</b>")
        self.totals_label.setText(text)

    def _update_details(self) -> None:
        root = self.model.root
        has_decks = any(n.deck_id is not None for n in root.walk())
        node = self.selected_node()
        self.welcome_frame.setVisible(self._loading or self._first_run or not has_decks)
        for label in (self.title_label, self.description_label, self.counts_label):
            label.setVisible(not self._loading)
        self.add_folder_button.setVisible(not self._loading and not has_decks)
        if self._loading:
            self.welcome_label.setText(
                "<h3>"
                + self.tr("Reading your decks…")
                + "</h3><p>"
                + self.tr(
                    "Opening your collection. The very first start also reads every bundled "
                    "deck, which takes a few seconds."
                )
                + "</p>"
            )
        elif not has_decks:
            self.welcome_label.setText(
                "<h3>"
                + self.tr("No decks yet")
                + "</h3><p>"
                + self.tr(
                    "Decks are Markdown files. Add a folder of them and Flashcards reads "
                    "every deck inside it."
                )
                + "</p>"
            )
        else:
            self.welcome_label.setText(self._welcome_html())
        target = node or root
        if node is None:
            self.title_label.setText(self.tr("All decks"))
            self.description_label.setText(
                self.tr("Choose a deck on the left to study only that deck.") if has_decks else ""
            )
        else:
            self.title_label.setText(self.model.group_title(node))
            if node.deck_id is None:
                deck_count = sum(1 for n in node.walk() if n.deck_id is not None)
                text = self.tr("A folder of %1 decks.").replace("%1", str(deck_count))
            else:
                text = node.description or self.tr("This deck has no description.")
            self.description_label.setText(text)
        cards = self.tr("%1 cards in total.").replace("%1", str(target.card_count))
        self.counts_label.setText(
            self.tr("Left today: %1").replace("%1", self._counts_html(target)) + "<br>" + cards
        )
        has_due = target.counts.total > 0
        self.study_button.setEnabled(has_decks and has_due)
        if has_decks and not has_due:
            self.study_button.setText(self.tr("Nothing due today"))
        else:
            self.study_button.setText(self.tr("Study"))
        self.study_button.setAccessibleName(self.tr("Study"))

    def _welcome_html(self) -> str:
        intro = self.tr(
            "Flashcards comes with %1 decks on backend engineering: Kubernetes, Docker, Redis, "
            "caching, databases, security and more. Each card is written in Markdown, with real "
            "code and YAML."
        ).replace("%1", str(self._bundled_count))
        how = self.tr(
            "Choose a deck and press <b>Study</b> (or S). Show the answer with Space, then grade "
            "how well you remembered with the number keys. Up to %1 new cards a day per deck; "
            "the reviews come back just before you would forget them."
        ).replace("%1", str(self._new_per_day))
        own = self.tr("Your own decks: add a folder of Markdown files in Settings → Deck folders.")
        title = self.tr("Welcome to Flashcards")
        return f"<h3>{title}</h3><p>{intro}</p><p>{how}</p><p>{own}</p>"

    # -- translation -----------------------------------------------------------------------

    def _fit_count_columns(self) -> None:
        """Size each count column to its header or its widest number, whichever is wider."""
        header = self.tree.header()
        bold = QFont(self.tree.font())
        bold.setBold(True)  # group rows show their totals in bold
        metrics = QFontMetrics(bold)
        padding = 2 * self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12
        counts = [node.counts for node in self.model.root.walk()]
        for column, field in zip(COUNT_COLUMNS, ("new", "learning", "review"), strict=True):
            widest = max((getattr(c, field) for c in counts), default=0)
            # The header's own hint leaves its words touching the next column: give them air.
            width = max(
                header.sectionSizeFromContents(column).width() + 14,
                metrics.horizontalAdvance(str(widest)) + padding,
            )
            header.resizeSection(column, width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_count_columns()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self._fit_count_columns()  # the headers' words changed length
        self.tree.setAccessibleName(self.tr("Decks"))
        self.add_folder_button.setText(self.tr("Add a Deck Folder…"))
        self.study_button.setToolTip(self.tr("Study the chosen deck (S)"))
        self._render_totals()
        self._update_details()
