"""The YAML front matter of a deck: safe, small, and never a traceback.

The YAML is first read as a stream of events (no objects are built) so that anchors, aliases and
absurd nesting are refused before anything is constructed: a "billion laughs" header costs a few
microseconds, and a 10,000-level nested list cannot reach the recursive composer.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from flashcards.deckformat.model import DeckHeader, Diagnostic

__all__ = ["DECK_ID_RE", "MAX_HEADER_CHARS", "MAX_HEADER_DEPTH", "parse_header"]

DECK_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_HEADER_CHARS = 64 * 1024
MAX_HEADER_DEPTH = 32
KNOWN_KEYS = ("id", "title", "description", "tags", "lang", "reverse")
_LANG_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(Exception):
    """The header uses something we refuse; ``line`` is 0-based within the YAML text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _scan_events(source: str) -> dict[str, int]:
    """Walk the YAML events; return the 0-based line of each top-level key.

    Raises ``_Refused`` for anchors, aliases, nesting deeper than ``MAX_HEADER_DEPTH`` and
    duplicate top-level keys; ``yaml.YAMLError`` for syntax errors.
    """
    key_lines: dict[str, int] = {}
    # One entry per open collection: True = mapping expecting a key, False = mapping expecting a
    # value, None = sequence.
    stack: list[bool | None] = []
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue  # stream and document events
        line = event.start_mark.line if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            raise _Refused(line, "YAML anchors and aliases are not allowed in the front matter")
        if stack and stack[-1] is not None:
            expecting_key = stack[-1]
            if expecting_key and len(stack) == 1 and isinstance(event, yaml.ScalarEvent):
                if event.value in key_lines:
                    raise _Refused(line, f"duplicate key {event.value!r} in the front matter")
                key_lines[event.value] = line
            stack[-1] = not expecting_key
        if isinstance(event, yaml.MappingStartEvent):
            stack.append(True)
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append(None)
        if len(stack) > MAX_HEADER_DEPTH:
            raise _Refused(line, f"front matter is nested more than {MAX_HEADER_DEPTH} levels deep")
    return key_lines


def _load(
    source: str, first_line: int, path: str
) -> tuple[object, dict[str, int], Diagnostic | None]:
    """Return (value, key lines as file lines, error)."""

    def at(line0: int, message: str) -> Diagnostic:
        return Diagnostic(path, first_line + line0, message, "error")

    try:
        key_lines = _scan_events(source)
        value = yaml.load(source, Loader=_Loader)  # a safe loader; aliases were refused
    except _Refused as exc:
        return None, {}, at(exc.line, exc.message)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        line = mark.line if mark is not None else 0
        return None, {}, at(line, f"invalid YAML in the front matter: {problem}")
    except Exception as exc:  # hostile YAML must never escape as a traceback
        return None, {}, at(0, f"invalid YAML in the front matter: {type(exc).__name__}")
    return value, {k: first_line + v for k, v in key_lines.items()}, None


def parse_header(
    source: str, first_line: int, fence_line: int, path: str
) -> tuple[DeckHeader | None, list[Diagnostic], dict[str, int]]:
    """Parse the YAML between the ``---`` lines.

    ``first_line`` is the file line of the YAML's first line; ``fence_line`` that of the opening
    ``---`` (where whole-header problems are reported). Returns the header (``None`` when it is
    unusable), the diagnostics and the file line of each top-level key.
    """
    diags: list[Diagnostic] = []

    def error(line: int, message: str) -> None:
        diags.append(Diagnostic(path, line, message, "error"))

    if len(source) > MAX_HEADER_CHARS:
        error(fence_line, f"front matter is too long (over {MAX_HEADER_CHARS} characters)")
        return None, diags, {}
    value, key_lines, problem = _load(source, first_line, path)
    if problem is not None:
        return None, [problem], {}
    if not isinstance(value, dict):
        error(fence_line, "front matter must be a YAML mapping with at least 'id' and 'title'")
        return None, diags, {}

    def line_of(key: str) -> int:
        return key_lines.get(key, fence_line)

    for key in value:
        if not isinstance(key, str) or key not in KNOWN_KEYS:
            line = line_of(key) if isinstance(key, str) else fence_line
            diags.append(Diagnostic(path, line, f"unknown front matter key {key!r}", "warning"))

    deck_id = value.get("id")
    if deck_id is None:
        error(fence_line, "front matter has no 'id' (e.g. id: kubernetes-objects)")
    elif not isinstance(deck_id, str) or DECK_ID_RE.fullmatch(deck_id) is None:
        error(
            line_of("id"),
            f"invalid deck id {deck_id!r}: use lowercase letters, digits and single hyphens",
        )
    title = value.get("title")
    if title is None:
        error(fence_line, "front matter has no 'title'")
    elif not isinstance(title, str) or not title.strip():
        error(line_of("title"), "'title' must be non-empty text")

    description = value.get("description")
    if description is None:
        description = ""
    elif not isinstance(description, str):
        error(line_of("description"), "'description' must be text")

    tags = value.get("tags")
    if tags is None:
        tags = []
    elif not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        error(line_of("tags"), "'tags' must be a YAML list of words, e.g. [kubernetes, devops]")

    lang = value.get("lang")
    if lang is not None and not isinstance(lang, str):
        error(line_of("lang"), "'lang' must be a language tag such as zh-CN")
    elif isinstance(lang, str) and _LANG_RE.fullmatch(lang) is None:
        diags.append(
            Diagnostic(path, line_of("lang"), f"'lang' {lang!r} is not a BCP 47 tag", "warning")
        )

    reverse = value.get("reverse", False)
    if not isinstance(reverse, bool):
        error(line_of("reverse"), "'reverse' must be true or false")

    if any(d.severity == "error" for d in diags):
        return None, diags, key_lines
    header = DeckHeader(
        id=str(deck_id),
        title=str(title).strip(),
        description=str(description).strip(),
        tags=tuple(tags),
        lang=lang,
        reverse=bool(reverse),
    )
    return header, diags, key_lines
