"""A bounded, thread-safe LRU cache in front of ``render_markdown``."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from flashcards.rendering.settings import RenderSettings

__all__ = ["CardRenderer"]

_DEFAULT_SETTINGS = RenderSettings()
_Key = tuple[bytes, int | None, bool, RenderSettings, Path | None]


class CardRenderer:
    """Renders card sides, remembering the last ``max_entries`` results.

    Keyed by (SHA-256 of the text, cloze, reveal, settings, base_dir). Images are checked on disk
    when a side is first rendered; call ``clear()`` after the deck folder changes.
    """

    def __init__(self, max_entries: int = 512) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        # Imported here, not with the package: a process that only renders never pays for it.
        import hashlib

        self._sha256 = hashlib.sha256
        self._entries: OrderedDict[_Key, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def render(
        self,
        text: str,
        *,
        cloze: int | None = None,
        reveal: bool = False,
        settings: RenderSettings = _DEFAULT_SETTINGS,
        base_dir: Path | None = None,
    ) -> str:
        """Same as ``render_markdown``, from the cache when possible."""
        key = (self._sha256(text.encode()).digest(), cloze, reveal, settings, base_dir)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        from flashcards.rendering.pipeline import render_markdown

        # Rendered outside the lock: other threads keep reading the cache meanwhile.
        html = render_markdown(
            text, cloze=cloze, reveal=reveal, settings=settings, base_dir=base_dir
        )
        with self._lock:
            self._entries[key] = html
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return html

    def clear(self) -> None:
        """Forget every cached side."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
