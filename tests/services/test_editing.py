"""Editing a note in place: exact slices, untouched bytes, refusals, and kept review history."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flashcards.services.collection import Collection
from flashcards.services.editing import (
    FileChangedError,
    NoteNotFoundError,
    NoteParseError,
    ReadOnlyDeckError,
    check_note,
    is_bundled,
    read_note,
    save_note,
)
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.storage.models import Note, ReviewLog

DECK = """---
id: net
title: Networking
---

Intro text that is not a note.

## Which port does HTTPS use?
<!-- id: https-port; tags: ports -->

443

## What does DNS resolve?

Names to addresses.

```text
example.com -> 93.184.216.34
```

## Complete: TCP is {{c1::connection-oriented}}, UDP is {{c2::connectionless}}.

Both are transport protocols.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "decks"
    path.mkdir()
    return path


def sources(folder: Path) -> list[DeckSource]:
    return [DeckSource("user", folder)]


def write(folder: Path, text: str, *, newline: str = "\n", bom: bool = False) -> Path:
    path = folder / "net.md"
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def note_id(col: Collection, key_start: str) -> int:
    with col.database.reading() as session:
        found = session.scalar(select(Note.id).where(Note.key.startswith(key_start)))
    assert found is not None
    return found


def synced(col: Collection, folder: Path) -> Collection:
    report = sync_decks(col, sources(folder))
    assert not report.errors, report.errors
    return col


def test_read_note_gives_the_exact_slice(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK)
    col = synced(collection, folder)
    source = read_note(col, note_id(col, "https-port"))
    assert (
        source.text
        == "## Which port does HTTPS use?\n<!-- id: https-port; tags: ports -->\n\n443\n"
    )
    assert (source.line, source.end_line, source.newline) == (8, 11, "\n")
    assert path.read_bytes()[source.byte_start : source.byte_end] == source.text.encode()
    assert not source.read_only
    assert (source.deck_key, source.deck_title, source.note_key) == (
        "net",
        "Networking",
        "https-port",
    )


def test_save_changes_only_the_note_and_keeps_its_history(
    collection: Collection, folder: Path
) -> None:
    path = write(folder, DECK)
    col = synced(collection, folder)
    dns = note_id(col, "~what does dns")
    [card_id] = col.note_cards(dns)
    session = StudySession(col, seed=1)
    while not session.finished:
        session.answer(5)
    before = path.read_bytes()
    source = read_note(col, dns)
    edited = source.text.replace("Names to addresses.", "Host names to IP addresses.")
    result = save_note(col, source, edited, sources=sources(folder))

    after = path.read_bytes()
    assert after == before.replace(b"Names to addresses.", b"Host names to IP addresses.")
    assert result.source is not None and result.source.note_id == dns
    assert result.source.text == edited
    assert [d.edited for d in result.report.decks] == [1]
    content = col.card_content(card_id)
    assert content is not None and content.back.startswith("Host names to IP addresses.")
    with col.database.reading() as s:
        assert s.scalar(select(func.count()).where(ReviewLog.card_id == card_id)) == 1
    schedule = col.card_schedule(card_id)
    assert schedule is not None and schedule.due is not None  # still scheduled, not new again
    assert not list(folder.glob(".*.tmp"))  # the temp file was renamed over the deck


def test_rewording_a_prompt_keeps_the_note(collection: Collection, folder: Path) -> None:
    write(folder, DECK)
    col = synced(collection, folder)
    dns = note_id(col, "~what does dns")
    source = read_note(col, dns)
    reworded = source.text.replace("What does DNS resolve?", "What does DNS resolve, mostly?")
    result = save_note(col, source, reworded, sources=sources(folder))
    assert result.source is not None and result.source.note_id == dns
    assert result.source.text.startswith("## What does DNS resolve, mostly?")


