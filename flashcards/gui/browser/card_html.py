"""A card's two sides as HTML, in the theme and font size of the settings."""

from __future__ import annotations

from pathlib import Path

from flashcards.core.settings import Settings
from flashcards.gui.theme import resolve_theme
from flashcards.rendering import CardRenderer, RenderSettings
from flashcards.services.faces import CardContent

__all__ = ["card_sides", "render_settings", "shared_renderer", "sides_html"]

_RENDERER = CardRenderer(max_entries=256)


def shared_renderer() -> CardRenderer:
    """One cache for every preview in the browser and the editor."""
    return _RENDERER


def render_settings(settings: Settings) -> RenderSettings:
    """Render settings for the user's theme (``system`` resolved) and font size."""
    return RenderSettings(theme=resolve_theme(settings.theme), font_size=settings.font_size)


def sides_html(
    front: str,
    back: str,
    *,
    cloze: int | None,
    settings: RenderSettings,
    base_dir: Path | None,
    renderer: CardRenderer | None = None,
) -> tuple[str, str]:
    """Front with hole ``cloze`` hidden, back with it revealed (no cloze: both plain)."""
    renderer = renderer or _RENDERER
    return (
        renderer.render(front, cloze=cloze, reveal=False, settings=settings, base_dir=base_dir),
        renderer.render(
            back, cloze=cloze, reveal=cloze is not None, settings=settings, base_dir=base_dir
        ),
    )


def card_sides(content: CardContent, settings: RenderSettings) -> tuple[str, str]:
    """The rendered front and back of a stored card."""
    front, back = content.faces()
    return sides_html(
        front, back, cloze=content.cloze, settings=settings, base_dir=content.base_dir
    )
