"""The deck list's shapes: plain data, cheap to import (the window is built from them before the
database layer has even loaded)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["GROUP_TITLES", "DeckCounts", "DeckInfo", "DeckNode", "limit_chain"]


@dataclass
class DeckCounts:
    """What is left to study today."""

    new: int = 0
    learning: int = 0
    review: int = 0

    def __iadd__(self, other: DeckCounts) -> DeckCounts:
        self.new += other.new
        self.learning += other.learning
        self.review += other.review
        return self

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class DeckInfo:
    """What the deck list needs of a deck."""

    id: int
    key: str
    title: str
    description: str
    group_path: str
    path: str | None
    position: int


@dataclass
class DeckNode:
    """A deck, or a folder group of decks, in the deck tree."""

    key: str  # deck key, or group path for a folder
    title: str
    deck_id: int | None = None  # None for a folder group
    description: str = ""
    counts: DeckCounts = field(default_factory=DeckCounts)
    card_count: int = 0
    children: list[DeckNode] = field(default_factory=list)

    def walk(self) -> Iterable[DeckNode]:
        yield self
        for child in self.children:
            yield from child.walk()

    def deck_ids(self) -> list[int]:
        return [n.deck_id for n in self.walk() if n.deck_id is not None]


GROUP_TITLES = {"bundled": "Bundled decks", "user": "My decks"}


def limit_chain(deck_key: str, group_path: str) -> list[str]:
    """The deck, then each folder group above it: where daily limits are inherited from."""
    chain = [deck_key]
    parts = [p for p in group_path.split("/") if p]
    for end in range(len(parts), 0, -1):
        chain.append("/".join(parts[:end]))
    return chain
