"""From notes to cards: which cards a note gives, their faces, and the prompt's identity key."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from flashcards.deckformat.model import CardSpec, DeckHeader, ParsedNote

__all__ = ["card_faces", "card_specs", "compose_faces", "normalise_prompt", "note_markdown"]

# Markdown marks that are symbols, not punctuation, in Unicode but carry no meaning in a prompt.
_EXTRA_MARKS = frozenset("`~")
# Specs are frozen, so every note shares these (an import asks for a hundred thousand of them).
_BASIC = CardSpec(0, "basic", None)
_REVERSE = CardSpec(1, "reverse", None)


def card_specs(note: ParsedNote, header: DeckHeader | None) -> list[CardSpec]:
    """The cards of ``note``: one per distinct cloze number, or basic (+ reverse).

    A note's own ``reverse`` wins; when it has none the deck's ``reverse`` applies. A cloze note
    never gets a reverse card. Only ``cloze_numbers`` and ``reverse`` of the note matter (deck
    sync relies on that to give a run of alike notes their cards in one statement).
    """
    if note.cloze_numbers:
        return [_cloze_spec(n) for n in note.cloze_numbers]
    reverse = note.reverse
    if reverse is None:
        reverse = header.reverse if header is not None else False
    return [_BASIC, _REVERSE] if reverse else [_BASIC]


@lru_cache(maxsize=256)
def _cloze_spec(number: int) -> CardSpec:
    return CardSpec(number, "cloze", number)


def compose_faces(prompt: str, front: str, back: str, kind: str) -> tuple[str, str]:
    """(front, back) Markdown of a card of ``kind`` made from a note's parts.

    basic: the heading (plus the front text) / the back; reverse: the other way round; cloze: the
    whole note on both sides (the renderer masks hole N on the front and reveals it on the back).
    """
    question = "\n\n".join(part for part in ("## " + prompt, front) if part)
    if kind == "cloze":
        whole = "\n\n".join(part for part in (question, back) if part)
        return whole, whole
    if kind == "reverse":
        return back, question
    return question, back


def note_markdown(note: ParsedNote) -> str:
    """The whole note as Markdown: heading, front and back separated by blank lines."""
    return "\n\n".join(part for part in ("## " + note.prompt, note.front, note.back) if part)


def card_faces(note: ParsedNote, spec: CardSpec) -> tuple[str, str]:
    """(front, back) Markdown of one card of ``note``, cloze markup left in for the renderer."""
    return compose_faces(note.prompt, note.front, note.back, spec.kind)


class _PunctuationToSpace(dict[int, str]):
    """A ``str.translate`` table that learns each character once: punctuation becomes a space."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        value = " " if char in _EXTRA_MARKS or unicodedata.category(char).startswith("P") else char
        self[codepoint] = value
        return value


_PUNCTUATION = _PunctuationToSpace()


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, several times faster on CJK text.

    NFKC is by definition compatibility decomposition followed by canonical composition, and
    NFC of an already decomposed string is exactly that composition. CPython's NFKC composes
    by scanning a table for every character; its NFC first runs the quick check, which passes
    at once for decomposed text with nothing to compose (ideographs, ASCII, most prompts).
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text))


def normalise_prompt(prompt: str) -> str:
    """Fold a prompt for identity: NFKC, casefold, punctuation dropped, whitespace collapsed.

    Punctuation is every Unicode ``P*`` character (so CJK ``，。？「」`` too, which NFKC has not
    already turned into ASCII) plus the Markdown marks `` ` `` and ``~``; each becomes a space so
    that ``Pod,Service`` and ``Pod, Service`` fold alike.
    """
    folded = _nfkc(prompt).casefold()
    return " ".join(folded.translate(_PUNCTUATION).split())
