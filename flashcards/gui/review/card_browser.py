"""The read-only card face: rendered HTML, local images only, links reported instead of followed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

__all__ = ["CardBrowser"]


class CardBrowser(QTextBrowser):
    """Shows card HTML; loads nothing from the network; clicked links go to ``anchorClicked``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardView")
        # Links open in the system browser only when clicked, through the controller.
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._base_dir: Path | None = None
        self.document().setDocumentMargin(18)

    def set_card(self, html: str, base_dir: Path | None) -> None:
        self._base_dir = base_dir
        self.setSearchPaths([str(base_dir)] if base_dir else [])
        self.setHtml(html)
        self.document().setDocumentMargin(18)
        self.verticalScrollBar().setValue(0)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        # Images come from the deck's folder (the renderer already drops others); anything with
        # a network scheme is never fetched.
        url = QUrl(url)
        if url.scheme() not in ("", "file"):
            return None
        if url.isLocalFile() and self._base_dir is not None:
            try:
                Path(url.toLocalFile()).resolve().relative_to(self._base_dir.resolve())
            except ValueError:
                return None
        return super().loadResource(kind, url)
