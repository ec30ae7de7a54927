"""``flashcards review``: a study session in a plain terminal, usable over SSH."""

from __future__ import annotations

import argparse
from typing import TextIO

from flashcards.cli.errors import UserError
from flashcards.core.cloze import mask, reveal
from flashcards.services.collection import Collection
from flashcards.services.faces import CardContent
from flashcards.services.study import StudySession, grades_for
from flashcards.services.sync import sync_decks

__all__ = ["run_review"]

FOUR_LABELS = ("Again", "Hard", "Good", "Easy")


def _faces(card: CardContent) -> tuple[str, str]:
    front, back = card.faces()
    if card.cloze is None:
        return front, back
    hole = card.cloze
    return mask(front, hole), reveal(
        back, lambda c: f"«{c.answer}»" if c.number == hole else c.answer
    )


def _days(value: int | None) -> str:
    if value is None:
        return "today"
    if value < 30:
        return f"{value}d"
    if value < 365:
        return f"{value / 30:.1f}mo"
    return f"{value / 365:.1f}y"


def _grade_menu(session: StudySession) -> tuple[str, dict[str, int]]:
    grading = session.collection.settings.grading
    grades = grades_for(grading)
    intervals = session.intervals()
    keys: dict[str, int] = {}
    parts = []
    for index, quality in enumerate(grades):
        if grading == "six":
            key, label = str(quality), f"{quality}"
        else:
            key, label = str(index + 1), FOUR_LABELS[index]
        keys[key] = quality
        parts.append(f"[{key}] {label} {_days(intervals.get(quality))}")
    return "  ".join(parts) + "   [u]ndo [s]uspend [b]ury [q]uit", keys


def run_review(collection: Collection, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    """Study until the session ends, the user quits, or input runs out."""
    if not args.no_sync:
        report = sync_decks(collection)
        for diagnostic in report.errors:
            print(diagnostic.format(), file=out)
    deck_ids = None
    if args.deck:
        deck_ids = []
        for key in args.deck:
            deck = collection.deck_by_key(key)
            if deck is None or deck.retired:
                raise UserError(f"no deck with id '{key}'")
            deck_ids.append(deck.id)
    session = StudySession(collection, deck_ids, seed=args.seed)

    def ask(prompt: str) -> str | None:
        out.write(prompt)
        out.flush()
        line = stdin.readline()
        return None if line == "" else line.strip().lower()

    while not session.finished:
        card = session.current()
        if card is None:
            break
        front, back = _faces(card)
        new, learning, review = session.remaining()
        out.write(
            f"\n── {card.deck_title} · new {new} · learning {learning} · review {review} ──\n"
        )
        out.write(front.strip().removeprefix("## ") + "\n")
        session.mark_shown()
        reply = ask("\n[Enter] show answer, [q]uit: ")
        if reply is None or reply == "q":
            break
        out.write("\n" + back.strip() + "\n\n")
        menu, keys = _grade_menu(session)
        while True:
            reply = ask(menu + "\n> ")
            if reply is None or reply == "q":
                return _finish(session, out)
            if reply in keys:
                session.answer(keys[reply])
                break
            if reply == "u":
                if session.undo() is None:
                    out.write("Nothing to undo.\n")
                    continue
                out.write("Undone.\n")
                break
            if reply == "s":
                session.suspend_current()
                out.write("Suspended.\n")
                break
            if reply == "b":
                session.bury_current()
                out.write("Buried until tomorrow.\n")
                break
            out.write(f"Type one of {', '.join(keys)}, u, s, b or q.\n")
    return _finish(session, out)


def _finish(session: StudySession, out: TextIO) -> int:
    summary = session.summary
    if session.finished:
        out.write("\nCongratulations! Nothing more is due today.\n")
    retention = "-" if summary.retention is None else f"{summary.retention:.0%}"
    minutes = summary.seconds / 60
    out.write(
        f"Answered {summary.answered} card(s) in {minutes:.1f} min; retention {retention}; "
        f"{summary.new_learned} new.\n"
    )
    return 0
