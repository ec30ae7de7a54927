"""The review screen: a passive widget the ReviewController drives.

It shows what it is given (card HTML, counts, answer buttons) and reports intents through
signals; it never talks to the collection. Shortcuts live on QActions so menus show them, and are
enabled only while they make sense (Space shows the answer only on the question side).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.icons import line_icon
from flashcards.gui.review.card_browser import CardBrowser
from flashcards.gui.review.grades import GradeButton
from flashcards.gui.theme import AppTheme

__all__ = ["ReviewView"]


def _with_shortcut(text: str, action: QAction) -> str:
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({keys})" if keys else text


class ReviewView(QWidget):
    """Card face, remaining counts, Show Answer and the grade buttons."""

    show_answer_requested = Signal()
    grade_chosen = Signal(int)
    undo_requested = Signal()
    suspend_requested = Signal()
    bury_requested = Signal()
    edit_requested = Signal()
    open_source_requested = Signal()
    back_requested = Signal()
    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme: AppTheme | None = None
        self._counts = (0, 0, 0)
        self._buttons: list[GradeButton] = []
        self._grade_buttons: list[QPushButton] = []
        self._grade_actions: list[QAction] = []
        self._make_actions()
        self._make_widgets()
        self.retranslate_ui()
        self.show_question_state()

    # -- construction ----------------------------------------------------------------------

    def _action(
        self,
        shortcuts: list[QKeySequence | QKeySequence.StandardKey | str],
        signal: SignalInstance,
        icon: str = "",
    ) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(signal.emit)
        action.setData(icon)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.show_answer_action = self._action(
            ["Space", "Return", "Enter"], self.show_answer_requested
        )
        self.undo_action = self._action(
            [QKeySequence.StandardKey.Undo], self.undo_requested, "undo"
        )
        self.suspend_action = self._action(["@"], self.suspend_requested, "suspend")
        self.bury_action = self._action(["-"], self.bury_requested, "bury")
        self.edit_action = self._action(["E"], self.edit_requested, "edit")
        self.open_source_action = self._action(["O"], self.open_source_requested, "source")
        self.back_action = self._action(["Escape"], self.back_requested, "back")

    def grade_actions(self) -> list[QAction]:
        return list(self._grade_actions)

    def card_actions(self) -> list[QAction]:
        """Every action of the review screen."""
        return [
            self.show_answer_action,
            *self._grade_actions,
            self.undo_action,
            self.suspend_action,
            self.bury_action,
            self.edit_action,
            self.open_source_action,
            self.back_action,
        ]

    def _make_widgets(self) -> None:
        self.deck_label = QLabel()
        self.deck_label.setProperty("role", "muted")
        self.deck_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)

        self._tool_buttons: list[QToolButton] = []
        header = QHBoxLayout()
        header.addWidget(self.deck_label, 1)
        for action in (
            self.undo_action,
            self.edit_action,
            self.open_source_action,
            self.suspend_action,
            self.bury_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            self._tool_buttons.append(button)
            header.addWidget(button)
        header.addSpacing(12)
        header.addWidget(self.counts_label)

        self.card_view = CardBrowser()
        self.card_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.card_view.anchorClicked.connect(self.link_activated.emit)

        self.show_answer_button = QPushButton()
        self.show_answer_button.setProperty("primary", True)
        self.show_answer_button.setAutoDefault(True)
        self.show_answer_button.setMinimumHeight(40)
        self.show_answer_button.setMinimumWidth(220)
        self.show_answer_button.clicked.connect(self.show_answer_requested.emit)
        question_row = QHBoxLayout()
        question_row.addStretch(1)
        question_row.addWidget(self.show_answer_button)
        question_row.addStretch(1)
        question_page = QWidget()
        question_page.setLayout(question_row)

        self._grades_row = QHBoxLayout()
        answer_page = QWidget()
        answer_page.setLayout(self._grades_row)

        self.bottom = QStackedWidget()
        self.bottom.addWidget(question_page)
        self.bottom.addWidget(answer_page)
        self.bottom.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addLayout(header)
        layout.addWidget(self.card_view, 1)
        layout.addWidget(self.bottom)

    # -- what the controller sets ----------------------------------------------------------

    def set_theme(self, theme: AppTheme) -> None:
        self._theme = theme
        colours = theme.palette
        for action in (
            self.undo_action,
            self.suspend_action,
            self.bury_action,
            self.edit_action,
            self.open_source_action,
            self.back_action,
        ):
            action.setIcon(line_icon(str(action.data()), colours.foreground, colours.border))
        self._render_counts()
        self._style_grade_buttons()

    def set_card(self, html: str, base_dir: Path | None, deck_title: str) -> None:
        self.card_view.set_card(html, base_dir)
        self.deck_label.setText(deck_title)

    def set_counts(self, new: int, learning: int, review: int) -> None:
        self._counts = (new, learning, review)
        self._render_counts()

    def set_grade_buttons(self, buttons: list[GradeButton]) -> None:
        """Answer buttons for the grading mode, with the intervals of the current card."""
        if [(b.grade, b.key) for b in buttons] != [(b.grade, b.key) for b in self._buttons]:
            self._rebuild_grade_buttons(buttons)
        self._buttons = buttons
        for widget, action, button in zip(
            self._grade_buttons, self._grade_actions, buttons, strict=True
        ):
            widget.setText(button.text)
            action.setText(self.tr("Answer %1").replace("%1", button.name))
            tip = self.tr("%1: next review %2 (key %3)")
            tip = (
                tip.replace("%1", button.name)
                .replace("%2", button.interval)
                .replace("%3", button.key)
            )
            widget.setToolTip(tip)
            widget.setAccessibleName(button.name)
            widget.setAccessibleDescription(tip)
        self._style_grade_buttons()

    def show_question_state(self) -> None:
        self.bottom.setCurrentIndex(0)
        self.show_answer_action.setEnabled(True)
        for action in self._grade_actions:
            action.setEnabled(False)
        self.show_answer_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_answer_state(self, focus_grade: int) -> None:
        """Answer side: grade buttons and their keys; focus on ``focus_grade`` (Good)."""
        self.bottom.setCurrentIndex(1)
        self.show_answer_action.setEnabled(False)
        for action in self._grade_actions:
            action.setEnabled(True)
        for widget, button in zip(self._grade_buttons, self._buttons, strict=True):
            if button.grade == focus_grade:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_card_actions_enabled(self, *, card: bool, editable: bool, has_source: bool) -> None:
        self.suspend_action.setEnabled(card)
        self.bury_action.setEnabled(card)
        self.edit_action.setEnabled(card and editable)
        self.open_source_action.setEnabled(card and has_source)

    def set_undo_enabled(self, enabled: bool) -> None:
        self.undo_action.setEnabled(enabled)

    def deactivate(self) -> None:
        """Disable every shortcut (while the deck list or the summary is showing)."""
        for action in self.card_actions():
            action.setEnabled(False)

    # -- internals -------------------------------------------------------------------------

    def _rebuild_grade_buttons(self, buttons: list[GradeButton]) -> None:
        for action in self._grade_actions:
            self.removeAction(action)
            action.deleteLater()
        while self._grades_row.count():
            item = self._grades_row.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        self._grade_buttons, self._grade_actions = [], []
        self._grades_row.addStretch(1)
        for button in buttons:
            action = QAction(self)
            action.setShortcut(QKeySequence(button.key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(self.bottom.currentIndex() == 1)
            action.triggered.connect(lambda _=False, g=button.grade: self.grade_chosen.emit(g))
            self.addAction(action)
            widget = QPushButton()
            widget.setProperty("grade", True)
            widget.setAutoDefault(True)
            widget.setMinimumHeight(40)
            widget.setMinimumWidth(110)
            widget.clicked.connect(lambda _=False, g=button.grade: self.grade_chosen.emit(g))
            self._grades_row.addWidget(widget)
            self._grade_buttons.append(widget)
            self._grade_actions.append(action)
        self._grades_row.addStretch(1)

    def _style_grade_buttons(self) -> None:
        if self._theme is None:
            return
        again = self._theme.states.again
        for widget, button in zip(self._grade_buttons, self._buttons, strict=True):
            widget.setStyleSheet(f"color: {again};" if button.failed else "")

    def _render_counts(self) -> None:
        new, learning, review = self._counts
        if self._theme is None:
            self.counts_label.setText(f"{new} + {learning} + {review}")
        else:
            states = self._theme.states
            self.counts_label.setText(
                f'<span style="color:{states.new};font-weight:bold">{new}</span> + '
                f'<span style="color:{states.learning};font-weight:bold">{learning}</span> + '
                f'<span style="color:{states.review};font-weight:bold">{review}</span>'
            )
        described = self.tr("Left in this session: %1 new, %2 learning, %3 review")
        described = described.replace("%1", str(new)).replace("%2", str(learning))
        described = described.replace("%3", str(review))
        self.counts_label.setToolTip(described)
        self.counts_label.setAccessibleName(described)

    # -- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        texts = {
            self.show_answer_action: self.tr("Show Answer"),
            self.undo_action: self.tr("Undo Last Answer"),
            self.suspend_action: self.tr("Suspend Card"),
            self.bury_action: self.tr("Bury Card Until Tomorrow"),
            self.edit_action: self.tr("Edit Note…"),
            self.open_source_action: self.tr("Open Source File"),
            self.back_action: self.tr("Back to Decks"),
        }
        for action, text in texts.items():
            action.setText(text)
            action.setToolTip(_with_shortcut(text, action))
        self.show_answer_button.setText(self.tr("Show Answer"))
        self.show_answer_button.setToolTip(
            _with_shortcut(self.tr("Show Answer"), self.show_answer_action)
        )
        self.show_answer_button.setAccessibleName(self.tr("Show Answer"))
        self.card_view.setAccessibleName(self.tr("Card"))
        self.deck_label.setAccessibleName(self.tr("Deck"))
        self._render_counts()
        if self._buttons:
            # Grade names come translated from the controller, which rebuilds them too.
            self.set_grade_buttons(self._buttons)
