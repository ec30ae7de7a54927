"""Cloze syntax: holes, hints, errors, masking, and linear time on hostile input."""

from __future__ import annotations

import itertools
import time

from hypothesis import given
from hypothesis import strategies as st

from flashcards.core.cloze import cloze_numbers, find_clozes, mask, placeholder, reveal, scan_clozes


def test_holes_hints_and_numbers() -> None:
    text = "a {{c1::Pod}} b {{c2::Service::对象}} c {{c1::Node}}"
    clozes = find_clozes(text)
    assert [(c.number, c.answer, c.hint) for c in clozes] == [
        (1, "Pod", None),
        (2, "Service", "对象"),
        (1, "Node", None),
    ]
    assert cloze_numbers(text) == [1, 2]
    assert mask(text, 1) == "a [...] b Service c [...]"
    assert mask(text, 2) == "a Pod b [对象] c Node"
    assert reveal(text, lambda c: f"<{c.answer}>") == "a <Pod> b <Service> c <Node>"
    assert placeholder(clozes[1]) == "[对象]"


def test_errors_have_offsets() -> None:
    text = "x {{c0::a}} y {{c2::}} z {{c3::open\n{{c4::ok}}"
    clozes, errors = scan_clozes(text)
    assert [c.number for c in clozes] == [4]
    assert [(e.offset, e.message) for e in errors] == [
        (2, "cloze number must be 1 or more, not c0"),
        (14, "empty answer in cloze c2"),
        (25, "unterminated cloze '{{c3::'"),
    ]


def test_a_cloze_never_spans_lines() -> None:
    clozes, errors = scan_clozes("{{c1::a\n}}")
    assert clozes == [] and len(errors) == 1


def test_hostile_line_of_openings_is_linear() -> None:
    text = "{{c1::" * 200_000
    started = time.process_time()
    _, errors = scan_clozes(text)
    assert len(errors) == 200_000
    assert time.process_time() - started < 5  # quadratic would take hours


@given(st.text(alphabet="{}c1:: ab\n", max_size=200))
def test_masking_never_leaks_the_hidden_answer(text: str) -> None:
    for cloze in find_clozes(text):
        masked = mask(text, cloze.number)
        assert masked.count("[") >= 1
    clozes, errors = scan_clozes(text)
    spans = sorted([(c.start, c.end) for c in clozes])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(0 <= e.offset < max(1, len(text)) for e in errors)
