"""A hostile deck cannot run code, load anything remote or read files outside its folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from flashcards.rendering import html_to_text, render_markdown
from flashcards.rendering.sanitize import resolve_image

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415478da63f8cfc000000301010018dd8db00000000049454e44ae426082"
)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    """A deck folder with one image, next to an image that is outside it."""
    folder = tmp_path / "deck"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "ok.png").write_bytes(PNG)
    (folder / "notes.txt").write_text("not an image")
    (tmp_path / "outside.png").write_bytes(PNG)
    return folder


def _body(html: str) -> str:
    return html.split("<body", 1)[1]


def _tags(html: str) -> set[str]:
    return {tag.lower() for tag in re.findall(r"<([a-zA-Z][\w-]*)", _body(html))}


def test_script_elements_and_their_content_are_removed() -> None:
    html = render_markdown('<script>alert("x")</script>\n\nText <script src="a.js"></script>')
    assert "script" not in _body(html).lower()
    assert "alert" not in html


@pytest.mark.parametrize("tag", ["iframe", "object", "embed", "form", "style", "svg", "input"])
def test_active_elements_are_removed(tag: str) -> None:
    source = {
        "iframe": '<iframe src="https://evil.example/"></iframe>',
        "object": '<object data="evil.swf"></object>',
        "embed": '<embed src="evil.swf">',
        "form": '<form action="https://evil.example/"><button>Go</button></form>',
        "style": "<style>p { background: url(https://evil.example/) }</style>",
        "svg": '<svg onload="alert(1)"><circle r="1"/></svg>',
        "input": '<input value="x" autofocus onfocus="alert(1)">',
    }[tag]
    html = render_markdown(f"Before\n\n{source}\n\nAfter")
    assert tag not in _tags(html)
    assert "evil.example" not in html
    assert "alert" not in html


@pytest.mark.parametrize(
    "source",
    [
        '<img src="x.png" onerror="alert(1)" alt="a">',
        '<div onmouseover="alert(1)">x</div>',
        '<a href="https://example.com" onclick="alert(1)">x</a>',
        '<p ONLOAD="alert(1)">x</p>',
        '<span style="color:red" onfocus="alert(1)">x</span>',
    ],
)
def test_event_handler_attributes_are_removed(source: str) -> None:
    html = render_markdown(source)
    assert not re.search(r"\son\w+\s*=", html, re.IGNORECASE)
    assert "alert" not in html


@pytest.mark.parametrize(
    "source",
    [
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">click</a>',
        '<a href="JaVaScRiPt&#58;alert(1)">click</a>',
        '<a href=" javascript:alert(1)">click</a>',
        '<a href="java&#x09;script:alert(1)">click</a>',
        '<a href="vbscript:msgbox(1)">click</a>',
        '<a href="data:text/html,<script>alert(1)</script>">click</a>',
        '<a href="file:///etc/passwd">click</a>',
        '<a href="other-deck.md">click</a>',
    ],
)
def test_only_http_https_and_mailto_links_keep_their_target(source: str) -> None:
    html = render_markdown(source)
    assert "href" not in html
    assert "click" in html_to_text(html)


def test_safe_links_are_kept_for_the_gui_to_open_on_click() -> None:
    html = render_markdown("[docs](https://example.com/a?b=1&c=2) <mailto:ops@example.com>")
    assert 'href="https://example.com/a?b=1&amp;c=2"' in html
    assert 'href="mailto:ops@example.com"' in html


@pytest.mark.parametrize(
    "style",
    [
        "background-image: url(https://evil.example/x.png)",
        "background: url(https://evil.example/x.png)",
        "color: url(https://evil.example/x)",
        "color: u\\72 l(https://evil.example/x)",
        "background-color: expression(alert(1))",
        "list-style-image: url(https://evil.example/x.png)",
    ],
)
def test_style_attributes_cannot_load_or_run_anything(style: str) -> None:
    html = render_markdown(f'<span style="{style}">x</span> <p style="{style}">y</p>')
    assert "url(" not in html.lower()
    assert "expression" not in html.lower()
    assert "evil.example" not in html


def test_harmless_inline_colours_are_kept() -> None:
    html = render_markdown('<span style="color: #d1242f; position: fixed">red</span>')
    assert '<span style="color:#d1242f">red</span>' in html


def test_html_comments_are_dropped() -> None:
    html = render_markdown("<!-- id: pod-basics; tags: pod -->\nText")
    assert "pod-basics" not in html


# --- images --------------------------------------------------------------------------------


def test_an_image_inside_the_deck_folder_becomes_an_absolute_file_url(deck: Path) -> None:
    html = render_markdown("![diagram](images/ok.png)", base_dir=deck)
    url = (deck / "images" / "ok.png").resolve().as_uri()
    assert f'<img src="{url}" alt="diagram">' in html


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.png",  # remote: never fetched
        "http://tracker.example/pixel.png",
        "//tracker.example/pixel.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "../outside.png",  # escapes the folder
        "images/../../outside.png",
        "missing.png",  # not there
        "notes.txt",  # not an image
        "images",  # a folder
    ],
)
def test_other_images_become_their_alt_text(deck: Path, src: str) -> None:
    html = render_markdown(
        f"![the alt text]({src}) and <img src='{src}' alt='raw alt'>", base_dir=deck
    )
    assert "<img" not in html
    assert "the alt text" in html and "raw alt" in html
    assert "tracker.example" not in html


def test_an_absolute_path_outside_the_folder_is_refused(deck: Path) -> None:
    outside = (deck.parent / "outside.png").resolve()
    for src in (str(outside), outside.as_uri()):
        html = render_markdown(f'<img src="{src}" alt="abs">', base_dir=deck)
        assert "<img" not in html
        assert "abs" in html


def test_a_symlink_pointing_out_of_the_folder_is_refused(deck: Path) -> None:
    link = deck / "images" / "escape.png"
    try:
        os.symlink(deck.parent / "outside.png", link)
    except OSError:  # pragma: no cover - Windows without symlink rights
        pytest.skip("cannot create symlinks here")
    assert resolve_image("images/escape.png", deck) is None
    html = render_markdown("![escaped](images/escape.png)", base_dir=deck)
    assert "<img" not in html
    assert "escaped" in html


def test_a_symlink_inside_the_folder_is_fine(deck: Path) -> None:
    try:
        os.symlink(deck / "images" / "ok.png", deck / "alias.png")
    except OSError:  # pragma: no cover
        pytest.skip("cannot create symlinks here")
    assert resolve_image("alias.png", deck) == (deck / "images" / "ok.png").resolve()


def test_without_a_deck_folder_no_image_is_shown(deck: Path) -> None:
    html = render_markdown("![diagram](images/ok.png)")
    assert "<img" not in html
    assert "diagram" in html


def test_alt_text_is_escaped(deck: Path) -> None:
    html = render_markdown('<img src="https://x.example/a.png" alt="<b>&amp;</b>">', base_dir=deck)
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html
    assert "<b>" not in html


def test_image_dimensions_must_be_numbers(deck: Path) -> None:
    html = render_markdown(
        '<img src="images/ok.png" width="40" height="10;x" alt="d">', base_dir=deck
    )
    assert 'width="40"' in html
    assert "height" not in html
