"""Pygments token colours per theme, and the formatter that hides or marks cloze holes in code.

The formatter writes inline styles (QTextBrowser reads no style sheets from the document) and
works on the token stream, so a hole is cut out of the tokens after the lexer has seen the whole
answer: everything around the hole keeps its colour.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from pygments.formatter import Formatter
from pygments.styles import get_style_by_name
from pygments.token import _TokenType

from flashcards.core.cloze import placeholder
from flashcards.rendering.contrast import legible_colour
from flashcards.rendering.holes import CodeBlockPlan, Hole, HoleState
from flashcards.rendering.settings import Theme
from flashcards.rendering.theme import ThemePalette, theme_palette

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["CodeBlockFormatter", "CodeJob", "hidden_style", "revealed_style", "token_css"]


def hidden_style(palette: ThemePalette) -> str:
    """Inline style of the ``[...]`` placeholder, in prose and in code."""
    return (
        f"color:{palette.cloze_foreground};background-color:{palette.cloze_background};"
        "font-weight:bold"
    )


def revealed_style(palette: ThemePalette) -> str:
    """Extra inline style of a revealed answer (code tokens keep their own colour)."""
    return f"background-color:{palette.cloze_background};font-weight:bold"


@cache
def _style_table(theme: Theme) -> dict[_TokenType, str]:
    """CSS per token type of the theme's Pygments style, every colour made legible (WCAG AA) on
    the code background and on the revealed-answer background."""
    palette = theme_palette(theme)
    backgrounds = (palette.code_background, palette.cloze_background)
    table: dict[_TokenType, str] = {}
    legible: dict[str, str] = {}  # a style repeats a few colours over many token types
    for ttype, spec in get_style_by_name(palette.pygments_style):
        parts: list[str] = []
        if spec["color"]:
            colour = legible.get(spec["color"], "")
            if not colour:
                colour = legible[spec["color"]] = legible_colour(
                    "#" + spec["color"], backgrounds, palette.code_foreground
                )
            if colour != palette.code_foreground:
                parts.append(f"color:{colour}")
        if spec["bold"]:
            parts.append("font-weight:bold")
        if spec["italic"]:
            parts.append("font-style:italic")
        if spec["underline"]:
            parts.append("text-decoration:underline")
        table[ttype] = ";".join(parts)
    return table


def token_css(theme: Theme, ttype: _TokenType) -> str:
    """Inline CSS of a token type (inherited from its parent type when the style has none)."""
    table = _style_table(theme)
    found = table.get(ttype)
    if found is not None:
        return found
    parent = ttype
    while parent not in table and parent.parent is not None:
        parent = parent.parent
    css = table.get(parent, "")
    table[ttype] = css
    return css


class CodeJob:
    """Per-render state the formatter reads: the theme, and the planned holes of each block."""

    def __init__(self, palette: ThemePalette, blocks: list[CodeBlockPlan]) -> None:
        self.palette = palette
        self.blocks = blocks
        self.next_block = 0
        self.mismatch = False

    def take_block(self, code: str) -> CodeBlockPlan | None:
        """The plan of the next fenced block, if it holds ``code``; else note the mismatch."""
        if self.next_block >= len(self.blocks):
            return None  # an indented code block, converted after all fenced ones
        plan = self.blocks[self.next_block]
        self.next_block += 1
        if plan.code != code.removesuffix("\n"):
            self.mismatch = True
            return None
        return plan

    @property
    def complete(self) -> bool:
        """True when every planned block was formatted as planned."""
        return not self.mismatch and all(block.consumed for block in self.blocks)


def _pieces(
    tokens: list[tuple[_TokenType, str]], holes: list[tuple[int, int, Hole]]
) -> Iterator[tuple[_TokenType, str, int, tuple[int, int, Hole] | None]]:
    """Tokens split at hole boundaries: (type, text, offset, the hole it lies in or None)."""
    bounds = sorted({offset for start, end, _ in holes for offset in (start, end)})
    pos = 0
    for ttype, value in tokens:
        start, end = pos, pos + len(value)
        pos = end
        cuts = [start, *(b for b in bounds if start < b < end), end]
        for a, b in itertools.pairwise(cuts):
            hole = next((h for h in holes if h[0] <= a and b <= h[1]), None)
            yield ttype, value[a - start : b - start], a, hole


def _without_final_newline(tokens: list[tuple[_TokenType, str]]) -> list[tuple[_TokenType, str]]:
    """Pygments ends the stream with a newline; in a Qt <pre> it would add an empty line."""
    if tokens and tokens[-1][1].endswith("\n"):
        ttype, value = tokens[-1]
        return [*tokens[:-1], (ttype, value[:-1])]
    return tokens


class CodeBlockFormatter(Formatter):
    """Writes ``<pre>`` with one inline-styled ``<span>`` per run of equally styled text."""

    name = "Flashcards code block"

    def __init__(self, job: CodeJob, **options: Any) -> None:
        super().__init__(**options)
        self.job = job

    def format(
        self, tokensource: Iterable[tuple[_TokenType, str]], outfile: SupportsWrite[str]
    ) -> None:
        tokens = list(tokensource)
        plan = self.job.take_block("".join(value for _, value in tokens))
        tokens = _without_final_newline(tokens)
        palette = self.job.palette
        if plan is None or not plan.holes:
            outfile.write(self._plain_html(tokens))
            if plan is not None:
                plan.consumed = True
            return
        hidden, revealed = hidden_style(palette), revealed_style(palette)
        runs: list[tuple[str, str]] = []  # (css, text)
        placeholders = 0
        for ttype, text, offset, hole in _pieces(tokens, plan.holes):
            if not text:
                continue
            css = token_css(palette.name, ttype)
            state = HoleState.SHOWN if hole is None else hole[2].state
            if state is HoleState.SHOWN:
                if text.isspace():
                    css = _blank_css(runs)
                runs.append((css, text))
            elif state is HoleState.REVEALED:
                runs.append((f"{css};{revealed}" if css else revealed, text))
            elif hole is not None and offset == hole[0]:
                # Hidden: the placeholder once, where the hole starts; its text is dropped.
                runs.append((hidden, placeholder(hole[2].cloze)))
                placeholders += 1
        hidden_holes = sum(1 for _, _, h in plan.holes if h.state is HoleState.HIDDEN)
        plan.consumed = placeholders == hidden_holes
        outfile.write(_join(runs))

    def _plain_html(self, tokens: list[tuple[_TokenType, str]]) -> str:
        """``_join`` of a block without holes (the common case, kept lean): tokens of one style
        are merged as they come, blank space joins the run before it, each run escaped once."""
        theme = self.job.palette.name
        table = _style_table(theme)
        out = ["<pre>"]
        current = ""  # the css of the run being collected
        texts: list[str] = []
        for ttype, text in tokens:
            if not text:
                continue
            if text.isspace():
                css = current  # plain runs never have a background
            else:
                found = table.get(ttype)
                css = token_css(theme, ttype) if found is None else found
            if css != current and texts:
                out.append(_span(current, "".join(texts)))
                texts = []
            current = css
            texts.append(text)
        if texts:
            out.append(_span(current, "".join(texts)))
        out.append("</pre>")
        return "".join(out)


def _span(css: str, text: str) -> str:
    """One run: its text escaped, in a span when it has a style."""
    body = html.escape(text, quote=False)
    return f'<span style="{css}">{body}</span>' if css else body


def _blank_css(runs: list[tuple[str, str]]) -> str:
    """Blank space shows no colour: it joins the current run, unless that run has a background."""
    return runs[-1][0] if runs and "background" not in runs[-1][0] else ""


def _join(runs: list[tuple[str, str]]) -> str:
    """``<pre>`` with one span per run of equally styled text (escaped once per run)."""
    out: list[str] = ["<pre>"]
    for css, group in itertools.groupby(runs, key=lambda run: run[0]):
        body = html.escape("".join(text for _, text in group), quote=False)
        if body:
            out.append(f'<span style="{css}">{body}</span>' if css else body)
    out.append("</pre>")
    return "".join(out)
