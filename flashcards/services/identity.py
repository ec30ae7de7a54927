"""Note identity across edits: explicit ids, derived keys, similarity matching for rewordings."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any, Protocol

from flashcards.deckformat import ParsedNote, normalise_prompt

__all__ = ["derived_key", "match_notes", "note_keys"]

# How alike an old and a new note must be to count as the same note reworded.
SIMILARITY_THRESHOLD = 0.6
# Similarity is quadratic; past this many pairs (a mass rewrite) only exact keys match.
MAX_SIMILARITY_PAIRS = 250_000


class OldNote(Protocol):
    id: int
    key: str
    explicit_id: bool
    prompt: str
    back: str
    retired: bool


def derived_key(prompt: str) -> str:
    """The key of a note without an explicit id: its normalised prompt."""
    return "~" + normalise_prompt(prompt)


def note_keys(notes: Sequence[ParsedNote]) -> list[str]:
    """The identity key of every note; repeated prompts get ``#2``, ``#3``... in file order."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for note in notes:
        key = note.note_id or derived_key(note.prompt)
        count = seen.get(key, 0) + 1
        seen[key] = count
        keys.append(key if count == 1 else f"{key}#{count}")
    return keys


def _text(prompt: str, back: str) -> str:
    return (normalise_prompt(prompt) + "\n" + back)[:1500]


def match_notes(
    notes: Sequence[ParsedNote], keys: Sequence[str], old_rows: Sequence[Any]
) -> dict[int, Any]:
    """Map new note indexes to the old rows they continue."""
    by_key = {row.key: row for row in old_rows}
    matches: dict[int, Any] = {}
    used: set[int] = set()
    for index, key in enumerate(keys):
        row = by_key.get(key)
        if row is not None:
            matches[index] = row
            used.add(row.id)
    # A note that just gained an explicit id (``flashcards ids --write``) keeps its history.
    has_derived = any(not row.explicit_id and row.id not in used for row in old_rows)
    for index, note in enumerate(notes):
        if not has_derived:
            break
        if index in matches or note.note_id is None:
            continue
        row = by_key.get(derived_key(note.prompt))
        if row is not None and row.id not in used and not row.explicit_id:
            matches[index] = row
            used.add(row.id)
    # Reworded notes: pair the rest by text similarity, best pairs first.
    old_free = [row for row in old_rows if row.id not in used and not row.explicit_id]
    new_free = [i for i in range(len(notes)) if i not in matches]
    if not old_free or not new_free or len(old_free) * len(new_free) > MAX_SIMILARITY_PAIRS:
        return matches
    old_texts = [(row, _text(row.prompt, row.back)) for row in old_free]
    scored: list[tuple[float, int, int]] = []
    for index in new_free:
        new_text = _text(notes[index].prompt, notes[index].back)
        matcher = SequenceMatcher(None, "", new_text, autojunk=False)
        for position, (_row, old_text) in enumerate(old_texts):
            matcher.set_seq1(old_text)
            if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
                continue
            if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY_THRESHOLD:
                scored.append((ratio, index, position))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken_new: set[int] = set()
    taken_old: set[int] = set()
    for _ratio, index, position in scored:
        if index in taken_new or position in taken_old:
            continue
        matches[index] = old_texts[position][0]
        taken_new.add(index)
        taken_old.add(position)
    return matches
