"""The card browser's data: filter, sort and page through every card of a collection.

The browser asks for ``count(filter)`` and ``page(filter, offset, limit)``. Both work on one
sorted list of card ids per filter (about 1 MB for 100,000 cards), so a page is a cheap
``WHERE id IN (...)`` lookup however deep it is, and paging never repeats the sort.

Reads go through read-only connections of their own, one per thread: SQLite in WAL mode lets them
read while the collection's own connection writes, and a search running on a worker thread never
shares a transaction with the page lookups of the GUI thread.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select, text
from sqlalchemy.orm import Session

from flashcards.core.days import day_to_date
from flashcards.services.collection import Collection
from flashcards.services.search import fts_phrase, like_pattern, note_contains
from flashcards.storage.database import Database, open_database
from flashcards.storage.models import Card, Deck, Note, ReviewLog

__all__ = [
    "BULK_CHUNK",
    "CARD_STATES",
    "SORT_KEYS",
    "BrowseFilter",
    "BrowseRow",
    "BulkAction",
    "CardBrowser",
    "CardState",
    "SortKey",
    "all_tags",
    "change_cards",
    "open_reader",
    "plain_prompt",
]

CardState = Literal["new", "learning", "due", "scheduled", "suspended", "buried", "retired"]
CARD_STATES: tuple[CardState, ...] = get_args(CardState)
SortKey = Literal["deck", "prompt", "state", "due", "interval", "ease", "reviews"]
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)
BulkAction = Literal["suspend", "unsuspend", "bury", "reset"]
# SQLite takes at most 32,766 bound values in one statement; a chunk is one short transaction,
# so another writer (an answer in the review screen) waits for one chunk at most.
BULK_CHUNK = 5_000


@dataclass(frozen=True)
class BrowseFilter:
    """Which cards to list and in what order."""

    text: str = ""  # every word must occur in the note (FTS trigram for 3+ characters)
    deck_ids: tuple[int, ...] = ()  # empty: every deck
    tag: str = ""
    state: CardState | None = None  # None: every live card (retired ones only when asked for)
    sort: SortKey = "deck"
    descending: bool = False


@dataclass(frozen=True)
class BrowseRow:
    """One line of the browser table."""

    card_id: int
    note_id: int
    deck_id: int
    deck_title: str
    kind: str  # basic, reverse, cloze
    ordinal: int
    prompt: str  # plain text on one line
    state: CardState
    due: str | None  # ISO date; None for a new card
    interval: int
    ease: float
    reviews: int


# -- plain prompts ---------------------------------------------------------------------------

_CLOZE_RE = re.compile(r"\{\{c\d+::(.*?)(?:::[^}]*)?\}\}")
_MARKUP_RE = re.compile(r"(\*\*|__|`+|~~|<[^>]+>)")
_SPACE_RE = re.compile(r"\s+")
PROMPT_CHARS = 200


def plain_prompt(prompt: str) -> str:
    """A prompt as plain text on one line: cloze answers, no Markdown marks, at most 200 chars."""
    plain = _CLOZE_RE.sub(r"\1", prompt)
    plain = _MARKUP_RE.sub("", plain)
    plain = _SPACE_RE.sub(" ", plain).strip()
    if len(plain) > PROMPT_CHARS:
        plain = plain[: PROMPT_CHARS - 1].rstrip() + "…"
    return plain


# -- read-only connections -------------------------------------------------------------------


@contextmanager
def open_reader(collection: Collection) -> Iterator[Collection]:
    """A read-only view of ``collection`` on its own connection (same file and clock).

    For work on another thread (statistics, searches): it never shares the collection's
    connection, whose transactions belong to the GUI thread.
    """
    reader = Collection(
        open_database(collection.database.path, read_only=True),
        clock=collection.clock,
        data_dir=collection.data_dir,
    )
    try:
        yield reader
    finally:
        reader.close()


def change_cards(
    collection: Collection,
    action: BulkAction,
    card_ids: Sequence[int],
    *,
    chunk: int | None = None,
) -> int:
    """Suspend, unsuspend, bury or reset ``card_ids``, one transaction per ``chunk`` cards
    (default ``BULK_CHUNK``); returns how many were handled."""
    size = chunk or BULK_CHUNK
    done = 0
    for start in range(0, len(card_ids), size):
        part = card_ids[start : start + size]
        if action == "suspend":
            collection.set_suspended(part, True)
        elif action == "unsuspend":
            collection.set_suspended(part, False)
        elif action == "bury":
            collection.bury(part)
        else:
            collection.reset(part)
        done += len(part)
    return done


class _Readers:
    """One read-only database per thread; ``close`` closes them all (later reads reopen)."""

    def __init__(self, collection: Collection) -> None:
        self._path = collection.database.path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Database] = []
        self._generation = 0

    def get(self) -> Database:
        held: tuple[int, Database] | None = getattr(self._local, "held", None)
        if held is not None and held[0] == self._generation:
            return held[1]
        with self._lock:
            database = open_database(self._path, read_only=True)
            self._all.append(database)
            self._local.held = (self._generation, database)
        return database

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            for database in self._all:
                database.close()
            self._all.clear()


# -- queries ---------------------------------------------------------------------------------


def _text_conditions(query: str) -> list[ColumnElement[bool]]:
    """The search semantics of ``search_notes``: FTS trigram for 3+ characters, LIKE below.

    Notes still waiting in ``search_queue`` for the background indexer are matched with LIKE,
    as ``search_notes`` does, so a fresh import is searchable at once.
    """
    words = query.split()
    conditions: list[ColumnElement[bool]] = []
    long_words = [w for w in words if len(w) >= 3]
    if long_words:
        match = " AND ".join(fts_phrase(w) for w in long_words)
        indexed = Card.note_id.in_(
            text("SELECT rowid FROM notes_fts WHERE notes_fts MATCH :match").bindparams(match=match)
        )
        queued = and_(
            Card.note_id.in_(text("SELECT note_id FROM search_queue")),
            *(note_contains(word) for word in long_words),
        )
        conditions.append(or_(indexed, queued))
    # Trigram indexes cannot match fewer than three characters.
    conditions.extend(note_contains(word) for word in words if len(word) < 3)
    return conditions


def _state_column(today: int) -> ColumnElement[str]:
    """A card's state today, in the precedence of ``CardSchedule.status`` (retired first)."""
    return case(
        (Card.retired.is_(True), literal("retired")),
        (Card.suspended.is_(True), literal("suspended")),
        (and_(Card.buried_until.is_not(None), Card.buried_until > today), literal("buried")),
        (Card.drill_day == today, literal("learning")),
        (Card.due.is_(None), literal("new")),
        (Card.due <= today, literal("due")),
        else_=literal("scheduled"),
    )


