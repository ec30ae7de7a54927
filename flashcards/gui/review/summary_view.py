"""The end-of-session summary: cards, time, retention; a button back to the decks."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from flashcards.gui.review.grades import format_duration

__all__ = ["SessionFigures", "SummaryView"]


@dataclass(frozen=True)
class SessionFigures:
    """What the summary shows."""

    answered: int
    new_learned: int
    again: int
    seconds: float
    retention_session: float | None
    retention_today: float | None
    answered_today: int


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


class SummaryView(QWidget):
    """Passive: shows :class:`SessionFigures`, emits ``back_requested``."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: SessionFigures | None = None
        self.title_label = QLabel()
        self.title_label.setProperty("role", "heading")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label = QLabel()
        self.message_label.setProperty("role", "muted")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)

        self._values: dict[str, QLabel] = {}
        self._names: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(8)
        for key in ("answered", "new", "again", "time", "retention", "today"):
            name, value = QLabel(), QLabel()
            value.setObjectName(f"summary_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            name.setBuddy(value)
            self._names[key], self._values[key] = name, value
            form.addRow(name, value)
        form_box = QHBoxLayout()
        form_box.addStretch(1)
        form_box.addLayout(form)
        form_box.addStretch(1)

        self.back_button = QPushButton()
        self.back_button.setProperty("primary", True)
        self.back_button.setAutoDefault(True)
        self.back_button.setDefault(True)
        self.back_button.setMinimumHeight(40)
        self.back_button.setMinimumWidth(220)
        self.back_button.clicked.connect(self.back_requested.emit)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.back_button)
        button_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message_label)
        layout.addSpacing(16)
        layout.addLayout(form_box)
        layout.addSpacing(24)
        layout.addLayout(button_row)
        layout.addStretch(3)
        self.retranslate_ui()

    def set_figures(self, figures: SessionFigures) -> None:
        self._figures = figures
        values = {
            "answered": str(figures.answered),
            "new": str(figures.new_learned),
            "again": str(figures.again),
            "time": format_duration(figures.seconds),
            "retention": _percent(figures.retention_session),
            "today": self.tr("%1 (%2 answers)")
            .replace("%1", _percent(figures.retention_today))
            .replace("%2", str(figures.answered_today)),
        }
        for key, text in values.items():
            self._values[key].setText(text)
        self._update_message()

    def focus_primary(self) -> None:
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_message(self) -> None:
        if self._figures is not None and self._figures.answered == 0:
            self.message_label.setText(self.tr("Nothing is due in these decks right now."))
        else:
            self.message_label.setText(
                self.tr("Well done. Come back tomorrow: spaced repetition works one day at a time.")
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Session complete"))
        names = {
            "answered": self.tr("Cards answered:"),
            "new": self.tr("New cards learned:"),
            "again": self.tr("Forgotten (seen again today):"),
            "time": self.tr("Time:"),
            "retention": self.tr("Retention this session:"),
            "today": self.tr("Retention today:"),
        }
        for key, text in names.items():
            self._names[key].setText(text)
        self.back_button.setText(self.tr("Back to Decks"))
        self.back_button.setToolTip(self.tr("Back to Decks (Esc)"))
        self.back_button.setAccessibleName(self.tr("Back to Decks"))
        if self._figures is not None:
            self.set_figures(self._figures)
        else:
            self._update_message()
