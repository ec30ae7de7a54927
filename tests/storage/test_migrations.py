"""Migrations: each step from a database of the version before; the result matches the models."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from flashcards.storage.database import DatabaseError, open_database
from flashcards.storage.migrations import (
    MIGRATIONS,
    SCHEMA_VERSION,
    NewerSchemaError,
    current_version,
    migrate,
)
from flashcards.storage.models import Base


def _columns(path: Path) -> dict[str, set[str]]:
    engine = create_engine(f"sqlite:///{path}")
    inspector = inspect(engine)
    result = {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}
    engine.dispose()
    return result


def test_fresh_database_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    db.close()
    columns = _columns(tmp_path / "c.db")
    for table in Base.metadata.sorted_tables:
        assert columns[table.name] == {c.name for c in table.columns}, table.name


@pytest.mark.parametrize("step", MIGRATIONS[1:], ids=lambda m: f"v{m.version}")
def test_each_step_from_the_version_before(tmp_path: Path, step) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=step.version - 1)
    assert current_version(connection) == step.version - 1
    connection.execute(
        "INSERT INTO decks VALUES (1, 'k8s', 'K8s', '', NULL, '', '', 'bundled', NULL, 1, 0)"
    )
    connection.execute(
        "INSERT INTO notes VALUES (1, 1, 'pod', 1, 'Pod 是什么', '', '最小部署单元', '', "
        "NULL, NULL, 3, 0, 'h', 0)"
    )
    connection.execute(
        "INSERT INTO cards VALUES (1, 1, 1, 0, 'basic', 0, 2, 6, 250, 740006, NULL, NULL, 0, 0)"
    )
    connection.close()

    db = open_database(path)
    assert db.wait_for_search_index(timeout=10)
    db.close()
    connection = sqlite3.connect(path)
    assert current_version(connection) == SCHEMA_VERSION
    assert connection.execute("SELECT interval, easiness_cents, due FROM cards").fetchone() == (
        6,
        250,
        740006,
    )
    # The search index covers notes that existed before it was created.
    hits = connection.execute(
        "SELECT rowid FROM notes_fts WHERE notes_fts MATCH '\"部署单\"'"
    ).fetchall()
    assert hits == [(1,)]
    connection.close()


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer than this Flashcards supports"):
        open_database(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"\0" * 8192, b"hello, this is not a database" * 100])
def test_foreign_files_give_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(content)
    if content == b"":
        # An empty file is a new, empty SQLite database: it is simply initialised.
        open_database(path).close()
        return
    with pytest.raises(DatabaseError, match=r"not a (usable )?Flashcards"):
        open_database(path)
    assert path.read_bytes() == content


def test_durability_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    with db.unit_of_work() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()
