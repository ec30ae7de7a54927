"""Flashcards: spaced repetition for engineers, with Markdown decks and exact SM-2."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("flashcards")
except PackageNotFoundError:  # running from a source tree or a frozen bundle without metadata
    __version__ = "0.1.0"

__all__ = ["__version__"]
