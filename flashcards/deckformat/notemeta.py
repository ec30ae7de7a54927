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
    diags: list[Diagnostic] = []
    values: dict[str, str] = {}
    for part in body.split(";"):
        key, sep, value = part.partition(":")
        key = key.strip()
        if key in KNOWN_KEYS and sep and key not in values:
            values[key] = value.strip()
        elif not sep:
            if part.strip():
                message = f"metadata {part.strip()!r} is not a 'key: value' pair"
                diags.append(Diagnostic(path, line, message, "warning"))
        elif key in values:
            diags.append(Diagnostic(path, line, f"metadata key {key!r} appears twice", "error"))
        else:
            diags.append(Diagnostic(path, line, f"unknown metadata key {key!r}", "warning"))

    note_id = values.get("id")
    if note_id is not None and _is_note_id(note_id) is None:
        message = f"invalid note id {note_id!r}: use lowercase letters, digits and hyphens"
        diags.append(Diagnostic(path, line, message, "error"))
        note_id = None
    reverse: bool | None = None
    flag = values.get("reverse")
    if flag is not None:
        if flag.lower() in ("true", "false"):
            reverse = flag.lower() == "true"
        else:
            message = f"metadata 'reverse' must be true or false, not {flag!r}"
            diags.append(Diagnostic(path, line, message, "error"))
    tags = values.get("tags")
    return NoteMeta(
        note_id,
        tuple(tags.split()) if tags else (),
        values.get("source") or None,
        reverse,
        "id" in values,
        tuple(diags),
    )
