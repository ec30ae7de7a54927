"""The settings dialog: limits, rollover, grading, theme, font size, language, deck folders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.settings import Settings
from flashcards.gui.dialogs import FolderDialog
from flashcards.gui.i18n import LANGUAGES

__all__ = ["SettingsDialog"]

_EDITABLE = (
    "new_per_day",
    "reviews_per_day",
    "rollover_hour",
    "grading",
    "theme",
    "font_size",
    "language",
    "deck_folders",
)


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``values()`` returns what changed."""

    applied = Signal(dict)  # the changes, when Apply is pressed

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._initial = settings
        self._baseline = {key: getattr(settings, key) for key in _EDITABLE}

        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 9999)
        self.reviews_per_day = QSpinBox()
        self.reviews_per_day.setRange(0, 99999)
        self.rollover_hour = QSpinBox()
        self.rollover_hour.setRange(0, 23)
        self.rollover_hour.setSuffix(":00")
        self.grading = QComboBox()
        self.theme = QComboBox()
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 40)
        self.language = QComboBox()
        for combo, count in ((self.grading, 2), (self.theme, 3), (self.language, 3)):
            for _ in range(count):
                combo.addItem("")
        self.folders = QListWidget()
        self.folders.setMinimumHeight(90)
        self.add_folder_button = QPushButton()
        self.remove_folder_button = QPushButton()
        self.add_folder_button.clicked.connect(self._on_add_folder_clicked)
        self.remove_folder_button.clicked.connect(self._on_remove_folder_clicked)
        self.folders.currentRowChanged.connect(self._on_folders_current_row_changed)

        self.study_box = QGroupBox()
        study_form = QFormLayout(self.study_box)
        self._study_labels = [QLabel() for _ in range(4)]
        for label, field in zip(
            self._study_labels,
            (self.new_per_day, self.reviews_per_day, self.rollover_hour, self.grading),
            strict=True,
        ):
            label.setBuddy(field)
            study_form.addRow(label, field)

        self.look_box = QGroupBox()
        look_form = QFormLayout(self.look_box)
        self._look_labels = [QLabel() for _ in range(3)]
        for label, field in zip(
            self._look_labels, (self.theme, self.font_size, self.language), strict=True
        ):
            label.setBuddy(field)
            look_form.addRow(label, field)

        self.folders_box = QGroupBox()
        folder_layout = QVBoxLayout(self.folders_box)
        self.folders_hint = QLabel()
        self.folders_hint.setWordWrap(True)
        self.folders_hint.setProperty("role", "muted")
        folder_layout.addWidget(self.folders_hint)
        folder_layout.addWidget(self.folders)
        folder_buttons = QHBoxLayout()
        folder_buttons.addWidget(self.add_folder_button)
        folder_buttons.addWidget(self.remove_folder_button)
        folder_buttons.addStretch(1)
        folder_layout.addLayout(folder_buttons)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._on_buttons_clicked)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.study_box)
        left.addWidget(self.look_box)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.folders_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

        self.set_settings(settings)
        self.retranslate_ui()
        self.new_per_day.setFocus()

    # -- values ----------------------------------------------------------------------------

    def set_settings(self, settings: Settings) -> None:
        self.new_per_day.setValue(settings.new_per_day)
        self.reviews_per_day.setValue(settings.reviews_per_day)
        self.rollover_hour.setValue(settings.rollover_hour)
        self.grading.setCurrentIndex(0 if settings.grading == "four" else 1)
        self.theme.setCurrentIndex(("system", "light", "dark").index(settings.theme))
        self.font_size.setValue(settings.font_size)
        self.language.setCurrentIndex(("system", "en", "zh_CN").index(settings.language))
        self.folders.clear()
        self.folders.addItems(list(settings.deck_folders))
        self._on_folders_current_row_changed(self.folders.currentRow())

    def all_values(self) -> dict[str, Any]:
        return {
            "new_per_day": self.new_per_day.value(),
            "reviews_per_day": self.reviews_per_day.value(),
            "rollover_hour": self.rollover_hour.value(),
            "grading": ("four", "six")[self.grading.currentIndex()],
            "theme": ("system", "light", "dark")[self.theme.currentIndex()],
            "font_size": self.font_size.value(),
            "language": ("system", "en", "zh_CN")[self.language.currentIndex()],
            "deck_folders": tuple(self.folders.item(i).text() for i in range(self.folders.count())),
        }

    def values(self) -> dict[str, Any]:
        """The settings that differ from the ones last applied."""
        return {k: v for k, v in self.all_values().items() if self._baseline[k] != v}

    @classmethod
    def ask(
        cls,
        settings: Settings,
        parent: QWidget | None,
        on_apply: Callable[[dict[str, Any]], None] | None = None,
    ) -> dict[str, Any] | None:
        """Show the dialog; the changes on OK, None on Cancel (Apply calls ``on_apply``)."""
        dialog = cls(settings, parent)
        if on_apply is not None:
            dialog.applied.connect(on_apply)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()

    # -- slots -----------------------------------------------------------------------------

    @Slot(QAbstractButton)
    def _on_buttons_clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ApplyRole:
            changes = self.values()
            self._baseline.update(changes)
            if changes:
                self.applied.emit(changes)

    @Slot()
    def _on_add_folder_clicked(self) -> None:
        folder = FolderDialog.ask(self, self.tr("Choose a Folder of Decks"))
        if folder is None:
            return
        text = str(folder)
        existing = {self.folders.item(i).text() for i in range(self.folders.count())}
        if text not in existing:
            self.folders.addItem(text)
            self.folders.setCurrentRow(self.folders.count() - 1)

    @Slot()
    def _on_remove_folder_clicked(self) -> None:
        row = self.folders.currentRow()
        if row >= 0:
            self.folders.takeItem(row)

    @Slot(int)
    def _on_folders_current_row_changed(self, row: int) -> None:
        self.remove_folder_button.setEnabled(row >= 0)

    # -- translation -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.study_box.setTitle(self.tr("Study"))
        self.look_box.setTitle(self.tr("Appearance"))
        self.folders_box.setTitle(self.tr("Deck folders"))
        for label, text in zip(
            self._study_labels,
            (
                self.tr("New cards per day:"),
                self.tr("Reviews per day:"),
                self.tr("Next day starts at:"),
                self.tr("Answer buttons:"),
            ),
            strict=True,
        ):
            label.setText(text)
        for label, text in zip(
            self._look_labels,
            (self.tr("Theme:"), self.tr("Card font size:"), self.tr("Language:")),
            strict=True,
        ):
            label.setText(text)
        self.new_per_day.setToolTip(self.tr("New cards each deck introduces per day"))
        self.reviews_per_day.setToolTip(self.tr("Most reviews each deck shows per day"))
        self.rollover_hour.setToolTip(
            self.tr("Cards answered before this hour count for the previous day")
        )
        self.font_size.setSuffix(" " + self.tr("px"))
        self.grading.setItemText(0, self.tr("4 buttons: Again, Hard, Good, Easy (keys 1-4)"))
        self.grading.setItemText(1, self.tr("6 buttons: SuperMemo grades 0-5 (keys 0-5)"))
        self.theme.setItemText(0, self.tr("Same as the system"))
        self.theme.setItemText(1, self.tr("Light"))
        self.theme.setItemText(2, self.tr("Dark"))
        self.language.setItemText(0, self.tr("Same as the system"))
        self.language.setItemText(1, LANGUAGES["en"])
        self.language.setItemText(2, LANGUAGES["zh_CN"])
        self.folders_hint.setText(
            self.tr(
                "Folders of Markdown decks, read with the bundled decks. Flashcards never "
                "changes these files, except when you edit a note."
            )
        )
        self.add_folder_button.setText(self.tr("Add Folder…"))
        self.remove_folder_button.setText(self.tr("Remove"))
        self.folders.setAccessibleName(self.tr("Deck folders"))
