"""Deck sync keeps review history through edits, renames, moves, deletions and restores."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from flashcards.deckformat import write_ids
from flashcards.services.collection import Collection
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.storage.models import Card, Note
from tests.helpers import FakeClock

HEADER = "---\nid: {id}\ntitle: {title}\n---\n\n"


def deck_text(deck_id: str, notes: list[str], title: str = "K8s") -> str:
    return HEADER.format(id=deck_id, title=title) + "\n".join(notes)


POD = "## Pod 是什么？\n\n最小的部署单元。\n"
SVC = "## Service 的作用是什么？\n\n为一组 Pod 提供稳定的访问入口。\n"
DEP = "## Deployment 管理什么？\n<!-- id: dep -->\n\nReplicaSet 和滚动更新。\n"
CLOZE = "## 端口\n\n```yaml\nports:\n  - {{c1::port: 80}}\n    {{c2::targetPort: 8080}}\n```\n"


def states(col: Collection) -> dict[str, tuple[int, int | None, bool]]:
    """Note key -> (repetitions, due, retired) of its first card."""
    with col.database.reading() as session:
        rows = session.execute(
            select(Note.key, Card.repetitions, Card.due, Card.retired)
            .join(Card, Card.note_id == Note.id)
            .order_by(Card.ordinal)
        ).all()
    result: dict[str, tuple[int, int | None, bool]] = {}
    for key, reps, due, retired in rows:
        result.setdefault(key, (reps, due, bool(retired)))
    return result


def study_all(col: Collection) -> None:
    session = StudySession(col, seed=1)
    while not session.finished:
        session.answer(5)


def test_edit_rename_move_delete_restore_keeps_history(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    source = [DeckSource("user", folder)]
    (folder / "k8s.md").write_text(deck_text("k8s", [POD, SVC, DEP]), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    report = sync_decks(col, source)
    assert report.totals()["added"] == 3
    study_all(col)
    studied = states(col)
    assert all(reps == 1 for reps, _, _ in studied.values())

    # 1. Fix a typo in a prompt: matched by similarity, history kept.
    edited_pod = POD.replace("Pod 是什么？", "Pod 是什么东西？")
    (folder / "k8s.md").write_text(deck_text("k8s", [edited_pod, SVC, DEP]), encoding="utf-8")
    report = sync_decks(col, source)
    assert report.totals() == {"added": 0, "edited": 1, "moved": 0, "removed": 0, "restored": 0}
    assert sorted(v for v in states(col).values()) == sorted(studied.values())

    # 2. Rename the file and reorder the notes: same deck id, nothing lost.
    (folder / "k8s.md").unlink()
    (folder / "kubernetes.md").write_text(
        deck_text("k8s", [DEP, SVC, edited_pod]), encoding="utf-8"
    )
    report = sync_decks(col, source)
    totals = report.totals()
    assert totals["added"] == 0 and totals["removed"] == 0 and totals["moved"] >= 1
    assert sorted(states(col).values()) == sorted(studied.values())

    # 3. Cut the Deployment note out, then paste it back at the end.
    (folder / "kubernetes.md").write_text(deck_text("k8s", [SVC, edited_pod]), encoding="utf-8")
    report = sync_decks(col, source)
    assert report.totals()["removed"] == 1
    assert states(col)["dep"][2] is True  # retired, history kept
    (folder / "kubernetes.md").write_text(
        deck_text("k8s", [SVC, edited_pod, DEP]), encoding="utf-8"
    )
    report = sync_decks(col, source)
    assert report.totals()["restored"] == 1
    assert states(col)["dep"] == (studied["dep"][0], studied["dep"][1], False)

    # 4. Delete a note: retired and hidden from study.
    (folder / "kubernetes.md").write_text(deck_text("k8s", [edited_pod, DEP]), encoding="utf-8")
    sync_decks(col, source)
    svc_key = next(k for k in states(col) if "service" in k)
    assert states(col)[svc_key][2] is True
    clock.advance(days=30)
    session = StudySession(col, seed=2)
    assert len(session.queue) == 2

    # 5. It comes back: resumes where it was.
    (folder / "kubernetes.md").write_text(
        deck_text("k8s", [edited_pod, SVC, DEP]), encoding="utf-8"
    )
    report = sync_decks(col, source)
    assert report.totals()["restored"] == 1
    assert sorted(states(col).values()) == sorted(studied.values())
    col.close()


def test_explicit_ids_written_later_keep_history(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "k8s.md"
    path.write_text(deck_text("k8s", [POD, SVC]), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    study_all(col)
    before = sorted(states(col).values())
    assert write_ids(path) == 2
    report = sync_decks(col, [DeckSource("user", folder)])
    assert report.totals()["added"] == 0 and report.totals()["removed"] == 0
    assert sorted(states(col).values()) == before
    assert all(not key.startswith("~") for key in states(col))
    col.close()


def test_broken_file_keeps_its_cards_and_others_sync(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a.md").write_text(deck_text("a", [POD]), encoding="utf-8")
    (folder / "b.md").write_text(deck_text("b", [SVC]), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    (folder / "a.md").write_text(
        deck_text("a", [POD, "## 坏的\n\n```yaml\nx: 1\n"]), encoding="utf-8"
    )
    (folder / "b.md").write_text(deck_text("b", [SVC, DEP]), encoding="utf-8")
    report = sync_decks(col, [DeckSource("user", folder)])
    assert [(Path(d.path).name, d.line) for d in report.errors] == [
        ("a.md", 12)
    ]  # the opening fence
    assert "unclosed" in report.errors[0].message
    keys = states(col)
    assert "dep" in keys and len([k for k, v in keys.items() if not v[2]]) == 3
    # The error is still reported while the file stays broken and unchanged.
    again = sync_decks(col, [DeckSource("user", folder)])
    assert len(again.errors) == 1 and again.unchanged_files == 2
    col.close()


def test_duplicate_deck_id_is_an_error_and_first_file_wins(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a.md").write_text(deck_text("same", [POD], title="A"), encoding="utf-8")
    (folder / "b.md").write_text(deck_text("same", [SVC], title="B"), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    report = sync_decks(col, [DeckSource("user", folder)])
    assert len(report.errors) == 1 and "already used by" in report.errors[0].message
    assert [d.title for d in col.decks()] == ["A"]
    col.close()


def test_unchanged_files_are_skipped_and_touch_is_cheap(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "a.md"
    path.write_text(deck_text("a", [POD, SVC]), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    assert sync_decks(col, [DeckSource("user", folder)]).unchanged_files == 1
    os.utime(path, ns=(1, 1))  # new mtime, same bytes: hashed, not parsed
    report = sync_decks(col, [DeckSource("user", folder)])
    assert report.unchanged_files == 1 and report.decks == []
    col.close()


def test_deleted_deck_file_retires_the_deck(tmp_path: Path, clock: FakeClock) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a.md").write_text(deck_text("a", [POD]), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    (folder / "a.md").unlink()
    report = sync_decks(col, [DeckSource("user", folder)])
    assert report.retired_decks == ["a"]
    assert col.decks() == []
    col.close()


def test_cloze_holes_become_cards_and_removed_holes_retire(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "a.md"
    path.write_text(deck_text("a", [CLOZE]), encoding="utf-8")
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    with col.database.reading() as session:
        cards = session.execute(select(Card.ordinal, Card.kind, Card.retired)).all()
    assert sorted(cards) == [(1, "cloze", False), (2, "cloze", False)]
    path.write_text(deck_text("a", [CLOZE.replace("{{c2::targetPort: 8080}}", "targetPort: 8080")]))
    sync_decks(col, [DeckSource("user", folder)])
    with col.database.reading() as session:
        cards = session.execute(select(Card.ordinal, Card.retired)).all()
    assert sorted(cards) == [(1, False), (2, True)]
    col.close()
