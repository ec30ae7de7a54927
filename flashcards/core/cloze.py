"""Cloze deletions: ``{{cN::answer}}`` and ``{{cN::answer::hint}}``.

A cloze lives on one line (an answer never contains a newline): a hole in a YAML manifest or a
Dockerfile is a field or an instruction, and keeping holes on one line means a stray ``}}`` further
down (a Go template, a Helm chart) can never be swallowed into an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "Cloze",
    "ClozeSyntaxError",
    "cloze_numbers",
    "find_clozes",
    "mask",
    "placeholder",
    "reveal",
    "scan_clozes",
]

# "{{c" followed by digits and "::" opens a cloze; anything else is ordinary text.
_OPEN_RE = re.compile(r"\{\{c(\d+)::")


@dataclass(frozen=True, slots=True)
class Cloze:
    """One hole: its number, answer, optional hint and its span ``[start, end)`` in the text."""

    number: int
    answer: str
    hint: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClozeSyntaxError:
    """A malformed cloze at ``offset`` in the text."""

    offset: int
    message: str


def scan_clozes(text: str) -> tuple[list[Cloze], list[ClozeSyntaxError]]:
    """Return every well-formed cloze in ``text`` and every malformed one, in text order.

    Linear in the text: a line's end and the fact that no ``}}`` is left on it are remembered,
    so a hostile line of a million ``{{c1::`` costs one pass, not one search per opening.
    """
    clozes: list[Cloze] = []
    errors: list[ClozeSyntaxError] = []
    search = _OPEN_RE.search
    pos = 0
    line_end = -1
    unclosed_line_end = -1  # the end of a line known to hold no "}}" after some opening
    while True:
        match = search(text, pos)
        if match is None:
            break
        start, body_start = match.start(), match.end()
        if body_start > line_end:
            line_end = text.find("\n", body_start)
            if line_end < 0:
                line_end = len(text)
        close = -1 if unclosed_line_end == line_end else text.find("}}", body_start, line_end)
        number = int(match.group(1))
        if close < 0:
            unclosed_line_end = line_end
            errors.append(ClozeSyntaxError(start, f"unterminated cloze '{match.group(0)}'"))
            pos = body_start
            continue
        answer, sep, hint = text[body_start:close].partition("::")
        pos = close + 2
        if number == 0:
            errors.append(ClozeSyntaxError(start, "cloze number must be 1 or more, not c0"))
            continue
        if not answer.strip():
            errors.append(ClozeSyntaxError(start, f"empty answer in cloze c{number}"))
            continue
        clozes.append(Cloze(number, answer, hint if sep else None, start, pos))
    return clozes, errors


def find_clozes(text: str) -> list[Cloze]:
    """Return the well-formed clozes of ``text`` (malformed ones are left as plain text)."""
    return scan_clozes(text)[0]


def cloze_numbers(text: str) -> list[int]:
    """Return the distinct cloze numbers used in ``text``, ascending."""
    return sorted({c.number for c in find_clozes(text)})


def placeholder(cloze: Cloze) -> str:
    """What a hidden hole shows: ``[hint]`` or ``[...]``."""
    return f"[{cloze.hint}]" if cloze.hint else "[...]"


def _replace(text: str, clozes: list[Cloze], choose: Callable[[Cloze], str]) -> str:
    parts: list[str] = []
    pos = 0
    for cloze in clozes:
        parts.append(text[pos : cloze.start])
        parts.append(choose(cloze))
        pos = cloze.end
    parts.append(text[pos:])
    return "".join(parts)


def mask(text: str, number: int) -> str:
    """Hide every hole numbered ``number``; show the answer of every other hole."""
    return _replace(
        text, find_clozes(text), lambda c: placeholder(c) if c.number == number else c.answer
    )


def reveal(text: str, mark: Callable[[Cloze], str] | None = None) -> str:
    """Show every answer; ``mark`` may decorate each one (for example to highlight hole N)."""
    return _replace(text, find_clozes(text), mark or (lambda c: c.answer))
