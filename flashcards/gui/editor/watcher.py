"""Watch deck folders and files; say once, shortly after a burst of changes, that decks changed.

Editors and our own saves replace a file atomically (write a temp file, rename it over the old
one). The watcher then loses the file (inotify watches the old inode), so every change rescans the
folders and watches the new file again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

__all__ = ["DECK_SUFFIX", "DeckWatcher"]

DECK_SUFFIX = ".md"
DEFAULT_DELAY_MS = 300

_Snapshot = dict[str, tuple[int, int]]  # deck file -> (size, mtime_ns)


class DeckWatcher(QObject):
    """Emits ``decks_changed`` when a deck file in the watched folders is added, changed or
    removed (debounced: one signal per burst, ``delay_ms`` after the last change)."""

    decks_changed = Signal()

    def __init__(
        self,
        folders: Iterable[Path | str] = (),
        parent: QObject | None = None,
        *,
        delay_ms: int = DEFAULT_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_watcher_file_changed)
        self._watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._folders: list[Path] = []
        self._snapshot: _Snapshot = {}
        self.set_folders(folders)

    def set_folders(self, folders: Iterable[Path | str]) -> None:
        """Watch these folders (and their sub-folders) instead of the previous ones."""
        self._folders = [Path(f).expanduser() for f in folders]
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self._snapshot = self._rescan()

    def folders(self) -> list[Path]:
        return list(self._folders)

    def watched_files(self) -> list[str]:
        return sorted(self._watcher.files())

    def _rescan(self) -> _Snapshot:
        """Watch every folder and deck file that exists now; return the deck files' stats."""
        directories: list[str] = []
        snapshot: _Snapshot = {}
        for folder in self._folders:
            if not folder.is_dir():
                continue
            for root, dirs, files in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                directories.append(root)
                for name in files:
                    if name.endswith(DECK_SUFFIX) and not name.startswith("."):
                        path = os.path.join(root, name)
                        try:
                            st = os.stat(path)
                        except OSError:
                            continue
                        snapshot[path] = (st.st_size, st.st_mtime_ns)
        wanted = set(directories) | set(snapshot)
        current = set(self._watcher.files()) | set(self._watcher.directories())
        gone = sorted(current - wanted)
        new = sorted(wanted - current)
        if gone:
            self._watcher.removePaths(gone)
        if new:
            self._watcher.addPaths(new)
        return snapshot

    def _on_watcher_file_changed(self, path: str) -> None:
        self._timer.start()

    def _on_watcher_directory_changed(self, _path: str) -> None:
        # A temp file coming and going is not a deck change; a deck file added, removed or
        # replaced is.
        snapshot = self._rescan()
        if snapshot != self._snapshot:
            self._snapshot = snapshot
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._snapshot = self._rescan()  # watch files that were replaced by atomic saves again
        self.decks_changed.emit()
