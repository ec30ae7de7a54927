"""A full disk or a read-only data dir: the failed answer leaves the collection and the study
session exactly as they were, and the user is told in one line."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flashcards.cli import main
from flashcards.services.collection import Collection
from flashcards.services.errors import ReadOnlyError, StorageError, StorageFullError
from flashcards.services.paths import database_path
from flashcards.services.study import StudySession
from flashcards.storage import cards as card_store
from flashcards.storage.database import open_database
from tests.helpers import FakeClock
from tests.safety.read_only_child import run_checks

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def collection(data_dir: Path, clock: FakeClock) -> Iterator[Collection]:
    opened = Collection.open(data_dir, clock=clock)
    yield opened
    opened.close()


def _rows(path: Path) -> tuple[list[Any], ...]:
    """Every card, review and setting, read through a connection of its own."""
    connection = sqlite3.connect(path)
    try:
        return tuple(
            connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("cards", "reviews", "settings")
        )
    finally:
        connection.close()


def _state(session: StudySession) -> tuple[Any, ...]:
    summary = session.summary
    return (
        session.queue.cards,
        session.remaining(),
        (summary.answered, summary.again, summary.passed, summary.new_learned),
        session.can_undo,
        session.current(),
    )


def _fail_after_writing(monkeypatch: pytest.MonkeyPatch, message: str) -> None:
    """The review is written inside the transaction, then the disk refuses."""
    write_review = card_store.write_review

    def failing(*args: Any, **kwargs: Any) -> int:
        write_review(*args, **kwargs)
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(card_store, "write_review", failing)


@pytest.mark.parametrize(
    ("message", "error_type", "wording"),
    [
        ("database or disk is full", StorageFullError, "the disk is full"),
        ("attempt to write a readonly database", ReadOnlyError, "is read-only"),
        ("disk I/O error", StorageError, "cannot write"),
    ],
)
def test_a_refused_answer_changes_nothing(
    collection: Collection,
    monkeypatch: pytest.MonkeyPatch,
    message: str,
    error_type: type[StorageError],
    wording: str,
) -> None:
    session = StudySession(collection, seed=5)
    session.answer(1, answer_ms=800)
    session.answer(4, answer_ms=800)
    path = database_path(collection.data_dir)
    rows, state = _rows(path), _state(session)

    with monkeypatch.context() as patch:
        _fail_after_writing(patch, message)
        with pytest.raises(error_type) as caught:
            session.answer(4, answer_ms=800)
    assert type(caught.value) is error_type
    assert wording in str(caught.value) and "\n" not in str(caught.value)
    assert "unchanged" in str(caught.value)
    assert _rows(path) == rows
    assert _state(session) == state

    # The disk has room again: the same card is answered, and undo still takes back the answer
    # before the failure.
    card = session.queue.peek()
    outcome = session.answer(4, answer_ms=800)
    assert outcome.card_id == card
    assert session.undo() == card
    assert session.undo() is not None
    assert len(_rows(path)[1]) == len(rows[1]) - 1


def test_a_really_full_database_refuses_the_answer_that_does_not_fit(
    collection: Collection,
) -> None:
    # SQLite's own SQLITE_FULL: the file may not grow past its current pages.
    raw = collection.database.engine.raw_connection()
    try:
        pages = raw.driver_connection.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[union-attr]
        raw.driver_connection.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[union-attr]
    finally:
        raw.close()
    path = database_path(collection.data_dir)
    session = StudySession(collection, seed=8)
    for _ in range(5000):
        rows, state = _rows(path), _state(session)
        try:
            session.answer(1, answer_ms=500)
        except StorageFullError as error:
            assert "the disk is full" in str(error)
            break
    else:
        pytest.fail("the database never filled up")
    assert _rows(path) == rows
    assert _state(session) == state


def test_an_answer_on_a_file_that_became_read_only(data_dir: Path, clock: FakeClock) -> None:
    collection = Collection.open(data_dir, clock=clock)
    session = StudySession(collection, seed=4)
    session.answer(3, answer_ms=700)
    path = database_path(data_dir)
    rows, state = _rows(path), _state(session)
    # The same file through a read-only connection: SQLite itself refuses the write.
    writable = collection.database
    collection.database = open_database(path, read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            session.answer(4, answer_ms=700)
        with pytest.raises(ReadOnlyError):
            collection.update_settings(new_per_day=3)
    finally:
        collection.database.close()
        collection.database = writable
    assert _rows(path) == rows
    assert _state(session) == state
    session.answer(4, answer_ms=700)
    collection.close()


def test_the_cli_says_the_disk_is_full_in_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = database_path(data_dir)
    rows = _rows(path)
    _fail_after_writing(monkeypatch, "database or disk is full")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n3\n" * 3))
    code = main(["--data-dir", str(data_dir), "review", "--no-sync", "--seed", "1"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("flashcards: error: the disk is full") and err.count("\n") == 1
    assert _rows(path) == rows


# -- a read-only data dir, for real ---------------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_read_only(found: dict[str, Any], data_dir: Path) -> None:
    assert found["open"].startswith("ReadOnlyError: cannot write to the data dir ")
    for name in ("review", "sync"):
        code, out, err = found[name]
        assert code == 1, (name, out, err)
        assert err.count("\n") == 1 and "cannot write to the data dir" in err, (name, err)
        assert "read-only commands (stats, check, search, show) still work" in err
    for name in ("stats", "search", "show", "backups"):
        code, out, err = found[name]
        assert code == 0, (name, out, err)
    assert "Cards: " in found["stats"][1]
    assert "redis/redis-default-port" in found["search"][1]


def test_a_read_only_data_dir(data_dir: Path) -> None:
    """Root ignores permissions, so as root the folder is made a read-only bind mount in a
    private mount namespace (``unshare``); elsewhere chmod does it."""
    path = database_path(data_dir)
    before = _digest(path)
    if os.geteuid() != 0:
        data_dir.chmod(0o555)
        try:
            found = run_checks(data_dir)
        finally:
            data_dir.chmod(0o755)
    else:
        if shutil.which("unshare") is None or shutil.which("mount") is None:
            pytest.skip("root without unshare/mount cannot make a folder read-only")
        script = (
            'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && '
            'exec "$2" -m tests.safety.read_only_child "$1"'
        )
        result = subprocess.run(
            [
                *("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh"),
                str(data_dir),
                sys.executable,
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=120,
            check=False,
        )
        if result.returncode != 0 and not result.stdout:
            pytest.skip(f"no read-only bind mount here (no CAP_SYS_ADMIN?): {result.stderr}")
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
    _check_read_only(found, data_dir)
    assert _digest(path) == before
