"""The YAML front matter: required keys, types, unknown keys, and refusing anchors and aliases."""

from __future__ import annotations

import time

import pytest

from flashcards.deckformat import DeckHeader, parse_deck
from tests.deckformat.util import diags

NOTE = "## Q\n\nA.\n"


def test_full_header() -> None:
    deck = parse_deck(
        b"---\nid: k8s-objects-2\ntitle: '  Kubernetes  '\ndescription: >\n  Two\n  lines.\n"
        b"tags: [a, b-c]\nlang: zh-Hans-CN\nreverse: true\n---\n" + NOTE.encode(),
        "h.md",
    )
    assert deck.diagnostics == ()
    assert deck.header == DeckHeader(
        id="k8s-objects-2",
        title="Kubernetes",
        description="Two lines.",
        tags=("a", "b-c"),
        lang="zh-Hans-CN",
        reverse=True,
    )


def test_minimal_header_defaults() -> None:
    deck = parse_deck(b"---\nid: x\ntitle: X\n---\n", "h.md")
    assert deck.header == DeckHeader("x", "X", "", (), None, False)
    assert deck.diagnostics == ()


def test_front_matter_fences_may_have_trailing_spaces_and_crlf() -> None:
    deck = parse_deck(b"---  \r\nid: x\r\ntitle: X\r\n--- \r\n## Q\r\nA\r\n", "h.md")
    assert deck.diagnostics == ()
    assert deck.header is not None
    assert deck.notes[0].line == 5


def test_missing_front_matter_is_an_error_and_notes_still_parse() -> None:
    deck = parse_deck(b"# Title\n\n## Q\n\n## R\n\nB.\n", "h.md")
    assert deck.header is None
    assert diags(deck) == [
        (1, "error", "missing front matter: a deck file starts with a '---' line"),
        (
            3,
            "error",
            "note has no answer: write it under the heading (or under the '---' line), "
            "or use a cloze",
        ),
    ]
    assert [n.prompt for n in deck.notes] == ["Q", "R"]


def test_unterminated_front_matter() -> None:
    deck = parse_deck(b"---\nid: x\ntitle: X\n\n## Q\n\nA.\n", "h.md")
    assert deck.header is None
    assert diags(deck) == [
        (1, "error", "front matter is not closed: add a '---' line after the header")
    ]
    assert [(n.prompt, n.line) for n in deck.notes] == [("Q", 5)]


def test_a_lone_dash_line_is_unterminated_front_matter() -> None:
    deck = parse_deck(b"---", "h.md")
    assert diags(deck) == [
        (1, "error", "front matter is not closed: add a '---' line after the header")
    ]


