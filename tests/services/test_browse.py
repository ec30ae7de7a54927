"""The browser's paged card source against a real SQLite file built from real deck files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from flashcards.services.browse import (
    CARD_STATES,
    SORT_KEYS,
    BrowseFilter,
    CardBrowser,
    all_tags,
    change_cards,
    open_reader,
    plain_prompt,
)
from flashcards.services.collection import Collection
from flashcards.services.search import search_notes
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from tests.helpers import FakeClock

K8S = """---
id: k8s
title: Kubernetes
tags: [k8s]
---

## What is a **Pod**?
<!-- tags: workloads -->

The smallest deployable unit.

## Which object keeps N replicas running?
<!-- tags: workloads -->

A ReplicaSet (usually owned by a Deployment).

## Which port range does a NodePort use?
<!-- tags: networking -->

30000-32767

## Service 的作用是什么？
<!-- tags: networking -->

为一组 Pod 提供稳定的访问入口 (ClusterIP)。

## Complete the manifest

```yaml
kind: {{c1::Deployment}}
spec:
  {{c2::replicas: 3}}
```
"""

REDIS = """---
id: redis
title: Redis
---

## Which command sets a key with an expiry?

`SET key value EX 10`

## What does AOF stand for?

Append-only file.

## Is Redis single-threaded for commands?

Command execution runs on one thread.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "k8s.md").write_text(K8S, encoding="utf-8")
    (folder / "redis.md").write_text(REDIS, encoding="utf-8")
    return folder


@pytest.fixture
def col(collection: Collection, folder: Path) -> Collection:
    sync_decks(collection, [DeckSource("user", folder)])
    return collection


@pytest.fixture
def cards(col: Collection):
    browser = CardBrowser(col)
    yield browser
    browser.close()


def deck_id(col: Collection, key: str) -> int:
    deck = col.deck_by_key(key)
    assert deck is not None
    return deck.id


def test_lists_every_live_card_in_deck_order(col: Collection, cards: CardBrowser) -> None:
    rows = cards.page(BrowseFilter(), 0, 100)
    # 4 basic notes + 1 cloze note with two holes in k8s, 3 in redis.
    assert cards.count(BrowseFilter()) == len(rows) == 9
    assert [r.deck_title for r in rows] == ["Kubernetes"] * 6 + ["Redis"] * 3
    first = rows[0]
    assert first.prompt == "What is a Pod?"
    assert (first.state, first.due, first.interval, first.reviews) == ("new", None, 0, 0)
    assert first.ease == 2.5
    clozes = [r for r in rows if r.kind == "cloze"]
    assert [r.ordinal for r in clozes] == [1, 2]


def test_pages_join_up_to_the_whole_list(col: Collection, cards: CardBrowser) -> None:
    for key in SORT_KEYS:
        for descending in (False, True):
            browse = BrowseFilter(sort=key, descending=descending)
            whole = cards.card_ids(browse)
            paged = [r.card_id for offset in range(0, 9, 2) for r in cards.page(browse, offset, 2)]
            assert paged == whole, key
    assert cards.page(BrowseFilter(), 100, 10) == []
    assert cards.page(BrowseFilter(), -5, 2) == cards.page(BrowseFilter(), 0, 2)


def test_search_uses_trigram_for_long_words_and_like_for_short(
    col: Collection, cards: CardBrowser
) -> None:
    def prompts(text: str) -> set[str]:
        return {r.prompt for r in cards.page(BrowseFilter(text=text), 0, 100)}

    assert prompts("replica") == {"Which object keeps N replicas running?", "Complete the manifest"}
    assert prompts("Pod") == {"What is a Pod?", "Service 的作用是什么？"}  # answers match too
    assert prompts("入口") == {"Service 的作用是什么？"}  # two characters: LIKE
    assert prompts("EX key") == {"Which command sets a key with an expiry?"}
    assert prompts("nothing-like-this") == set()
    assert prompts('"') == set()  # a lone quote is text, never an FTS syntax error
    # The same notes as the search service finds.
    for query in ("replica", "Pod", "入口", "file"):
        hits = {h.note_id for h in search_notes(col, query)}
        assert {r.note_id for r in cards.page(BrowseFilter(text=query), 0, 100)} == hits


def test_notes_waiting_for_the_indexer_are_found(col: Collection, cards: CardBrowser) -> None:
    with col.database.unit_of_work() as session:
        session.execute(text("DELETE FROM notes_fts"))
        session.execute(text("INSERT OR IGNORE INTO search_queue (note_id) SELECT id FROM notes"))
    found = {r.prompt for r in cards.page(BrowseFilter(text="replica"), 0, 100)}
    assert found == {"Which object keeps N replicas running?", "Complete the manifest"}


def test_filters_by_deck_and_tag(col: Collection, cards: CardBrowser) -> None:
    redis = cards.page(BrowseFilter(deck_ids=(deck_id(col, "redis"),)), 0, 100)
    assert {r.deck_title for r in redis} == {"Redis"} and len(redis) == 3
    networking = cards.page(BrowseFilter(tag="networking"), 0, 100)
    assert {r.prompt for r in networking} == {
        "Which port range does a NodePort use?",
        "Service 的作用是什么？",
    }
    assert cards.count(BrowseFilter(tag="k8s")) == 6  # deck tags apply to every note
    assert cards.count(BrowseFilter(tag="net")) == 0  # whole tags only
    assert all_tags(col) == ["k8s", "networking", "workloads"]
    assert cards.tags() == all_tags(col)


