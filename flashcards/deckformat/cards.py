"""From notes to cards: which cards a note gives, their faces, and the prompt's identity key."""

from __future__ import annotations

import unicodedata

from flashcards.deckformat.model import CardSpec, DeckHeader, ParsedNote

__all__ = ["card_faces", "card_specs", "normalise_prompt", "note_markdown"]

# Markdown marks that are symbols, not punctuation, in Unicode but carry no meaning in a prompt.
_EXTRA_MARKS = frozenset("`~")


def card_specs(note: ParsedNote, header: DeckHeader | None) -> list[CardSpec]:
    """The cards of ``note``: one per distinct cloze number, or basic (+ reverse).

    A note's own ``reverse`` wins; when it has none the deck's ``reverse`` applies. A cloze note
    never gets a reverse card.
    """
    if note.cloze_numbers:
        return [CardSpec(n, "cloze", n) for n in note.cloze_numbers]
    specs = [CardSpec(0, "basic", None)]
    reverse = note.reverse
    if reverse is None:
        reverse = header.reverse if header is not None else False
    if reverse:
        specs.append(CardSpec(1, "reverse", None))
    return specs


def _prompt_face(note: ParsedNote) -> str:
    heading = "## " + note.prompt
    return f"{heading}\n\n{note.front}" if note.front else heading


def note_markdown(note: ParsedNote) -> str:
    """The whole note as Markdown: heading, front and back separated by blank lines."""
    return "\n\n".join(part for part in ("## " + note.prompt, note.front, note.back) if part)


def card_faces(note: ParsedNote, spec: CardSpec) -> tuple[str, str]:
    """(front, back) Markdown of one card, cloze markup left in for the renderer.

    basic: the heading (plus the front text) / the back; reverse: the other way round; cloze: the
    whole note on both sides (the renderer masks hole N on the front and reveals it on the back).
    """
    if spec.kind == "cloze":
        whole = note_markdown(note)
        return whole, whole
    if spec.kind == "reverse":
        return note.back, _prompt_face(note)
    return _prompt_face(note), note.back


def normalise_prompt(prompt: str) -> str:
    """Fold a prompt for identity: NFKC, casefold, punctuation dropped, whitespace collapsed.

    Punctuation is every Unicode ``P*`` character (so CJK ``，。？「」`` too, which NFKC has not
    already turned into ASCII) plus the Markdown marks `` ` `` and ``~``; each becomes a space so
    that ``Pod,Service`` and ``Pod, Service`` fold alike.
    """
    folded = unicodedata.normalize("NFKC", prompt).casefold()
    chars = [
        " " if ch in _EXTRA_MARKS or unicodedata.category(ch).startswith("P") else ch
        for ch in folded
    ]
    return " ".join("".join(chars).split())
