"""From notes to cards: card_specs, card_faces and normalise_prompt."""

from __future__ import annotations

import random
import unicodedata

import pytest

from flashcards.deckformat import (
    CardSpec,
    DeckHeader,
    ParsedNote,
    card_faces,
    card_specs,
    normalise_prompt,
)
from flashcards.deckformat.cards import _nfkc
from tests.deckformat.util import parse

PLAIN = DeckHeader("d", "D")
REVERSED = DeckHeader("d", "D", reverse=True)


def note(body: str) -> ParsedNote:
    deck = parse(body)
    assert deck.errors == ()
    (only,) = deck.notes
    return only


def test_basic_note_gives_one_card() -> None:
    n = note("## Q\n\nA.\n")
    assert card_specs(n, PLAIN) == [CardSpec(0, "basic", None)]


@pytest.mark.parametrize(
    ("meta", "header", "expected"),
    [
        ("", PLAIN, [CardSpec(0, "basic", None)]),
        ("", REVERSED, [CardSpec(0, "basic", None), CardSpec(1, "reverse", None)]),
        ("<!-- reverse: true -->\n", PLAIN, [CardSpec(0, "basic"), CardSpec(1, "reverse")]),
        ("<!-- reverse: false -->\n", REVERSED, [CardSpec(0, "basic", None)]),
        ("<!-- reverse: TRUE -->\n", PLAIN, [CardSpec(0, "basic"), CardSpec(1, "reverse")]),
        ("", None, [CardSpec(0, "basic", None)]),
    ],
)
def test_reverse_cards(meta: str, header: DeckHeader | None, expected: list[CardSpec]) -> None:
    assert card_specs(note(f"## Q\n{meta}\nA.\n"), header) == expected


def test_cloze_note_gives_one_card_per_distinct_number_and_never_a_reverse() -> None:
    n = note("## {{c2::Q}}\n\n{{c1::a}} {{c2::b}} {{c10::c}} {{c1::d}}\n")
    expected = [CardSpec(1, "cloze", 1), CardSpec(2, "cloze", 2), CardSpec(10, "cloze", 10)]
    assert card_specs(n, REVERSED) == expected
    n = parse("## Q\n<!-- reverse: true -->\n{{c1::a}}\n").notes[0]
    assert card_specs(n, REVERSED) == [CardSpec(1, "cloze", 1)]


def test_faces_of_a_basic_note_and_its_reverse() -> None:
    n = note("## What is a Pod?\n\nContext.\n\n---\n\nThe smallest unit.\n")
    assert card_faces(n, CardSpec(0, "basic")) == (
        "## What is a Pod?\n\nContext.",
        "The smallest unit.",
    )
    assert card_faces(n, CardSpec(1, "reverse")) == (
        "The smallest unit.",
        "## What is a Pod?\n\nContext.",
    )


def test_faces_without_a_front() -> None:
    n = note("## Q\n\nA.\n")
    assert card_faces(n, CardSpec(0, "basic")) == ("## Q", "A.")
    assert card_faces(n, CardSpec(1, "reverse")) == ("A.", "## Q")


def test_faces_of_a_cloze_card_are_the_whole_note_with_markup() -> None:
    n = note("## Deploy {{c1::3}} replicas\n\nAbove.\n\n---\n\n```yaml\n{{c2::replicas: 3}}\n```\n")
    whole = "## Deploy {{c1::3}} replicas\n\nAbove.\n\n```yaml\n{{c2::replicas: 3}}\n```"
    assert card_faces(n, CardSpec(1, "cloze", 1)) == (whole, whole)
    assert card_faces(n, CardSpec(2, "cloze", 2)) == (whole, whole)


def test_cloze_faces_skip_empty_parts() -> None:
    n = note("## Only {{c1::heading}}\n")
    assert card_faces(n, CardSpec(1, "cloze", 1)) == ("## Only {{c1::heading}}",) * 2


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("What is a Pod?", "what is a pod"),
        ("  WHAT   is a\tPOD ? ", "what is a pod"),
        ("Pod 是什么？", "pod 是什么"),
        ("Pod  是什么?", "pod 是什么"),
        ("Ｐｏｄ 是什么？", "pod 是什么"),  # full-width letters fold (NFKC)
        ("Service 的 `targetPort` 指什么？", "service 的 targetport 指什么"),
        ("「引号」、逗号，句号。", "引号 逗号 句号"),
        ("Pod,Service", "pod service"),
        ("Straße", "strasse"),
        ("C++ vs C#", "c++ vs c"),
        ("", ""),
        ("？！", ""),
    ],
)
def test_normalise_prompt(prompt: str, expected: str) -> None:
    assert normalise_prompt(prompt) == expected


def test_fast_nfkc_is_nfkc() -> None:
    """cards._nfkc (NFC of NFKD) gives exactly NFKC: every code point, and mixed strings where
    composition, reordering of combining marks and Hangul jamo come into play."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(every), 4096):
        chunk = every[start : start + 4096]
        assert _nfkc(chunk) == unicodedata.normalize("NFKC", chunk)
    pool = (
        "aeouAEOU nñ,?！？：「」"  # letters that compose, ASCII and CJK punctuation
        + "".join(map(chr, range(0x300, 0x370)))  # combining diacritics, in many classes
        + "".join(map(chr, range(0x1100, 0x1100 + 20)))  # Hangul leading jamo
        + "".join(map(chr, range(0x1161, 0x1161 + 21)))  # vowel jamo
        + "".join(map(chr, range(0x11A8, 0x11A8 + 27)))  # trailing jamo
        + "가각힣ＡＢｃ①ﬁ㎏ｶﾞｸ゙ェ゚\u0338=<>\u2126\u212b\uf900\U0001d15e\u0958\u0344\u0f73"
        + "第题指标的最佳实践是什么"
    )
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert _nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