def _state_condition(state: CardState | None, today: int) -> ColumnElement[bool]:
    if state is None:
        return Card.retired.is_(False)
    if state == "retired":
        return Card.retired.is_(True)
    return _state_column(today) == state


def _review_counts() -> Select:
    return select(ReviewLog.card_id, func.count().label("n")).group_by(ReviewLog.card_id)


def _id_query(browse: BrowseFilter, today: int) -> Select:
    query = select(Card.id).where(_state_condition(browse.state, today))
    # Joins only when the filter or the order reads the other table: a 100,000-card list is
    # then sorted without touching the notes.
    if browse.tag or browse.text.strip() or browse.sort == "prompt":
        query = query.join(Note, Note.id == Card.note_id)
    if browse.sort == "deck":
        query = query.join(Deck, Deck.id == Card.deck_id)
    if browse.deck_ids:
        query = query.where(Card.deck_id.in_(browse.deck_ids))
    if browse.tag:
        query = query.where(
            (literal(" ") + Note.tags + literal(" ")).like(
                like_pattern(f" {browse.tag} "), escape="\\"
            )
        )
    query = query.where(*_text_conditions(browse.text)) if browse.text.strip() else query
    order: list[Any]
    if browse.sort == "deck":
        order = [Deck.position, Deck.title, Card.position]
    elif browse.sort == "prompt":
        order = [Note.prompt.collate("NOCASE"), Card.ordinal]
    elif browse.sort == "state":
        order = [_state_column(today), Card.due]
    elif browse.sort == "due":
        # New cards (no due day) after every scheduled one.
        order = [Card.due.is_(None), Card.due]
    elif browse.sort == "interval":
        order = [Card.interval]
    elif browse.sort == "ease":
        order = [Card.easiness_cents]
    else:
        counts = _review_counts().subquery()
        query = query.outerjoin(counts, counts.c.card_id == Card.id)
        order = [func.coalesce(counts.c.n, 0)]
    if browse.descending:
        order = [column.desc() for column in order]
    return query.order_by(*order, Card.id.desc() if browse.descending else Card.id)


