"""Markdown decks: parse them, check them, and give their notes explicit ids.

See ``docs/deck-format.md`` for the format. This layer only reads and writes deck files; syncing
them into the database is the services layer's job.
"""

from flashcards.deckformat.cards import (
    card_faces,
    card_specs,
    compose_faces,
    normalise_prompt,
    note_markdown,
)
from flashcards.deckformat.check import CheckReport, DeckSummary, check_paths, summarise
from flashcards.deckformat.discover import deck_files
from flashcards.deckformat.files import (
    MAX_DECK_BYTES,
    read_deck,
    read_deck_bytes,
    replace_file_atomically,
)
from flashcards.deckformat.ids import DeckFileError, assign_ids, note_slug, write_ids
from flashcards.deckformat.model import (
    CardKind,
    CardSpec,
    DeckHeader,
    Diagnostic,
    ParsedDeck,
    ParsedNote,
    Severity,
)
from flashcards.deckformat.parser import parse_deck

__all__ = [
    "MAX_DECK_BYTES",
    "CardKind",
    "CardSpec",
    "CheckReport",
    "DeckFileError",
    "DeckHeader",
    "DeckSummary",
    "Diagnostic",
    "ParsedDeck",
    "ParsedNote",
    "Severity",
    "assign_ids",
    "card_faces",
    "card_specs",
    "check_paths",
    "compose_faces",
    "deck_files",
    "normalise_prompt",
    "note_markdown",
    "note_slug",
    "parse_deck",
    "read_deck",
    "read_deck_bytes",
    "replace_file_atomically",
    "summarise",
    "write_ids",
]
