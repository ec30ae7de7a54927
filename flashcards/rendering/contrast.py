"""WCAG 2 contrast ratios between ``#rrggbb`` colours, and nudging a colour until it is legible."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["AA_NORMAL_TEXT", "blend", "contrast_ratio", "legible_colour", "relative_luminance"]

AA_NORMAL_TEXT = 4.5  # WCAG 2.x level AA for body-size text


def _rgb(colour: str) -> tuple[int, int, int]:
    hex_digits = colour.removeprefix("#")
    if len(hex_digits) == 3:
        hex_digits = "".join(c * 2 for c in hex_digits)
    if len(hex_digits) != 6:
        raise ValueError(f"not a #rgb or #rrggbb colour: {colour!r}")
    value = int(hex_digits, 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb`` (0 black .. 1 white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    return _ratio(relative_luminance(first), relative_luminance(second))


def _ratio(first: float, second: float) -> float:
    high, low = (first, second) if first >= second else (second, first)
    return (high + 0.05) / (low + 0.05)


def blend(colour: str, target: str, amount: float) -> str:
    """Mix ``amount`` (0..1) of ``target`` into ``colour``; returns ``#rrggbb``."""
    mixed = (round(a + (b - a) * amount) for a, b in zip(_rgb(colour), _rgb(target), strict=True))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def legible_colour(
    colour: str, backgrounds: Iterable[str], towards: str, minimum: float = AA_NORMAL_TEXT
) -> str:
    """``colour`` moved towards ``towards`` in 5 % steps until it reaches ``minimum`` on each
    background (``towards`` must itself be legible there)."""
    # Each background's luminance once, not once per step (this runs for every colour of a
    # Pygments style when a theme is first used).
    grounds = [relative_luminance(bg) for bg in backgrounds]
    candidate = blend(colour, colour, 0)  # normalised to lowercase #rrggbb
    for step in range(21):
        candidate = blend(colour, towards, step / 20)
        luminance = relative_luminance(candidate)
        if all(_ratio(luminance, ground) >= minimum for ground in grounds):
            return candidate
    return candidate
