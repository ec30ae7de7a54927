"""Theme styling for sanitised HTML, the cloze holes put back, and the document around it all.

Runs after the sanitiser, so it styles deck-authored HTML (a raw ``<table>`` or ``<pre>``) exactly
like Markdown output. QTextBrowser reads only a subset of HTML 4 and CSS 2.1
(https://doc.qt.io/qt-6/richtext-html-subset.html): table attributes (``border``, ``cellpadding``,
``bgcolor``) rather than CSS boxes, no ``padding`` outside table cells, no borders on blocks.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from flashcards.core.cloze import placeholder
from flashcards.rendering.highlight import hidden_style, revealed_style
from flashcards.rendering.holes import SENTINEL_RE, ClozePlan, Hole, HoleState
from flashcards.rendering.settings import RenderSettings
from flashcards.rendering.theme import ThemePalette, code_font_stack, text_font_stack

__all__ = ["decorate", "put_holes", "wrap_document"]

_TAG_RE = re.compile(r"<(/?)(pre|code|table|th|blockquote|a|h[1-6]|ul|ol|hr)\b([^>]*)>")
# Qt moves an outer list's bottom margin onto the first line of a nested list that ends it (a gap
# above the last nested item); lists without margins avoid that, paragraphs around them keep
# theirs.
_LIST_STYLE = ' style="margin-top:0px;margin-bottom:0px"'
_CODE_SPAN_RE = re.compile(r"`([^`]+)`")
_TAG_OR_SENTINEL_RE = re.compile(r"<[^>]*>|" + SENTINEL_RE.pattern)
_HEADING_SCALE = {"h1": 1.6, "h2": 1.4, "h3": 1.2, "h4": 1.05, "h5": 1.0, "h6": 0.9}


class _Styles:
    """The opening tags of one theme and settings, built once per render."""

    def __init__(self, palette: ThemePalette, settings: RenderSettings) -> None:
        mono = code_font_stack(settings)
        code_px = max(settings.font_size - 1, 6)
        # A one-cell table is the only padded, filled box Qt's rich text has. A fixed line
        # height keeps lines with CJK glyphs (taller fonts) as high as the others.
        self.pre_open = (
            f'<table width="100%" cellspacing="0" cellpadding="10" border="0"'
            f' bgcolor="{palette.code_background}" style="margin-top:8px;margin-bottom:8px">'
            f'<tr><td><pre style="margin:0;font-family:{mono};font-size:{code_px}px;'
            f"line-height:{round(code_px * 1.45)}px;color:{palette.code_foreground};"
            # Long lines wrap (every line keeps its indentation) rather than scroll the card.
            'white-space:pre-wrap">'
        )
        self.pre_close = "</pre></td></tr></table>"
        self.code_open = (
            f'<code style="font-family:{mono};font-size:{code_px}px;'
            f'background-color:{palette.code_background};color:{palette.code_foreground}">'
        )
        # Inside a marked answer: the answer's colours, only the face changes.
        self.answer_code_open = f'<code style="font-family:{mono};font-size:{code_px}px">'
        self.table_open = (
            f'<table border="1" cellspacing="0" cellpadding="6"'
            f' style="border-collapse:collapse;border-color:{palette.border};border-style:solid;'
            'margin-top:8px;margin-bottom:8px">'
        )
        self.th_extra = f' bgcolor="{palette.table_header_background}"'
        # Qt draws a rule in the text colour of the palette unless it has a background colour.
        self.hr = f'<hr style="background-color:{palette.border}">'
        self.blockquote_open = f'<blockquote style="color:{palette.muted}">'
        self.link_style = f' style="color:{palette.link};text-decoration:underline"'
        self.headings = {
            tag: f'<{tag} style="font-size:{round(settings.font_size * scale)}px">'
            for tag, scale in _HEADING_SCALE.items()
        }


@lru_cache(maxsize=32)
def _styles(palette: ThemePalette, settings: RenderSettings) -> _Styles:
    return _Styles(palette, settings)


def decorate(fragment: str, palette: ThemePalette, settings: RenderSettings) -> str:
    """Add the theme's inline styles and table attributes to sanitised HTML."""
    styles = _styles(palette, settings)
    pre_depth = 0

    def restyle(match: re.Match[str]) -> str:
        nonlocal pre_depth
        closing, tag, attrs = match.groups()
        if tag == "pre":
            pre_depth += -1 if closing else 1
            return styles.pre_close if closing else styles.pre_open
        if closing:
            return match.group(0)
        if tag == "code":
            return match.group(0) if pre_depth else styles.code_open
        if tag == "table":
            return styles.table_open
        if tag == "th":
            return f"<th{attrs}{styles.th_extra}>"
        if tag == "blockquote":
            return styles.blockquote_open
        if tag == "a":
            return f"<a{attrs}{styles.link_style}>" if "href=" in attrs else match.group(0)
        if tag == "hr":
            return styles.hr
        if tag in ("ul", "ol"):
            return f"<{tag}{attrs}{_LIST_STYLE}>"
        if tag in styles.headings:
            return styles.headings[tag]
        return match.group(0)

    return _TAG_RE.sub(restyle, fragment)


def _answer_html(text: str, code_open: str) -> str:
    """An answer as HTML: escaped, with `backtick` spans as inline code."""
    parts: list[str] = []
    pos = 0
    for match in _CODE_SPAN_RE.finditer(text):
        parts.append(html.escape(text[pos : match.start()], quote=False))
        parts.append(f"{code_open}{html.escape(match.group(1), quote=False)}</code>")
        pos = match.end()
    parts.append(html.escape(text[pos:], quote=False))
    return "".join(parts)


def _hole_html(hole: Hole, palette: ThemePalette, styles: _Styles) -> str:
    if hole.state is HoleState.HIDDEN:
        shown = html.escape(placeholder(hole.cloze), quote=False)
        return f'<span style="{hidden_style(palette)}">{shown}</span>'
    if hole.state is HoleState.REVEALED:
        answer = _answer_html(hole.cloze.answer, styles.answer_code_open)
        style = f"color:{palette.cloze_foreground};{revealed_style(palette)}"
        return f'<span style="{style}">{answer}</span>'
    return _answer_html(hole.cloze.answer, styles.code_open)


def _hole_text(hole: Hole | None) -> str:
    """What a hole shows as plain text (inside an attribute value)."""
    if hole is None:
        return ""
    if hole.state is HoleState.HIDDEN:
        return placeholder(hole.cloze)
    return hole.cloze.answer


def put_holes(
    fragment: str, plan: ClozePlan, palette: ThemePalette, settings: RenderSettings
) -> str:
    """Swap each prose sentinel for its hole's HTML (plain text inside a tag's attributes)."""
    if not plan.sentinels:
        return fragment
    styles = _styles(palette, settings)

    def in_tag(match: re.Match[str]) -> str:
        return html.escape(_hole_text(plan.sentinels.get(match.group(0))))

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        if found.startswith("<"):
            return SENTINEL_RE.sub(in_tag, found)
        hole = plan.sentinels.get(found)
        return "" if hole is None else _hole_html(hole, palette, styles)

    return _TAG_OR_SENTINEL_RE.sub(swap, fragment)


def wrap_document(fragment: str, palette: ThemePalette, settings: RenderSettings) -> str:
    """The complete document QTextBrowser.setHtml() takes: theme colours and body font."""
    body_style = (
        f"background-color:{palette.background};color:{palette.foreground};"
        f"font-family:{text_font_stack(settings)};font-size:{settings.font_size}px"
    )
    return f'<html><body style="{body_style}">\n{fragment.strip()}\n</body></html>\n'
