"""Notes: headings, front/back, metadata, the note's span, and the spec's own example."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from flashcards.deckformat import DeckHeader, ParsedNote, parse_deck
from tests.deckformat.util import HEADER, deck_text, diags, parse

SPEC_EXAMPLE = """\
---
id: kubernetes-objects
title: Kubernetes 对象
description: Pod、Service、Deployment 等核心对象，以及如何读懂它们的清单。
tags: [kubernetes, devops]
lang: zh-CN
---

# Kubernetes 对象

这段文字是牌组简介（introduction），出现在第一个笔记之前，不会成为卡片。

## Pod 是什么？
<!-- id: pod-basics; tags: pod workload; source: 000:L614-620 -->

Kubernetes 中可以创建和调度的最小部署单元，包含一个或多个共享网络和存储的容器。

## Service 的 `targetPort` 指什么？
<!-- source: 000:L670-690 -->

```yaml
spec:
  ports:
    - port: 80
      targetPort: 8080
```

---

流量最终被转发到的**容器端口**（这里是 8080）；`port` 是 Service 自己暴露的端口。
"""


def test_the_spec_example_parses_exactly() -> None:
    deck = parse_deck(SPEC_EXAMPLE.encode("utf-8"), "k8s.md")
    assert deck.diagnostics == ()
    assert deck.ok
    assert deck.header == DeckHeader(
        id="kubernetes-objects",
        title="Kubernetes 对象",
        description="Pod、Service、Deployment 等核心对象，以及如何读懂它们的清单。",
        tags=("kubernetes", "devops"),
        lang="zh-CN",
        reverse=False,
    )
    assert deck.intro == (
        "# Kubernetes 对象\n\n"
        "这段文字是牌组简介（introduction），出现在第一个笔记之前，不会成为卡片。"
    )
    first, second = deck.notes
    assert first == ParsedNote(
        line=13,
        end_line=16,
        prompt="Pod 是什么？",
        front="",
        back="Kubernetes 中可以创建和调度的最小部署单元，包含一个或多个共享网络和存储的容器。",
        note_id="pod-basics",
        tags=("pod", "workload"),
        source="000:L614-620",
        reverse=None,
        cloze_numbers=(),
        code_cloze_numbers=(),
        has_code=False,
        start=first.start,
        end=first.end,
    )
    assert second.line == 18
    assert second.end_line == 30
    assert second.prompt == "Service 的 `targetPort` 指什么？"
    assert second.front == "```yaml\nspec:\n  ports:\n    - port: 80\n      targetPort: 8080\n```"
    assert (
        second.back
        == "流量最终被转发到的**容器端口**（这里是 8080）；`port` 是 Service 自己暴露的端口。"
    )
    assert (second.note_id, second.tags, second.source) == (None, (), "000:L670-690")
    assert second.has_code


def test_bundled_decks_in_the_repository_are_clean() -> None:
    folder = Path(__file__).resolve().parents[2] / "decks"
    files = sorted(folder.glob("*.md"))
    if not files:
        pytest.skip("no bundled decks in this checkout")
    for path in files:
        deck = parse_deck(path.read_bytes(), str(path))
        assert deck.errors == (), [d.format() for d in deck.errors]
        assert deck.notes


# --- headings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "prompt"),
    [
        ("## What is a Pod?", "What is a Pod?"),
        ("   ## Three spaces of indent", "Three spaces of indent"),
        ("##\tAfter a tab", "After a tab"),
        ("## Closing hashes ##", "Closing hashes"),
        ("## Closing hashes and spaces ###   ", "Closing hashes and spaces"),
        ("## C#", "C#"),
        ("## F# and C#", "F# and C#"),
        ("##   Spaces around   ", "Spaces around"),
    ],
)
def test_level_two_atx_headings_start_notes(line: str, prompt: str) -> None:
    deck = parse(f"{line}\n\nAnswer.\n")
    assert [n.prompt for n in deck.notes] == [prompt]
    assert deck.notes[0].line == 5
    assert deck.diagnostics == ()


@pytest.mark.parametrize(
    "line",
    ["##No space", "    ## Four spaces is code", "### Level three", "#### Level four", "\t## Tab"],
)
def test_lines_that_are_not_note_headings(line: str) -> None:
    deck = parse(f"## Real\n\n{line}\n\nAnswer.\n")
    assert [n.prompt for n in deck.notes] == ["Real"]
    assert deck.notes[0].back == f"{line}\n\nAnswer."


def test_a_bare_heading_is_a_note_with_no_prompt_which_is_an_error() -> None:
    deck = parse("##\n\nAnswer.\n\n## ##\n\nOther.\n")
    assert [n.prompt for n in deck.notes] == ["", ""]
    assert diags(deck) == [
        (5, "error", "note heading has no text: write the prompt after '## '"),
        (9, "error", "note heading has no text: write the prompt after '## '"),
    ]


def test_level_one_heading_in_the_intro_and_after_the_first_note() -> None:
    deck = parse("# Deck title\n\nIntro text.\n\n## Q\n\nA.\n\n# Big heading\n\nMore.\n")
    assert deck.intro == "# Deck title\n\nIntro text."
    assert len(deck.notes) == 1
    assert deck.notes[0].back == "A.\n\n# Big heading\n\nMore."
    assert deck.diagnostics == ()


def test_deeper_headings_belong_to_the_note() -> None:
    deck = parse("## Q\n\n### Part one\n\nA.\n\n###### Deep\n")
    assert len(deck.notes) == 1
    assert deck.notes[0].back == "### Part one\n\nA.\n\n###### Deep"


def test_a_file_with_no_notes_has_only_an_intro() -> None:
    deck = parse("# Title\n\nJust an intro.\n")
    assert deck.notes == ()
    assert deck.intro == "# Title\n\nJust an intro."
    assert deck.ok


# --- front and back ---------------------------------------------------------------------------


def test_split_line_divides_front_and_back() -> None:
    deck = parse("## Q\n\nAbove.\n\n---\n\nBelow.\n")
    note = deck.notes[0]
    assert (note.front, note.back) == ("Above.", "Below.")


def test_split_line_may_have_trailing_spaces() -> None:
    deck = parse("## Q\nAbove.\n---   \nBelow.\n")
    assert (deck.notes[0].front, deck.notes[0].back) == ("Above.", "Below.")


@pytest.mark.parametrize("line", [" ---", "----", "--- x", "- - -", "***"])
def test_other_rule_like_lines_are_not_split_lines(line: str) -> None:
    deck = parse(f"## Q\n\nAbove.\n{line}\nBelow.\n")
    assert deck.notes[0].front == ""
    assert deck.notes[0].back == f"Above.\n{line}\nBelow."


def test_without_a_split_line_the_whole_body_is_the_back() -> None:
    deck = parse("## Q\n\n\n  indented first line\n\nSecond.\n\n\n")
    assert deck.notes[0].front == ""
    assert deck.notes[0].back == "  indented first line\n\nSecond."


def test_two_split_lines_are_an_error_at_the_second() -> None:
    deck = parse("## Q\n\nA\n\n---\n\nB\n\n---\n\nC\n")
    assert diags(deck) == [(13, "error", "second '---' split line in this note (see line 9)")]


def test_split_lines_in_different_notes_are_fine() -> None:
    deck = parse("## Q1\nF1\n---\nB1\n\n## Q2\nF2\n---\nB2\n")
    assert [(n.front, n.back) for n in deck.notes] == [("F1", "B1"), ("F2", "B2")]
    assert deck.diagnostics == ()


def test_empty_back_without_cloze_is_an_error_at_the_heading() -> None:
    deck = parse("## Only a heading\n\n## Front only\n\nFront.\n\n---\n\n## Fine\n\nA.\n")
    message = (
        "note has no answer: write it under the heading (or under the '---' line), or use a cloze"
    )
    assert diags(deck) == [(5, "error", message), (7, "error", message)]


def test_empty_back_with_a_cloze_is_fine() -> None:
    deck = parse("## The smallest unit is a {{c1::Pod}}\n")
    assert deck.diagnostics == ()
    assert deck.notes[0].cloze_numbers == (1,)
    assert deck.notes[0].back == ""


def test_split_line_and_comment_in_the_intro_are_just_text() -> None:
    deck = parse("Intro.\n\n---\n\n<!-- id: nope -->\n\n## Q\n\nA.\n")
    assert deck.intro == "Intro.\n\n---\n\n<!-- id: nope -->"
    assert deck.notes[0].note_id is None
    assert deck.diagnostics == ()


# --- metadata ---------------------------------------------------------------------------------


def test_metadata_comment_fields() -> None:
    deck = parse(
        "## Q\n<!-- id: pod-basics; tags: pod  workload; source: 000:L614-620; reverse: true -->\n"
        "\nA.\n"
    )
    note = deck.notes[0]
    assert (note.note_id, note.tags, note.source, note.reverse) == (
        "pod-basics",
        ("pod", "workload"),
        "000:L614-620",
        True,
    )
    assert note.back == "A."
    assert deck.diagnostics == ()


def test_metadata_comment_may_sit_anywhere_in_the_note_and_is_never_in_the_faces() -> None:
    deck = parse("## Q\n\nFront.\n<!-- id: later; reverse: false -->\n---\nBack.\n<!---->\n")
    note = deck.notes[0]
    assert (note.note_id, note.reverse) == ("later", False)
    assert (note.front, note.back) == ("Front.", "Back.")
    assert diags(deck) == [(11, "error", "second metadata comment in this note (see line 8)")]


def test_metadata_keys_split_at_the_first_colon_and_values_are_trimmed() -> None:
    deck = parse("## Q\n<!--source:  https://example.com/a:b ;tags:x-->\nA.\n")
    assert deck.notes[0].source == "https://example.com/a:b"
    assert deck.notes[0].tags == ("x",)


def test_metadata_problems() -> None:
    deck = parse(
        "## A\n<!-- id: Bad_Id; colour: red -->\nA.\n\n"
        "## B\n<!-- id: dup; reverse: yes; just words -->\nB.\n\n"
        "## C\n<!-- id: dup; id: again -->\nC.\n"
    )
    assert diags(deck) == [
        (6, "warning", "unknown metadata key 'colour'"),
        (6, "error", "invalid note id 'Bad_Id': use lowercase letters, digits and hyphens"),
        (10, "warning", "metadata 'just words' is not a 'key: value' pair"),
        (10, "error", "metadata 'reverse' must be true or false, not 'yes'"),
        (14, "error", "metadata key 'id' appears twice"),
        (14, "error", "duplicate note id 'dup' (first used at line 10)"),
    ]
    assert [n.note_id for n in deck.notes] == [None, "dup", "dup"]
    assert [n.reverse for n in deck.notes] == [None, None, None]


def test_reverse_on_a_cloze_note_is_a_warning() -> None:
    deck = parse("## Q\n<!-- reverse: true -->\n{{c1::A}}\n")
    assert diags(deck) == [(6, "warning", "'reverse' is ignored on a cloze note")]


def test_comment_lines_that_are_not_one_comment_stay_in_the_body() -> None:
    body = "<!-- a --> text\n<!-- a --> <!-- b -->\n<!--\nid: multi-line\n-->\n"
    deck = parse(f"## Q\n{body}\n## R\n<!-- x --> <!-- y -->\nA\n")
    first, second = deck.notes
    assert first.note_id is None
    assert first.back == body.rstrip()
    assert second.back == "<!-- x --> <!-- y -->\nA"
    assert deck.diagnostics == ()


# --- spans ------------------------------------------------------------------------------------


def test_note_spans_cover_heading_to_last_non_blank_line() -> None:
    text = deck_text(
        "Intro.\n\n## One\n\nA.\n\n\n## Two\n<!-- id: two -->\nB.\n   \n\n## Three\nC."
    )
    deck = parse_deck(text, "deck.md")
    spans = [text[n.start : n.end] for n in deck.notes]
    assert spans == ["## One\n\nA.\n", "## Two\n<!-- id: two -->\nB.\n", "## Three\nC."]
    assert [(n.line, n.end_line) for n in deck.notes] == [(7, 9), (12, 14), (17, 18)]
    lines = text.split("\n")
    for note in deck.notes:
        assert text[note.start :].startswith(lines[note.line - 1])
        assert lines[note.end_line - 1].strip()


def test_crlf_files_parse_like_lf_files() -> None:
    lf = deck_text(
        "# T\n\n## Q\n<!-- id: q; tags: a -->\n\n```yaml\nk: {{c1::v}}\n```\n\n---\n\nBack.\n"
    )
    crlf = lf.replace("\n", "\r\n")
    a = parse_deck(lf.encode(), "d.md")
    b = parse_deck(crlf.encode(), "d.md")
    assert a.diagnostics == b.diagnostics == ()
    assert a.header == b.header
    assert a.intro == b.intro == "# T"
    strip = [(n.line, n.end_line, n.prompt, n.front, n.back, n.note_id, n.tags) for n in a.notes]
    assert strip == [
        (n.line, n.end_line, n.prompt, n.front, n.back, n.note_id, n.tags) for n in b.notes
    ]
    assert b.notes[0].front == "```yaml\nk: {{c1::v}}\n```"
    assert b.notes[0].code_cloze_numbers == (1,)
    note = b.notes[0]
    assert crlf[note.start : note.end] == crlf[crlf.index("## Q") :]


def test_byte_order_mark_is_accepted_and_offsets_count_it() -> None:
    text = "\ufeff" + deck_text("## Q\nA.\n")
    deck = parse_deck(text.encode("utf-8"), "bom.md")
    assert deck.diagnostics == ()
    assert deck.header is not None
    note = deck.notes[0]
    assert text[note.start : note.end] == "## Q\nA.\n"


def test_parse_accepts_text_as_well_as_bytes() -> None:
    text = deck_text("## Q\nA.\n")
    assert parse_deck(text, "x.md") == parse_deck(text.encode("utf-8"), "x.md")


def test_header_constant_spans_four_lines() -> None:
    assert HEADER.count("\n") == 4


def test_examples_in_the_format_doc_parse_cleanly() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "deck-format.md"
    if not doc.exists():
        pytest.skip("no docs in this checkout")
    blocks = doc.read_text(encoding="utf-8").split("````markdown\n")[1:]
    examples = [block.split("\n````")[0] + "\n" for block in blocks]
    assert examples[0] == SPEC_EXAMPLE
    for example in examples[1:]:
        text = example if example.startswith("---\n") else HEADER + example
        deck = parse_deck(text, "doc.md")
        assert deck.diagnostics == ()
        assert deck.notes
    deployment = parse_deck(HEADER + examples[1], "doc.md").notes[0]
    assert deployment.code_cloze_numbers == (1,)


def test_parsed_note_is_an_immutable_record() -> None:
    names = list(ParsedNote._fields)
    values = [f"v{index}" for index in range(len(names))]
    note = ParsedNote(*values)
    assert [getattr(note, name) for name in names] == values
    assert note == ParsedNote(**dict(zip(names, values, strict=True)))
    assert note._replace(prompt="x").prompt == "x"
    with pytest.raises(AttributeError):
        note.prompt = "y"  # type: ignore[misc]
    deck = parse_deck(HEADER + "## Q {{c1::a}}\n\nback\n", "x.md")
    copy = pickle.loads(pickle.dumps(deck))
    assert copy == deck
    assert copy.notes[0].is_cloze
