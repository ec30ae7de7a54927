"""The note editor round trip on real deck files: edit, preview, save, re-sync, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from flashcards.gui.browser.confirmation import Confirmation
from flashcards.gui.editor import ExternalEditor, NoteEditorDialog
from flashcards.services.collection import Collection
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.storage.models import Note, ReviewLog

DECK = """---
id: net
title: Networking
---

An introduction the editor never touches.

## Which port does HTTPS use?
<!-- id: https-port -->

443

## What does DNS resolve?

Names to **addresses**.

## Complete: TCP is {{c1::connection-oriented}}, UDP is {{c2::connectionless}}.

Both are transport protocols.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "decks"
    path.mkdir()
    return path


def open_editor(qtbot, collection: Collection, folder: Path, key: str) -> NoteEditorDialog:
    with collection.database.reading() as session:
        note_id = session.scalar(select(Note.id).where(Note.key.startswith(key)))
    dialog = NoteEditorDialog(collection, note_id, sources=[DeckSource("user", folder)])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    return dialog


def synced(collection: Collection, folder: Path, data: bytes) -> Path:
    path = folder / "net.md"
    path.write_bytes(data)
    assert not sync_decks(collection, [DeckSource("user", folder)]).errors
    return path


def test_edit_preview_save_keeps_other_bytes_and_history(
    qtbot, collection: Collection, folder: Path
) -> None:
    path = synced(collection, folder, DECK.encode())
    session = StudySession(collection, seed=3)
    while not session.finished:
        session.answer(4)
    dialog = open_editor(qtbot, collection, folder, "~what does dns")
    assert dialog.editor.toPlainText() == "## What does DNS resolve?\n\nNames to **addresses**.\n"
    assert "net.md, line 13" in dialog.location.text()
    font = dialog.editor.font()
    assert QFontInfo(font).fixedPitch() or "mono" in font.family().lower()
    assert "addresses" in dialog.preview.back.view.toPlainText()

    # Live preview: typing re-renders after a short pause.
    cursor = dialog.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    dialog.editor.setTextCursor(cursor)
    with qtbot.waitSignal(dialog.preview_updated, timeout=2000):
        qtbot.keyClicks(dialog.editor, "Also reverse lookups.")
    assert "reverse lookups" in dialog.preview.back.view.toPlainText()
    assert dialog.windowTitle().endswith("*")

    note_id = dialog.note_id
    [card_id] = collection.note_cards(note_id)
    with qtbot.waitSignal(dialog.note_saved) as blocker:
        qtbot.keyClick(dialog.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [note_id]
    assert (
        path.read_bytes()
        == DECK.replace(
            "Names to **addresses**.\n", "Names to **addresses**.\nAlso reverse lookups.\n"
        ).encode()
    )
    assert not dialog.is_modified() and not dialog.windowTitle().endswith("*")
    assert "Saved" in dialog.status.text()
    content = collection.card_content(card_id)
    assert content is not None and content.back.endswith("Also reverse lookups.")
    with collection.database.reading() as s:
        assert s.scalar(select(func.count()).where(ReviewLog.card_id == card_id)) == 1

    # A second save of the same note works from the re-read file.
    dialog.editor.setPlainText(dialog.editor.toPlainText().replace("Also", "And"))
    assert dialog.save()
    assert b"And reverse lookups." in path.read_bytes()


def test_crlf_file_stays_crlf(qtbot, collection: Collection, folder: Path) -> None:
    path = synced(collection, folder, DECK.replace("\n", "\r\n").encode())
    dialog = open_editor(qtbot, collection, folder, "https-port")
    assert "\r" not in dialog.editor.toPlainText()
    dialog.editor.setPlainText(dialog.editor.toPlainText().replace("443", "443 (and 8443)"))
    assert dialog.save()
    expected = DECK.replace("443\n", "443 (and 8443)\n").replace("\n", "\r\n").encode()
    assert path.read_bytes() == expected


def test_cloze_cards_preview_one_by_one(qtbot, collection: Collection, folder: Path) -> None:
    synced(collection, folder, DECK.encode())
    dialog = open_editor(qtbot, collection, folder, "~complete")
    assert [dialog.card_choice.itemText(i) for i in range(dialog.card_choice.count())] == [
        "Cloze 1",
        "Cloze 2",
    ]
    front = dialog.preview.front.view.toPlainText()
    assert "connection-oriented" not in front and "connectionless" in front
    dialog.card_choice.setCurrentIndex(1)
    front = dialog.preview.front.view.toPlainText()
    assert "connection-oriented" in front and "connectionless" not in front


def test_a_broken_note_is_not_saved(qtbot, collection: Collection, folder: Path) -> None:
    path = synced(collection, folder, DECK.encode())
    dialog = open_editor(qtbot, collection, folder, "https-port")
    dialog.editor.setPlainText("## Which port does HTTPS use?\n\n{{c1::443\n")
    dialog.update_preview()
    assert dialog.problems.isVisible()
    assert any("net.md:" in text for text in dialog.problems.entry_texts())
    assert not dialog.save()
    assert "Not saved" in dialog.banner.text() and dialog.banner.isVisible()
    assert path.read_bytes() == DECK.encode()


def test_a_change_on_disk_is_detected(qtbot, collection: Collection, folder: Path) -> None:
    path = synced(collection, folder, DECK.encode())
    dialog = open_editor(qtbot, collection, folder, "https-port")
    # Without local edits the dialog reloads the note by itself.
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        path.write_text(DECK.replace("443", "443/tcp"), encoding="utf-8")
    assert "443/tcp" in dialog.editor.toPlainText()
    assert "Reloaded" in dialog.status.text()

    # With local edits it keeps them, warns, and refuses to overwrite the newer file.
    dialog.editor.setPlainText(dialog.editor.toPlainText() + "\nmy edit\n")
    newer = DECK.replace("443", "443 (changed elsewhere)")
    with qtbot.waitSignal(dialog._file_watch.fileChanged, timeout=5000):
        path.write_text(newer, encoding="utf-8")
    qtbot.waitUntil(dialog.reload_button.isVisible, timeout=2000)
    assert "changed on disk" in dialog.banner.text()
    assert not dialog.save()
    assert path.read_text(encoding="utf-8") == newer
    assert "my edit" in dialog.editor.toPlainText()


def test_save_refused_when_the_file_changed_unseen(
    qtbot, collection: Collection, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = synced(collection, folder, DECK.encode())
    dialog = open_editor(qtbot, collection, folder, "https-port")
    dialog._file_watch.blockSignals(True)  # as if the watcher missed it
    path.write_text(DECK.replace("Names", "Host names"), encoding="utf-8")
    dialog.editor.setPlainText(dialog.editor.toPlainText().replace("443", "444"))
    assert not dialog.save()
    assert dialog.reload_button.isVisible()
    monkeypatch.setattr(Confirmation, "ask", classmethod(lambda cls, p, t, x: True))
    dialog.reload_button.click()
    assert dialog.editor.toPlainText().endswith("443\n") and not dialog.is_modified()
    assert dialog.save()  # nothing changed: a no-op save is fine


def test_bundled_notes_are_read_only(
    qtbot, collection: Collection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr("flashcards.services.editing.bundled_decks_dir", lambda: bundled)
    (bundled / "net.md").write_text(DECK, encoding="utf-8")
    sync_decks(collection, [DeckSource("bundled", bundled)])
    dialog = open_editor(qtbot, collection, bundled, "https-port")
    assert dialog.editor.isReadOnly() and not dialog.save_button.isEnabled()
    assert "bundled deck" in dialog.banner.text() and "copy" in dialog.banner.text().lower()
    assert not dialog.save()


def test_open_in_external_editor_names_the_line(
    qtbot, collection: Collection, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = synced(collection, folder, DECK.encode())
    opened: list[tuple[Path, int]] = []
    record = classmethod(lambda cls, p, line=1: opened.append((p, line)) or True)
    monkeypatch.setattr(ExternalEditor, "open", record)
    dialog = open_editor(qtbot, collection, folder, "~what does dns")
    dialog.external_button.click()
    assert opened == [(path.resolve(), 13)]
    assert "line 13" in dialog.status.text()


def test_closing_with_unsaved_changes_asks(
    qtbot, collection: Collection, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced(collection, folder, DECK.encode())
    dialog = open_editor(qtbot, collection, folder, "https-port")
    dialog.editor.setPlainText("## Changed?\n\nYes.\n")
    answers = iter([False, True])
    monkeypatch.setattr(Confirmation, "ask", classmethod(lambda cls, p, t, x: next(answers)))
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_external_editor_command_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHCARDS_EDITOR", "code -g {path}:{line}")
    assert ExternalEditor.command(Path("/d/net.md"), 12) == ["code", "-g", "/d/net.md:12"]
    assert ExternalEditor.opens_at_line()
    monkeypatch.setenv("FLASHCARDS_EDITOR", "gedit")
    assert ExternalEditor.command(Path("/d/net.md"), 3) == ["gedit", "/d/net.md"]
    monkeypatch.delenv("FLASHCARDS_EDITOR")
    assert ExternalEditor.command(Path("/d/net.md"), 3) == []
