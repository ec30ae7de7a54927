"""A deck file made ready for a sync: rows in the column order, stable keys and hashes."""

from __future__ import annotations

import gc
import threading

from flashcards.services.deckprep import content_hash, prepare_deck
from flashcards.services.gcpause import gc_paused
from flashcards.storage.bulk import NOTE_FIELDS

DECK = (
    "---\nid: net\ntitle: 网络\ntags: [net, basics]\n---\n\n"
    "## 什么是 DNS？\n<!-- id: dns; tags: dns net; source: 000:L12 -->\n\n域名解析 (DNS)。\n\n"
    "## 端口\n\nfront\n\n---\n\nback\n"
)


def test_rows_follow_the_note_columns() -> None:
    prepared = prepare_deck(DECK.encode(), "decks/net.md")
    assert prepared.keys == ["dns", "~端口"]
    first, second = (dict(zip(NOTE_FIELDS, row, strict=True)) for row in prepared.rows)
    assert first == {
        "key": "dns",
        "explicit_id": 1,
        "prompt": "什么是 DNS？",
        "front": "",
        "back": "域名解析 (DNS)。",
        "tags": "net basics dns",  # the deck's first, then the note's, each once
        "source": "000:L12",
        "path": "decks/net.md",
        "line": 7,
        "position": 0,
        "content_hash": content_hash(prepared.deck.notes[0], "net basics dns"),
        "retired": 0,
    }
    assert (second["explicit_id"], second["front"], second["back"]) == (0, "front", "back")
    assert (second["tags"], second["source"], second["position"]) == ("net basics", None, 1)


def test_the_content_hash_is_pinned() -> None:
    """Stored hashes decide which notes a sync rewrites (the value is what releases so far
    stored): a new definition would mark every
    note of every collection as edited once. Change it only with a migration."""
    note = prepare_deck(DECK.encode(), "net.md").deck.notes[0]
    assert content_hash(note, "net basics dns") == "50f3b2f1ce1a4cb2d7818c816ad51b040e84558f"


def test_a_broken_file_gets_no_rows() -> None:
    prepared = prepare_deck(DECK.replace("---\n\nback", "---\n\nback\n\n---\n"), "net.md")
    assert not prepared.deck.ok
    assert (prepared.keys, prepared.rows) == ([], [])
    assert prepare_deck(b"\xff\xfe", "bad.md").rows == []


def test_gc_paused_nests_and_restores() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_gc_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_gc_paused_blocks_on_two_threads_end_with_the_last() -> None:
    inside = threading.Barrier(2)
    first_done = threading.Event()
    seen: list[bool] = []

    def worker() -> None:
        with gc_paused():
            inside.wait()
            first_done.wait()
            seen.append(gc.isenabled())  # the main thread's block has ended; this one has not

    thread = threading.Thread(target=worker)
    thread.start()
    with gc_paused():
        inside.wait()
    first_done.set()
    thread.join()
    assert seen == [False]
    assert gc.isenabled()
