"""Property: whatever a deck looks like, a hidden answer never reaches the front."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards.core.cloze import find_clozes
from flashcards.rendering import html_to_text, render_markdown

_MARKER_RE = re.compile(r"ANSWER\d+Z")

_PIECES = [
    "",
    "text ",
    "**bold** ",
    "_em_ ",
    "`code` ",
    "[link](https://example.com) ",
    "![img](a.png) ",
    "<b>raw</b> ",
    "<div>\n",
    "</div>\n",
    '<abbr title="',
    '">t</abbr> ',
    "<!-- ",
    " -->",
    "\n",
    "\n\n",
    "- item\n",
    "  - nested\n",
    "1. one\n",
    "| a | b |\n|---|---|\n| ",
    " | c |\n",
    "> quote ",
    "## heading ",
    "```yaml\n",
    "```\n",
    "~~~go\n",
    "~~~\n",
    "```{.sql use_pygments=false}\n",
    "    indented code ",
    "key: value\n",
    "\t",
    "{{ .Values.x }} ",
    "}} ",
    "{{c1::",
    "[x](",
    ")",
]


@st.composite
def decks(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]]]:
    """Markdown made of awkward pieces and clozes whose answers are unique marker words."""
    parts: list[str] = []
    holes: list[tuple[int, str]] = []
    for index in range(draw(st.integers(min_value=1, max_value=14))):
        parts.append(draw(st.sampled_from(_PIECES)))
        if draw(st.booleans()):
            number = draw(st.integers(min_value=1, max_value=3))
            answer = f"ANSWER{index}Z" + draw(st.sampled_from(["", "_x_", "*y*", " `c`", ": 1"]))
            hint = draw(st.sampled_from(["", "::hint", "::h_i_nt"]))
            parts.append(f"{{{{c{number}::{answer}{hint}}}}}")
            holes.append((number, f"ANSWER{index}Z"))
    return "".join(parts), holes


def _hidden_markers(text: str, number: int) -> set[str]:
    """Markers only inside the answers of holes numbered ``number`` (as the core parses them)."""
    hidden: set[str] = set()
    rest: list[str] = []
    pos = 0
    for clz in find_clozes(text):
        rest.append(text[pos : clz.start])
        pos = clz.end
        if clz.number == number:
            hidden |= set(_MARKER_RE.findall(clz.answer))
            rest.append(clz.hint or "")
        else:
            rest.append(clz.answer)
    rest.append(text[pos:])
    return hidden - set(_MARKER_RE.findall("".join(rest)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks())
def test_hidden_answers_never_show_on_the_front(deck: tuple[str, list[tuple[int, str]]]) -> None:
    text, holes = deck
    for number in {n for n, _ in holes} | {1}:
        front = render_markdown(text, cloze=number)
        plain = html_to_text(front)
        for marker in _hidden_markers(text, number):
            assert marker not in front, (text, number)
            assert marker not in plain
        back = render_markdown(text, cloze=number, reveal=True)
        assert "<script" not in back
