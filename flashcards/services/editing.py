"""Edit one note in its Markdown deck file, leaving every other byte of the file as it was.

``read_note`` finds the note's exact slice of the file (the parser's ``start``/``end``), and
``save_note`` splices the edited text into the same bytes, writes the file atomically (temp file
and ``os.replace``) and re-syncs, so the note keeps its review history. The save is refused when
the file changed on disk since it was read, when the edited note does not parse, and for the
bundled decks, which are read-only.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from flashcards.deckformat import (
    Diagnostic,
    ParsedDeck,
    ParsedNote,
    parse_deck,
    replace_file_atomically,
)
from flashcards.services.collection import Collection
from flashcards.services.identity import derived_key, note_keys
from flashcards.services.paths import bundled_decks_dir
from flashcards.services.sync import DeckSource, SyncReport, sync_decks
from flashcards.storage.models import Deck, Note

__all__ = [
    "EditError",
    "FileChangedError",
    "NoteDraft",
    "NoteNotFoundError",
    "NoteParseError",
    "NoteSource",
    "ReadOnlyDeckError",
    "SaveResult",
    "check_note",
    "is_bundled",
    "read_note",
    "save_note",
]


class EditError(Exception):
    """A note cannot be edited or saved; the message says why, for the user."""


class NoteNotFoundError(EditError):
    """The note is not in its file any more (or has no file)."""


class ReadOnlyDeckError(EditError):
    """The note belongs to a bundled deck."""


class FileChangedError(EditError):
    """The deck file changed on disk after the note was read."""


class NoteParseError(EditError):
    """The edited note does not parse; ``diagnostics`` say where and why."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)


@dataclass(frozen=True)
class NoteSource:
    """A note's Markdown as it stands in its file, and what is needed to write it back."""

    note_id: int
    deck_key: str
    deck_title: str
    note_key: str
    path: Path
    line: int  # the heading's line, 1-based
    end_line: int
    text: str  # the note's Markdown, "\n" line endings
    newline: str  # the file's line ending for this note: "\n" or "\r\n"
    sha256: str  # of the whole file as read
    byte_start: int
    byte_end: int
    read_only: bool = False
    read_only_reason: str = ""


@dataclass(frozen=True)
class NoteDraft:
    """What an edited note parses to, in the context of its file."""

    notes: tuple[ParsedNote, ...]  # the notes of the edited text (usually one)
    deck: ParsedDeck  # the whole file as it would be saved
    errors: tuple[Diagnostic, ...]  # problems the edit brings; saving is refused while any
    warnings: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.notes)


@dataclass
class SaveResult:
    """What a save did."""

    source: NoteSource | None  # the note as saved (None when the re-sync could not find it)
    report: SyncReport
    warnings: tuple[Diagnostic, ...] = ()
    messages: list[str] = field(default_factory=list)  # things the user should know


# -- reading ---------------------------------------------------------------------------------


def is_bundled(path: Path, group_path: str = "") -> bool:
    """True for a deck shipped with the app (read-only)."""
    if group_path == "bundled" or group_path.startswith("bundled/"):
        return True
    try:
        path.resolve().relative_to(bundled_decks_dir().resolve())
    except ValueError:
        return False
    return True


def _read_only_reason(path: Path) -> str:
    return (
        f"{path.name} is a bundled deck and cannot be changed here. To edit it, copy the file "
        "into one of your deck folders (Settings, Deck folders) and give the copy a new deck id."
    )


def read_note(collection: Collection, note_id: int) -> NoteSource:
    """The note's slice of its deck file, found again by its key (or its line)."""
    with collection.database.reading() as session:
        row = session.execute(
            select(
                Note.key, Note.path, Note.line, Note.prompt, Deck.key, Deck.title, Deck.group_path
            )
            .join(Deck, Deck.id == Note.deck_id)
            .where(Note.id == note_id)
        ).first()
    if row is None:
        raise NoteNotFoundError(f"note {note_id} does not exist")
    note_key, path_text, line, prompt, deck_key, deck_title, group_path = row
    if not path_text:
        raise NoteNotFoundError("this note has no deck file")
    path = Path(path_text)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NoteNotFoundError(f"cannot read {path}: {error.strerror or error}") from error
    deck = parse_deck(data, str(path))
    if deck.header is None and not deck.notes:
        raise NoteNotFoundError(f"{path.name} cannot be read as a deck: {_first_error(deck)}")
    index = _find_note(deck.notes, note_key, line, prompt)
    if index is None:
        raise NoteNotFoundError(
            f"the note is no longer in {path.name} (the file changed on disk): "
            "sync the decks and try again"
        )
    bundled = is_bundled(path, group_path)
    return _source(
        note_id,
        deck_key,
        deck_title,
        note_keys(deck.notes)[index],
        path,
        data,
        deck.notes[index],
        read_only=bundled,
        reason=_read_only_reason(path) if bundled else "",
    )


def _first_error(deck: ParsedDeck) -> str:
    errors = deck.errors
    return errors[0].message if errors else "no notes"


def _find_note(notes: Sequence[ParsedNote], key: str, line: int, prompt: str) -> int | None:
    keys = note_keys(notes)
    if key in keys:
        return keys.index(key)
    # The key can differ when the prompt was reworded but not synced yet; the line and the
    # prompt together still name the note.
    for index, note in enumerate(notes):
        if note.line == line and derived_key(note.prompt) == derived_key(prompt):
            return index
    return None


