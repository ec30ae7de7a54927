"""Nested lists indented the CommonMark way, for Python-Markdown.

Decks are written for GitHub, where a nested item sits under its parent's text (two spaces after
``- ``, three after ``1. ``). Python-Markdown nests only at four spaces, so without this a
Prettier-formatted deck shows every nested list flattened. This preprocessor re-indents the lines
inside lists to four spaces per level, keeping any extra indentation relative to the item's text.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor

from flashcards.rendering.holes import TAB_LENGTH

__all__ = ["ListIndentPreprocessor", "reindent_lists"]

_ITEM_RE = re.compile(r"( *)([-*+]|\d{1,9}\.)( {1,4}(?=\S)| *$)")
_THEMATIC_BREAK_RE = re.compile(r" {0,3}([-*_])( *\1){2,} *$")
_BLOCK_START_RE = re.compile(r"(#{1,6}\s|>|\x02)")  # a heading, a quote, stashed code
_NESTED_INDENT = TAB_LENGTH  # Python-Markdown nests blocks one tab_length deeper


class _Item:
    # A plain slotted class: a dataclass costs about 1 ms to create at import.
    __slots__ = ("content", "new_content")

    def __init__(self, content: int, new_content: int) -> None:
        self.content = content  # column of the item's text in the source
        self.new_content = new_content  # column Python-Markdown expects it at


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def reindent_lists(lines: list[str]) -> list[str]:
    """``lines`` with list items and their continuation lines indented four spaces per level."""
    out: list[str] = []
    open_items: list[_Item] = []
    after_blank = True
    for line in lines:
        if not line.strip():
            out.append(line)
            after_blank = True
            continue
        indent = _indent(line)
        item = None if _THEMATIC_BREAK_RE.match(line) else _ITEM_RE.match(line)
        if item and open_items and indent >= open_items[-1].content + _NESTED_INDENT:
            item = None  # indented code inside the item, not a nested item
        if item and (open_items or indent < _NESTED_INDENT):
            while open_items and indent < open_items[-1].content:
                open_items.pop()
            new_indent = _NESTED_INDENT * len(open_items)
            width = len(item.group(2)) + max(len(item.group(3)), 1)
            open_items.append(_Item(indent + width, new_indent + _NESTED_INDENT))
            out.append(" " * new_indent + line[indent:])
        elif open_items:
            if indent == 0 and _BLOCK_START_RE.match(line):
                open_items.clear()
            elif after_blank:
                while open_items and indent < open_items[-1].content:
                    open_items.pop()
            if open_items and indent >= open_items[-1].content:
                current = open_items[-1]
                out.append(" " * (current.new_content + indent - current.content) + line[indent:])
            else:
                out.append(line)  # a lazy continuation line, or the list is over
        else:
            out.append(line)
        after_blank = False
    return out


class ListIndentPreprocessor(Preprocessor):
    """Runs ``reindent_lists`` after fenced code has been stashed away."""

    def run(self, lines: list[str]) -> list[str]:
        return reindent_lists(lines)
