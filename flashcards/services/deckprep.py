"""A deck file made ready for a sync: parsed, every note keyed, hashed and laid out as a row.

All of it is pure work on one file's bytes, apart from the database. (Worker processes were
tried for large imports: on this two-CPU machine they slowed SQLite's writes more than they
saved, see docs/performance.md.)
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from flashcards.deckformat import ParsedDeck, ParsedNote, parse_deck
from flashcards.services.identity import note_keys

__all__ = ["PreparedDeck", "content_hash", "prepare_deck"]


class PreparedDeck(NamedTuple):
    """One parsed file and, when it is sound, the note rows a sync writes.

    ``rows[i]`` holds note ``i``'s values in the order of ``storage.bulk.NOTE_FIELDS``;
    ``keys[i]`` is its identity key (also the row's first value). A file with errors has none.
    """

    deck: ParsedDeck
    keys: list[str]
    rows: list[tuple[object, ...]]


def content_hash(note: ParsedNote, tags: str) -> str:
    """What a note says, as a digest: a sync rewrites a note only when this changed."""
    parts = (note.prompt, note.front, note.back, tags, note.source or "", repr(note.reverse))
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()


def prepare_deck(data: bytes, path: str) -> PreparedDeck:
    """Parse one file's bytes; for a deck with a header, key and lay out every note."""
    deck = parse_deck(data, path)
    header = deck.header
    if header is None or not deck.ok:
        return PreparedDeck(deck, [], [])  # a broken file keeps its cards: no rows are written
    notes = deck.notes
    keys = note_keys(notes)
    deck_tags = list(header.tags)
    plain_tags = " ".join(dict.fromkeys(deck_tags))  # the tags of a note without its own
    rows: list[tuple[object, ...]] = []
    append = rows.append
    for index, note in enumerate(notes):
        tags = " ".join(dict.fromkeys([*deck_tags, *note.tags])) if note.tags else plain_tags
        # Flags go in as 0/1: the driver binds a bool only after a failed adapter lookup.
        append(
            (
                keys[index],
                0 if note.note_id is None else 1,
                note.prompt,
                note.front,
                note.back,
                tags,
                note.source,
                path,
                note.line,
                index,
                content_hash(note, tags),
                0,
            )
        )
    return PreparedDeck(deck, keys, rows)
