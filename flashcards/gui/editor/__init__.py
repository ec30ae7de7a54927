"""Authoring: the note editor, the deck problems panel and the deck folder watcher."""

from __future__ import annotations

from flashcards.gui.editor.dialog import NoteEditorDialog
from flashcards.gui.editor.errors import DeckErrorsPanel
from flashcards.gui.editor.external import ExternalEditor
from flashcards.gui.editor.watcher import DeckWatcher

__all__ = ["DeckErrorsPanel", "DeckWatcher", "ExternalEditor", "NoteEditorDialog"]