def _source(
    note_id: int,
    deck_key: str,
    deck_title: str,
    note_key: str,
    path: Path,
    data: bytes,
    note: ParsedNote,
    *,
    read_only: bool,
    reason: str,
) -> NoteSource:
    text = data.decode("utf-8")
    byte_start = len(text[: note.start].encode("utf-8"))
    piece = text[note.start : note.end]
    byte_end = byte_start + len(piece.encode("utf-8"))
    return NoteSource(
        note_id=note_id,
        deck_key=deck_key,
        deck_title=deck_title,
        note_key=note_key,
        path=path,
        line=note.line,
        end_line=note.end_line,
        text=piece.replace("\r\n", "\n"),
        newline=_newline_of(piece, text),
        sha256=hashlib.sha256(data).hexdigest(),
        byte_start=byte_start,
        byte_end=byte_end,
        read_only=read_only,
        read_only_reason=reason,
    )


def _newline_of(piece: str, whole: str) -> str:
    sample = piece if "\n" in piece else whole
    lf = sample.count("\n")
    crlf = sample.count("\r\n")
    return "\r\n" if lf and crlf * 2 >= lf else "\n"


# -- checking --------------------------------------------------------------------------------


def _edited_bytes(source: NoteSource, text: str) -> bytes:
    """``text`` as the bytes of the note's slice: the file's line endings, its final newline."""
    body = text.replace("\r\n", "\n").rstrip("\n")
    original_has_eol = source.text.endswith("\n")
    if original_has_eol:
        body += "\n"
    if source.newline == "\r\n":
        body = body.replace("\n", "\r\n")
    return body.encode("utf-8")


def check_note(source: NoteSource, text: str, *, data: bytes | None = None) -> NoteDraft:
    """Parse ``text`` in place of the note (in ``data``, default: the file now on disk)."""
    if data is None:
        data = source.path.read_bytes()
    old_deck = parse_deck(data, str(source.path))
    piece = _edited_bytes(source, text)
    new_data = data[: source.byte_start] + piece + data[source.byte_end :]
    deck = parse_deck(new_data, str(source.path))
    start = len(data[: source.byte_start].decode("utf-8", errors="replace"))
    end = start + len(piece.decode("utf-8"))
    notes = tuple(n for n in deck.notes if start <= n.start < max(end, start + 1))
    old_lines = source.end_line - source.line + 1
    new_end_line = source.line + max(0, piece.count(b"\n") - (1 if piece.endswith(b"\n") else 0))
    shift = (new_end_line - source.line + 1) - old_lines

    def moved(diagnostic: Diagnostic) -> tuple[int, str]:
        line = diagnostic.line
        if line > source.end_line:
            line += shift
        return line, diagnostic.message

    known = {moved(d) for d in old_deck.diagnostics if not source.line <= d.line <= source.end_line}
    fresh = [
        d
        for d in deck.diagnostics
        if source.line <= d.line <= new_end_line or (d.line, d.message) not in known
    ]
    errors = [d for d in fresh if d.severity == "error"]
    if not notes or notes[0].start != start:
        errors.insert(
            0,
            Diagnostic(
                str(source.path),
                source.line,
                "the note must start with its '## ' heading line",
                "error",
            ),
        )
    return NoteDraft(
        notes=notes,
        deck=deck,
        errors=tuple(errors),
        warnings=tuple(d for d in fresh if d.severity == "warning"),
    )


# -- saving ----------------------------------------------------------------------------------


def save_note(
    collection: Collection,
    source: NoteSource,
    text: str,
    *,
    sources: Sequence[DeckSource] | None = None,
) -> SaveResult:
    """Write ``text`` in place of the note, then re-sync (``sources``: default, every folder)."""
    if source.read_only:
        raise ReadOnlyDeckError(source.read_only_reason or _read_only_reason(source.path))
    path = source.path.resolve()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileChangedError(
            f"{path.name} cannot be read any more ({error.strerror or error})"
        ) from error
    if hashlib.sha256(data).hexdigest() != source.sha256:
        raise FileChangedError(
            f"{path.name} changed on disk since the note was opened; reload it to see the "
            "changes (your edit is still in the editor)"
        )
    draft = check_note(source, text, data=data)
    if not draft.ok:
        raise NoteParseError(
            f"the note does not parse: {draft.errors[0].message}"
            if draft.errors
            else "the note is empty",
            draft.errors,
        )
    piece = _edited_bytes(source, text)
    new_data = data[: source.byte_start] + piece + data[source.byte_end :]
    if new_data != data:
        replace_file_atomically(path, new_data)
    report = sync_decks(collection, sources)
    result = SaveResult(source=None, report=report, warnings=draft.warnings)
    file_errors = [d for d in report.errors if Path(d.path) == path]
    if file_errors:
        result.messages.append(
            f"{path.name} has errors elsewhere ({file_errors[0].format()}): the file is saved, "
            "but the deck reloads only once they are fixed"
        )
    result.source = _reread(collection, source, draft.notes[0])
    return result


def _reread(collection: Collection, old: NoteSource, note: ParsedNote) -> NoteSource | None:
    """The saved note again: by its id when the sync kept it, else by its file and line."""
    with contextlib.suppress(EditError):
        source = read_note(collection, old.note_id)
        if source.line == note.line and source.path.resolve() == old.path.resolve():
            return source
    with collection.database.reading() as session:
        note_id = session.scalar(
            select(Note.id).where(
                Note.path == str(old.path.resolve()),
                Note.line == note.line,
                Note.retired.is_(False),
            )
        )
    if note_id is None:
        return None
    with contextlib.suppress(EditError):
        return read_note(collection, note_id)
    return None
