"""Modal questions and messages, reached through classmethods that tests replace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

__all__ = ["Confirmation", "Desktop", "FolderDialog", "MessageBox"]


class MessageBox:
    """Message boxes; tests monkeypatch these classmethods instead of clicking modal dialogs."""

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent
        )
        if details:
            box.setDetailedText(details)
        box.exec()

    @classmethod
    def information(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    @classmethod
    def about(cls, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.about(parent, title, text)


class FolderDialog:
    """Pick a folder."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, start: Path | None = None) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(parent, title, str(start or Path.home()))
        return Path(chosen) if chosen else None


class Desktop:
    """Hand a URL or file to the system (browser, editor); tests replace this."""

    @classmethod
    def open_url(cls, url: QUrl) -> bool:
        return bool(QDesktopServices.openUrl(url))


class Confirmation:
    """Yes/no questions; tests replace ``ask`` instead of clicking a modal box."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
