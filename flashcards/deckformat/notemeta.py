"""A note's metadata comment: ``<!-- id: pod-basics; tags: pod workload; reverse: true -->``."""

from __future__ import annotations

import re
from typing import NamedTuple

from flashcards.deckformat.model import Diagnostic

__all__ = ["NOTE_ID_RE", "NoteMeta", "parse_meta"]

NOTE_ID_RE = re.compile(r"[a-z0-9-]+")
KNOWN_KEYS = frozenset(("id", "tags", "source", "reverse"))
_is_note_id = NOTE_ID_RE.fullmatch


class NoteMeta(NamedTuple):
    """The parsed comment; ``has_id_key`` is True even when the id itself is invalid."""

    note_id: str | None
    tags: tuple[str, ...]
    source: str | None
    reverse: bool | None
    has_id_key: bool
    diagnostics: tuple[Diagnostic, ...]


def parse_meta(body: str, line: int, path: str) -> NoteMeta:
    """Parse the text between ``<!--`` and ``-->``: ``key: value`` pairs separated by ``;``.

    Keys are split from values at the first ``:``. Unknown keys and pairs without ``:`` are
    warnings; a repeated key, an invalid id and a ``reverse`` other than true/false are errors.
    """
    values: dict[str, str] = {}
    parts = body.split(";")
    for part in parts:
        key, _, value = part.partition(":")
        values[key.strip()] = value
    if len(values) != len(parts) or not values.keys() <= KNOWN_KEYS or "" in values:
        values, diags = _checked_pairs(parts, line, path)
    else:
        diags = []
    note_id = values.get("id")
    if note_id is not None:
        note_id = note_id.strip()
        if _is_note_id(note_id) is None:
            message = f"invalid note id {note_id!r}: use lowercase letters, digits and hyphens"
            diags.append(Diagnostic(path, line, message, "error"))
            note_id = None
    reverse: bool | None = None
    flag = values.get("reverse")
    if flag is not None:
        flag = flag.strip()
        if flag.lower() in ("true", "false"):
            reverse = flag.lower() == "true"
        else:
            message = f"metadata 'reverse' must be true or false, not {flag!r}"
            diags.append(Diagnostic(path, line, message, "error"))
    tags = values.get("tags")
    source = values.get("source")
    return NoteMeta(
        note_id,
        tuple(tags.split()) if tags else (),
        (source.strip() or None) if source else None,
        reverse,
        "id" in values,
        tuple(diags) if diags else (),
    )


def _checked_pairs(
    parts: list[str], line: int, path: str
) -> tuple[dict[str, str], list[Diagnostic]]:
    """The slow path, when something is off: pairs of known keys, and what is wrong."""
    diags: list[Diagnostic] = []
    values: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition(":")
        key = key.strip()
        if not sep:
            if part.strip():
                message = f"metadata {part.strip()!r} is not a 'key: value' pair"
                diags.append(Diagnostic(path, line, message, "warning"))
        elif key in values:
            diags.append(Diagnostic(path, line, f"metadata key {key!r} appears twice", "error"))
        elif key not in KNOWN_KEYS:
            diags.append(Diagnostic(path, line, f"unknown metadata key {key!r}", "warning"))
        else:
            values[key] = value
    return values, diags
