"""The measured steps, each run by ``run.py`` in a process of its own.

    python benchmarks/workers.py STEP '{"json": "arguments"}'

prints one JSON object on its last line. ``ours_*`` steps never import Anki and ``anki_*`` steps
never import Flashcards, so neither side pays for the other's modules or memory. Module imports
happen before any clock starts: a figure covers the work itself (opening a file, building a
queue), as the app would do it right after start-up.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.datagen import (
    ANKI_PARENT_DECK,
    SEARCH_WORD,
    add_anki_review_history,
    add_review_history,
)

# run.py --commit REV: the Flashcards package comes from a snapshot of that commit, not from the
# working tree (the benchmark harness itself still does).
if os.environ.get("FLASHCARDS_BENCH_SOURCE"):
    sys.path.insert(0, os.environ["FLASHCARDS_BENCH_SOURCE"])

# SuperMemo grades given in turn by the answer benchmark, and the same buttons in Anki.
GRADES = (5, 4, 4, 3, 1)
ANKI_RATINGS = {5: "EASY", 4: "GOOD", 3: "HARD", 1: "AGAIN"}  # CardAnswer.Rating names
# Anki's shipped limits are 20 new cards and 200 reviews a day per deck (ours too); the parent deck
# of the ten benchmark decks gets ten times that, so studying it gathers what studying all of our
# decks does.
PARENT_NEW_PER_DAY = 200
PARENT_REVIEWS_PER_DAY = 2000


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(call: Callable[[], object], repeats: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return timings


# -- ours ----------------------------------------------------------------------------------


def ours_import(decks: str, data: str) -> dict[str, Any]:
    from flashcards.services.collection import Collection
    from flashcards.services.sync import DeckSource, sync_decks

    col = Collection.open(Path(data))
    start = time.perf_counter()
    report = sync_decks(col, [DeckSource("user", Path(decks))])
    seconds = time.perf_counter() - start
    # The full-text index may be built by a background thread after the sync returns: the
    # import figure is what the user waits for, this one is when searching is fully indexed.
    _wait_for_search_index(col)
    indexed = time.perf_counter() - start
    col.close()
    assert not report.errors, report.errors[:3]
    return {
        "seconds": seconds,
        "indexed_seconds": indexed,
        "rss_mib": _rss_mib(),
        "added": report.totals()["added"],
    }


def _wait_for_search_index(col: Any) -> None:
    wait = getattr(col.database, "wait_for_search_index", None)
    if wait is not None:
        assert wait(600), "the search index did not catch up"


def ours_prepare(data: str) -> dict[str, Any]:
    from flashcards.services.collection import Collection

    with Collection.open(Path(data)) as col:
        add_review_history(col)
        # Every later figure is taken on a settled collection, as a learner's is on day two.
        _wait_for_search_index(col)
        tree = col.deck_tree()
        history = {"today": col.today(), "counts": vars(tree.counts), "cards": tree.card_count}
    return {"history": history, "durability": ours_pragmas(data)}


def ours_pragmas(data: str) -> dict[str, Any]:
    from flashcards.services.collection import Collection

    with Collection.open(Path(data)) as col:
        raw = col.database.engine.raw_connection()
        try:
            cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
            names = ("journal_mode", "synchronous", "wal_autocheckpoint", "locking_mode")
            found = {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in names}
            found["sqlite"] = cursor.execute("SELECT sqlite_version()").fetchone()[0]
        finally:
            raw.close()
        import flashcards

        found["package"] = str(Path(flashcards.__file__).parent)
        return found


def ours_open(data: str) -> dict[str, Any]:
    from flashcards.services.collection import Collection

    start = time.perf_counter()
    col = Collection.open(Path(data))
    seconds = time.perf_counter() - start
    col.close()
    return {"seconds": seconds}


def ours_first_card(data: str) -> dict[str, Any]:
    from flashcards.services.collection import Collection
    from flashcards.services.study import StudySession

    start = time.perf_counter()
    col = Collection.open(Path(data))
    card = StudySession(col).current()
    seconds = time.perf_counter() - start
    assert card is not None
    col.close()
    return {"seconds": seconds}


def render_card_id(col: Any) -> int:
    from sqlalchemy import select

    from flashcards.storage.models import Card, Note

    with col.database.reading() as session:
        return int(
            session.scalar(
                select(Card.id)
                .join(Note, Note.id == Card.note_id)
                .where(Note.prompt.like("第 0 题%"))
            )
        )


def ours_warm(data: str, notes: int, repeats: int) -> dict[str, Any]:
    """deck_counts, search and render in one process, each after a warm-up call."""
    from flashcards.rendering import render_markdown
    from flashcards.rendering.lexers import token_cache
    from flashcards.services.collection import Collection
    from flashcards.services.search import search_notes

    col = Collection.open(Path(data))
    start = time.perf_counter()
    col.deck_tree()
    first_counts = time.perf_counter() - start
    deck_counts = _timed(col.deck_tree, repeats)

    hits = search_notes(col, SEARCH_WORD, limit=notes)
    assert len(hits) == notes // 100, len(hits)
    search = _timed(lambda: search_notes(col, SEARCH_WORD, limit=notes), repeats)
    search_ids = _browser_search(col, notes, repeats)

    card_id = render_card_id(col)

    def render() -> None:
        # What the review screen does for one card: load it, then its question and answer HTML
        # (the answer side is the question, a rule and the back, as the review controller builds
        # it). Uncached: the CardRenderer cache in front of this is not what is measured, and
        # the token cache is emptied so the card's code is lexed again each time (the same card
        # renders on every round; its sides still share one lexing, as in the app).
        token_cache.clear()
        content = col.card_content(card_id)
        assert content is not None
        front, back = content.faces()
        render_markdown(front, base_dir=content.base_dir)
        render_markdown(f"{front}\n\n---\n\n{back}", base_dir=content.base_dir)

    render_timings = _timed(render, repeats * 10, warmup=20)
    col.close()
    return {
        "deck_counts": statistics.median(deck_counts),
        "deck_counts_first": first_counts,
        "search": statistics.median(search),
        "search_ids": search_ids,
        "render": statistics.median(render_timings),
    }


def _browser_search(col: Any, notes: int, repeats: int) -> float | None:
    """The card browser's search: every matching card id, as Anki's find_cards returns."""
    try:
        from flashcards.services.browse import BrowseFilter, CardBrowser
    except ImportError:  # a commit from before the card browser
        return None
    browser = CardBrowser(col)
    query = BrowseFilter(text=SEARCH_WORD)

    def search() -> None:
        browser.invalidate()  # its cache of recent searches is not what is measured
        assert len(browser.card_ids(query)) == notes // 100

    timings = _timed(search, repeats)
    browser.close()
    return statistics.median(timings)


def ours_answers(data: str, count: int) -> dict[str, Any]:
    from flashcards.services.collection import Collection
    from flashcards.services.study import StudySession

    col = Collection.open(Path(data))
    session = StudySession(col, seed=1)
    timings = []
    for index in range(count):
        assert session.current() is not None
        grade = GRADES[index % len(GRADES)]
        start = time.perf_counter()
        session.answer(grade)
        timings.append(time.perf_counter() - start)
    col.close()
    return {"timings": timings}


def ours_resync(data: str, decks: str) -> dict[str, Any]:
    from flashcards.services.collection import Collection
    from flashcards.services.sync import DeckSource, sync_decks

    col = Collection.open(Path(data))
    start = time.perf_counter()
    report = sync_decks(col, [DeckSource("user", Path(decks))])
    seconds = time.perf_counter() - start
    col.close()
    assert not any(report.totals().values()), report.totals()
    return {"seconds": seconds, "unchanged_files": report.unchanged_files}


# -- Anki ----------------------------------------------------------------------------------


def _anki_collection() -> Any:
    """Anki's Collection class, imported before any clock starts."""
    from anki.collection import Collection

    return Collection


