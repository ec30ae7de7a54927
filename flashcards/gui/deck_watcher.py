"""Watch the deck folders and files; ask for a sync shortly after something changes."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from flashcards.deckformat import deck_files

__all__ = ["DeckWatcher"]

# Editors save in bursts (write, rename, chmod): wait for the burst to end, well within the
# one second a changed deck must take to reload.
SETTLE_MS = 300


class DeckWatcher(QObject):
    """Emits ``changed`` once a burst of file-system events in the deck folders has settled."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._folders: list[Path] = []

    def watch(self, folders: Iterable[Path]) -> None:
        """Watch these folders (recursively) and the deck files in them, replacing the old set."""
        self._folders = [Path(f) for f in folders if Path(f).is_dir()]
        self.rescan()

    def rescan(self) -> None:
        """Pick up new files and files an editor replaced (a replaced file drops its watch)."""
        wanted: set[str] = set()
        for folder in self._folders:
            for root, dirs, _files in os.walk(folder):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                wanted.add(root)
        wanted.update(str(path) for path in deck_files(self._folders) if path.exists())
        current = set(self._watcher.files()) | set(self._watcher.directories())
        stale = sorted(current - wanted)
        fresh = sorted(wanted - current)
        if stale:
            self._watcher.removePaths(stale)
        if fresh:
            self._watcher.addPaths(fresh)

    def watched(self) -> list[str]:
        return sorted(set(self._watcher.files()) | set(self._watcher.directories()))

    @Slot(str)
    def _on_watcher_changed(self, path: str) -> None:
        self._timer.start()
