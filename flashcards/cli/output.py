"""Human-readable output of the terminal commands."""

from __future__ import annotations

import argparse

from flashcards.cli.errors import UserError
from flashcards.services.collection import Collection
from flashcards.services.stats import CollectionStats
from flashcards.services.sync import SyncReport

__all__ = ["print_stats", "print_sync", "show_card"]


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def print_stats(stats: CollectionStats) -> None:
    print(f"Study day {stats.today}")
    print(
        f"Cards: {stats.cards}  new {stats.new}  learning {stats.learning}  due {stats.due}  "
        f"later {stats.scheduled}  suspended {stats.suspended}"
    )
    print(
        f"Today: {stats.reviews_today} answers, retention {_percent(stats.retention_today)}, "
        f"streak {stats.streak_days} day{'s' if stats.streak_days != 1 else ''}"
    )
    print(f"Due in the next 7 days: {sum(stats.forecast[:7])}")
    if stats.decks:
        width = max(len(d.title) for d in stats.decks)
        print()
        print(f"{'deck':<{width}}  {'cards':>6} {'new':>6} {'due':>6} {'30d':>6} {'ret.':>5}")
        for deck in stats.decks:
            print(
                f"{deck.title:<{width}}  {deck.cards:>6} {deck.new:>6} {deck.due:>6} "
                f"{deck.reviews_30d:>6} {_percent(deck.retention_30d):>5}"
            )


def print_sync(report: SyncReport) -> None:
    for diagnostic in report.diagnostics:
        print(diagnostic.format())
    for deck in report.decks:
        if deck.changed:
            print(
                f"{deck.deck_key}: {deck.added} added, {deck.edited} edited, {deck.moved} moved, "
                f"{deck.removed} removed" + (f", {deck.restored} restored" if deck.restored else "")
            )
    for key in report.retired_decks:
        print(f"{key}: deck file gone, its cards are retired (history kept)")
    totals = report.totals()
    print(
        f"Synced: {totals['added']} added, {totals['edited']} edited, {totals['moved']} moved, "
        f"{totals['removed']} removed; {report.unchanged_files} file(s) unchanged; "
        f"{len(report.errors)} error(s)"
    )


def show_card(collection: Collection, args: argparse.Namespace) -> int:
    """``flashcards show NOTE_ID``: one card of a note as text or HTML."""
    from flashcards.rendering import RenderSettings, html_to_text, render_markdown

    deck_key, _, note_key = args.note_id.rpartition("/")
    note = collection.note_by_key(deck_key or None, note_key)
    if note is None:
        raise UserError(f"no note with id '{args.note_id}' (use DECK/NOTE when ids repeat)")
    card_ids = collection.note_cards(note.id)
    contents = [c for c in (collection.card_content(i) for i in card_ids) if c is not None]
    contents.sort(key=lambda c: c.cloze or (1 if c.kind == "reverse" else 0))
    if args.card is not None:
        contents = [
            c
            for c in contents
            if (c.cloze or 0) == args.card or (c.kind == "reverse" and args.card == 1)
        ]
    if not contents:
        raise UserError(f"note '{args.note_id}' has no card {args.card}")
    content = contents[0]
    front, back = content.faces()
    text = front if args.side == "front" else back
    html = render_markdown(
        text,
        cloze=content.cloze,
        reveal=args.side == "back",
        settings=RenderSettings(theme=args.theme),
        base_dir=content.base_dir,
    )
    print(html if args.html else html_to_text(html))
    return 0
