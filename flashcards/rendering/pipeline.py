"""Markdown text to the HTML of one card side: cloze plan, Markdown, sanitiser, styles, holes."""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import codehilite
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from flashcards.rendering.decorate import decorate, put_holes, wrap_document
from flashcards.rendering.highlight import CodeBlockFormatter, CodeJob
from flashcards.rendering.holes import TAB_LENGTH, ClozePlan, plan_clozes
from flashcards.rendering.lexers import get_lexer_by_name
from flashcards.rendering.lists import ListIndentPreprocessor
from flashcards.rendering.sanitize import sanitize_html
from flashcards.rendering.settings import RenderSettings
from flashcards.rendering.theme import ThemePalette, theme_palette

__all__ = ["render_markdown"]

_DEFAULT_SETTINGS = RenderSettings()

# CodeHilite looks each block's lexer up through this module-level name. Pygments' own function
# walks its lexer table per block and scans plugins for unknown names; ours resolves a name once
# and shares the tokens of identical code between the sides of a note (see lexers.py). Nothing
# else in the application uses CodeHilite, so replacing the name for the process is safe.
codehilite.get_lexer_by_name = get_lexer_by_name  # type: ignore[attr-defined]  # not in the stubs


class _Pipeline:
    """One Markdown instance with the fixed extension set. Markdown objects keep per-document
    state, so each thread gets its own pipeline (see ``_local``)."""

    def __init__(self) -> None:
        self._job: CodeJob | None = None
        self._md = markdown.Markdown(
            extensions=[
                FencedCodeExtension(),
                # guess_lang=False: an unknown or missing language is plain text, never guessed.
                CodeHiliteExtension(guess_lang=False, pygments_formatter=self._formatter),
                TableExtension(use_align_attribute=True),
                SaneListExtension(),
                FootnoteExtension(BACKLINK_TEXT="", SUPERSCRIPT_TEXT="{}"),
            ],
            output_format="html",
            tab_length=TAB_LENGTH,
        )
        # After fenced_code (25) has taken the code out, before raw HTML blocks (20).
        self._md.preprocessors.register(ListIndentPreprocessor(self._md), "list_indent", 22)

    def _formatter(self, **options: Any) -> CodeBlockFormatter:
        assert self._job is not None, "CodeHilite runs only inside convert()"
        return CodeBlockFormatter(self._job, **options)

    def convert(self, plan: ClozePlan, palette: ThemePalette) -> tuple[str, bool]:
        """HTML of ``plan.source``, and whether every code hole was handled as planned."""
        self._job = CodeJob(palette, plan.code_blocks)
        try:
            self._md.reset()
            body = self._md.convert(plan.source)
            return body, self._job.complete
        finally:
            self._job = None


_local = threading.local()


def _pipeline() -> _Pipeline:
    pipeline: _Pipeline | None = getattr(_local, "pipeline", None)
    if pipeline is None:
        pipeline = _local.pipeline = _Pipeline()
    return pipeline


# No card a person writes has a line this long or this deeply indented; hostile files do.
MAX_LINE = 1000
MAX_INDENT = 64


def is_pathological(text: str) -> bool:
    """True for text Markdown would take far too long over: a huge line or extreme nesting."""
    for line in text.split("\n"):
        if len(line) > MAX_LINE or len(line) - len(line.lstrip(" \t>")) > MAX_INDENT:
            return True
    return False


def render_markdown(
    text: str,
    *,
    cloze: int | None = None,
    reveal: bool = False,
    settings: RenderSettings = _DEFAULT_SETTINGS,
    base_dir: Path | None = None,
) -> str:
    """See ``flashcards.rendering.render_markdown``: plan the holes, convert, sanitise, style."""
    if cloze is not None and (isinstance(cloze, bool) or cloze < 1):
        raise ValueError(f"cloze must be a cloze number (1 or more) or None, not {cloze!r}")
    palette = theme_palette(settings.theme)
    if is_pathological(text):
        # Python-Markdown's inline patterns are super-linear on some long lines (30,000 x "<a"
        # takes 10 s) and recurse on deep nesting: such a card is shown as plain text instead.
        plan = plan_clozes(text, cloze, reveal, code_aware=False)
        body = f"<pre>{html.escape(plan.source.strip(), quote=False)}</pre>"
        body = decorate(body, palette, settings)
        body = put_holes(body, plan, palette, settings)
        return wrap_document(body, palette, settings)
    pipeline = _pipeline()
    plan = plan_clozes(text, cloze, reveal)
    body, complete = pipeline.convert(plan, palette)
    if not complete:
        # The code plan and Markdown disagreed about a fenced block (exotic fence attributes):
        # render every hole as a sentinel instead, so no hidden answer can ever show.
        plan = plan_clozes(text, cloze, reveal, code_aware=False)
        body, _ = pipeline.convert(plan, palette)
    body = sanitize_html(body, base_dir)
    body = decorate(body, palette, settings)
    body = put_holes(body, plan, palette, settings)
    return wrap_document(body, palette, settings)
