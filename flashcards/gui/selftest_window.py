"""The Qt half of ``flashcards --self-test``: a card drawn offscreen, icons, catalogues, the window.

Loaded by name from ``flashcards.selftest`` only when the self-test runs, so terminal commands
never import Qt.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtWidgets import QApplication, QTextBrowser

from flashcards.gui.i18n import LANGUAGES
from flashcards.gui.icons import app_icon
from flashcards.services.paths import resource_path

__all__ = ["check_qt"]

_WAIT_SECONDS = 20.0


class QtCheckError(Exception):
    """A Qt check failed."""


def _require(condition: object, message: str) -> None:
    if not condition:
        raise QtCheckError(message)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Offscreen whatever the environment says: the self-test needs no display.
    return QApplication([sys.argv[0] if sys.argv else "flashcards", "-platform", "offscreen"])


def _check_card(card_html: str, placeholder: str) -> str:
    browser = QTextBrowser()
    try:
        browser.resize(640, 480)
        browser.setHtml(card_html)
        pixmap = browser.grab()
        _require(not pixmap.isNull(), "a QTextBrowser could not be drawn")
        if placeholder:
            text = browser.toPlainText()
            _require(placeholder in text, f"the card shows no {placeholder} placeholder")
        return f"card drawn {pixmap.width()}x{pixmap.height()}"
    finally:
        browser.deleteLater()


def _check_resources() -> str:
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"svg", "png", "jpeg"} - formats
    _require(not missing, f"Qt image formats missing: {', '.join(sorted(missing))}")
    _require(not app_icon().pixmap(64, 64).isNull(), "the SVG app icon cannot be drawn")
    languages = [language for language in LANGUAGES if language != "en"]
    for language in languages:
        ours = QTranslator()
        _require(
            ours.load(f"flashcards_{language}", str(resource_path("translations"))),
            f"the {language} catalogue does not load",
        )
        qt = QTranslator()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        _require(
            qt.load(f"qtbase_{language}", qt_dir),
            f"Qt's own {language} catalogue is missing from {qt_dir}",
        )
    return f"SVG icon, {'/'.join(languages) or 'no'} catalogues"


def _check_features() -> str:
    # The browser, statistics and editor are imported by name when first used: a bundle that
    # missed one would only show a disabled action, so load each here.
    from flashcards.gui.features import FEATURES, feature_available, feature_class

    loaded, absent = [], []
    for feature in FEATURES:
        if not feature_available(feature):
            _require(not getattr(sys, "frozen", False), f"the {feature} feature is not bundled")
            absent.append(feature)
            continue
        try:
            feature_class(feature)
        except ImportError as error:
            raise QtCheckError(f"the {feature} feature cannot load: {error}") from error
        loaded.append(feature)
    missing = f" ({', '.join(absent)} not built)" if absent else ""
    return f"{len(loaded)} features load{missing}"


def _check_window(app: QApplication, data_dir: Path) -> str:
    from flashcards.gui.app import RunningApp, start_app

    begun = time.perf_counter()
    server = f"flashcards-self-test-{os.getpid()}-{int(begun * 1000)}"
    started = start_app(data_dir, server_name=server, watch_decks=False)
    _require(isinstance(started, RunningApp), f"the app did not start (exit code {started})")
    assert isinstance(started, RunningApp)
    try:
        deadline = time.monotonic() + _WAIT_SECONDS
        while started.runner.busy and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()
        _require(not started.runner.busy, f"the startup sync ran over {_WAIT_SECONDS:.0f} s")
        _require(started.window.isVisible(), "the main window is not shown")
        decks = started.window.deck_page.model.root.deck_ids()
        _require(decks, "the main window lists no decks")
        seconds = time.perf_counter() - begun
        return f"main window with {len(decks)} decks in {seconds:.2f} s"
    finally:
        started.close()
        app.processEvents()


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says this for every top-level window; everything else goes through.
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def check_qt(card_html: str, placeholder: str, data_dir: Path) -> str:
    """Run the Qt checks; a one-line summary, or ``QtCheckError`` saying what failed."""
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        app = _application()
        parts = [
            f"platform {QGuiApplication.platformName()}",
            _check_card(card_html, placeholder),
            _check_resources(),
            _check_features(),
            _check_window(app, data_dir),
        ]
    finally:
        qInstallMessageHandler(previous)
    return ", ".join(parts)
