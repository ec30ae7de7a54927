"""Yes/no questions behind a classmethod that tests replace (shared with the rest of the app)."""

from __future__ import annotations

from flashcards.gui.dialogs import Confirmation

__all__ = ["Confirmation"]
