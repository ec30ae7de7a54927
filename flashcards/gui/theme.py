"""Window colours from the rendering palettes, so widgets and cards share one look."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from flashcards.rendering import Theme, ThemePalette, theme_palette

__all__ = ["AppTheme", "StateColours", "apply_theme", "resolve_theme", "state_colours"]


@dataclass(frozen=True)
class StateColours:
    """Colours of the new / learning / review counts (readable on the theme's background)."""

    new: str
    learning: str
    review: str
    again: str


_STATE_COLOURS = {
    "light": StateColours(new="#0969da", learning="#bc4c00", review="#1a7f37", again="#cf222e"),
    "dark": StateColours(new="#58a6ff", learning="#f0883e", review="#3fb950", again="#ff7b72"),
}

# Surfaces around the card: a step away from the card's own background.
_SURFACES = {
    "light": {"window": "#f6f8fa", "button": "#ffffff", "alternate": "#f6f8fa"},
    # Fusion draws input frames darker than the window: fields darker than the window keep them
    # visible in the dark theme.
    "dark": {"window": "#1c2128", "button": "#2a313c", "alternate": "#131920"},
}


# Primary buttons carry white text: blues dark enough for a 4.5:1 contrast in both themes.
_PRIMARY = {"light": "#0969da", "dark": "#1f6feb"}


def resolve_theme(setting: str) -> Theme:
    """``light`` or ``dark``: ``system`` follows the OS colour scheme (light when unknown)."""
    if setting in ("light", "dark"):
        return setting  # type: ignore[return-value]
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def state_colours(theme: Theme) -> StateColours:
    return _STATE_COLOURS[theme]


@dataclass(frozen=True)
class AppTheme:
    """The resolved theme: card palette plus the GUI's extra colours."""

    name: Theme
    palette: ThemePalette
    states: StateColours

    @classmethod
    def for_setting(cls, setting: str) -> AppTheme:
        name = resolve_theme(setting)
        return cls(name, theme_palette(name), state_colours(name))


def build_palette(theme: AppTheme) -> QPalette:
    colours = theme.palette
    surfaces = _SURFACES[theme.name]
    palette = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    sets = {
        role.Window: surfaces["window"],
        role.WindowText: colours.foreground,
        role.Base: colours.background,
        role.AlternateBase: surfaces["alternate"],
        role.Text: colours.foreground,
        role.Button: surfaces["button"],
        role.ButtonText: colours.foreground,
        role.BrightText: "#ffffff",
        role.Highlight: colours.accent,
        role.HighlightedText: "#ffffff",
        role.Link: colours.link,
        role.LinkVisited: colours.link,
        role.ToolTipBase: colours.background,
        role.ToolTipText: colours.foreground,
        role.PlaceholderText: colours.muted,
        role.Light: surfaces["button"],
        role.Midlight: colours.border,
        role.Mid: colours.border,
        role.Dark: colours.muted,
        role.Shadow: "#000000",
    }
    for colour_role, value in sets.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor(colours.muted))
    palette.setColor(group.Disabled, role.Highlight, QColor(colours.border))
    return palette


def apply_theme(app: QApplication, setting: str) -> AppTheme:
    """Colour the whole app for a theme setting; returns the resolved theme."""
    theme = AppTheme.for_setting(setting)
    # Re-polishing every widget is slow: skip it when this theme is already on.
    if app.property("flashcardsTheme") == theme.name:
        return theme
    # Fusion draws every control from the palette, so light and dark look the same on every OS.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(build_palette(theme))
    app.setStyleSheet(_style_sheet(theme))
    app.setProperty("flashcardsTheme", theme.name)
    return theme


def _style_sheet(theme: AppTheme) -> str:
    colours = theme.palette
    return f"""
QTextBrowser#cardView {{
    background-color: {colours.background};
    color: {colours.foreground};
    border: 1px solid {colours.border};
    border-radius: 6px;
}}
QPushButton[primary="true"] {{
    background-color: {_PRIMARY[theme.name]};
    color: #ffffff;
    border: 1px solid {_PRIMARY[theme.name]};
    border-radius: 4px;
    padding: 6px 18px;
    font-weight: bold;
}}
QPushButton[primary="true"]:focus {{
    border: 2px solid {colours.foreground};
}}
QPushButton[primary="true"]:disabled {{
    background-color: {colours.border};
    border-color: {colours.border};
    color: {colours.muted};
}}
QPushButton[grade="true"] {{
    background-color: {_SURFACES[theme.name]["button"]};
    color: {colours.foreground};
    border: 1px solid {colours.border};
    border-radius: 5px;
    padding: 6px 14px;
}}
QPushButton[grade="true"]:hover {{
    border-color: {colours.accent};
}}
QPushButton[grade="true"]:focus {{
    border: 2px solid {colours.accent};
}}
QPushButton[grade="true"]:pressed {{
    background-color: {colours.accent};
    color: #ffffff;
}}
QLabel[role="muted"] {{
    color: {colours.muted};
}}
QLabel[role="heading"] {{
    font-size: 15pt;
    font-weight: bold;
}}
"""
