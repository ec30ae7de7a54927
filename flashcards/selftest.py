"""``flashcards --self-test``: prove that this installation works, without touching the user's data.

Every step runs against a fresh collection in a temporary folder: the bundled decks are imported,
a cloze in highlighted code is rendered, a review is answered and undone. The Qt step (a widget
drawn offscreen, then the app's window on the same collection) runs when PySide6 is importable;
inside a frozen bundle it must be. Each step prints its time; the first failure stops the run with
one clear line and a non-zero exit code.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from flashcards.services.collection import Collection

__all__ = ["SelfTestError", "SelfTestState", "run_self_test"]

# Imported by name: the CLI reaches this module, and the CLI must never import Qt statically
# (the import-linter contracts check that); only this step loads it, and only when asked.
_PYGMENTS_STYLE = re.compile(r'<span style="[^"]*color:\s*#[0-9a-fA-F]{3,8}')


class SelfTestError(Exception):
    """A check failed; the message says what was expected and what was found."""


# The desktop check (card HTML, hole placeholder, data dir) -> what it saw. The launcher passes
# flashcards.gui's; this module never imports Qt itself.
QtCheck = Callable[[str, str, Path], str]


@dataclass
class SelfTestState:
    """What the steps hand on to each other."""

    root: Path
    collection: Collection | None = None
    card_html: str = ""
    placeholder: str = ""
    facts: dict[str, object] = field(default_factory=dict)
    qt_check: QtCheck | None = None

    @property
    def data_dir(self) -> Path:
        return self.root / "data"


Step = Callable[[SelfTestState], str]


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestError(message)


# -- the steps -------------------------------------------------------------------------------


def _step_environment(state: SelfTestState) -> str:
    from flashcards import __version__
    from flashcards.services.paths import bundled_decks_dir, resource_path

    if _frozen():
        _check(
            not __version__.startswith("0.0.0"),
            f"package metadata missing from the bundle (version {__version__})",
        )
    decks = sorted(bundled_decks_dir().glob("*.md"))
    _check(decks, f"no bundled decks in {bundled_decks_dir()}")
    icon = resource_path("icons", "flashcards.svg")
    _check(icon.is_file(), f"app icon missing: {icon}")
    catalogues = sorted(resource_path("translations").glob("*.qm"))
    _check(catalogues, f"no compiled translations in {resource_path('translations')}")
    state.facts["deck_files"] = len(decks)
    return f"version {__version__}, {len(decks)} deck files, {len(catalogues)} translation(s)"


def _step_open(state: SelfTestState) -> str:
    from flashcards.services.collection import Collection
    from flashcards.services.paths import database_path

    state.collection = Collection.open(state.data_dir)
    path = database_path(state.data_dir)
    _check(path.is_file(), f"the collection file was not created at {path}")
    return f"fresh collection in {state.data_dir}"


def _collection(state: SelfTestState) -> Collection:
    collection = state.collection
    if collection is None:
        raise SelfTestError("the collection step did not run")
    return collection


def _step_sync(state: SelfTestState) -> str:
    from flashcards.services.paths import bundled_decks_dir
    from flashcards.services.sync import DeckSource, sync_decks

    collection = _collection(state)
    report = sync_decks(collection, [DeckSource("bundled", bundled_decks_dir())])
    if report.errors:
        first = report.errors[0]
        raise SelfTestError(f"{len(report.errors)} error(s) importing the bundled decks: {first}")
    decks = collection.decks()
    _check(
        len(decks) == state.facts.get("deck_files", len(decks)),
        f"{len(decks)} decks imported from {state.facts.get('deck_files')} files",
    )
    added = report.totals()["added"]
    _check(added > 0, "the bundled decks added no notes")
    cards = sum(collection.card_totals().values())
    state.facts["cards"] = cards
    return f"{len(decks)} decks, {added} notes, {cards} cards"


def _step_render(state: SelfTestState) -> str:
    from sqlalchemy import select

    from flashcards.core.cloze import find_clozes, placeholder
    from flashcards.rendering import render_markdown
    from flashcards.storage.models import Card

    collection = _collection(state)
    with collection.database.reading() as session:
        card_ids = list(
            session.scalars(select(Card.id).where(Card.kind == "cloze").order_by(Card.id))
        )
    _check(card_ids, "the bundled decks have no cloze card")
    for card_id in card_ids:
        content = collection.card_content(card_id)
        if content is None or content.cloze is None:
            continue
        front, _ = content.faces()
        if "```" not in front:
            continue
        holes = [c for c in find_clozes(front) if c.number == content.cloze]
        if not holes:
            continue
        html = render_markdown(front, cloze=content.cloze, base_dir=content.base_dir)
        pre = re.search(r"<pre[^>]*>(.*?)</pre>", html, re.DOTALL)
        if pre is None or placeholder(holes[0]) not in pre.group(1):
            continue  # the hole of this card is in prose, not in the code
        _check(
            _PYGMENTS_STYLE.search(pre.group(1)),
            f"card {content.deck_key}/{content.note_key}: code has no Pygments inline colours",
        )
        _check("class=" not in pre.group(1), "code is styled by classes, not inline styles")
        back = render_markdown(front, cloze=content.cloze, reveal=True, base_dir=content.base_dir)
        _check(
            holes[0].answer.split()[0] in back if holes[0].answer.strip() else True,
            f"card {content.deck_key}/{content.note_key}: the answer is missing from the back",
        )
        state.card_html = html
        state.placeholder = placeholder(holes[0])
        return (
            f"{content.deck_key}/{content.note_key}: code highlighted inline, "
            f"hole shown as {state.placeholder}, {len(html)} bytes of HTML"
        )
    raise SelfTestError("no bundled cloze card hides a hole inside highlighted code")


def _step_review(state: SelfTestState) -> str:
    from sqlalchemy import func, select

    from flashcards.services.study import StudySession
    from flashcards.storage.models import ReviewLog

    collection = _collection(state)

    def reviews() -> int:
        with collection.database.reading() as session:
            return int(session.scalar(select(func.count()).select_from(ReviewLog)) or 0)

    study = StudySession(collection, seed=1)
    content = study.current()
    _check(content is not None, "no card is due in a fresh collection")
    assert content is not None
    before = collection.card_schedule(content.card_id)
    outcome = study.answer(4, answer_ms=1500)
    _check(outcome.card_id == content.card_id, "the answer went to another card")
    _check(reviews() == 1, f"{reviews()} review rows after one answer")
    _check(collection.card_schedule(content.card_id) != before, "the answer changed no schedule")
    _check(study.undo() == content.card_id, "undo took back another card")
    _check(reviews() == 0, f"{reviews()} review rows after undo")
    _check(
        collection.card_schedule(content.card_id) == before,
        "undo did not restore the card's schedule",
    )
    again = study.current()
    _check(again is not None and again.card_id == content.card_id, "undo lost the card's place")
    return f"card {content.deck_key}/{content.note_key} answered Good, then undone"


def _step_qt(state: SelfTestState) -> str:
    if state.qt_check is None:
        return "skipped: this entry point has no desktop app"
    # Our own collection must be closed first: the app takes the data dir's writer lock.
    collection = state.collection
    if collection is not None:
        collection.close()
        state.collection = None
    try:
        return state.qt_check(state.card_html, state.placeholder, state.data_dir)
    except ImportError as error:
        if _frozen():
            raise SelfTestError(f"the bundle cannot load Qt: {error}") from error
        return f"skipped: PySide6 is not importable ({error})"


STEPS: tuple[tuple[str, Step], ...] = (
    ("environment", _step_environment),
    ("open a fresh collection", _step_open),
    ("import the bundled decks", _step_sync),
    ("render a cloze in code", _step_render),
    ("answer and undo a review", _step_review),
    ("Qt offscreen", _step_qt),
)


@contextmanager
def _data_dir_pointing_at(path: Path) -> Iterator[None]:
    # Belt and braces: nothing in the run is given the user's data dir, and anything that looks
    # it up anyway lands in the temporary folder too.
    saved = os.environ.get("FLASHCARDS_DATA_DIR")
    os.environ["FLASHCARDS_DATA_DIR"] = str(path)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("FLASHCARDS_DATA_DIR", None)
        else:
            os.environ["FLASHCARDS_DATA_DIR"] = saved


def run_self_test(
    *, out: TextIO | None = None, qt: bool = True, qt_check: QtCheck | None = None
) -> int:
    """Run every step, print one line each; 0 when all pass, 1 at the first failure."""
    out = out or sys.stdout
    from flashcards import __version__

    where = f"bundle {getattr(sys, '_MEIPASS', '?')}" if _frozen() else f"Python {sys.executable}"
    print(f"flashcards {__version__} self-test ({where})", file=out, flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="flashcards-self-test-") as temp:
        state = SelfTestState(Path(temp), qt_check=qt_check)
        try:
            with _data_dir_pointing_at(state.data_dir):
                for name, step in STEPS:
                    if step is _step_qt and not qt:
                        continue
                    begun = time.perf_counter()
                    try:
                        detail = step(state)
                    except Exception as error:
                        seconds = time.perf_counter() - begun
                        message = str(error) or type(error).__name__
                        if not isinstance(error, SelfTestError):
                            message = f"{type(error).__name__}: {message}"
                            traceback.print_exc(file=sys.stderr)
                        print(f"  FAIL {name:<26} {seconds:6.3f} s  {message}", file=out)
                        print(f"self-test FAILED at '{name}': {message}", file=sys.stderr)
                        return 1
                    seconds = time.perf_counter() - begun
                    print(f"  ok   {name:<26} {seconds:6.3f} s  {detail}", file=out, flush=True)
        finally:
            collection = state.collection
            if collection is not None:
                collection.close()
    total = time.perf_counter() - started
    print(f"self-test passed in {total:.2f} s", file=out, flush=True)
    return 0
