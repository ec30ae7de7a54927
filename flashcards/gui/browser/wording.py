"""Counted phrases ("1 card", "12 cards") without relying on an English plural catalogue."""

from __future__ import annotations

from PySide6.QtCore import QLocale

__all__ = ["counted"]


def counted(count: int, one: str, many: str, *args: str) -> str:
    """``one`` when ``count`` is 1, else ``many``; ``%1`` is the count, ``%2``... are ``args``.

    Both phrases go through ``tr()`` at the call site (a language without plurals translates
    them alike).
    """
    text = (one if count == 1 else many).replace("%1", QLocale().toString(count))
    for number, arg in enumerate(args, start=2):
        text = text.replace(f"%{number}", arg)
    return text