def _anki_open(path: str) -> Any:
    return _anki_collection()(path)


def anki_import(csv: str, path: str) -> dict[str, Any]:
    col = _anki_open(path)
    from anki.collection import ImportCsvRequest

    start = time.perf_counter()
    metadata = col.get_csv_metadata(csv, None)
    log = col.import_csv(ImportCsvRequest(path=csv, metadata=metadata))
    seconds = time.perf_counter() - start
    added = len(log.log.new)
    col.close()
    return {"seconds": seconds, "rss_mib": _rss_mib(), "added": added}


def anki_prepare(path: str) -> dict[str, Any]:
    """Move the collection's creation 100 days back (so overdue cards have positive due days),
    give the parent deck ten times the per-deck limits, select it, and apply the history."""
    col = _anki_open(path)
    col.crt = col.crt - 100 * 86400
    col.close()
    col = _anki_open(path)
    parent_id = col.decks.id_for_name(ANKI_PARENT_DECK)
    assert parent_id is not None
    config_id = col.decks.add_config_returning_id("benchmark parent")
    config = col.decks.get_config(config_id)
    assert config is not None
    config["new"]["perDay"] = PARENT_NEW_PER_DAY
    config["rev"]["perDay"] = PARENT_REVIEWS_PER_DAY
    col.decks.update_config(config)
    parent = col.decks.get(parent_id)
    assert parent is not None
    parent["conf"] = config_id
    col.decks.save(parent)
    col.decks.select(parent_id)
    add_anki_review_history(col)
    today = col.sched.today
    col.close()
    col = _anki_open(path)
    node = col.decks.find_deck_in_tree(col.sched.deck_due_tree(), parent_id)
    counts = {"new": node.new_count, "learning": node.learn_count, "review": node.review_count}
    cards = col.card_count()
    col.close()
    history = {"today": today, "counts": counts, "cards": cards}
    return {"history": history, "durability": anki_pragmas(path)}


