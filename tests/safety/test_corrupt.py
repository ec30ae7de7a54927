"""A corrupt or foreign collection file: one clear line that offers the newest backup, and not a
byte of the file changed. ``flashcards doctor`` repairs what can be repaired."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from flashcards.cli import main
from flashcards.services.backup import list_backups, newest_backup
from flashcards.services.collection import Collection
from flashcards.services.doctor import run_doctor
from flashcards.services.errors import DatabaseError, NewerSchemaError
from flashcards.services.paths import database_path
from flashcards.services.search import search_notes
from flashcards.storage.migrations import SCHEMA_VERSION
from tests.helpers import FakeClock
from tests.safety.util import integrity


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncate_inside_the_first_page(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


def _zero(path: Path) -> None:
    path.write_bytes(bytes(path.stat().st_size))


def _random(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))


def _text(path: Path) -> None:
    path.write_text("# my shopping list\n- milk\n" * 200, encoding="utf-8")


def _other_program(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()


def _newer_schema(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    connection.commit()
    # A rollback-journal file: opening it for writing would switch it to WAL, changing bytes.
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated": (_truncate_half, "the file is truncated"),
    "truncated-first-page": (_truncate_inside_the_first_page, "the file is truncated"),
    "zeroed": (_zero, "not an SQLite database"),
    "random": (_random, "not an SQLite database"),
    "text": (_text, "not an SQLite database"),
    "other-program": (_other_program, "another program's database"),
    "newer-schema": (_newer_schema, f"newer than this Flashcards supports ({SCHEMA_VERSION})"),
    "emptied": (_emptied, "the collection file is empty"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_collection_is_one_line_offering_the_newest_backup(
    kind: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage, reason = DAMAGE[kind]
    path = database_path(data_dir)
    newest = newest_backup(data_dir)
    assert newest is not None
    damage(path)
    damaged = path.read_bytes()
    backups = list_backups(data_dir)
    for command in (["review"], ["stats"], ["sync"], ["search", "redis"], ["doctor"]):
        code, out, err = run(capsys, "--data-dir", str(data_dir), *command)
        assert code == 1, (command, out, err)
        if command == ["doctor"]:  # a report on stdout: what it found, nothing it could repair
            err = "flashcards: error: " + out
        assert err.startswith("flashcards: error: ") and err.count("\n") == 1, (command, err)
        assert reason in err, (command, err)
        assert f"the newest backup is {newest.path}" in err, (command, err)
        assert f"'flashcards restore {newest.path}'" in err, (command, err)
        assert path.read_bytes() == damaged, command  # nothing was overwritten
        assert list_backups(data_dir) == backups
    with pytest.raises((DatabaseError, NewerSchemaError)):
        Collection.open(data_dir)
    assert path.read_bytes() == damaged

    # The way back that the message offers.
    code, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(newest.path))
    assert code == 0, err
    assert integrity(path) == ["ok"]
    code, out, err = run(capsys, "--data-dir", str(data_dir), "stats")
    assert code == 0, err


def test_without_a_backup_the_message_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_text("not a database\n" * 100, encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "review")
    assert code == 1 and err.count("\n") == 1
    assert f"no backup found in {data_dir / 'backups'}" in err


def test_an_empty_file_without_backups_is_a_new_collection(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database_path(data_dir).write_bytes(b"")
    with Collection.open(data_dir) as collection:
        assert collection.decks() == []


def _garble_a_page_of(path: Path, table: str) -> None:
    connection = sqlite3.connect(path)
    root = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
    page = root.fetchone()[0]
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(random.Random(1).randbytes(page_size))


def test_a_damaged_page_found_mid_command_is_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _garble_a_page_of(database_path(data_dir), "cards")
    code, _, err = run(capsys, "--data-dir", str(data_dir), "stats")
    assert code == 1 and err.count("\n") == 1
    assert "the collection file is damaged" in err and "flashcards doctor" in err


# -- doctor -------------------------------------------------------------------------------------


def test_doctor_on_a_healthy_collection(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "doctor")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("backed up first to ")
    assert lines[1] == "integrity check: ok"
    assert any("search index" in line for line in lines)
    assert "rebuilt every index (REINDEX)" in lines
    assert lines[-1] == "the collection is healthy"
    assert list_backups(data_dir)[0].reason == "before-doctor"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "doctor", "--quick")
    assert code == 0 and "quick check: ok" in out


def _execute(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _count(path: Path, query: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(query).fetchone()[0])
    finally:
        connection.close()


def test_doctor_removes_orphan_rows(data_dir: Path, clock: FakeClock) -> None:
    path = database_path(data_dir)
    with Collection.open(data_dir, clock=clock) as collection:
        from flashcards.services.study import StudySession

        session = StudySession(collection, seed=2)
        for _ in range(6):
            session.answer(4, answer_ms=900)
    deck_notes = _count(path, "SELECT count(*) FROM notes WHERE deck_id = 2")
    _execute(
        path,
        "DELETE FROM decks WHERE id = 2",  # its notes (and their cards) lose their deck
        "INSERT INTO cards (note_id, deck_id, ordinal, kind, position, repetitions, interval, "
        "easiness_cents, suspended, retired) VALUES (999999, 1, 1, 'basic', 0, 0, 0, 250, 0, 0)",
        "INSERT INTO reviews (card_id, deck_id, time_ms, day, quality, kind, answer_ms, "
        "reps_before, interval_before, easiness_before, reps_after, interval_after, "
        "easiness_after) VALUES (888888, 1, 0, 0, 4, 'learn', 0, 0, 0, 250, 1, 1, 250)",
    )
    assert _count(path, "SELECT count(*) FROM pragma_foreign_key_check") > 0
    report = run_doctor(data_dir, clock=clock)
    assert report.healthy, report.lines()
    assert f"removed {deck_notes} notes without a deck" in report.actions
    assert any(a.startswith("removed ") and "cards without a note" in a for a in report.actions)
    assert any(a.startswith("removed ") and "reviews without a card" in a for a in report.actions)
    assert _count(path, "SELECT count(*) FROM pragma_foreign_key_check") == 0
    assert integrity(path) == ["ok"]
    # The backup taken first still has every row the doctor removed.
    assert report.backup is not None and report.backup.cards is not None
    assert report.backup.cards > _count(path, "SELECT count(*) FROM cards WHERE retired = 0")


def test_doctor_rebuilds_an_index_missing_rows(data_dir: Path) -> None:
    path = database_path(data_dir)
    connection = sqlite3.connect(path, isolation_level=None)
    entry = connection.execute(
        "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master WHERE name = ?",
        ("ix_reviews_card",),
    ).fetchone()
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("DELETE FROM sqlite_master WHERE name = 'ix_reviews_card'")
    connection.close()
    # Rows written while the index was hidden are missing from it.
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute(
        "INSERT INTO reviews (card_id, deck_id, time_ms, day, quality, kind, answer_ms, "
        "reps_before, interval_before, easiness_before, reps_after, interval_after, "
        "easiness_after) SELECT id, deck_id, 0, 0, 4, 'learn', 0, 0, 0, 250, 1, 1, 250 "
        "FROM cards LIMIT 5"
    )
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", entry)
    connection.close()
    assert integrity(path) != ["ok"]

    report = run_doctor(data_dir)
    assert report.healthy, report.lines()
    assert report.checks[1].startswith("integrity check found problems: row ")
    assert "integrity check after the repairs: ok" in report.checks
    assert integrity(path) == ["ok"]


def test_doctor_rebuilds_a_search_index_out_of_step(data_dir: Path, clock: FakeClock) -> None:
    path = database_path(data_dir)
    note_id, prompt = _row(path, "SELECT id, prompt FROM notes WHERE length(prompt) > 20")
    word = max(prompt.split(), key=len)
    with Collection.open(data_dir, read_only=True) as collection:
        assert note_id in {hit.note_id for hit in search_notes(collection, word)}
    queued = _count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'search_queue'")
    if queued:
        _execute(path, f"DELETE FROM notes_fts WHERE rowid = {note_id}")
    else:
        _execute(
            path,
            "INSERT INTO notes_fts (notes_fts, rowid, prompt, front, back, tags) "
            f"SELECT 'delete', id, prompt, front, back, tags FROM notes WHERE id = {note_id}",
        )
    with Collection.open(data_dir, read_only=True) as collection:
        assert note_id not in {hit.note_id for hit in search_notes(collection, word)}

    report = run_doctor(data_dir, clock=clock)
    assert report.healthy, report.lines()
    assert "rebuilt the search index" in report.actions
    if queued:  # indexed now, not left to the app's background indexer
        assert _count(path, "SELECT count(*) FROM search_queue") == 0
    with Collection.open(data_dir, read_only=True) as collection:
        assert note_id in {hit.note_id for hit in search_notes(collection, word)}


def _row(path: Path, query: str) -> tuple[int, str]:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute(query).fetchone()
        return int(row[0]), str(row[1])
    finally:
        connection.close()


def test_doctor_reports_what_it_cannot_repair(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = database_path(data_dir)
    _garble_a_page_of(path, "cards")
    damaged = path.read_bytes()
    newest = newest_backup(data_dir)
    assert newest is not None
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "doctor")
    assert code == 1
    lines = out.splitlines()
    assert lines[1].startswith("integrity check found problems: ")
    assert any(line.startswith("could not repair the file (") for line in lines)
    assert lines[-1].startswith(f"the newest backup is {newest.path}")
    assert "the collection is healthy" not in out
    assert path.read_bytes() == damaged  # a repair that failed was rolled back


def test_doctor_without_a_collection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "none"), "doctor")
    assert code == 1 and out.startswith("no collection at ")
