"""Full-text search over notes: FTS5 trigram for three characters or more, LIKE below that."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, false, or_, select, text

from flashcards.services.collection import Collection
from flashcards.storage.models import Deck, Note
from flashcards.storage.search_index import indexed_hits

__all__ = ["NoteHit", "fts_phrase", "like_pattern", "note_contains", "search_notes"]


class NoteHit(NamedTuple):
    """A note that matched (a named tuple: a search at 100,000 notes builds a thousand, and a
    tuple is built in C, where a frozen dataclass sets each field through Python)."""

    note_id: int
    deck_key: str
    note_key: str
    prompt: str
    retired: bool


def fts_phrase(query: str) -> str:
    """``query`` as an FTS5 string that matches it literally."""
    # A quoted FTS5 string matches the text literally; double quotes inside are doubled.
    return '"' + query.replace('"', '""') + '"'


def like_pattern(query: str) -> str:
    """A LIKE pattern (escape character ``\\``) for text containing ``query``."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def note_contains(word: str) -> ColumnElement[bool]:
    pattern = like_pattern(word)
    return or_(
        *(
            column.like(pattern, escape="\\")
            for column in (Note.prompt, Note.front, Note.back, Note.tags)
        )
    )


def search_notes(
    collection: Collection, query: str, *, limit: int = 200, include_retired: bool = False
) -> list[NoteHit]:
    """Notes whose prompt, front, back or tags contain every word of ``query``."""
    words = [w for w in query.split() if w]
    if not words:
        return []
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    match = " AND ".join(fts_phrase(w) for w in long_words)
    if long_words:
        # The usual case, kept off SQLAlchemy (its session costs more than the query): one
        # plain read transaction checks that the index is current and lets it drive.
        with collection.database.snapshot() as connection:
            if connection.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is None:
                rows = indexed_hits(
                    connection,
                    match,
                    like_patterns=[like_pattern(word) for word in short_words],
                    include_retired=include_retired,
                    limit=limit,
                )
                return [NoteHit(*row) for row in rows]
    with collection.database.reading() as session:
        # Short words only, or notes changed since the index last caught up: those are matched
        # the slow way (their index entries may still hold the old text). Same note order.
        statement = (
            select(Note.id, Deck.key, Note.key, Note.prompt, Note.retired)
            .join(Deck, Deck.id == Note.deck_id)
            .order_by(Note.id)
            .limit(limit)
        )
        if not include_retired:
            statement = statement.where(Note.retired == false())
        if long_words:
            indexed = Note.id.in_(
                text("SELECT rowid FROM notes_fts WHERE notes_fts MATCH :match").bindparams(
                    match=match
                )
            )
            in_queue = Note.id.in_(text("SELECT note_id FROM search_queue"))
            queued = and_(in_queue, *(note_contains(word) for word in long_words))
            statement = statement.where(or_(and_(indexed, ~in_queue), queued))
        for word in short_words:
            # Trigram indexes cannot match fewer than three characters.
            statement = statement.where(note_contains(word))
        # Core execution: plain tuples, no ORM row objects for a thousand hits.
        return [NoteHit(*row) for row in session.connection().execute(statement)]
