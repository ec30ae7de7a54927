"""Icons from ``resources/icons``: line icons drawn in the theme's text colour."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from flashcards.services.paths import resource_path

__all__ = ["app_icon", "line_icon"]

_SIZES = (16, 24, 32)
_STROKE_PLACEHOLDER = 'stroke="#000000"'


def app_icon() -> QIcon:
    """The application icon."""
    return QIcon(str(resource_path("icons", "flashcards.svg")))


@lru_cache(maxsize=128)
def _svg(name: str) -> bytes:
    path = resource_path("icons", f"{name}.svg")
    try:
        return path.read_bytes()
    except OSError:
        return b""


@lru_cache(maxsize=256)
def line_icon(name: str, colour: str, disabled_colour: str | None = None) -> QIcon:
    """A line icon stroked in ``colour`` (a ``#rrggbb``); an empty icon when it is missing."""
    svg = _svg(name)
    icon = QIcon()
    if not svg:
        return icon
    for mode, stroke in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled_colour)):
        if stroke is None:
            continue
        data = svg.replace(_STROKE_PLACEHOLDER.encode(), f'stroke="{stroke}"'.encode())
        renderer = QSvgRenderer(QByteArray(data))
        for size in _SIZES:
            for ratio in (1, 2):
                image = QImage(
                    size * ratio, size * ratio, QImage.Format.Format_ARGB32_Premultiplied
                )
                image.fill(Qt.GlobalColor.transparent)
                painter = QPainter(image)
                renderer.render(painter)
                painter.end()
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(ratio)
                icon.addPixmap(pixmap, mode)
    return icon
