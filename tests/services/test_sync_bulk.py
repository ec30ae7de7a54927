"""The bulk paths of an import: new notes' ids and cards, whichever way they are written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from flashcards.deckformat import card_specs, parse_deck
from flashcards.services.collection import Collection
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.storage import bulk
from tests.helpers import FakeClock

LAST_ROWID = 2**63 - 1


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def deck(deck_id: str, body: str, extra: str = "") -> str:
    return f"---\nid: {deck_id}\ntitle: {deck_id}\n{extra}---\n\n{body}"


def card_rows(col: Collection, deck_key: str) -> list[tuple[object, ...]]:
    """(note position, ordinal, kind, card position, state...) of the deck's cards, by card id."""
    with col.database.snapshot() as connection:
        return connection.execute(
            "SELECT n.position, c.ordinal, c.kind, c.position, c.repetitions, c.interval, "
            "c.easiness_cents, c.due, c.suspended, c.retired, c.deck_id = d.id "
            "FROM cards AS c JOIN notes AS n ON n.id = c.note_id JOIN decks AS d ON d.key = ? "
            "WHERE n.deck_id = d.id ORDER BY c.id",
            (deck_key,),
        ).fetchall()


def expected_rows(path: Path) -> list[tuple[object, ...]]:
    """The cards of the file's notes, note by note in file order, as a new import makes them."""
    parsed = parse_deck(path.read_bytes(), str(path))
    fresh = (0, 0, 250, None, 0, 0, 1)  # no reviews, default easiness, not due, in this deck
    rows: list[tuple[object, ...]] = []
    for index, note in enumerate(parsed.notes):
        for spec in card_specs(note, parsed.header):
            rows.append((index, spec.ordinal, spec.kind, index * 1000 + spec.ordinal, *fresh))
    return rows


def test_reverse_deck_gets_both_cards_note_by_note(tmp_path: Path, clock: FakeClock) -> None:
    body = "".join(f"## 问题 {n}\n\n答案 {n}。\n\n" for n in range(5))
    path = write(tmp_path / "decks", "r.md", deck("rev", body, "reverse: true\n"))
    col = Collection.open(tmp_path / "data", clock=clock)
    report = sync_decks(col, [DeckSource("user", path.parent)])
    assert report.totals()["added"] == 5
    rows = card_rows(col, "rev")
    assert rows == expected_rows(path)
    assert [row[2] for row in rows[:4]] == ["basic", "reverse", "basic", "reverse"]
    col.close()


def test_mixed_cards_are_written_row_by_row(tmp_path: Path, clock: FakeClock) -> None:
    body = (
        "## 基本\n\n答案。\n\n"
        "## 填空\n\n{{c1::一}} 和 {{c3::三}}\n\n"
        "## 双向\n<!-- reverse: true -->\n\n答案。\n\n"
        "## 再来一个\n\n答案。\n"
    )
    path = write(tmp_path / "decks", "m.md", deck("mixed", body))
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", path.parent)])
    rows = card_rows(col, "mixed")
    assert rows == expected_rows(path)
    assert [(row[1], row[2]) for row in rows] == [
        (0, "basic"),
        (1, "cloze"),
        (3, "cloze"),
        (0, "basic"),
        (1, "reverse"),
        (0, "basic"),
    ]
    col.close()


