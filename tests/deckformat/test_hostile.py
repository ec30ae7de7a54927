"""Hostile input: never a traceback, always a diagnostic with a line, and never slow."""

from __future__ import annotations

import io
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.deckformat import (
    MAX_DECK_BYTES,
    ParsedDeck,
    assign_ids,
    check_paths,
    parse_deck,
    read_deck,
    read_deck_bytes,
)
from flashcards.deckformat import files as deck_files_module
from tests.deckformat.util import HEADER, diags, generated_deck


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        (
            HEADER.encode() + b"## Q\n\nA \xe9t\xe9\n",
            7,
            "not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        ),
        (b"\xff\xfe-\x00-\x00-\x00", 1, "not valid UTF-8 (byte 0xff); save the file as UTF-8"),
        (
            HEADER.encode() + b"## Q\n\xe4\xb8",
            6,
            "not valid UTF-8 (byte 0xe4); save the file as UTF-8",
        ),
        (HEADER.encode("utf-16"), 1, "not valid UTF-8 (byte 0xff); save the file as UTF-8"),
        (HEADER.encode() + b"## Q\n\nA\x00B\n", 7, "NUL byte: this is not a text file"),
        (b"", 1, "empty file: a deck starts with front matter holding 'id' and 'title'"),
        (b" \n\r\n\t\n", 1, "empty file: a deck starts with front matter holding 'id' and 'title'"),
        (
            b"\xef\xbb\xbf",
            1,
            "empty file: a deck starts with front matter holding 'id' and 'title'",
        ),
    ],
)
def test_undecodable_and_empty_files(data: bytes, line: int, message: str) -> None:
    deck = parse_deck(data, "x.md")
    assert diags(deck) == [(line, "error", message)]
    assert deck.header is None
    assert deck.notes == ()


@pytest.mark.parametrize("seed", range(8))
def test_binary_junk_is_an_error_not_a_traceback(seed: int) -> None:
    junk = random.Random(seed).randbytes(50_000)
    deck = parse_deck(junk, "junk.md")
    assert not deck.ok
    assert all(d.line >= 1 for d in deck.diagnostics)


def test_junk_that_happens_to_be_utf8_text() -> None:
    rng = random.Random(7)
    text = "".join(
        chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x4E00, 0x9FFF), 10]))
        for _ in range(50_000)
    )
    deck = parse_deck(text.encode(), "junk.md")
    assert diags(deck)[0] == (
        1,
        "error",
        "missing front matter: a deck file starts with a '---' line",
    )


def test_ten_thousand_levels_of_nested_lists_and_quotes() -> None:
    one_line = "- " * 10_000 + "deep\n" + "> " * 10_000 + "quoted\n" + "1. " * 10_000 + "n\n"
    indented = "".join(" " * (2 * i) + "- level\n" for i in range(2_000))
    deck = parse(one_line + "\n" + indented)
    assert deck.diagnostics == ()
    (note,) = deck.notes
    assert note.back.startswith("- - - ")
    assert note.end_line == 5 + 1 + 3 + 1 + 2_000


def parse(body: str) -> ParsedDeck:
    return parse_deck((HEADER + "## Q\n\n" + body).encode(), "deep.md")


def test_pathological_lines_stay_linear() -> None:
    started = time.perf_counter()
    cases = [
        # Unterminated clozes on one line: core.cloze.scan_clozes is quadratic in this case
        # (each open searches to the end of the line), so only a few thousand here.
        "{{c1::" * 3_000 + "\n",
        "<!--" + " -->x" * 200_000 + "\n",  # a comment that never ends on its line
        "```a`\n" * 100_000,  # inline code, never a fence
        "## \n" * 20_000,  # many empty notes
        "x" * 5_000_000,  # one long line without a newline
        "~~~\n" * 100_001,  # fences closing each other, the last one unclosed
    ]
    results = [parse_deck((HEADER + "## Q\n\nA\n" + body).encode(), "p.md") for body in cases]
    assert time.perf_counter() - started < 20  # quadratic behaviour would take hours
    assert len(results[0].errors) == 3_000
    assert results[1].ok and results[2].ok and results[4].ok
    assert len(results[3].notes) == 20_001
    assert diags(results[5]) == [(100_008, "error", "unclosed code fence '~~~'")]


