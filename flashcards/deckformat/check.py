"""``flashcards check``: parse deck files and folders, count cards, collect every diagnostic."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flashcards.deckformat.cards import card_specs
from flashcards.deckformat.discover import deck_files
from flashcards.deckformat.files import scan_deck_file
from flashcards.deckformat.model import Diagnostic, DiagnosticsView, ParsedDeck

__all__ = ["CheckReport", "DeckSummary", "check_paths", "summarise"]


@dataclass(frozen=True, slots=True)
class DeckSummary:
    """Counts for one deck file (``cards`` counts every card, whatever its kind)."""

    path: str
    id: str
    title: str
    notes: int
    cards: int
    code_cards: int
    cloze_cards: int
    code_cloze_cards: int
    missing_source: int

    def to_json(self) -> dict[str, Any]:
        """The deck's entry in ``check --json``."""
        return {
            "path": self.path,
            "id": self.id,
            "title": self.title,
            "notes": self.notes,
            "cards": self.cards,
            "code_cards": self.code_cards,
            "cloze_cards": self.cloze_cards,
            "code_cloze_cards": self.code_cloze_cards,
            "missing_source": self.missing_source,
        }


def summarise(deck: ParsedDeck) -> DeckSummary | None:
    """Count the cards of a parsed deck; ``None`` when its header is unusable (not a deck)."""
    header = deck.header
    if header is None:
        return None
    cards = code_cards = cloze_cards = code_cloze_cards = missing_source = 0
    for note in deck.notes:
        for spec in card_specs(note, header):
            cards += 1
            if note.has_code:
                code_cards += 1
            if spec.kind == "cloze":
                cloze_cards += 1
                if spec.cloze in note.code_cloze_numbers:
                    code_cloze_cards += 1
            if note.source is None:
                missing_source += 1
    return DeckSummary(
        deck.path,
        header.id,
        header.title,
        len(deck.notes),
        cards,
        code_cards,
        cloze_cards,
        code_cloze_cards,
        missing_source,
    )


def _diagnostic_json(diagnostic: Diagnostic) -> dict[str, Any]:
    return {"path": diagnostic.path, "line": diagnostic.line, "message": diagnostic.message}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True, slots=True)
class CheckReport(DiagnosticsView):
    """The result of checking some files: one summary per valid deck, all diagnostics in order."""

    files: int
    decks: tuple[DeckSummary, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def has_errors(self) -> bool:
        """True when ``check`` must exit 1."""
        return any(d.severity == "error" for d in self.diagnostics)

    def to_json(self) -> dict[str, Any]:
        """``{"decks": [...], "errors": [...], "warnings": [...]}`` as in ``check --json``."""
        return {
            "decks": [deck.to_json() for deck in self.decks],
            "errors": [_diagnostic_json(d) for d in self.errors],
            "warnings": [_diagnostic_json(d) for d in self.warnings],
        }

    def format_text(self) -> str:
        """One ``path:line: error: message`` line per diagnostic, then a summary line."""
        lines = [d.format() for d in self.diagnostics]
        if not self.files:
            lines.append("no deck files found")
            return "\n".join(lines)
        notes = sum(deck.notes for deck in self.decks)
        cards = sum(deck.cards for deck in self.decks)
        lines.append(
            f"checked {_plural(self.files, 'file')}: {_plural(len(self.decks), 'deck')}, "
            f"{_plural(notes, 'note')}, {_plural(cards, 'card')}; "
            f"{_plural(len(self.errors), 'error')}, {_plural(len(self.warnings), 'warning')}"
        )
        return "\n".join(lines)


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> CheckReport:
    """Check files and folders (see ``deck_files``); never raises on bad files.

    Besides each file's own diagnostics, a deck id already used by an earlier file (in sorted
    path order) is an error on the later file, naming the first.
    """
    files = deck_files(paths)
    decks: list[DeckSummary] = []
    diagnostics: list[Diagnostic] = []
    first_with_id: dict[str, str] = {}
    for path in files:
        scan = scan_deck_file(path)
        deck = scan.deck
        found = list(deck.diagnostics)
        if deck.header is not None:
            deck_id = deck.header.id
            if deck_id in first_with_id:
                message = f"deck id {deck_id!r} is already used by {first_with_id[deck_id]}"
                line = scan.header_lines.get("id", 1)
                found.append(Diagnostic(deck.path, line, message, "error"))
                found.sort(key=lambda d: d.line)
            else:
                first_with_id[deck_id] = deck.path
        diagnostics.extend(found)
        summary = summarise(deck)
        if summary is not None:
            decks.append(summary)
    return CheckReport(len(files), tuple(decks), tuple(diagnostics))
