"""What the reader can change about how a card looks: theme, fonts and size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["RenderSettings", "Theme"]

Theme = Literal["light", "dark"]

_MIN_FONT_PX = 6
_MAX_FONT_PX = 96


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """Theme and fonts of rendered cards; hashable, so it can key the render cache."""

    theme: Theme = "light"
    font_family: str | None = None  # None: the default stack (with CJK fallbacks)
    font_size: int = 14  # px for body text
    code_font_family: str | None = None  # None: the default monospace stack

    def __post_init__(self) -> None:
        if self.theme not in ("light", "dark"):
            raise ValueError(f"theme must be 'light' or 'dark', not {self.theme!r}")
        if not _MIN_FONT_PX <= self.font_size <= _MAX_FONT_PX:
            raise ValueError(
                f"font_size must be {_MIN_FONT_PX}..{_MAX_FONT_PX} px, not {self.font_size!r}"
            )
