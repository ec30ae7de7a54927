"""``flashcards ids --write``: give every note an explicit id, changing nothing else in the file."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Collection

from flashcards.core.cloze import reveal
from flashcards.deckformat.cards import normalise_prompt
from flashcards.deckformat.files import read_deck_bytes, replace_file_atomically
from flashcards.deckformat.model import Diagnostic
from flashcards.deckformat.parser import decode_deck, scan_deck

__all__ = ["DeckFileError", "assign_ids", "note_slug", "write_ids"]

_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_MAX_WORDS = 8
_MAX_SLUG = 48


class DeckFileError(ValueError):
    """A deck file ``ids --write`` cannot edit (unreadable, too large, not UTF-8)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def note_slug(prompt: str) -> str:
    """An id from a prompt: its ASCII words, lowercased and hyphenated (at most 8 words, 48
    characters), cloze markup read as its answers; ``n-`` and 8 hex digits of a hash of the
    normalised prompt when it has no ASCII word (a Chinese-only prompt, say).
    """
    words = _WORD_RE.findall(unicodedata.normalize("NFKC", reveal(prompt)))
    slug = ""
    for word in words[:_MAX_WORDS]:
        longer = f"{slug}-{word.lower()}" if slug else word.lower()
        if len(longer) > _MAX_SLUG:
            break
        slug = longer
    if slug:
        return slug
    digest = hashlib.sha1(normalise_prompt(prompt).encode("utf-8"), usedforsecurity=False)
    return "n-" + digest.hexdigest()[:8]


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    taken.add(candidate)
    return candidate


def assign_ids(text: str, existing: Collection[str] = ()) -> tuple[str, int]:
    """Return ``text`` with an explicit id on every note that has none, and how many were added.

    A note without a metadata comment gets a ``<!-- id: ... -->`` line under its heading (with the
    heading's own line ending); a note with one gets ``id: ...; `` at the start of it. Ids are
    unique within the text and avoid ``existing`` (ids used elsewhere in the deck). Notes whose
    comment already has an ``id`` key (even an invalid one) or that have two metadata comments
    are left alone: ``check`` reports those. Nothing else changes, byte for byte.
    """
    scan = scan_deck(text, "<text>")
    notes = scan.deck.notes
    taken = set(existing)
    taken.update(note.note_id for note in notes if note.note_id is not None)
    edits: list[tuple[int, str]] = []
    for raw, note, meta in zip(scan.raw, notes, scan.metas, strict=True):
        if (meta is not None and meta.has_id_key) or (raw.metas is not None and len(raw.metas) > 1):
            continue
        note_id = _unique(note_slug(note.prompt), taken)
        if raw.metas:
            _, start, _, body = raw.metas[0]
            at = text.index("<!--", start) + 4
            lead = len(body) - len(body.lstrip())
            space = "" if lead else " "
            pair = f"id: {note_id}; " if body.strip() else f"id: {note_id} "
            edits.append((at + lead, space + pair))
        else:
            heading_end = text.find("\n", raw.start)
            comment = f"<!-- id: {note_id} -->"
            if heading_end < 0:  # the heading is the last line and has no newline
                eol = "\r\n" if "\r\n" in text else "\n"
                edits.append((len(text), eol + comment))
            else:
                eol = "\r\n" if text[heading_end - 1 : heading_end] == "\r" else "\n"
                edits.append((heading_end + 1, comment + eol))
    if not edits:
        return text, 0
    pieces: list[str] = []
    pos = 0
    for at, insert in edits:
        pieces.append(text[pos:at])
        pieces.append(insert)
        pos = at
    pieces.append(text[pos:])
    return "".join(pieces), len(edits)


def write_ids(path: str | os.PathLike[str], existing: Collection[str] = ()) -> int:
    """Give every note of the file at ``path`` an explicit id; return how many were added.

    The file is rewritten atomically (a temporary file in the same folder, then ``os.replace``,
    keeping its permissions; a symlink's target is what gets rewritten) and only when something
    changed. Raises ``DeckFileError`` when the file cannot be read or is not UTF-8, and
    ``OSError`` when it cannot be written.
    """
    name = os.fspath(path)
    data, problem = read_deck_bytes(name)
    if data is None:
        assert problem is not None
        raise DeckFileError(problem)
    text, problem = decode_deck(data, name)
    if text is None:
        assert problem is not None
        raise DeckFileError(problem)
    new_text, count = assign_ids(text, existing)
    if count:
        replace_file_atomically(name, new_text.encode("utf-8"))
    return count
