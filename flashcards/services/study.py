"""A study session: which card is next, answering, undo, suspend and bury mid-session."""

from __future__ import annotations

import random
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from time import monotonic

from flashcards.core.grading import grades_for
from flashcards.core.queue import SessionQueue, interleave, order_reviews
from flashcards.core.scheduling import (
    AnswerKind,
    CardSchedule,
    CardStatus,
    answer,
    preview_intervals,
)
from flashcards.services.collection import Collection
from flashcards.services.faces import CardContent
from flashcards.storage import cards as card_store

__all__ = [
    "UNDO_DEPTH",
    "AnswerOutcome",
    "SessionPlan",
    "SessionSummary",
    "StudySession",
    "grades_for",
    "plan_session",
]

UNDO_DEPTH = 50


@dataclass(frozen=True)
class AnswerOutcome:
    """What an answer did."""

    card_id: int
    quality: int
    kind: AnswerKind
    before: CardSchedule
    after: CardSchedule
    again_today: bool


@dataclass
class SessionSummary:
    """The end-of-session numbers."""

    answered: int = 0
    again: int = 0
    passed: int = 0  # graded 3 or more
    seconds: float = 0.0
    new_learned: int = 0

    @property
    def retention(self) -> float | None:
        """Share of answers graded 3 or more."""
        return self.passed / self.answered if self.answered else None


@dataclass
class _UndoEntry:
    """How to take back one action: an answer (with its log row), a suspend or a bury."""

    card_id: int
    before: CardSchedule
    category: str  # the card's queue category before the action
    position: int | None  # where the card went in the queue (answers) or was (set aside)
    review_id: int | None = None
    kind: AnswerKind | None = None
    quality: int = 0


@dataclass(frozen=True)
class SessionPlan:
    """Which cards a session shows, in order, and each card's category (new, learning,
    review). Plain data: a worker thread can build it on its own connection to the collection
    (at 100,000 cards that takes a tenth of a second) and hand it to the GUI thread."""

    seed: int
    today: int
    deck_ids: tuple[int, ...]
    order: list[int]
    categories: dict[int, str]


def plan_session(
    collection: Collection, deck_ids: Sequence[int] | None = None, *, seed: int | None = None
) -> SessionPlan:
    """Today's cards of ``deck_ids`` (None: every deck) in a deterministic order for ``seed``."""
    seed = seed if seed is not None else collection.new_session_seed()
    today = collection.today()
    ids = tuple(deck_ids) if deck_ids is not None else tuple(d.id for d in collection.decks())
    rng = random.Random(seed)
    new: list[int] = []
    wanted = set(ids)
    decks = [deck for deck in collection.decks() if deck.id in wanted]
    with collection.database.snapshot() as connection:
        done = card_store.answers_today(connection, today)
        due = []
        for deck in decks:
            new_limit, review_limit = collection.daily_limits(deck)
            learned, reviewed = done.get(deck.id, (0, 0))
            reviews_left, new_left = review_limit - reviewed, new_limit - learned
            due.extend(card_store.due_reviews(connection, deck.id, today, reviews_left))
            new.extend(card_store.new_cards(connection, deck.id, today, new_left))
        drills = card_store.drill_cards(connection, list(ids), today)
    reviews = order_reviews(due, rng)
    categories: dict[int, str] = {}
    for category, cards in (("learning", drills), ("review", reviews), ("new", new)):
        for card_id in cards:
            categories[card_id] = category
    # Cards failed earlier today come first: they were due before anything else.
    return SessionPlan(seed, today, ids, drills + interleave(reviews, new), categories)


