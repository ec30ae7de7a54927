"""The card browser: search, filters, a lazily paged table, preview and bulk actions."""

from __future__ import annotations

from flashcards.gui.browser.model import CardTableModel
from flashcards.gui.browser.preview import CardPreview
from flashcards.gui.browser.window import BrowserWindow

__all__ = ["BrowserWindow", "CardPreview", "CardTableModel"]