@pytest.mark.parametrize(
    ("yaml_text", "line", "message"),
    [
        ("id: x\ntitle: [unclosed\n", 4, "invalid YAML in the front matter: "),
        ("id: x\n  bad: indent\n", 3, "invalid YAML in the front matter: "),
        ("id: x\ntitle: X\nid: y\n", 4, "duplicate key 'id' in the front matter"),
        (
            "id: &a x\ntitle: *a\n",
            2,
            "YAML anchors and aliases are not allowed in the front matter",
        ),
        ("id: x\ntitle: !!python/object:os.system X\n", 3, "invalid YAML in the front matter: "),
        (
            "- id\n- title\n",
            1,
            "front matter must be a YAML mapping with at least 'id' and 'title'",
        ),
        ("just text\n", 1, "front matter must be a YAML mapping with at least 'id' and 'title'"),
        ("", 1, "front matter must be a YAML mapping with at least 'id' and 'title'"),
    ],
)
def test_broken_yaml_is_an_error_with_a_line(yaml_text: str, line: int, message: str) -> None:
    deck = parse_deck(f"---\n{yaml_text}---\n## Q\n\n".encode(), "h.md")
    assert deck.header is None
    (problem, note_problem) = deck.diagnostics
    assert (problem.line, problem.severity) == (line, "error")
    assert problem.message.startswith(message)
    assert note_problem.message.startswith("note has no answer")  # the body is still checked


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("title: X\n", [(1, "error", "front matter has no 'id' (e.g. id: kubernetes-objects)")]),
        ("id: x\n", [(1, "error", "front matter has no 'title'")]),
        (
            "title: X\nid: Bad--id\n",
            [
                (
                    3,
                    "error",
                    "invalid deck id 'Bad--id': use lowercase letters, digits and single hyphens",
                )
            ],
        ),
        (
            "title: X\nid: 2024\n",
            [
                (
                    3,
                    "error",
                    "invalid deck id 2024: use lowercase letters, digits and single hyphens",
                )
            ],
        ),
        ("id: x\ntitle: ''\n", [(3, "error", "'title' must be non-empty text")]),
        ("id: x\ntitle: [a]\n", [(3, "error", "'title' must be non-empty text")]),
        ("id: x\ntitle: X\ndescription: [a]\n", [(4, "error", "'description' must be text")]),
        (
            "id: x\ntitle: X\ntags: a b\n",
            [(4, "error", "'tags' must be a YAML list of words, e.g. [kubernetes, devops]")],
        ),
        (
            "id: x\ntitle: X\ntags: [a, 1]\n",
            [(4, "error", "'tags' must be a YAML list of words, e.g. [kubernetes, devops]")],
        ),
        ("id: x\ntitle: X\nreverse: 'yes'\n", [(4, "error", "'reverse' must be true or false")]),
        (
            "id: x\ntitle: X\nlang: 5\n",
            [(4, "error", "'lang' must be a language tag such as zh-CN")],
        ),
    ],
)
def test_header_key_errors(yaml_text: str, expected: list[tuple[int, str, str]]) -> None:
    deck = parse_deck(f"---\n{yaml_text}---\n{NOTE}".encode(), "h.md")
    assert deck.header is None
    assert diags(deck) == expected


def test_unknown_keys_and_odd_lang_are_warnings_and_the_header_is_kept() -> None:
    deck = parse_deck(
        b"---\nid: x\ntitle: X\nauthor: me\nlang: not a tag\n1: one\n---\n" + NOTE.encode(), "h.md"
    )
    assert deck.header is not None
    assert deck.header.lang == "not a tag"
    assert diags(deck) == [
        (1, "warning", "unknown front matter key 1"),
        (4, "warning", "unknown front matter key 'author'"),
        (5, "warning", "'lang' 'not a tag' is not a BCP 47 tag"),
    ]
    assert deck.ok


def test_billion_laughs_is_refused_fast() -> None:
    lines = ["id: x", "title: X", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    data = ("---\n" + "\n".join(lines) + "\n---\n" + NOTE).encode()
    started = time.perf_counter()
    deck = parse_deck(data, "lol.md")
    assert time.perf_counter() - started < 1.0
    assert deck.header is None
    assert diags(deck) == [
        (4, "error", "YAML anchors and aliases are not allowed in the front matter")
    ]


@pytest.mark.parametrize(
    "nested",
    [
        "deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "deep: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "deep:\n  " + "- " * 10_000 + "x\n",
        "deep:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(300)),
    ],
)
def test_deeply_nested_header_is_an_error_not_a_crash(nested: str) -> None:
    deck = parse_deck(f"---\nid: x\ntitle: X\n{nested}---\n{NOTE}".encode(), "deep.md")
    assert deck.header is None
    (problem,) = deck.diagnostics
    assert problem.severity == "error"
    assert problem.message in {
        "front matter is nested more than 32 levels deep",
        "front matter is too long (over 65536 characters)",
    }


def test_nesting_within_the_limit_is_fine_but_unknown() -> None:
    deck = parse_deck(
        f"---\nid: x\ntitle: X\nextra: {'[' * 30}{']' * 30}\n---\n{NOTE}".encode(), "h.md"
    )
    assert deck.header is not None
    assert diags(deck) == [(4, "warning", "unknown front matter key 'extra'")]


def test_huge_front_matter_is_refused() -> None:
    deck = parse_deck(f"---\nid: x\ntitle: X\ndescription: {'a' * 70_000}\n---\n".encode(), "h.md")
    assert diags(deck) == [(1, "error", "front matter is too long (over 65536 characters)")]