class StudySession:
    """Cards of some decks for today, in a deterministic order for a seed."""

    def __init__(
        self,
        collection: Collection,
        deck_ids: Sequence[int] | None = None,
        *,
        seed: int | None = None,
        plan: SessionPlan | None = None,
    ) -> None:
        """A session over ``deck_ids`` (None: every deck), or over ``plan`` when one is given
        and still for today."""
        self.collection = collection
        if plan is None or plan.today != collection.today():
            plan = plan_session(
                collection,
                plan.deck_ids if plan is not None else deck_ids,
                seed=plan.seed if plan is not None else seed,
            )
        self.seed = plan.seed
        self.today = plan.today
        self.deck_ids = list(plan.deck_ids)
        self.summary = SessionSummary()
        self._started = monotonic()
        self._undo: deque[_UndoEntry] = deque(maxlen=UNDO_DEPTH)
        self._shown_at = monotonic()
        # Each queued card's category (new, learning, review) and how many of each remain.
        self._category: dict[int, str] = dict(plan.categories)
        self._remaining: Counter[str] = Counter(self._category.values())
        self.queue = SessionQueue(plan.order)

    # -- what is shown -------------------------------------------------------------------

    def current(self) -> CardContent | None:
        """The card to show now, or ``None`` when the session is over."""
        card_id = self.queue.peek()
        if card_id is None:
            return None
        return self.collection.card_content(card_id)

    def mark_shown(self) -> None:
        """Start timing the answer to the current card."""
        self._shown_at = monotonic()

    def remaining(self) -> tuple[int, int, int]:
        """(new, learning, review) cards left in this session."""
        counts = self._remaining
        return counts["new"], counts["learning"], counts["review"]

    def _move(self, card_id: int, category: str | None) -> str:
        """Change a queued card's category (None: it left the queue); return the old one."""
        old = self._category.pop(card_id, "learning")
        self._remaining[old] -= 1
        if category is not None:
            self._category[card_id] = category
            self._remaining[category] += 1
        return old

    def intervals(self, card_id: int | None = None) -> dict[int, int | None]:
        """Days until due again per grade of the current grading mode (None: again today)."""
        card_id = card_id if card_id is not None else self.queue.peek()
        if card_id is None:
            return {}
        schedule = self.collection.card_schedule(card_id)
        if schedule is None:
            return {}
        settings = self.collection.settings
        return preview_intervals(
            schedule, grades_for(settings.grading), self.today, max_interval=settings.max_interval
        )

    # -- answering -----------------------------------------------------------------------

    def answer(self, quality: int, *, answer_ms: int | None = None) -> AnswerOutcome:
        """Grade the current card; the answer is on disk when this returns."""
        card_id = self.queue.peek()
        if card_id is None:
            raise LookupError("the session has no card left to answer")
        if answer_ms is None:
            answer_ms = int((monotonic() - self._shown_at) * 1000)
        collection = self.collection
        settings = collection.settings
        with collection.database.writing() as connection:
            record = card_store.card_record(connection, card_id)
            if record is None:
                raise LookupError(f"card {card_id} no longer exists")
            after, kind = answer(
                record.schedule, quality, self.today, max_interval=settings.max_interval
            )
            review_id = card_store.write_review(
                connection,
                card=record,
                after=after,
                kind=kind,
                quality=quality,
                time_ms=collection.now_ms(),
                day=self.today,
                answer_ms=answer_ms,
            )
        again = after.status(self.today) is CardStatus.LEARNING
        category = self._move(card_id, "learning" if again else None)
        position = self.queue.done(card_id, again=again)
        self._undo.append(
            _UndoEntry(card_id, record.schedule, category, position, review_id, kind, quality)
        )
        self._count(kind, quality, +1)
        self.mark_shown()
        return AnswerOutcome(card_id, quality, kind, record.schedule, after, again)

    def _count(self, kind: AnswerKind, quality: int, sign: int) -> None:
        self.summary.answered += sign
        if quality >= 3:
            self.summary.passed += sign
        else:
            self.summary.again += sign
        if kind is AnswerKind.LEARN:
            self.summary.new_learned += sign
        self.summary.seconds = monotonic() - self._started

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> int | None:
        """Take back the last action: the card's exact prior state, its log row, its place."""
        if not self._undo:
            return None
        entry = self._undo[-1]
        with self.collection.database.writing() as connection:
            card_store.set_schedule(connection, entry.card_id, entry.before)
            if entry.review_id is not None:
                card_store.delete_review(connection, entry.review_id)
        # Only once the write held: a failed undo (a full disk) can be tried again.
        self._undo.pop()
        if entry.kind is not None:
            if entry.card_id in self._category:
                self._move(entry.card_id, None)
            self.queue.undo_done(entry.card_id, entry.position)
            self._count(entry.kind, entry.quality, -1)
        else:
            self.queue.put_back(entry.card_id, entry.position or 0)
        self._category[entry.card_id] = entry.category
        self._remaining[entry.category] += 1
        self.mark_shown()
        return entry.card_id

    # -- setting cards aside --------------------------------------------------------------

    def _set_aside(self, change: str) -> int | None:
        card_id = self.queue.peek()
        if card_id is None:
            return None
        before = self.collection.card_schedule(card_id)
        if before is None:
            return None
        if change == "suspend":
            self.collection.set_suspended([card_id], True)
        else:
            self.collection.bury([card_id])
        position = self.queue.remove(card_id)
        category = self._move(card_id, None)
        self._undo.append(_UndoEntry(card_id, before, category, position))
        return card_id

    def suspend_current(self) -> int | None:
        """Suspend the current card (undoable)."""
        return self._set_aside("suspend")

    def bury_current(self) -> int | None:
        """Hide the current card until tomorrow (undoable)."""
        return self._set_aside("bury")

    @property
    def finished(self) -> bool:
        return self.queue.peek() is None
