"""The full-text index follows note changes in the background; searches never miss a note."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from flashcards.services.collection import Collection
from flashcards.services.search import search_notes
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.storage.search_index import index_pending, pending_count
from tests.helpers import FakeClock, write_deck


def test_queued_notes_are_found_before_and_after_indexing(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    write_deck(
        folder, "k.md", "k", [("什么是 Pod？", "最小部署单元"), ("Service 呢？", "稳定入口")]
    )
    col = Collection.open(tmp_path / "data", clock=FakeClock())
    sync_decks(col, [DeckSource("user", folder)])
    # Whether or not the background thread got there yet, the search is right.
    assert [h.prompt for h in search_notes(col, "部署单元")] == ["什么是 Pod？"]
    assert col.database.wait_for_search_index(timeout=10)
    connection = sqlite3.connect(col.database.path)
    assert pending_count(connection) == 0
    assert (
        connection.execute(
            "SELECT rowid FROM notes_fts WHERE notes_fts MATCH '\"稳定入口\"'"
        ).fetchall()
        != []
    )
    connection.close()
    assert [h.prompt for h in search_notes(col, "稳定入口")] == ["Service 呢？"]

    # An edit: the old text leaves the index, the new text is found.
    write_deck(
        folder, "k.md", "k", [("什么是 Pod？", "最小调度单元"), ("Service 呢？", "稳定入口")]
    )
    sync_decks(col, [DeckSource("user", folder)])
    assert search_notes(col, "部署单元") == []
    assert [h.prompt for h in search_notes(col, "调度单元")] == ["什么是 Pod？"]
    assert col.database.wait_for_search_index(timeout=10)
    assert search_notes(col, "部署单元") == []
    assert [h.prompt for h in search_notes(col, "调度单元")] == ["什么是 Pod？"]
    col.close()


def test_index_pending_drains_in_batches(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    write_deck(folder, "k.md", "k", [(f"问题 {i}", f"答案 {i}") for i in range(25)])
    col = Collection.open(tmp_path / "data", clock=FakeClock())
    sync_decks(col, [DeckSource("user", folder)])
    col.close()  # stops the background thread; the queue survives on disk
    connection = sqlite3.connect(tmp_path / "data" / "collection.sqlite3", isolation_level=None)
    before = pending_count(connection)
    taken = index_pending(connection, batch=10)
    assert taken == min(10, before)
    while index_pending(connection, batch=10):
        pass
    assert pending_count(connection) == 0
    hits = connection.execute("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH '\"答案 1\"'")
    assert hits.fetchone()[0] == 11  # 答案 1, 答案 10..19
    connection.close()


def test_indexed_search_combines_words_orders_by_note_and_hides_retired(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    notes = [("Pod 与 Service", "集群 IP"), ("Pod 调度", "节点 IP"), ("Service 端口", "集群 端口")]
    write_deck(folder, "k.md", "k", notes)
    col = Collection.open(tmp_path / "data", clock=FakeClock())
    sync_decks(col, [DeckSource("user", folder)])
    assert col.database.wait_for_search_index(timeout=10)
    assert [h.prompt for h in search_notes(col, "Service")] == ["Pod 与 Service", "Service 端口"]
    # A long word through the index and a short one through LIKE, both required.
    assert [h.prompt for h in search_notes(col, "Service 集群")] == [
        "Pod 与 Service",
        "Service 端口",
    ]
    assert [h.prompt for h in search_notes(col, "Service IP")] == ["Pod 与 Service"]
    assert len(search_notes(col, "Pod", limit=1)) == 1
    write_deck(folder, "k.md", "k", notes[1:])
    sync_decks(col, [DeckSource("user", folder)])
    assert col.database.wait_for_search_index(timeout=10)
    assert [h.prompt for h in search_notes(col, "Service")] == ["Service 端口"]
    assert [h.prompt for h in search_notes(col, "Service", include_retired=True)] == [
        "Pod 与 Service",
        "Service 端口",
    ]
    col.close()
