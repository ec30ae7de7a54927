"""Open a deck file in the user's own editor, at a line when the editor can be told one."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

__all__ = ["EDITOR_VARIABLE", "ExternalEditor"]

# For example ``code -g {path}:{line}``, ``subl {path}:{line}`` or ``gvim +{line} {path}``.
EDITOR_VARIABLE = "FLASHCARDS_EDITOR"


class ExternalEditor:
    """How files are opened outside the app; tests replace ``open``."""

    @classmethod
    def open(cls, path: Path, line: int = 1) -> bool:
        """Open ``path`` (at ``line`` when ``$FLASHCARDS_EDITOR`` says how); True if started."""
        command = cls.command(path, line)
        if command:
            started, _pid = QProcess.startDetached(command[0], command[1:])
            if started:
                return True
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))

    @classmethod
    def command(cls, path: Path, line: int) -> list[str]:
        """The ``$FLASHCARDS_EDITOR`` command for ``path`` and ``line`` (empty when unset)."""
        template = os.environ.get(EDITOR_VARIABLE, "").strip()
        if not template:
            return []
        parts = shlex.split(template)
        if not any("{path}" in part for part in parts):
            parts.append("{path}")
        return [part.replace("{path}", str(path)).replace("{line}", str(line)) for part in parts]

    @classmethod
    def opens_at_line(cls) -> bool:
        return "{line}" in os.environ.get(EDITOR_VARIABLE, "")