def test_states_follow_answers_suspension_burying_and_retirement(
    col: Collection, cards: CardBrowser, clock: FakeClock, folder: Path
) -> None:
    session = StudySession(col, [deck_id(col, "redis")], seed=1)
    first = session.answer(5).card_id  # scheduled for later
    second = session.answer(1).card_id  # failed: a drill today
    third = session.queue.peek()
    assert third is not None
    col.set_suspended([third], True)
    k8s_ids = cards.card_ids(BrowseFilter(deck_ids=(deck_id(col, "k8s"),)))
    col.bury([k8s_ids[0]])
    cards.invalidate()

    def ids(state: str) -> list[int]:
        return cards.card_ids(BrowseFilter(state=state))  # type: ignore[arg-type]

    assert ids("scheduled") == [first]
    assert ids("learning") == [second]
    assert ids("suspended") == [third]
    assert ids("buried") == [k8s_ids[0]]
    assert len(ids("new")) == 5
    assert ids("due") == ids("retired") == []
    row = cards.rows([first])[0]
    assert (row.state, row.reviews, row.interval) == ("scheduled", 1, 1)
    assert row.due == "2026-03-03"

    clock.advance(days=1)  # tomorrow both answered cards are due, the buried one is back
    assert ids("due") == [first, second]
    assert k8s_ids[0] in ids("new")

    (folder / "redis.md").write_text(REDIS.split("## What does AOF")[0], encoding="utf-8")
    sync_decks(col, [DeckSource("user", folder)])
    cards.invalidate()
    assert len(ids("retired")) == 2
    assert cards.count(BrowseFilter()) == 7
    for state in CARD_STATES:
        assert all(r.state == state for r in cards.page(BrowseFilter(state=state), 0, 50))


def test_sorting_by_reviews_due_and_prompt(col: Collection, cards: CardBrowser) -> None:
    session = StudySession(col, [deck_id(col, "redis")], seed=2)
    once = session.answer(5).card_id
    twice = session.answer(2).card_id
    session.answer(4)  # the drill of the failed card comes back after the rest
    while not session.finished:
        session.answer(5)
    cards.invalidate()
    by_reviews = cards.page(BrowseFilter(sort="reviews", descending=True), 0, 3)
    assert by_reviews[0].card_id == twice and by_reviews[0].reviews >= 2
    by_due = cards.page(BrowseFilter(sort="due"), 0, 100)
    assert [r.due for r in by_due if r.due] == sorted(r.due for r in by_due if r.due)
    assert by_due[-1].due is None  # new cards last
    assert once in [r.card_id for r in by_due[:3]]
    by_prompt = [r.prompt for r in cards.page(BrowseFilter(sort="prompt"), 0, 100)]
    assert by_prompt == sorted(by_prompt, key=str.casefold)


def test_reads_from_another_thread_while_the_collection_writes(
    col: Collection, cards: CardBrowser
) -> None:
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(cards.count(BrowseFilter(text="Pod"))))
    ids = cards.card_ids(BrowseFilter())
    col.set_suspended(ids[:2], True)  # the GUI thread's connection writes meanwhile
    worker.start()
    worker.join()
    assert result == [2]
    cards.invalidate()
    assert cards.count(BrowseFilter(state="suspended")) == 2
    cards.close()
    assert cards.count(BrowseFilter()) == 9  # closing only drops connections; reads reopen


def test_open_reader_is_a_read_only_view(col: Collection) -> None:
    with open_reader(col) as reader:
        assert reader.database.read_only
        assert reader.today() == col.today()
        assert [d.key for d in reader.decks()] == [d.key for d in col.decks()]


def test_plain_prompt() -> None:
    marked = "What does `kubectl get **pods**` list?"
    assert plain_prompt(marked) == "What does kubectl get pods list?"
    assert plain_prompt("Port {{c1::6379::number}} and {{c2::AOF}}") == "Port 6379 and AOF"
    assert plain_prompt("a\n  b\tc") == "a b c"
    long = plain_prompt("x" * 500)
    assert len(long) == 200 and long.endswith("…")


def test_change_cards_works_in_chunks_on_its_own_connection(
    col: Collection, cards: CardBrowser
) -> None:
    ids = cards.card_ids(BrowseFilter())
    assert len(ids) >= 6
    with Collection.open(col.data_dir, clock=col.clock) as worker:
        assert change_cards(worker, "suspend", ids, chunk=7) == len(ids)
    assert all(col.card_schedule(i).suspended for i in ids)  # type: ignore[union-attr]
    with Collection.open(col.data_dir, clock=col.clock) as worker:
        change_cards(worker, "unsuspend", ids[:4], chunk=3)
        change_cards(worker, "bury", ids[4:6])
    assert not any(col.card_schedule(i).suspended for i in ids[:4])  # type: ignore[union-attr]
    assert col.card_schedule(ids[4]).buried_until == col.today() + 1  # type: ignore[union-attr]
    with Collection.open(col.data_dir, clock=col.clock) as worker:
        change_cards(worker, "reset", ids[4:6])
    assert col.card_schedule(ids[4]).buried_until is None  # type: ignore[union-attr]
