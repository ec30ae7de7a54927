"""The browser, statistics and editor windows (and the deck watcher and external editor that come
with the editor), imported only when first used.

They are built separately (``flashcards.gui.browser``, ``.stats``, ``.editor``); while one of them
is not part of the build, its action is disabled instead of failing.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

__all__ = ["FEATURES", "feature_available", "feature_class"]

# feature -> (module, class name)
FEATURES: dict[str, tuple[str, str]] = {
    "browse": ("flashcards.gui.browser", "BrowserWindow"),
    "statistics": ("flashcards.gui.stats", "StatsWindow"),
    "editor": ("flashcards.gui.editor", "NoteEditorDialog"),
    "deck_problems": ("flashcards.gui.editor", "DeckErrorsPanel"),
    "watcher": ("flashcards.gui.editor", "DeckWatcher"),
    "external_editor": ("flashcards.gui.editor", "ExternalEditor"),
}


def feature_available(feature: str) -> bool:
    """True when the feature's module exists (found without importing it, so startup stays
    fast)."""
    module, _ = FEATURES[feature]
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return False
    # A package folder without its __init__ (a namespace package, origin None) is work in
    # progress and cannot provide the class yet.
    return spec is not None and spec.origin is not None


def feature_class(feature: str) -> Any:
    """The feature's class; raises ImportError (or AttributeError as ImportError) when missing."""
    module_name, class_name = FEATURES[feature]
    module = importlib.import_module(module_name)
    try:
        return getattr(module, class_name)
    except AttributeError as error:
        raise ImportError(f"{module_name} has no {class_name}") from error
