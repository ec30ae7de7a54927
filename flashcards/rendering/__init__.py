"""Card rendering: Markdown with Pygments-highlighted code, cloze holes, themes, safe HTML.

No Qt here: the GUI shows the HTML in a QTextBrowser, the CLI prints it or its plain text.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
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
    "render_markdown",
    "theme_palette",
    "warm_up_steps",
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
# module costs 10-90 ms the first time; the warm-up pays that before the first card.
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


# The pipeline's imports in dependency order, so each step imports one of them (5-40 ms here).
_PIPELINE_MODULES = (
    "logging",
    "xml.etree.ElementTree",
    "html.parser",
    "markdown.util",
    "markdown.preprocessors",
    "markdown.blockprocessors",
    "markdown.inlinepatterns",
    "markdown.treeprocessors",
    "markdown.core",
    "markdown.extensions.attr_list",
    "markdown.extensions.fenced_code",
    "pygments.lexer",
    "pygments.lexers",
    "pygments.styles",
    "markdown.extensions.codehilite",
    "markdown.extensions.tables",
    "markdown.extensions.footnotes",
    "markdown.extensions.sane_lists",
    "nh3",
    "flashcards.rendering.sanitize",
    "flashcards.rendering.highlight",
    "flashcards.rendering.decorate",
    "flashcards.rendering.pipeline",
)
_WARM_UP_SAMPLE = "## Warm up\n\n```yaml\nspec:\n  {{c1::replicas: 3}}\n```\n\n`code` and **text**"


def warm_up_steps(languages: tuple[str, ...] = COMMON_LANGUAGES) -> Iterator[str]:
    """Make the first card render fast, in small steps: the pipeline's imports one module at a
    time, each lexer of ``languages``, then a sample card in both themes. Yields a name after
    each step (each takes a few tens of milliseconds at most), so a GUI thread can run its event
    loop between steps instead of handing the whole warm-up to a worker thread, whose imports
    would compete with painting for the interpreter lock."""
    for name in _PIPELINE_MODULES:
        importlib.import_module(name)
        yield name
    from flashcards.rendering.lexers import lexer_class

    for language in languages:
        lexer_class(language)
        yield f"lexer {language}"
    for theme in ("light", "dark"):
        render_markdown(_WARM_UP_SAMPLE, cloze=1, settings=RenderSettings(theme=theme))
        yield f"sample ({theme})"