def anki_pragmas(path: str, synchronous: str = "") -> dict[str, Any]:
    col = _anki_open(path)
    names = ("journal_mode", "synchronous", "wal_autocheckpoint", "locking_mode")
    found = {name: col.db.scalar(f"pragma {name}") for name in names}
    found["sqlite"] = col.db.scalar("select sqlite_version()")
    col.close()
    return found


def _anki_durable(col: Any) -> None:
    # The Rust backend sets locking_mode=exclusive and journal_mode=wal and leaves synchronous at
    # SQLite's compiled-in default, FULL (2). Set it anyway, so the comparison never depends on
    # that default: every answer_card commit then fsyncs the WAL, as ours does.
    col.db.execute("pragma synchronous = full")
    assert col.db.scalar("pragma synchronous") == 2


def anki_open(path: str) -> dict[str, Any]:
    collection = _anki_collection()
    start = time.perf_counter()
    col = collection(path)
    seconds = time.perf_counter() - start
    col.close()
    return {"seconds": seconds}


def anki_first_card(path: str) -> dict[str, Any]:
    collection = _anki_collection()
    start = time.perf_counter()
    col = collection(path)
    queued = col.sched.get_queued_cards()
    seconds = time.perf_counter() - start
    assert queued.cards
    col.close()
    return {"seconds": seconds}


def anki_warm(path: str, notes: int, repeats: int) -> dict[str, Any]:
    col = _anki_open(path)
    start = time.perf_counter()
    col.sched.deck_due_tree()
    first_counts = time.perf_counter() - start
    deck_counts = _timed(col.sched.deck_due_tree, repeats)

    assert len(col.find_cards(SEARCH_WORD)) == notes // 100
    search = _timed(lambda: col.find_cards(SEARCH_WORD), repeats)

    card_id = col.find_cards('"front:第 0 题*"')[0]
    card = col.get_card(card_id)

    def render() -> None:
        card.question(reload=True)
        card.answer()

    render_timings = _timed(render, repeats * 10, warmup=20)
    col.close()
    return {
        "deck_counts": statistics.median(deck_counts),
        "deck_counts_first": first_counts,
        "search": statistics.median(search),
        "render": statistics.median(render_timings),
    }


def anki_answers(path: str, count: int) -> dict[str, Any]:
    col = _anki_open(path)
    from anki.cards import Card  # after anki.collection: importing it first is circular
    from anki.scheduler.v3 import CardAnswer

    _anki_durable(col)
    sched = col.sched
    timings = []
    for index in range(count):
        queued = sched.get_queued_cards().cards[0]
        card = Card(col, backend_card=queued.card)
        card.start_timer()
        rating = getattr(CardAnswer, ANKI_RATINGS[GRADES[index % len(GRADES)]])
        answer = sched.build_answer(card=card, states=queued.states, rating=rating)
        start = time.perf_counter()
        sched.answer_card(answer)
        timings.append(time.perf_counter() - start)
    col.close()
    return {"timings": timings}


STEPS: dict[str, Callable[..., dict[str, Any]]] = {
    name: value
    for name, value in list(globals().items())
    if name.startswith(("ours_", "anki_")) and callable(value) and not name.startswith("_")
}


def main() -> int:
    step, arguments = sys.argv[1], json.loads(sys.argv[2])
    result = STEPS[step](**arguments)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
