"""What a stored card shows: its front and back Markdown and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from flashcards.deckformat import compose_faces
from flashcards.storage import cards as card_store

__all__ = ["CardContent", "card_content"]


@dataclass(frozen=True)
class CardContent:
    """A card's Markdown faces (cloze markup still in them) and its origin."""

    card_id: int
    note_id: int
    deck_id: int
    deck_key: str
    deck_title: str
    note_key: str
    kind: str  # basic, reverse, cloze
    cloze: int | None  # the hole this card asks for
    prompt: str
    front: str
    back: str
    tags: tuple[str, ...]
    source: str | None
    path: str | None  # the deck file
    line: int  # the note's heading line in that file

    @property
    def base_dir(self) -> Path | None:
        """The deck's folder: images resolve inside it."""
        return Path(self.path).parent if self.path else None

    def faces(self) -> tuple[str, str]:
        return compose_faces(self.prompt, self.front, self.back, self.kind)


def card_content(session: Session, card_id: int) -> CardContent | None:
    row = card_store.card_content_row(session, card_id)
    if row is None:
        return None
    (
        cid,
        note_id,
        deck_id,
        kind,
        ordinal,
        deck_key,
        deck_title,
        note_key,
        prompt,
        front,
        back,
        tags,
        source,
        path,
        line,
    ) = row
    return CardContent(
        card_id=cid,
        note_id=note_id,
        deck_id=deck_id,
        deck_key=deck_key,
        deck_title=deck_title,
        note_key=note_key,
        kind=kind,
        cloze=ordinal if kind == "cloze" else None,
        prompt=prompt,
        front=front,
        back=back,
        tags=tuple(tags.split()),
        source=source,
        path=path,
        line=line,
    )
