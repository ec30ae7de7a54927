"""Backups: taken online, on close, pruned, listed and restored, from the services and the CLI."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards.cli import main
from flashcards.services import backup as backup_module
from flashcards.services.backup import (
    BackupInfo,
    InvalidBackupError,
    RetentionPolicy,
    backup_dir,
    create_backup,
    list_backups,
    load_policy,
    newest_backup,
    prune_backups,
    restore_backup,
    save_policy,
)
from flashcards.services.collection import Collection
from flashcards.services.errors import CollectionLockedError
from flashcards.services.paths import database_path
from flashcards.services.study import StudySession
from flashcards.storage.migrations import SCHEMA_VERSION
from tests.helpers import FakeClock
from tests.safety.util import integrity, review_ids


def _answer(data_dir: Path, clock: FakeClock, count: int) -> None:
    with Collection.open(data_dir, clock=clock) as collection:
        session = StudySession(collection, seed=1)
        for _ in range(count):
            session.answer(4, answer_ms=1000)


def _consistent_snapshot(path: Path) -> tuple[int, list[tuple[int, ...]]]:
    """(reviews, cards whose schedule disagrees with their newest review) of a backup."""
    connection = sqlite3.connect(path)
    try:
        ids = [row[0] for row in connection.execute("SELECT id FROM reviews ORDER BY id")]
        assert ids == list(range(1, len(ids) + 1))  # a prefix of the answers, no hole
        torn = connection.execute(
            """
            SELECT c.id FROM cards c
            JOIN reviews r ON r.id = (SELECT max(id) FROM reviews WHERE card_id = c.id)
            WHERE c.repetitions != r.reps_after OR c.due IS NOT r.due_after
            """
        ).fetchall()
    finally:
        connection.close()
    return len(ids), torn


def test_closing_a_changed_collection_backs_it_up(data_dir: Path, clock: FakeClock) -> None:
    before = list_backups(data_dir)  # building it synced decks: one backup on close
    assert [b.reason for b in before] == ["close"]
    clock.advance(minutes=5)
    with Collection.open(data_dir, clock=clock):
        pass  # nothing changed: no backup
    assert list_backups(data_dir) == before
    clock.advance(minutes=5)
    _answer(data_dir, clock, 3)
    backups = list_backups(data_dir)
    assert len(backups) == 2
    newest = backups[0]
    assert newest.reason == "close"
    assert newest.reviews == 3 and newest.cards == before[0].cards and newest.cards > 50
    assert newest.created == clock.now().astimezone(newest.created.tzinfo)
    assert newest.path.parent == data_dir / "backups"
    assert newest.path.name.startswith("collection-") and newest.path.name.endswith(".sqlite3")
    assert integrity(newest.path) == ["ok"]
    # A backup is one self-contained file (rollback journal), with nothing beside it.
    assert sorted(p.name for p in backup_dir(data_dir).iterdir()) == sorted(
        b.path.name for b in backups
    )


def test_only_the_last_writable_collection_of_a_process_backs_up(
    data_dir: Path, clock: FakeClock
) -> None:
    start = len(list_backups(data_dir))
    main_collection = Collection.open(data_dir, clock=clock)
    worker = Collection.open(data_dir, clock=clock)  # a background task's own connection
    worker.update_settings(new_per_day=10)
    assert main_collection.changed_since_backup
    worker.close()
    assert len(list_backups(data_dir)) == start  # the app is still open
    main_collection.close()
    assert len(list_backups(data_dir)) == start + 1


def test_backups_are_consistent_while_answers_are_written(data_dir: Path) -> None:
    collection = Collection.open(data_dir)
    stop = threading.Event()
    failures: list[BaseException] = []

    def answer_continuously() -> None:
        try:
            session = StudySession(collection, seed=3)
            while not stop.is_set() and not session.finished:
                session.answer(1, answer_ms=500)  # again: the card stays in today's queue
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    writer = threading.Thread(target=answer_continuously)
    writer.start()
    taken: list[BackupInfo] = []
    try:
        while len(taken) < 6:
            taken.append(create_backup(collection, "auto", prune=False))
    finally:
        stop.set()
        writer.join()
        collection.close()
    assert not failures
    counts = []
    for info in taken:
        assert integrity(info.path) == ["ok"]
        reviews, torn = _consistent_snapshot(info.path)
        assert torn == []
        assert reviews == info.reviews
        counts.append(reviews)
    assert counts == sorted(counts) and counts[-1] > counts[0]  # taken while answers went on


def test_names_sort_by_time_and_pruning_follows_the_policy(
    data_dir: Path, clock: FakeClock
) -> None:
    with Collection.open(data_dir, clock=clock) as collection:
        first = create_backup(collection, "auto", prune=False)
    # Hourly backups for 40 days (links to one file: pruning goes by the names).
    for _ in range(1, 24 * 40):
        clock.advance(hours=1)
        name = backup_module._file_name(clock.now(), "auto")
        os.link(first.path, first.path.with_name(name))
    backups = list_backups(data_dir)
    assert [b.path.name for b in backups] == sorted((b.path.name for b in backups), reverse=True)
    assert [b.created for b in backups] == sorted((b.created for b in backups), reverse=True)
    removed = prune_backups(data_dir, now=clock.now())
    kept = list_backups(data_dir)
    assert len(kept) + len(removed) == len(backups)
    assert [b.path for b in kept[:10]] == [b.path for b in backups[:10]]
    assert 10 + 7 <= len(kept) <= 10 + 8 + 6 + 3
    assert {b.created.date() for b in kept} >= {
        (clock.now() - timedelta(days=d)).astimezone(kept[0].created.tzinfo).date()
        for d in range(7)
    }


def test_retention_policy_is_stored_and_a_bad_file_is_ignored(
    data_dir: Path, clock: FakeClock
) -> None:
    assert load_policy(data_dir) == RetentionPolicy()
    save_policy(data_dir, RetentionPolicy(keep_last=2, daily_days=0, weekly_days=0))
    with Collection.open(data_dir, clock=clock) as collection:
        for _ in range(5):
            clock.advance(hours=1)
            create_backup(collection, "manual")  # prunes with the stored policy
    assert len(list_backups(data_dir)) == 2  # the month's newest is one of the two
    (backup_dir(data_dir) / "retention.json").write_text("{not json", encoding="utf-8")
    assert load_policy(data_dir) == RetentionPolicy()


def test_a_failed_backup_on_close_still_closes(
    data_dir: Path,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "_snapshot", disk_full)
    with caplog.at_level(logging.WARNING):
        _answer(data_dir, clock, 1)
    assert "no backup on close" in caplog.text
    with Collection.open(data_dir, clock=clock) as collection:  # the lock was released
        assert collection.writer_lock is not None


# -- restoring ----------------------------------------------------------------------------------


def test_restore_backs_up_the_current_collection_first(data_dir: Path, clock: FakeClock) -> None:
    _answer(data_dir, clock, 3)
    three = newest_backup(data_dir)
    assert three is not None and three.reviews == 3
    clock.advance(hours=1)
    _answer(data_dir, clock, 2)
    assert len(review_ids(data_dir)) == 5
    clock.advance(hours=1)
    saved = restore_backup(data_dir, three.path, clock=clock)
    assert saved is not None and saved.reason == "before-restore" and saved.reviews == 5
    assert len(review_ids(data_dir)) == 3
    assert integrity(database_path(data_dir)) == ["ok"]
    with Collection.open(data_dir, clock=clock) as collection:
        assert len(collection.decks()) == 2
    # And back again: the safety copy is a backup like the others.
    restore_backup(data_dir, saved.path, clock=clock)
    assert len(review_ids(data_dir)) == 5


def _foreign_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes, message: str) -> None:
        path = tmp_path / name
        path.write_bytes(data)
        files[name] = (path, message)

    put("notes.txt", b"just some text\n" * 100, "not an SQLite database")
    put("random.bin", bytes(range(256)) * 64, "not an SQLite database")
    put("zeros.sqlite3", bytes(len(good.read_bytes())), "not an SQLite database")
    put("truncated.sqlite3", good.read_bytes()[: len(good.read_bytes()) // 2], "truncated")
    other = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    connection.commit()
    connection.close()
    files["other.sqlite3"] = (other, "another program's database")
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).execute("PRAGMA user_version = 1").close()
    files["empty.sqlite3"] = (empty, "an empty database")
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    connection = sqlite3.connect(newer)
    connection.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    connection.commit()
    connection.close()
    files["newer.sqlite3"] = (newer, "newer Flashcards")
    return files


def test_restore_refuses_what_is_not_a_collection(
    data_dir: Path, tmp_path: Path, clock: FakeClock
) -> None:
    good = newest_backup(data_dir)
    assert good is not None
    current = database_path(data_dir)
    before = current.read_bytes()
    backups_before = list_backups(data_dir)
    for name, (path, message) in _foreign_files(tmp_path, good.path).items():
        offered = path.read_bytes()
        with pytest.raises(InvalidBackupError, match=message) as caught:
            restore_backup(data_dir, path, clock=clock)
        assert str(path) in str(caught.value), name
        assert "\n" not in str(caught.value)
        assert path.read_bytes() == offered, name  # the offered file is only read
    assert current.read_bytes() == before
    assert list_backups(data_dir) == backups_before


def test_restore_is_refused_while_the_collection_is_open(data_dir: Path) -> None:
    good = newest_backup(data_dir)
    assert good is not None
    with Collection.open(data_dir), pytest.raises(CollectionLockedError, match="close it first"):
        restore_backup(data_dir, good.path)


def test_restore_over_an_unreadable_collection_sets_its_bytes_aside(
    data_dir: Path, clock: FakeClock
) -> None:
    good = newest_backup(data_dir)
    assert good is not None
    current = database_path(data_dir)
    damaged = b"this was the collection\n" * 500
    current.write_bytes(damaged)
    saved = restore_backup(data_dir, good.path, clock=clock)
    assert saved is not None and saved.cards is None
    assert saved.path.parent == backup_dir(data_dir) / "set-aside"
    assert saved.path.read_bytes() == damaged
    assert integrity(current) == ["ok"]
    assert saved.path not in [b.path for b in list_backups(data_dir)]


# -- the CLI ------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_backup_backups_and_restore(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backup")
    assert code == 0 and out.startswith("backed up to ") and "-manual.sqlite3" in out
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backups")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == f"2 backups in {data_dir / 'backups'}"
    assert "manual" in lines[0] and "close" in lines[1] and " cards " in lines[0]
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "backups", "--json")
    listed = json.loads(out)
    assert [item["reason"] for item in listed] == ["manual", "close"]
    assert set(listed[0]) == {"path", "created", "reason", "cards", "reviews", "size"}
    # A bare file name is looked up in the backups folder.
    code, out, err = run(
        capsys, "--data-dir", str(data_dir), "restore", Path(listed[1]["path"]).name
    )
    assert code == 0, err
    assert out.splitlines()[0].startswith("restored ")
    assert "the collection it replaced is saved as " in out


def test_cli_restore_of_a_foreign_file_is_one_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "holiday.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(4000))
    before = database_path(data_dir).read_bytes()
    code, out, err = run(capsys, "--data-dir", str(data_dir), "restore", str(junk))
    assert code == 1 and out == ""
    assert err == (
        f"flashcards: error: cannot restore: {junk}: not a Flashcards collection "
        "(not an SQLite database)\n"
    )
    assert database_path(data_dir).read_bytes() == before
    code, _, err = run(capsys, "--data-dir", str(data_dir), "restore", str(tmp_path / "nope"))
    assert code == 1 and err.count("\n") == 1 and "no such file" in err


def test_cli_backup_without_a_collection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "none"), "backup")
    assert code == 1 and "nothing to back up" in err
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "none"), "backups")
    assert code == 0 and out.startswith("0 backups in ")
