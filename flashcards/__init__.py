"""Flashcards: spaced repetition for engineers, with Markdown decks and exact SM-2."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # The version lives in pyproject.toml; reading package metadata costs tens of milliseconds,
    # so it is looked up only when asked for, not on every start.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("flashcards")
        except PackageNotFoundError:  # a source tree without installed metadata
            return "0.0.0+unknown"
    raise AttributeError(f"module 'flashcards' has no attribute {name!r}")
