"""The render cache: same HTML as rendering directly, bounded, keyed by everything that matters."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from flashcards.rendering import CardRenderer, RenderSettings, render_markdown

NOTE = "Port {{c1::8080}}\n\n```yaml\nport: {{c2::80}}\n```"


def test_cached_render_is_identical_to_a_direct_render() -> None:
    renderer = CardRenderer()
    for kwargs in ({}, {"cloze": 1}, {"cloze": 2, "reveal": True}):
        first = renderer.render(NOTE, **kwargs)  # type: ignore[arg-type]
        assert first == render_markdown(NOTE, **kwargs)  # type: ignore[arg-type]
        assert renderer.render(NOTE, **kwargs) is first  # type: ignore[arg-type]
    assert (renderer.hits, renderer.misses) == (3, 3)


def test_every_argument_is_part_of_the_key(tmp_path: Path) -> None:
    renderer = CardRenderer()
    variants = [
        renderer.render(NOTE),
        renderer.render(NOTE + " "),
        renderer.render(NOTE, cloze=1),
        renderer.render(NOTE, cloze=1, reveal=True),
        renderer.render(NOTE, settings=RenderSettings(theme="dark")),
        renderer.render(NOTE, settings=RenderSettings(font_size=20)),
        renderer.render(NOTE, base_dir=tmp_path),
    ]
    assert renderer.misses == len(variants)
    assert len(renderer) == len(variants)


def test_least_recently_used_entries_are_evicted() -> None:
    renderer = CardRenderer(max_entries=2)
    renderer.render("a")
    renderer.render("b")
    renderer.render("a")  # a is now the most recent
    renderer.render("c")  # evicts b
    assert len(renderer) == 2
    misses = renderer.misses
    renderer.render("a")
    assert renderer.misses == misses
    renderer.render("b")
    assert renderer.misses == misses + 1


def test_clear_forgets_everything() -> None:
    renderer = CardRenderer()
    renderer.render("a")
    renderer.clear()
    assert len(renderer) == 0


def test_max_entries_must_be_positive() -> None:
    with pytest.raises(ValueError):
        CardRenderer(max_entries=0)


def test_threads_share_one_cache_and_get_the_same_html() -> None:
    renderer = CardRenderer(max_entries=8)
    notes = [f"Note {i}: {{{{c1::answer {i}}}}}\n\n```go\nx := {i}\n```" for i in range(12)]
    expected = [render_markdown(note, cloze=1) for note in notes]
    failures: list[str] = []

    def work() -> None:
        for _ in range(3):
            for note, want in zip(notes, expected, strict=True):
                if renderer.render(note, cloze=1) != want:
                    failures.append(note)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert len(renderer) == 8
