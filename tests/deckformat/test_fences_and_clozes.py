"""Fenced code is never read as structure; clozes work everywhere, with errors at file lines."""

from __future__ import annotations

import pytest

from tests.deckformat.util import diags, parse

TRAPS = "---\n## not a heading\n<!-- id: not-metadata -->\n---\n"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("```", "```"),
        ("```yaml", "```"),
        ("~~~", "~~~"),
        ("~~~ yaml {.numberLines}", "~~~"),
        ("````markdown", "````"),
        ("```", "`````"),
        ("   ```", "```"),
        ("```", "   ```   "),
        ("~~~~", "~~~~~~"),
    ],
)
def test_fences_hold_split_lines_headings_and_comments_as_code(opening: str, closing: str) -> None:
    deck = parse(f"## Q\n<!-- id: q -->\n\n{opening}\n{TRAPS}{closing}\n\nAfter.\n")
    assert deck.diagnostics == ()
    assert len(deck.notes) == 1
    note = deck.notes[0]
    assert note.note_id == "q"
    assert note.front == ""
    assert note.back == f"{opening}\n{TRAPS}{closing}\n\nAfter."
    assert note.has_code


@pytest.mark.parametrize(
    ("opening", "inner"),
    [
        ("````", "```"),  # shorter
        ("```", "~~~"),  # other character
        ("~~~", "```"),
        ("```", "``` not only the fence"),
        ("```", "    ```"),  # four spaces: not a closing fence
    ],
)
def test_lines_that_do_not_close_a_fence(opening: str, inner: str) -> None:
    deck = parse(f"## Q\n\n{opening}\n{inner}\n---\n## still code\n{opening}\n\n---\n\nBack.\n")
    assert deck.diagnostics == ()
    (note,) = deck.notes
    assert note.front == f"{opening}\n{inner}\n---\n## still code\n{opening}"
    assert note.back == "Back."


def test_inline_triple_backticks_do_not_open_a_fence() -> None:
    deck = parse("## Q\n\n```a``` is inline\n\n---\n\nBack.\n\n## R\n\nB.\n")
    assert deck.diagnostics == ()
    assert [(n.front, n.back, n.has_code) for n in deck.notes] == [
        ("```a``` is inline", "Back.", False),
        ("", "B.", False),
    ]


def test_tilde_fence_info_may_contain_backticks() -> None:
    deck = parse("## Q\n\n~~~ `odd` info\n---\n~~~\n")
    assert deck.diagnostics == ()
    assert deck.notes[0].back == "~~~ `odd` info\n---\n~~~"


def test_four_space_indented_fence_is_not_a_fence() -> None:
    deck = parse("## Q\n\n    ```\n\n## R\n\nB.\n")
    assert [n.prompt for n in deck.notes] == ["Q", "R"]
    assert not deck.notes[0].has_code


def test_unclosed_fence_is_an_error_at_its_opening_line_and_swallows_the_rest() -> None:
    deck = parse("## Q\n\nA.\n\n## R\n\n~~~~ sh\nls\n## S\n---\n")
    assert diags(deck) == [(11, "error", "unclosed code fence '~~~~'")]
    assert [n.prompt for n in deck.notes] == ["Q", "R"]
    assert deck.notes[1].back == "~~~~ sh\nls\n## S\n---"
    assert deck.notes[1].has_code


def test_fence_in_the_intro_hides_headings() -> None:
    deck = parse("Intro:\n```markdown\n## Example note\nExample.\n```\n\n## Real\n\nA.\n")
    assert [n.prompt for n in deck.notes] == ["Real"]
    assert deck.intro == "Intro:\n```markdown\n## Example note\nExample.\n```"
    assert not deck.notes[0].has_code


def test_unclosed_fence_in_the_intro_means_no_notes() -> None:
    deck = parse("```\n## Q\nA.\n")
    assert deck.notes == ()
    assert diags(deck) == [(5, "error", "unclosed code fence '```'")]


def test_a_fence_closed_on_the_last_line_without_newline() -> None:
    deck = parse("## Q\n```\ncode\n```")
    assert deck.diagnostics == ()
    assert deck.notes[0].back == "```\ncode\n```"


# --- clozes -----------------------------------------------------------------------------------


def test_clozes_in_heading_body_and_yaml_fence() -> None:
    deck = parse(
        "## A {{c1::Pod}} holds containers\n\n"
        "Shared {{c2::network}} and {{c2::storage::two words}}.\n\n"
        "```yaml\nspec:\n  {{c3::replicas: 3}}\n  selector: {app: web}\n```\n"
    )
    assert deck.diagnostics == ()
    note = deck.notes[0]
    assert note.cloze_numbers == (1, 2, 3)
    assert note.code_cloze_numbers == (3,)
    assert note.has_code


def test_a_hole_number_in_code_and_in_prose_counts_as_code() -> None:
    deck = parse("## Q\n{{c1::prose}}\n~~~\n{{c1::code}} {{c2::x}}\n~~~\n{{c4::y}}\n")
    note = deck.notes[0]
    assert note.cloze_numbers == (1, 2, 4)
    assert note.code_cloze_numbers == (1, 2)


def test_cloze_in_the_metadata_comment_or_intro_does_not_count() -> None:
    deck = parse("{{c9::intro}} {{c0::bad}}\n\n## Q\n<!-- source: {{c1::x}} {{c0:: -->\nA.\n")
    assert deck.notes[0].cloze_numbers == ()
    assert deck.diagnostics == ()


def test_cloze_errors_are_reported_at_their_file_line() -> None:
    deck = parse(
        "## Q {{c1::ok}}\n"  # 5
        "\n"
        "Line {{c2::unterminated\n"  # 7
        "```yaml\n"
        "key: {{c0::zero}}\n"  # 9
        "```\n"
        "\n"
        "## R\n"  # 12
        "{{c3::  }} and {{c3::good}}\n"  # 13
    )
    assert diags(deck) == [
        (7, "error", "unterminated cloze '{{c2::'"),
        (9, "error", "cloze number must be 1 or more, not c0"),
        (13, "error", "empty answer in cloze c3"),
    ]
    assert [n.cloze_numbers for n in deck.notes] == [(1,), (3,)]


def test_a_cloze_never_spans_lines() -> None:
    deck = parse("## Q\n{{c1::first\nline}}\n\nBack.\n")
    assert diags(deck) == [(6, "error", "unterminated cloze '{{c1::'")]
    assert deck.notes[0].cloze_numbers == ()


def test_crlf_cloze_error_lines() -> None:
    body = "## Q\r\n\r\nA\r\n\r\n## R\r\nx {{c1::\r\n"
    deck = parse(body, header="---\r\nid: demo\r\ntitle: Demo\r\n---\r\n")
    assert diags(deck) == [(10, "error", "unterminated cloze '{{c1::'")]
