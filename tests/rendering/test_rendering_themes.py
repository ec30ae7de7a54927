"""Themes are legible: WCAG AA contrast for text and for every token colour of the code style."""

from __future__ import annotations

import re

import pytest
from pygments.styles import get_style_by_name

from flashcards.rendering import RenderSettings, render_markdown, theme_palette
from flashcards.rendering.contrast import AA_NORMAL_TEXT, contrast_ratio, legible_colour
from flashcards.rendering.highlight import token_css
from flashcards.rendering.theme import CJK_FALLBACK_FONTS

THEMES = ["light", "dark"]


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#000") == contrast_ratio("#000000", "#ffffff")


def test_legible_colour_moves_a_pale_colour_until_it_passes() -> None:
    fixed = legible_colour("#bbbbbb", ["#ffffff"], towards="#000000")
    assert contrast_ratio(fixed, "#ffffff") >= AA_NORMAL_TEXT
    assert legible_colour("#123456", ["#ffffff"], towards="#000000") == "#123456"


@pytest.mark.parametrize("theme", THEMES)
def test_text_colours_pass_aa_on_their_backgrounds(theme: str) -> None:
    p = theme_palette(theme)  # type: ignore[arg-type]
    pairs = {
        "body text": (p.foreground, p.background),
        "muted text": (p.muted, p.background),
        "links": (p.link, p.background),
        "accent": (p.accent, p.background),
        "table header text": (p.foreground, p.table_header_background),
        "code text": (p.code_foreground, p.code_background),
        "inline code": (p.code_foreground, p.code_background),
        "placeholder": (p.cloze_foreground, p.cloze_background),
        "revealed code text": (p.code_foreground, p.cloze_background),
    }
    for name, (fg, bg) in pairs.items():
        assert contrast_ratio(fg, bg) >= AA_NORMAL_TEXT, f"{theme} {name}: {fg} on {bg}"


@pytest.mark.parametrize("theme", THEMES)
def test_every_token_colour_passes_aa_on_the_code_and_revealed_backgrounds(theme: str) -> None:
    palette = theme_palette(theme)  # type: ignore[arg-type]
    checked = 0
    for ttype, _ in get_style_by_name(palette.pygments_style):
        match = re.search(r"color:(#[0-9a-f]{6})", token_css(theme, ttype))  # type: ignore[arg-type]
        colour = match.group(1) if match else palette.code_foreground
        for background in (palette.code_background, palette.cloze_background):
            ratio = contrast_ratio(colour, background)
            assert ratio >= AA_NORMAL_TEXT, f"{theme} {ttype}: {colour} on {background} {ratio:.2f}"
        checked += 1
    assert checked > 50  # the whole style, not a handful of tokens


@pytest.mark.parametrize("theme", THEMES)
def test_document_carries_the_theme_colours(theme: str) -> None:
    palette = theme_palette(theme)  # type: ignore[arg-type]
    html = render_markdown("x", settings=RenderSettings(theme=theme))  # type: ignore[arg-type]
    assert f"background-color:{palette.background};color:{palette.foreground}" in html


def test_font_settings_and_cjk_fallbacks() -> None:
    settings = RenderSettings(font_family="Inter", font_size=18, code_font_family="Fira Code")
    html = render_markdown("文字 `code`\n\n```yaml\na: 1\n```", settings=settings)
    body = re.search(r'<body style="([^"]*)"', html)
    assert body is not None
    assert "font-family:'Inter', 'Noto Sans CJK SC'" in body.group(1)
    assert "font-size:18px" in body.group(1)
    assert all(f"'{font}'" in body.group(1) for font in CJK_FALLBACK_FONTS)
    assert "font-family:'Fira Code', 'Noto Sans Mono CJK SC'" in html


def test_default_font_stacks_end_in_generic_families() -> None:
    html = render_markdown("`x`")
    assert "sans-serif;font-size:14px" in html
    assert "monospace;" in html


def test_font_names_cannot_break_out_of_the_style_attribute() -> None:
    html = render_markdown("x", settings=RenderSettings(font_family='Evil"><script>x</script>'))
    assert "<script>" not in html
    assert "'Evilscriptxscript'" in html


@pytest.mark.parametrize("kwargs", [{"theme": "sepia"}, {"font_size": 2}, {"font_size": 500}])
def test_settings_are_validated(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        RenderSettings(**kwargs)  # type: ignore[arg-type]


def test_unknown_theme_palette() -> None:
    with pytest.raises(ValueError):
        theme_palette("sepia")  # type: ignore[arg-type]