def test_over_limit_file_is_an_error_and_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(MAX_DECK_BYTES + 1)  # sparse: cheap to make
    read_sizes: list[int] = []
    real_open = open

    def spying_open(name: str, mode: str = "r") -> io.BufferedReader:
        handle = real_open(name, mode)
        real_read = handle.read

        def read(size: int = -1) -> bytes:
            read_sizes.append(size)
            return real_read(size)

        handle.read = read  # type: ignore[method-assign]
        return handle  # type: ignore[return-value]

    monkeypatch.setattr(deck_files_module, "open", spying_open, raising=False)
    expected = (
        f"file is too large: a deck file may hold at most {MAX_DECK_BYTES} bytes "
        f"(this one has {MAX_DECK_BYTES + 1})"
    )
    assert diags(read_deck(path)) == [(1, "error", expected)]
    assert read_sizes == []
    report = check_paths([path])
    assert report.has_errors
    assert report.to_json()["errors"] == [{"path": str(path), "line": 1, "message": expected}]


def test_a_file_growing_past_the_limit_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.md"
    path.write_bytes(b"x")

    class Info:  # stat says the file is empty; it has grown since
        st_size = 0
        st_mode = 0o100644

    monkeypatch.setattr(deck_files_module.os, "fstat", lambda fd: Info())
    monkeypatch.setattr(deck_files_module, "MAX_DECK_BYTES", 0)
    data, problem = read_deck_bytes(path)
    assert data is None
    assert problem is not None
    assert problem.message == "file is too large: a deck file may hold at most 0 bytes"


def test_a_file_just_under_the_limit_parses(tmp_path: Path) -> None:
    body = "Answer line with some text in it, and more text.\n" * 80 + "{{c1::hole}}\n"
    note = "## Question {n}\n<!-- source: s -->\n\n" + body + "\n"
    head = HEADER + "\n"
    per_note = len(note.replace("{n}", "10000").encode())
    count = (MAX_DECK_BYTES - len(head) - 1_000) // per_note
    text = head + "".join(note.replace("{n}", str(10_000 + i)) for i in range(count))
    data = text.encode()
    assert MAX_DECK_BYTES - 100_000 < len(data) <= MAX_DECK_BYTES
    path = tmp_path / "big.md"
    path.write_bytes(data)
    deck = read_deck(path)
    assert deck.diagnostics == ()
    assert len(deck.notes) == count
    assert deck.notes[-1].cloze_numbers == (1,)


def test_generated_benchmark_deck_parses_exactly() -> None:
    deck = parse_deck(generated_deck(3, 400).encode(), "bench.md")
    assert deck.diagnostics == ()
    assert len(deck.notes) == 400
    kinds = [
        (n.has_code, n.cloze_numbers, n.code_cloze_numbers, bool(n.front)) for n in deck.notes[:4]
    ]
    assert kinds == [
        (False, (), (), False),
        (True, (1,), (1,), False),
        (False, (), (), True),
        (False, (1, 2, 3), (), False),
    ]


# --- properties -------------------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "\n",
        "\r\n",
        "---",
        "## ",
        "#",
        "```",
        "~~~",
        "````",
        "<!--",
        "-->",
        "id:",
        ";",
        " ",
        "{{c1::",
        "{{c0::",
        "}}",
        "::",
        "a",
        "中",
        "\t",
        "   ",
        "&a",
        "*a",
        "[",
        "]",
        "\ufeff",
    ]
)
FRONT = st.sampled_from(
    ["", HEADER, "---\n", "---\nid: x\ntitle: [\n---\n", "---\nid: &a x\n---\n"]
)
QUICK = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.text())
def test_parse_never_raises_on_text(text: str) -> None:
    deck = parse_deck(text, "t.md")
    assert all(d.line >= 1 for d in deck.diagnostics)


@QUICK
@given(st.binary())
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    parse_deck(data, "b.md")


@QUICK
@given(FRONT, st.lists(TOKENS, max_size=60))
def test_markdown_like_soup_parses_and_ids_are_idempotent(front: str, tokens: list[str]) -> None:
    text = front + "".join(tokens)
    deck = parse_deck(text, "s.md")
    lines = text.split("\n")
    for note in deck.notes:
        assert 1 <= note.line <= note.end_line <= len(lines)
        assert text[note.start : note.end].lstrip(" ").startswith("##")
    with_ids, _ = assign_ids(text)
    assert assign_ids(with_ids) == (with_ids, 0)
    assert [n.prompt for n in parse_deck(with_ids, "s.md").notes] == [n.prompt for n in deck.notes]
