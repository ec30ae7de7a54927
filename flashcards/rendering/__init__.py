"""Card rendering: Markdown with Pygments-highlighted code, cloze holes, themes, safe HTML.

No Qt here: the GUI shows the HTML in a QTextBrowser, the CLI prints it or its plain text.
"""

from __future__ import annotations

from pathlib import Path

from flashcards.rendering.cache import CardRenderer
from flashcards.rendering.settings import RenderSettings, Theme
from flashcards.rendering.theme import ThemePalette, theme_palette

__all__ = [
    "CardRenderer",
    "RenderSettings",
    "Theme",
    "ThemePalette",
    "html_to_text",
    "preload_lexers",
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


def html_to_text(html: str) -> str:
    """Plain text of rendered card HTML (see ``flashcards.rendering.text``)."""
    # Imported on first use: only the command line's plain-text output needs the HTML parser.
    from flashcards.rendering.text import html_to_text as to_text

    return to_text(html)


# The languages the bundled decks and the alias list use. Importing a Pygments lexer
# module costs 10-90 ms the first time; a background warm-up pays that before the first card.
COMMON_LANGUAGES = (
    "yaml",
    "bash",
    "console",
    "sql",
    "go",
    "javascript",
    "typescript",
    "python",
    "json",
    "toml",
    "ini",
    "nginx",
    "protobuf",
    "c",
    "java",
    "dockerfile",
    "http",
    "graphql",
    "text",
    "lua",
    "hcl",
)


def preload_lexers(languages: tuple[str, ...] = COMMON_LANGUAGES) -> None:
    """Import the Pygments lexers of ``languages`` now rather than at the first card using them."""
    # The pipeline's own lookup: it remembers each name, so the first card skips the search too.
    from flashcards.rendering.lexers import lexer_class

    for language in languages:
        lexer_class(language)
