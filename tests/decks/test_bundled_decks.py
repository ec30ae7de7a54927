"""The bundled decks: valid code and config in every card, and the sizes the product promises."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from flashcards.core.cloze import reveal
from flashcards.deckformat import check_paths, deck_files, parse_deck

DECKS = Path(__file__).resolve().parents[2] / "decks"
REQUIRED = ("devops", "kubernetes-objects", "database-types", "security", "caching")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)")
SOURCE = re.compile(r"^\d{3}:L\d+(-\d+)?(, ?\d{3}:L\d+(-\d+)?)*$")


def code_blocks(markdown: str) -> Iterator[tuple[str, str]]:
    """(language, code) of every fenced block."""
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, language = match.group(1), match.group(2).lower()
        body: list[str] = []
        index += 1
        while index < len(lines):
            closing = lines[index].strip()
            if closing.startswith(fence[0] * len(fence)) and set(closing) == {fence[0]}:
                break
            body.append(lines[index])
            index += 1
        index += 1
        yield language, "\n".join(body)


def all_notes() -> list[tuple[str, object]]:
    notes = []
    for path in deck_files([DECKS]):
        deck = parse_deck(path.read_bytes(), str(path))
        notes.extend((f"{path.name}:{note.line}", note) for note in deck.notes)
    return notes


NOTES = all_notes()


@pytest.mark.parametrize(("where", "note"), NOTES, ids=[w for w, _ in NOTES])
def test_code_and_config_in_the_card_is_valid(where: str, note) -> None:
    text = reveal("\n\n".join((note.prompt, note.front, note.back)))
    for language, code in code_blocks(text):
        if language in ("yaml", "yml"):
            documents = [d for d in yaml.safe_load_all(code) if d is not None]
            for document in documents:
                if isinstance(document, dict) and "kind" in document:
                    assert document.get("apiVersion"), f"{where}: manifest without apiVersion"
                    metadata = document.get("metadata") or {}
                    assert isinstance(metadata, dict) and metadata.get("name"), (
                        f"{where}: manifest without metadata.name"
                    )
        elif language == "json":
            json.loads(code)
        elif language in ("python", "py"):
            ast.parse(code)


def test_every_note_names_its_source_and_id() -> None:
    for where, note in NOTES:
        assert note.note_id, f"{where}: no explicit id"
        assert note.source and SOURCE.match(note.source), f"{where}: source {note.source!r}"


def test_sizes_the_product_promises() -> None:
    report = check_paths([DECKS]).to_json()
    assert report["errors"] == [] and report["warnings"] == []
    decks = {d["id"]: d for d in report["decks"]}
    assert len(decks) >= 10
    assert sum(d["notes"] for d in decks.values()) >= 600
    for deck_id in REQUIRED:
        assert decks[deck_id]["notes"] >= 60, deck_id
    notes_with_code = sum(1 for _, note in NOTES if note.has_code)
    assert notes_with_code >= 100
    assert sum(d["code_cloze_cards"] for d in decks.values()) >= 20
    assert all(d["missing_source"] == 0 for d in decks.values())


def test_every_deck_has_a_description_and_chinese_language() -> None:
    for path in deck_files([DECKS]):
        header = parse_deck(path.read_bytes(), str(path)).header
        assert header is not None, path
        assert header.description.strip(), f"{path.name}: no description"
        assert header.lang == "zh-CN", f"{path.name}: lang {header.lang!r}"


def test_no_literal_password_hash_on_any_card() -> None:
    # ERRATA: the source document's example hashes are wrong; cards carry none.
    md5_like = re.compile(r"\b[0-9a-f]{32}\b")
    for where, note in NOTES:
        assert not md5_like.search(note.front + note.back), where
