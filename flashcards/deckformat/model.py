"""What a parsed Markdown deck looks like: plain frozen dataclasses, no behaviour beyond views."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = [
    "CardKind",
    "CardSpec",
    "DeckHeader",
    "Diagnostic",
    "DiagnosticsView",
    "ParsedDeck",
    "ParsedNote",
    "Severity",
]

Severity = Literal["error", "warning"]
CardKind = Literal["basic", "reverse", "cloze"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a deck file, at a 1-based line."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """``path:line: error: message``, the form editors and CI logs understand."""
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class DiagnosticsView:
    """``errors`` and ``warnings`` of anything holding ``diagnostics``."""

    __slots__ = ()
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``error``."""
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity ``warning``."""
        return tuple(d for d in self.diagnostics if d.severity == "warning")


@dataclass(frozen=True, slots=True)
class DeckHeader:
    """The YAML front matter of a deck."""

    id: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    lang: str | None = None
    reverse: bool = False


class ParsedNote(NamedTuple):
    """One ``##`` section of a deck file.

    ``line``/``end_line`` are 1-based and inclusive (trailing blank lines are not part of the note);
    ``start``/``end`` are the matching character offsets in the decoded text, so
    ``text[start:end]`` is exactly the note (with the end-of-line of its last line, if any).
    ``front`` and ``back`` are Markdown with the metadata and split lines removed, surrounding
    blank lines stripped, ``\\n`` line endings, and cloze markup left in.

    A named tuple rather than a dataclass: a parse builds one per ``##`` section (an import a
    hundred thousand), and a tuple is built in C, several times faster than a frozen
    dataclass's field-by-field ``__init__``.
    """

    line: int
    end_line: int
    prompt: str
    front: str
    back: str
    note_id: str | None
    tags: tuple[str, ...]
    source: str | None
    reverse: bool | None
    cloze_numbers: tuple[int, ...]
    code_cloze_numbers: tuple[int, ...]
    has_code: bool
    start: int
    end: int

    @property
    def is_cloze(self) -> bool:
        """True when the note has at least one well-formed cloze."""
        return bool(self.cloze_numbers)


@dataclass(frozen=True, slots=True)
class CardSpec:
    """One reviewable card of a note: ``ordinal`` is stable (0 basic, 1 reverse, N for cloze N)."""

    ordinal: int
    kind: CardKind
    cloze: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedDeck(DiagnosticsView):
    """A whole deck file: header (``None`` when broken), introduction, notes and diagnostics."""

    path: str
    header: DeckHeader | None
    intro: str
    notes: tuple[ParsedNote, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings are fine)."""
        return not any(d.severity == "error" for d in self.diagnostics)
