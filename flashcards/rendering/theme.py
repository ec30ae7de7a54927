"""Light and dark palettes, and the font stacks (with CJK fallbacks) cards are set in."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flashcards.rendering.settings import RenderSettings, Theme

__all__ = [
    "CJK_FALLBACK_FONTS",
    "DEFAULT_CODE_FONTS",
    "DEFAULT_TEXT_FONTS",
    "ThemePalette",
    "code_font_stack",
    "text_font_stack",
    "theme_palette",
]


@dataclass(frozen=True, slots=True)
class ThemePalette:
    """The colours of one theme (``#rrggbb``), for the renderer and for the GUI's own widgets."""

    name: Theme
    background: str  # page
    foreground: str  # body text
    muted: str  # block quotes, secondary text
    accent: str  # focus, selection, the revealed-answer frame
    link: str
    border: str  # table rules
    table_header_background: str
    code_background: str  # code blocks and inline code
    code_foreground: str  # code text without a token colour
    cloze_foreground: str  # the [...] placeholder and the revealed answer
    cloze_background: str
    pygments_style: str  # the Pygments style the token colours start from


_LIGHT = ThemePalette(
    name="light",
    background="#ffffff",
    foreground="#1f2328",
    muted="#59636e",
    accent="#0969da",
    link="#0969da",
    border="#d1d9e0",
    table_header_background="#f6f8fa",
    code_background="#f6f8fa",
    code_foreground="#1f2328",
    cloze_foreground="#0550ae",
    cloze_background="#b6e3ff",
    pygments_style="default",
)

_DARK = ThemePalette(
    name="dark",
    background="#0d1117",
    foreground="#e6edf3",
    muted="#9198a1",
    accent="#4493f8",
    link="#4493f8",
    border="#3d444d",
    table_header_background="#151b23",
    code_background="#151b23",
    code_foreground="#e6edf3",
    cloze_foreground="#9ecbff",
    cloze_background="#143d79",
    pygments_style="github-dark",
)


def theme_palette(theme: Theme) -> ThemePalette:
    """The palette of ``"light"`` or ``"dark"``."""
    if theme == "light":
        return _LIGHT
    if theme == "dark":
        return _DARK
    raise ValueError(f"unknown theme {theme!r}")


# Latin faces first so code and ASCII keep their shapes; CJK faces fill in Chinese, Japanese and
# Korean glyphs (Qt walks the family list per character).
CJK_FALLBACK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
)
DEFAULT_TEXT_FONTS = (
    "Segoe UI",
    "Helvetica Neue",
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Arial",
)
DEFAULT_CODE_FONTS = (
    "JetBrains Mono",
    "Cascadia Mono",
    "SF Mono",
    "Menlo",
    "Consolas",
    "DejaVu Sans Mono",
    "Liberation Mono",
    "Noto Sans Mono",
)
_CJK_MONO_FONTS = ("Noto Sans Mono CJK SC",)

# A family name from the settings ends up inside a style attribute: keep only what a font name
# can contain.
_UNSAFE_FONT_CHARS_RE = re.compile(r"[^\w \-.]")


def _families(user: str | None, defaults: tuple[str, ...]) -> list[str]:
    if user is None:
        return list(defaults)
    names = [_UNSAFE_FONT_CHARS_RE.sub("", name).strip() for name in user.split(",")]
    return [name for name in names if name] or list(defaults)


def _stack(families: list[str], generic: str) -> str:
    seen: list[str] = []
    for family in families:
        if family not in seen:
            seen.append(family)
    return ", ".join([f"'{family}'" for family in seen] + [generic])


def text_font_stack(settings: RenderSettings) -> str:
    """CSS ``font-family`` value for prose."""
    families = _families(settings.font_family, DEFAULT_TEXT_FONTS)
    return _stack([*families, *CJK_FALLBACK_FONTS], "sans-serif")


def code_font_stack(settings: RenderSettings) -> str:
    """CSS ``font-family`` value for code (monospace, then CJK)."""
    families = _families(settings.code_font_family, DEFAULT_CODE_FONTS)
    return _stack([*families, *_CJK_MONO_FONTS, *CJK_FALLBACK_FONTS], "monospace")
