"""The SQLite schema as typed SQLAlchemy 2 models.

Easiness is stored as an integer number of hundredths, so the exact two-place Decimal of SM-2
round-trips without floats. Days are study-day numbers (``date.toordinal``); times are epoch ms.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "Card",
    "Deck",
    "DeckFile",
    "Note",
    "ReviewLog",
    "SchemaVersion",
    "SearchQueue",
    "Setting",
]


class Base(DeclarativeBase):
    """Declarative base of every table."""


class SchemaVersion(Base):
    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)


class SearchQueue(Base):
    """Notes whose full-text index entry is out of date (see storage/search_index.py)."""

    __tablename__ = "search_queue"

    note_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class Setting(Base):
    """A user setting, stored as JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Deck(Base):
    """A deck, identified for ever by the ``id`` of its front matter (``key`` here)."""

    __tablename__ = "decks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str | None] = mapped_column(String, nullable=True)
    tags: Mapped[str] = mapped_column(Text, default="")  # space-separated
    intro: Mapped[str] = mapped_column(Text, default="")
    # The folder group the deck sits in (e.g. "bundled" or "bundled/k8s"), for the deck tree.
    group_path: Mapped[str] = mapped_column(String, default="")
    path: Mapped[str | None] = mapped_column(String, nullable=True)  # the file it was read from
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(default=False)


class DeckFile(Base):
    """What the last sync saw of one file, to skip unchanged files and report broken ones."""

    __tablename__ = "deck_files"

    path: Mapped[str] = mapped_column(String, primary_key=True)
    deck_key: Mapped[str | None] = mapped_column(String, nullable=True)
    size: Mapped[int] = mapped_column(Integer)
    mtime_ns: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String)
    errors: Mapped[str] = mapped_column(Text, default="")  # JSON list of diagnostics


class Note(Base):
    """One ``##`` section of a deck file."""

    __tablename__ = "notes"
    __table_args__ = (Index("ux_notes_deck_key", "deck_id", "key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id"))
    key: Mapped[str] = mapped_column(String)  # explicit id, or "~" + normalised prompt
    explicit_id: Mapped[bool] = mapped_column(default=False)
    prompt: Mapped[str] = mapped_column(Text)
    front: Mapped[str] = mapped_column(Text, default="")
    back: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(String, nullable=True)
    path: Mapped[str | None] = mapped_column(String, nullable=True)
    line: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String, default="")
    retired: Mapped[bool] = mapped_column(default=False)


class Card(Base):
    """One reviewable item of a note, with its scheduling state."""

    __tablename__ = "cards"
    __table_args__ = (
        Index("ux_cards_note_ordinal", "note_id", "ordinal", unique=True),
        # "Due reviews of these decks, most overdue first" and per-deck due counts.
        Index(
            "ix_cards_due",
            "deck_id",
            "due",
            "buried_until",
            "drill_day",
            sqlite_where=text("due IS NOT NULL AND suspended = 0 AND retired = 0"),
        ),
        # New cards of a deck in file order.
        Index(
            "ix_cards_new",
            "deck_id",
            "position",
            sqlite_where=text("due IS NULL AND suspended = 0 AND retired = 0"),
        ),
        # Cards awaiting a same-day drill.
        Index("ix_cards_drill", "drill_day", sqlite_where=text("drill_day IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"))
    deck_id: Mapped[int] = mapped_column(ForeignKey("decks.id"))  # denormalised for cheap counts
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)  # basic, reverse, cloze
    position: Mapped[int] = mapped_column(Integer, default=0)  # new-card order
    repetitions: Mapped[int] = mapped_column(Integer, default=0)
    interval: Mapped[int] = mapped_column(Integer, default=0)
    easiness_cents: Mapped[int] = mapped_column(Integer, default=250)
    due: Mapped[int | None] = mapped_column(Integer, nullable=True)
    drill_day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    buried_until: Mapped[int | None] = mapped_column(Integer, nullable=True)
    suspended: Mapped[bool] = mapped_column(default=False)
    retired: Mapped[bool] = mapped_column(default=False)


class ReviewLog(Base):
    """Every answer ever given, with the state before and after."""

    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_card", "card_id", "id"),
        Index("ix_reviews_day", "day", "deck_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    deck_id: Mapped[int] = mapped_column(Integer)
    time_ms: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    quality: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)  # learn, review, drill
    answer_ms: Mapped[int] = mapped_column(Integer, default=0)
    reps_before: Mapped[int] = mapped_column(Integer)
    interval_before: Mapped[int] = mapped_column(Integer)
    easiness_before: Mapped[int] = mapped_column(Integer)
    due_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reps_after: Mapped[int] = mapped_column(Integer)
    interval_after: Mapped[int] = mapped_column(Integer)
    easiness_after: Mapped[int] = mapped_column(Integer)
    due_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
