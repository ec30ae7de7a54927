"""The ``flashcards`` command: no argument opens the app; subcommands work from a terminal."""

from flashcards.cli.main import main

__all__ = ["main"]
