"""Full-text search over notes: FTS5 trigram for three characters or more, LIKE below that."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, or_, select, text

from flashcards.services.collection import Collection
from flashcards.storage.models import Deck, Note

__all__ = ["NoteHit", "search_notes"]


@dataclass(frozen=True)
class NoteHit:
    """A note that matched."""

    note_id: int
    deck_key: str
    note_key: str
    prompt: str
    retired: bool


def _fts_phrase(query: str) -> str:
    # A quoted FTS5 string matches the text literally; double quotes inside are doubled.
    return '"' + query.replace('"', '""') + '"'


def _like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_notes(
    collection: Collection, query: str, *, limit: int = 200, include_retired: bool = False
) -> list[NoteHit]:
    """Notes whose prompt, front, back or tags contain every word of ``query``."""
    words = [w for w in query.split() if w]
    if not words:
        return []
    statement = (
        select(Note.id, Deck.key, Note.key, Note.prompt, Note.retired)
        .join(Deck, Deck.id == Note.deck_id)
        .order_by(Deck.position, Note.position)
        .limit(limit)
    )
    if not include_retired:
        statement = statement.where(Note.retired == false())
    long_words = [w for w in words if len(w) >= 3]
    short_words = [w for w in words if len(w) < 3]
    if long_words:
        match = " AND ".join(_fts_phrase(w) for w in long_words)
        statement = statement.where(
            Note.id.in_(
                text("SELECT rowid FROM notes_fts WHERE notes_fts MATCH :match").bindparams(
                    match=match
                )
            )
        )
    for word in short_words:
        # Trigram indexes cannot match fewer than three characters.
        pattern = _like_pattern(word)
        statement = statement.where(
            or_(
                *(
                    column.like(pattern, escape="\\")
                    for column in (Note.prompt, Note.front, Note.back, Note.tags)
                )
            )
        )
    with collection.database.reading() as session:
        return [NoteHit(*row) for row in session.execute(statement)]