class CardBrowser:
    """Counts and pages of the cards matching a ``BrowseFilter``; safe to use from two threads."""

    def __init__(self, collection: Collection, *, cached_filters: int = 4) -> None:
        self.collection = collection
        self._readers = _Readers(collection)
        self._ids: OrderedDict[tuple[BrowseFilter, int], list[int]] = OrderedDict()
        self._ids_lock = threading.Lock()
        self._cached_filters = cached_filters

    def close(self) -> None:
        self._readers.close()

    def invalidate(self, *, keep: BrowseFilter | None = None) -> None:
        """Forget cached searches (after cards or decks changed); ``keep``: the list on screen,
        whose rows stay put while their states change."""
        with self._ids_lock:
            kept = {k: v for k, v in self._ids.items() if k[0] == keep}
            self._ids.clear()
            self._ids.update(kept)

    def card_ids(self, browse: BrowseFilter) -> list[int]:
        """Every matching card id, in the filter's order."""
        today = self.collection.today()
        key = (browse, today)
        with self._ids_lock:
            cached = self._ids.get(key)
            if cached is not None:
                self._ids.move_to_end(key)
                return cached
        with self._session() as session:
            # SQLAlchemy builds the statement; the driver runs it. At 100,000 cards the ORM's
            # row handling took longer than the query, holding the interpreter lock on a worker
            # while the GUI thread waited to paint.
            compiled = _id_query(browse, today).compile(
                session.get_bind(), compile_kwargs={"render_postcompile": True}
            )
            params = [compiled.params[name] for name in compiled.positiontup or ()]
            driver = session.connection().connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            try:
                ids = [card_id for (card_id,) in driver.execute(str(compiled), params)]
            except sqlite3.OperationalError as error:  # FTS syntax SQLite rejects: no match
                if "fts5" not in str(error).lower():
                    raise
                ids = []
        with self._ids_lock:
            self._ids[key] = ids
            while len(self._ids) > self._cached_filters:
                self._ids.popitem(last=False)
        return ids

    def count(self, browse: BrowseFilter) -> int:
        return len(self.card_ids(browse))

    def page(self, browse: BrowseFilter, offset: int, limit: int) -> list[BrowseRow]:
        """Rows ``offset`` to ``offset + limit`` of the filter's list."""
        ids = self.card_ids(browse)[max(0, offset) : max(0, offset) + max(0, limit)]
        return self.rows(ids)

    def rows(self, card_ids: Sequence[int]) -> list[BrowseRow]:
        """The rows of these cards, in this order (cards that no longer exist are left out)."""
        if not card_ids:
            return []
        today = self.collection.today()
        with self._session() as session:
            found = {row.card_id: row for row in _rows(session, list(card_ids), today)}
        return [found[card_id] for card_id in card_ids if card_id in found]

    def tags(self) -> list[str]:
        """Every tag of a live note, sorted."""
        with self._session() as session:
            return _tags(session)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._readers.get().reading() as session:
            yield session


def _rows(session: Session, card_ids: list[int], today: int) -> list[BrowseRow]:
    reviews = dict(
        session.execute(
            select(ReviewLog.card_id, func.count())
            .where(ReviewLog.card_id.in_(card_ids))
            .group_by(ReviewLog.card_id)
        ).all()
    )
    result = session.execute(
        select(
            Card.id,
            Card.note_id,
            Card.deck_id,
            Deck.title,
            Card.kind,
            Card.ordinal,
            Note.prompt,
            _state_column(today),
            Card.due,
            Card.interval,
            Card.easiness_cents,
        )
        .join(Note, Note.id == Card.note_id)
        .join(Deck, Deck.id == Card.deck_id)
        .where(Card.id.in_(card_ids))
    )
    return [
        BrowseRow(
            card_id=card_id,
            note_id=note_id,
            deck_id=deck_id,
            deck_title=deck_title,
            kind=kind,
            ordinal=ordinal,
            prompt=plain_prompt(prompt),
            state=cast(CardState, state),
            due=day_to_date(due).isoformat() if due is not None else None,
            interval=interval,
            ease=easiness / 100,
            reviews=int(reviews.get(card_id, 0)),
        )
        for (
            card_id,
            note_id,
            deck_id,
            deck_title,
            kind,
            ordinal,
            prompt,
            state,
            due,
            interval,
            easiness,
        ) in result
    ]


def all_tags(collection: Collection) -> list[str]:
    """Every tag of a live note, sorted."""
    with collection.database.reading() as session:
        return _tags(session)


def _tags(session: Session) -> list[str]:
    tags: set[str] = set()
    for value in session.scalars(
        select(Note.tags).where(Note.retired.is_(False), Note.tags != "").distinct()
    ):
        tags.update(value.split())
    return sorted(tags, key=str.casefold)
