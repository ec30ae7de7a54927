"""The interface language: the app's catalogue and Qt's own, switched while the app runs.

Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every widget;
our widgets answer it in ``changeEvent`` by calling their ``retranslate_ui()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from flashcards.services.paths import resource_path

__all__ = ["LANGUAGES", "Translations", "resolve_language"]

# Setting value -> the language's own name (never translated: people look for their language).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show for a setting: ``system`` follows the OS locale, else English."""
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    for name in locale.uiLanguages():
        if name.lower().startswith("zh"):
            return "zh_CN"
    return "en"


class Translations:
    """The translators installed on the application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, setting: str) -> str:
        """Switch to the language of ``setting``; returns the language now shown."""
        language = resolve_language(setting)
        if language == self.language and (self._installed or language == "en"):
            return language
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if language != "en":
            ours = QTranslator(self._app)
            if ours.load(f"flashcards_{language}", str(resource_path("translations"))):
                self._installed.append(ours)
            # Qt's own strings: standard buttons (OK, Cancel), file dialogs, context menus.
            qt = QTranslator(self._app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            # qtbase only: the qt_<lang> meta catalogue fails to load when a module's catalogue
            # (multimedia, say) is not shipped, as in PySide6-Essentials.
            if qt.load(f"qtbase_{language}", qt_dir):
                self._installed.append(qt)
            for translator in self._installed:
                self._app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))
        self.language = language
        # Qt posts LanguageChange to every widget; deliver it now, so the switch is immediate.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return language
