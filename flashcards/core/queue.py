"""The order cards come up in one study session: deterministic for a seed, pure, no I/O."""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

__all__ = ["DueCard", "SessionQueue", "interleave", "order_reviews", "resolve_limit"]

# A failed card comes back after this many other cards (fewer when fewer remain).
DRILL_GAP = 3


@dataclass(frozen=True, slots=True)
class DueCard:
    """A review candidate: its id and the study day it fell due."""

    card_id: int
    due: int


def order_reviews(cards: Sequence[DueCard], rng: random.Random) -> list[int]:
    """Most overdue first; cards due the same day in a seeded random order."""
    keyed = [(card.due, rng.random(), card.card_id) for card in cards]
    keyed.sort()
    return [card_id for _, _, card_id in keyed]


def interleave(reviews: Sequence[int], new: Sequence[int]) -> list[int]:
    """Spread new cards evenly among reviews, keeping the order of each list."""
    if not new:
        return list(reviews)
    if not reviews:
        return list(new)
    total = len(reviews) + len(new)
    result: list[int] = []
    r = n = 0
    for position in range(total):
        # New card n goes at about position (n + 1) * total / (len(new) + 1).
        want_new = n < len(new) and (
            r >= len(reviews) or position + 1 >= (n + 1) * total / (len(new) + 1)
        )
        if want_new:
            result.append(new[n])
            n += 1
        else:
            result.append(reviews[r])
            r += 1
    return result


def resolve_limit(chain: Sequence[str], overrides: dict[str, int], default: int) -> int:
    """The limit of the first node in ``chain`` (deck first, then its parents) that sets one."""
    for node in chain:
        if node in overrides:
            return overrides[node]
    return default


class SessionQueue:
    """Cards still to show in a session, with failed cards coming back a few cards later.

    Every change returns what is needed to take it back, so undo costs O(1) however long the
    queue is (a session over a 100,000-card collection may hold tens of thousands of cards).
    """

    def __init__(self, cards: Sequence[int], *, drill_gap: int = DRILL_GAP) -> None:
        if drill_gap < 1:
            raise ValueError("drill_gap must be at least 1")
        self._cards = deque(dict.fromkeys(cards))  # a card appears once
        self._drill_gap = drill_gap

    def __len__(self) -> int:
        return len(self._cards)

    def __contains__(self, card_id: object) -> bool:
        return card_id in self._cards

    @property
    def cards(self) -> tuple[int, ...]:
        return tuple(self._cards)

    def peek(self) -> int | None:
        """The card to show now, or ``None`` when the session is over."""
        return self._cards[0] if self._cards else None

    def upcoming(self, count: int) -> tuple[int, ...]:
        """The next ``count`` cards, the current one first."""
        return tuple(islice(self._cards, count))

    def done(self, card_id: int, *, again: bool) -> int | None:
        """Take the current card off; with ``again`` it returns after a few other cards.

        Returns the position it went back to (``None`` if it left), for :meth:`undo_done`.
        """
        if self.peek() != card_id:
            raise ValueError(f"card {card_id} is not the current card")
        self._cards.popleft()
        if not again:
            return None
        # Never straight back while other cards wait: position >= 1 when others remain.
        position = min(self._drill_gap, len(self._cards))
        self._cards.insert(position, card_id)
        return position

    def undo_done(self, card_id: int, position: int | None) -> None:
        """Put a card back at the front as it was before :meth:`done`."""
        if position is not None:
            del self._cards[position]
        self._cards.appendleft(card_id)

    def remove(self, card_id: int) -> int | None:
        """Drop a card (suspended, buried or retired mid-session); return where it was."""
        try:
            position = self._cards.index(card_id)
        except ValueError:
            return None
        del self._cards[position]
        return position

    def put_back(self, card_id: int, position: int) -> None:
        """Undo :meth:`remove`."""
        self._cards.insert(position, card_id)
