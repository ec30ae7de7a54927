"""Card rendering: Markdown with Pygments-highlighted code, cloze holes, themes, safe HTML.

No Qt here: the GUI shows the HTML in a QTextBrowser, the CLI prints it or its plain text.
"""

from __future__ import annotations

from pathlib import Path

from flashcards.rendering.cache import CardRenderer
from flashcards.rendering.settings import RenderSettings, Theme
from flashcards.rendering.text import html_to_text
from flashcards.rendering.theme import ThemePalette, theme_palette

__all__ = [
    "CardRenderer",
    "RenderSettings",
    "Theme",
    "ThemePalette",
    "html_to_text",
    "render_markdown",
    "theme_palette",
]


def render_markdown(
    text: str,
    *,
    cloze: int | None = None,
    reveal: bool = False,
    settings: RenderSettings = RenderSettings(),  # noqa: B008 - frozen, so sharing is safe
    base_dir: Path | None = None,
) -> str:
    """HTML for QTextBrowser of one card side written in Markdown.

    ``cloze=N``: hole N shows ``[...]`` / ``[hint]`` unless ``reveal``, which shows its answer
    visibly marked; other holes always show their answer plainly. ``cloze=None``: every hole
    shows its answer. ``base_dir``: the deck's folder; images resolve inside it and nowhere else.
    Deterministic: the same arguments always give the same HTML.
    """
    # Imported on first use: Markdown and Pygments cost more than the rest of the package.
    from flashcards.rendering.pipeline import render_markdown as render

    return render(text, cloze=cloze, reveal=reveal, settings=settings, base_dir=base_dir)
