"""Exact HTML (and plain text) of a small corpus of real deck notes.

Run with ``UPDATE_SNAPSHOTS=1`` to rewrite the files under ``snapshots/`` after a deliberate
change, then read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from flashcards.rendering import RenderSettings, html_to_text, render_markdown

CORPUS = Path(__file__).parent / "corpus"
SNAPSHOTS = Path(__file__).parent / "snapshots"
DARK = RenderSettings(theme="dark")
FONTS = RenderSettings(font_family="Inter", font_size=18, code_font_family="Fira Code")

# (snapshot name, corpus file, render_markdown keyword arguments)
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("basic_front", "basic_front.md", {}),
    ("basic_front-dark", "basic_front.md", {"settings": DARK}),
    ("basic_back", "basic_back.md", {}),
    ("basic_back-fonts", "basic_back.md", {"settings": FONTS}),
    ("table_lists", "table_lists.md", {}),
    ("table_lists-dark", "table_lists.md", {"settings": DARK}),
    ("languages", "languages.md", {}),
    ("languages-dark", "languages.md", {"settings": DARK}),
    ("cjk_code", "cjk_code.md", {}),
    ("cloze_prose-c1-front", "cloze_prose.md", {"cloze": 1}),
    ("cloze_prose-c1-back", "cloze_prose.md", {"cloze": 1, "reveal": True}),
    ("cloze_prose-c3-front", "cloze_prose.md", {"cloze": 3}),
    ("cloze_prose-all", "cloze_prose.md", {}),
    ("cloze_yaml-c1-front", "cloze_yaml.md", {"cloze": 1}),
    ("cloze_yaml-c1-back", "cloze_yaml.md", {"cloze": 1, "reveal": True}),
    ("cloze_yaml-c1-back-dark", "cloze_yaml.md", {"cloze": 1, "reveal": True, "settings": DARK}),
    ("cloze_yaml-c2-front", "cloze_yaml.md", {"cloze": 2}),
    ("cloze_yaml-c3-front-dark", "cloze_yaml.md", {"cloze": 3, "settings": DARK}),
    ("cloze_yaml-all", "cloze_yaml.md", {}),
    ("hostile", "hostile.md", {"base_dir": CORPUS}),
]
TEXT_CASES = ["basic_back", "table_lists", "cloze_prose-c1-front", "cloze_yaml-c1-front"]


def _render(name: str) -> str:
    _, source, kwargs = next(case for case in CASES if case[0] == name)
    html = render_markdown((CORPUS / source).read_text(encoding="utf-8"), **kwargs)
    # Image URLs are absolute; make them independent of where the checkout lives.
    return html.replace(CORPUS.resolve().as_uri(), "file:///CORPUS")


def _check(path: Path, actual: str) -> None:
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 and review it")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} changed (UPDATE_SNAPSHOTS=1 rewrites it)"


@pytest.mark.parametrize("name", [case[0] for case in CASES])
def test_html_matches_snapshot(name: str) -> None:
    _check(SNAPSHOTS / f"{name}.html", _render(name))


@pytest.mark.parametrize("name", TEXT_CASES)
def test_plain_text_matches_snapshot(name: str) -> None:
    _check(SNAPSHOTS / f"{name}.txt", html_to_text(_render(name)))


def test_every_snapshot_file_belongs_to_a_case() -> None:
    names = {f"{case[0]}.html" for case in CASES} | {f"{name}.txt" for name in TEXT_CASES}
    assert {path.name for path in SNAPSHOTS.iterdir()} <= names


def test_rendering_is_deterministic() -> None:
    for name, _, _ in CASES:
        assert _render(name) == _render(name)
