"""A learner's collection: open it, list decks with today's counts, read and change cards."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import false, func, select, true, update

from flashcards.core.days import Clock, SystemClock, study_day
from flashcards.core.queue import resolve_limit
from flashcards.core.scheduling import CardSchedule
from flashcards.core.settings import Settings
from flashcards.services.decktree import (
    GROUP_TITLES,
    DeckCounts,
    DeckInfo,
    DeckNode,
    limit_chain,
)
from flashcards.services.faces import CardContent, card_content
from flashcards.services.paths import database_path, default_data_dir
from flashcards.storage import cards as card_store
from flashcards.storage.database import Database, open_database
from flashcards.storage.lock import WriterLock, acquire_writer_lock
from flashcards.storage.models import Card, Deck, Note

__all__ = ["Collection", "DeckCounts", "DeckInfo", "DeckNode"]


class Collection:
    """One open collection file and the clock it studies by."""

    def __init__(self, database: Database, *, clock: Clock | None = None, data_dir: Path) -> None:
        self.database = database
        self.clock: Clock = clock or SystemClock()
        self.data_dir = data_dir
        self._card_totals: dict[int, int] | None = None
        self._decks: list[DeckInfo] | None = None
        self._data_version: int | None = None
        self.writer_lock: WriterLock | None = None  # held while a writable collection is open
        with database.snapshot() as connection:
            self._settings = card_store.load_settings(connection)

    @classmethod
    def open(
        cls, data_dir: Path | None = None, *, clock: Clock | None = None, read_only: bool = False
    ) -> Collection:
        """Open (creating when missing) the collection in ``data_dir`` (default: the user's).

        A writable collection holds the data dir's writer lock until ``close``: another process
        gets ``CollectionLockedError``. Read-only ones take no lock.
        """
        from flashcards.services.backup import refuse_emptied_collection

        data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        lock = None if read_only else acquire_writer_lock(data_dir)
        try:
            refuse_emptied_collection(data_dir, read_only=read_only)
            database = open_database(database_path(data_dir), read_only=read_only)
            try:
                collection = cls(database, clock=clock, data_dir=data_dir)
            except BaseException:
                database.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if lock is not None:
            database.on_commit = lock.note_change
            collection.writer_lock = lock
        return collection

    @property
    def changed_since_backup(self) -> bool:
        """Whether this process changed the collection since its last backup."""
        return self.writer_lock is not None and self.writer_lock.changed_since_backup

    def close(self) -> None:
        """Close the file; the last writable collection of a process backs up what changed."""
        lock = self.writer_lock
        try:
            if lock is not None and lock.last_holder and lock.changed_since_backup:
                from flashcards.services.backup import backup_on_close

                backup_on_close(self)
        finally:
            self.writer_lock = None
            self.database.close()
            if lock is not None:
                lock.release()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- settings and days -------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._settings

    def update_settings(self, **changes: object) -> Settings:
        """Validate and store changed settings."""
        new = self._settings.with_changes(**changes)
        with self.database.unit_of_work() as session:
            card_store.save_settings(session, new, keys=list(changes))
        self._settings = new
        return new

    def today(self) -> int:
        """The current study day number."""
        return study_day(self.clock.now(), self._settings.rollover_hour)

    def now_ms(self) -> int:
        return int(self.clock.now().timestamp() * 1000)

    # -- decks -----------------------------------------------------------------------------

    def _drop_stale_caches(self) -> None:
        # data_version moves when another connection (another process, or a second Collection
        # such as a background sync) commits; our own syncs call decks_changed() directly.
        version = self.database.data_version()
        if version != self._data_version:
            self._data_version = version
            self.decks_changed()

    def decks(self) -> list[DeckInfo]:
        """The decks that are not retired, in deck-list order. Cached: only a sync changes them."""
        self._drop_stale_caches()
        if self._decks is None:
            with self.database.snapshot() as connection:
                rows = connection.execute(
                    'SELECT id, "key", title, description, group_path, path, position '
                    "FROM decks WHERE NOT retired ORDER BY group_path, position, title"
                ).fetchall()
            self._decks = [DeckInfo(*row) for row in rows]
        return list(self._decks)

    def deck_by_key(self, key: str) -> Deck | None:
        with self.database.reading() as session:
            return session.scalar(select(Deck).where(Deck.key == key))

    def daily_limits(self, deck: DeckInfo | Deck) -> tuple[int, int]:
        """(new cards, reviews) a deck may show per day, inherited from folders or the default."""
        chain = limit_chain(deck.key, deck.group_path)
        limits = self._settings.deck_limits
        if not limits:
            return self._settings.new_per_day, self._settings.reviews_per_day
        new = resolve_limit(
            chain,
            {k: v.new_per_day for k, v in limits.items() if v.new_per_day is not None},
            self._settings.new_per_day,
        )
        reviews = resolve_limit(
            chain,
            {k: v.reviews_per_day for k, v in limits.items() if v.reviews_per_day is not None},
            self._settings.reviews_per_day,
        )
        return new, reviews

    def deck_counts(self) -> dict[int, DeckCounts]:
        """Per deck id: new, learning and review cards left today, within the daily limits."""
        today = self.today()
        decks = self.decks()
        with self.database.snapshot() as connection:
            done = card_store.answers_today(connection, today)
            learning = card_store.learning_counts(connection, today)
            limits = []
            for deck in decks:
                new_limit, review_limit = self.daily_limits(deck)
                learned, reviewed = done.get(deck.id, (0, 0))
                limits.append((deck.id, new_limit - learned, review_limit - reviewed))
            counts = card_store.capped_counts(connection, limits, today)
        return {
            deck_id: DeckCounts(new, learning.get(deck_id, 0), review)
            for deck_id, (new, review) in counts.items()
        }

    def card_totals(self) -> dict[int, int]:
        """Per deck id: cards that are not retired. Cached: only a sync changes it."""
        self._drop_stale_caches()
        if self._card_totals is None:
            with self.database.reading() as session:
                rows = session.execute(
                    select(Card.deck_id, func.count())
                    .where(Card.retired == false())
                    .group_by(Card.deck_id)
                ).all()
            self._card_totals = {int(deck_id): int(count) for deck_id, count in rows}
        return self._card_totals

    def decks_changed(self) -> None:
        """Forget what was cached about the decks (a sync calls this)."""
        self._card_totals = None
        self._decks = None

    def deck_tree(self) -> DeckNode:
        """Every deck under its folder groups, with today's counts summed upwards."""
        counts = self.deck_counts()
        sizes = self.card_totals()
        root = DeckNode(key="", title="")
        groups: dict[str, DeckNode] = {"": root}

        def group(path: str) -> DeckNode:
            if path not in groups:
                parent_path, _, name = path.rpartition("/")
                node = DeckNode(key=path, title=GROUP_TITLES.get(path, name))
                group(parent_path).children.append(node)
                groups[path] = node
            return groups[path]

        for deck in self.decks():
            node = DeckNode(
                key=deck.key,
                title=deck.title,
                deck_id=deck.id,
                description=deck.description,
                counts=counts.get(deck.id, DeckCounts()),
                card_count=int(sizes.get(deck.id, 0)),
            )
            group(deck.group_path).children.append(node)
        _sum_counts(root)
        return root

    # -- cards -----------------------------------------------------------------------------

    def card_content(self, card_id: int) -> CardContent | None:
        """What a card shows: its front and back Markdown, where it comes from."""
        with self.database.reading() as session:
            return card_content(session, card_id)

    def card_schedule(self, card_id: int) -> CardSchedule | None:
        with self.database.reading() as session:
            record = card_store.card_record(session, card_id)
        return record.schedule if record else None

    def set_suspended(self, card_ids: Sequence[int], suspended: bool) -> int:
        """Suspend or unsuspend cards; return how many changed."""
        with self.database.unit_of_work() as session:
            result = session.execute(
                update(Card)
                .where(Card.id.in_(card_ids), Card.suspended == (false() if suspended else true()))
                .values(suspended=suspended)
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def bury(self, card_ids: Sequence[int]) -> None:
        """Hide cards until the next study day."""
        tomorrow = self.today() + 1
        with self.database.unit_of_work() as session:
            session.execute(update(Card).where(Card.id.in_(card_ids)).values(buried_until=tomorrow))

    def reset(self, card_ids: Sequence[int]) -> None:
        """Make cards new again (their review log stays)."""
        values = card_store.schedule_values(CardSchedule())
        values.pop("suspended")
        with self.database.unit_of_work() as session:
            session.execute(update(Card).where(Card.id.in_(card_ids)).values(**values))

    def note_cards(self, note_id: int) -> list[int]:
        with self.database.reading() as session:
            return list(session.scalars(select(Card.id).where(Card.note_id == note_id)))

    def note_by_key(self, deck_key: str | None, note_key: str) -> Note | None:
        """A note by its id (``deck/note`` or a note id unique across decks)."""
        with self.database.reading() as session:
            query = select(Note).join(Deck, Deck.id == Note.deck_id).where(Note.key == note_key)
            if deck_key is not None:
                query = query.where(Deck.key == deck_key)
            notes = list(session.scalars(query.limit(2)))
        return notes[0] if len(notes) == 1 else None

    def new_session_seed(self) -> int:
        return random.SystemRandom().randrange(2**32)


def _sum_counts(node: DeckNode) -> None:
    for child in node.children:
        _sum_counts(child)
        if node.deck_id is None:
            node.counts += child.counts
            node.card_count += child.card_count
