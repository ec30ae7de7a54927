"""A bounded, thread-safe LRU cache in front of ``render_markdown``."""

from __future__ import annotations

from pathlib import Path

from flashcards.rendering.lru import BoundedLru
from flashcards.rendering.settings import RenderSettings

__all__ = ["CardRenderer"]

_DEFAULT_SETTINGS = RenderSettings()
_Key = tuple[bytes, int | None, bool, RenderSettings, Path | None]


class CardRenderer(BoundedLru[_Key, str]):
    """Renders card sides, remembering the last ``max_entries`` results.

    Keyed by (SHA-256 of the text, cloze, reveal, settings, base_dir). Images are checked on disk
    when a side is first rendered; call ``clear()`` after the deck folder changes.
    """

    def __init__(self, max_entries: int = 512) -> None:
        super().__init__(max_entries)
        # Imported here, not with the package: a process that only renders never pays for it.
        import hashlib

        self._sha256 = hashlib.sha256

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
        found = self._lookup(key)
        if found is not None:
            return found
        from flashcards.rendering.pipeline import render_markdown

        # Rendered outside the lock: other threads keep reading the cache meanwhile.
        html = render_markdown(
            text, cloze=cloze, reveal=reveal, settings=settings, base_dir=base_dir
        )
        self._store(key, html)
        return html