def test_crlf_and_bom_survive(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK, newline="\r\n", bom=True)
    col = synced(collection, folder)
    source = read_note(col, note_id(col, "https-port"))
    assert source.newline == "\r\n"
    assert "\r" not in source.text
    before = path.read_bytes()
    save_note(col, source, source.text.replace("443", "443 (TCP)"), sources=sources(folder))
    after = path.read_bytes()
    assert after == before.replace(b"443\r\n", b"443 (TCP)\r\n")
    assert after.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")  # no bare LF crept in


def test_a_note_at_the_end_without_a_final_newline(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK.rstrip("\n"))
    col = synced(collection, folder)
    source = read_note(col, note_id(col, "~complete"))
    assert not source.text.endswith("\n")
    save_note(col, source, source.text + "\n\n\n", sources=sources(folder))  # blank lines trimmed
    assert path.read_bytes() == DECK.rstrip("\n").encode()


def test_a_file_changed_on_disk_is_not_overwritten(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK)
    col = synced(collection, folder)
    source = read_note(col, note_id(col, "https-port"))
    changed = DECK.replace("Names to addresses.", "Changed elsewhere.")
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(FileChangedError, match="changed on disk"):
        save_note(col, source, source.text.replace("443", "8443"), sources=sources(folder))
    assert path.read_text(encoding="utf-8") == changed


def test_a_broken_note_is_refused_with_diagnostics(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK)
    col = synced(collection, folder)
    source = read_note(col, note_id(col, "https-port"))
    before = path.read_bytes()
    with pytest.raises(NoteParseError) as caught:
        save_note(
            col, source, "## Which port does HTTPS use?\n\n{{c1::443\n", sources=sources(folder)
        )
    assert caught.value.diagnostics
    assert all(d.line >= source.line for d in caught.value.diagnostics)
    with pytest.raises(NoteParseError, match="heading"):
        save_note(col, source, "No heading any more\n", sources=sources(folder))
    with pytest.raises(NoteParseError, match="no answer"):
        save_note(col, source, "## Only a prompt\n", sources=sources(folder))
    assert path.read_bytes() == before


def test_check_note_reports_new_problems_elsewhere(collection: Collection, folder: Path) -> None:
    write(folder, DECK)
    col = synced(collection, folder)
    dns = read_note(col, note_id(col, "~what does dns"))
    # Giving the DNS note the id of an earlier note makes the later one the duplicate.
    draft = check_note(
        dns,
        dns.text.replace(
            "## What does DNS resolve?\n", "## What does DNS resolve?\n<!-- id: https-port -->\n"
        ),
    )
    assert not draft.ok
    assert "duplicate note id" in draft.errors[0].message
    fine = check_note(dns, dns.text + "\n## A second note\n\nSplitting a note is fine.\n")
    assert fine.ok and [n.prompt for n in fine.notes] == ["What does DNS resolve?", "A second note"]


def test_bundled_decks_are_read_only(
    collection: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr("flashcards.services.editing.bundled_decks_dir", lambda: bundled)
    path = write(bundled, DECK)
    sync_decks(collection, [DeckSource("bundled", bundled)])
    source = read_note(collection, note_id(collection, "https-port"))
    assert source.read_only and is_bundled(path)
    assert "copy" in source.read_only_reason.lower()
    with pytest.raises(ReadOnlyDeckError, match="bundled deck"):
        save_note(collection, source, source.text.replace("443", "444"))
    assert path.read_text(encoding="utf-8") == DECK


def test_a_note_gone_from_its_file_is_reported(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK)
    col = synced(collection, folder)
    https = note_id(col, "https-port")
    path.write_text(DECK.split("## Which port")[0] + "## Other\n\nx\n", encoding="utf-8")
    with pytest.raises(NoteNotFoundError, match=r"no longer in net\.md"):
        read_note(col, https)
    with pytest.raises(NoteNotFoundError):
        read_note(col, 999_999)


def test_file_mode_is_kept(collection: Collection, folder: Path) -> None:
    path = write(folder, DECK)
    os.chmod(path, 0o640)
    col = synced(collection, folder)
    source = read_note(col, note_id(col, "https-port"))
    save_note(col, source, source.text.replace("443", "443/tcp"), sources=sources(folder))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