def test_notes_added_to_an_existing_deck_get_their_cards(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "decks"
    path = write(folder, "k.md", deck("k", "## 一\n\n1\n\n## 三\n\n3\n"))
    col = Collection.open(tmp_path / "data", clock=clock)
    source = [DeckSource("user", folder)]
    sync_decks(col, source)
    write(folder, "k.md", deck("k", "## 一\n\n1\n\n## 二\n\n2\n\n## 三\n\n3\n\n## 四\n\n4\n"))
    report = sync_decks(col, source)
    assert report.totals()["added"] == 2
    rows = card_rows(col, "k")
    # Old cards keep their ids (and are re-placed); new ones follow in file order.
    assert [(row[0], row[3]) for row in rows] == [(0, 0), (2, 2000), (1, 1000), (3, 3000)]
    assert sorted(rows) == sorted(expected_rows(path))
    col.close()


def test_exhausted_rowids_fall_back_to_looking_ids_up(tmp_path: Path, clock: FakeClock) -> None:
    """Past the largest rowid SQLite hands out random free ids: notes still get their cards."""
    folder = tmp_path / "decks"
    write(folder, "a.md", deck("a", "## 甲\n\n1\n"))
    col = Collection.open(tmp_path / "data", clock=clock)
    source = [DeckSource("user", folder)]
    sync_decks(col, source)
    with col.database.writing() as connection:
        connection.execute(
            "INSERT INTO notes (id, deck_id, key, explicit_id, prompt, front, back, tags, "
            "line, position, content_hash, retired) "
            "SELECT ?, id, '~placeholder', 0, 'placeholder', '', '', '', 0, 99, '', 1 "
            "FROM decks WHERE key = 'a'",
            (LAST_ROWID,),
        )
    body = "".join(f"## 问题 {n}\n\n答案 {n}。\n\n" for n in range(20))
    path = write(folder, "b.md", deck("b", body))
    report = sync_decks(col, source)
    assert report.totals()["added"] == 20
    assert sorted(card_rows(col, "b")) == sorted(expected_rows(path))
    with col.database.snapshot() as connection:
        keys = connection.execute(
            "SELECT n.key FROM cards AS c JOIN notes AS n ON n.id = c.note_id "
            "JOIN decks AS d ON d.id = n.deck_id WHERE d.key = 'b' ORDER BY n.position"
        ).fetchall()
    assert [key for (key,) in keys] == [f"~问题 {n}" for n in range(20)]
    assert sync_decks(col, source).totals() == dict.fromkeys(
        ("added", "edited", "moved", "removed", "restored"), 0
    )
    col.close()


def index_sql(col: Collection, name: str) -> str | None:
    with col.database.snapshot() as connection:
        row = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
        ).fetchone()
    return None if row is None else str(row[0])


def test_a_first_import_builds_the_key_index_afterwards(tmp_path: Path, clock: FakeClock) -> None:
    """Into an empty collection the (deck, key) index is dropped and rebuilt: same index after."""
    folder = tmp_path / "decks"
    write(folder, "a.md", deck("a", "".join(f"## 甲 {n}\n\n{n}\n\n" for n in range(30))))
    write(folder, "b.md", deck("b", "".join(f"## 乙 {n}\n\n{n}\n\n" for n in range(30))))
    col = Collection.open(tmp_path / "data", clock=clock)
    before = index_sql(col, bulk.NOTE_KEY_INDEX)
    assert before is not None and "UNIQUE" in before
    report = sync_decks(col, [DeckSource("user", folder)])
    assert report.totals()["added"] == 60
    assert index_sql(col, bulk.NOTE_KEY_INDEX) == before
    with col.database.snapshot() as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM notes WHERE deck_id = 1 AND key = '~甲 1'"
        ).fetchall()
    assert bulk.NOTE_KEY_INDEX in str(plan)
    # A second sync matches through the rebuilt index: nothing new, nothing lost.
    again = sync_decks(col, [DeckSource("user", folder)], force=True)
    assert again.totals() == dict.fromkeys(("added", "edited", "moved", "removed", "restored"), 0)
    col.close()


def test_a_failed_first_import_leaves_the_key_index_in_place(
    tmp_path: Path, clock: FakeClock
) -> None:
    col = Collection.open(tmp_path / "data", clock=clock)
    before = index_sql(col, bulk.NOTE_KEY_INDEX)
    with (
        pytest.raises(RuntimeError),
        col.database.unit_of_work() as session,
        bulk.note_key_index_deferred(session),
    ):
        assert index_sql(col, bulk.NOTE_KEY_INDEX) is None  # gone, in this transaction
        raise RuntimeError("the import failed half way")
    assert index_sql(col, bulk.NOTE_KEY_INDEX) == before
    col.close()


def test_the_rebuilt_key_index_still_refuses_duplicates(tmp_path: Path, clock: FakeClock) -> None:
    col = Collection.open(tmp_path / "data", clock=clock)
    folder = tmp_path / "decks"
    write(folder, "a.md", deck("a", "## 甲\n\n1\n"))
    sync_decks(col, [DeckSource("user", folder)])
    insert = (
        "INSERT INTO notes (deck_id, key, explicit_id, prompt, front, back, tags, line, "
        "position, content_hash, retired) SELECT id, '~甲', 0, '甲', '', '1', '', 3, 0, '', 0 "
        "FROM decks WHERE key = 'a'"
    )
    with pytest.raises(sqlite3.IntegrityError), col.database.writing() as connection:
        connection.execute(insert)
    col.close()
