"""CommonMark-style nested lists (two or three spaces) nest in Python-Markdown too."""

from __future__ import annotations

import re

import pytest

from flashcards.rendering import render_markdown
from flashcards.rendering.lists import reindent_lists


def _body(source: str) -> str:
    html = render_markdown(source)
    inner = html.split(">", 2)[2].rsplit("</body>", 1)[0]
    return re.sub(r"\s+", "", re.sub(r"<(\w+)[^>]*>", r"<\1>", inner))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "- a\n  - b\n    - c\n  - d\n- e",
            "<ul><li>a<ul><li>b<ul><li>c</li></ul></li><li>d</li></ul></li><li>e</li></ul>",
        ),
        (
            "1. x\n   1. y\n   2. z\n2. w",
            "<ol><li>x<ol><li>y</li><li>z</li></ol></li><li>w</li></ol>",
        ),
        ("- a\n    - four spaces", "<ul><li>a<ul><li>fourspaces</li></ul></li></ul>"),
        (
            "1. one\n   - sub\n10. ten\n    - sub",
            "<ol><li>one<ul><li>sub</li></ul></li><li>ten<ul><li>sub</li></ul></li></ol>",
        ),
        ("- a\n\n  more\n\ntext", "<ul><li><p>a</p><p>more</p></li></ul><p>text</p>"),
    ],
)
def test_nested_lists(source: str, expected: str) -> None:
    assert _body(source) == expected


def test_lines_outside_lists_are_untouched() -> None:
    lines = ["Text", "  indented two", "", "    code", "## heading", "---", "* * *"]
    assert reindent_lists(lines) == lines


def test_code_indented_inside_an_item_stays_code() -> None:
    assert reindent_lists(["- a", "", "      code"]) == ["- a", "", "        code"]
