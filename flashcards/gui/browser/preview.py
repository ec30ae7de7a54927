"""A card's front and back, rendered: the browser's preview pane and the editor's live preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

__all__ = ["CardPreview"]


class _Face(QWidget):
    """A caption over a read-only rendered side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setProperty("role", "muted")
        self.view = QTextBrowser(self)
        self.view.setObjectName("cardView")  # styled like the review screen's card
        self.view.setOpenExternalLinks(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.html = ""  # what the view shows, to skip re-setting the same page


class CardPreview(QWidget):
    """Front above back, each a QTextBrowser showing the rendering layer's HTML."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.front = _Face(self)
        self.back = _Face(self)
        self._placeholder = QLabel(self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setProperty("role", "muted")
        self._faces = QSplitter(Qt.Orientation.Vertical, self)
        self._faces.addWidget(self.front)
        self._faces.addWidget(self.back)
        self._faces.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self._faces, 1)
        layout.addWidget(self._placeholder, 1)
        self._message = ""
        self.retranslate_ui()
        self.show_message("")

    def show_card(
        self, front_html: str, back_html: str, title: str = "", *, base_dir: Path | None = None
    ) -> None:
        """Show a card's rendered sides (a side that did not change keeps its scroll position)."""
        self._placeholder.hide()
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self._faces.show()
        for face, html in ((self.front, front_html), (self.back, back_html)):
            # Images in a card are files beside its deck.
            face.view.setSearchPaths([str(base_dir)] if base_dir else [])
            if face.html != html:
                face.view.setHtml(html)
                face.html = html

    def show_message(self, message: str) -> None:
        """No card to show: say why (or nothing)."""
        self._message = message
        self._faces.hide()
        self.title.hide()
        for face in (self.front, self.back):
            face.view.clear()
            face.html = ""
        self._placeholder.setText(message or self.tr("Select a card to preview it."))
        self._placeholder.show()

    def retranslate_ui(self) -> None:
        self.front.caption.setText(self.tr("Front"))
        self.back.caption.setText(self.tr("Back"))
        self.front.view.setAccessibleName(self.tr("Card front"))
        self.back.view.setAccessibleName(self.tr("Card back"))
        if not self._message:
            self._placeholder.setText(self.tr("Select a card to preview it."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
