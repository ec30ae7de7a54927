"""Edit one note's Markdown with a live preview, and save it back into its deck file."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from flashcards.deckformat import card_faces, card_specs
from flashcards.gui.browser.card_html import render_settings, sides_html
from flashcards.gui.browser.confirmation import Confirmation
from flashcards.gui.browser.model import card_kind_name
from flashcards.gui.browser.preview import CardPreview
from flashcards.gui.editor.errors import DeckErrorsPanel
from flashcards.gui.editor.external import ExternalEditor
from flashcards.gui.theme import AppTheme
from flashcards.services.collection import Collection
from flashcards.services.editing import (
    EditError,
    FileChangedError,
    NoteDraft,
    NoteParseError,
    NoteSource,
    check_note,
    read_note,
    save_note,
)
from flashcards.services.sync import DeckSource

__all__ = ["PREVIEW_DELAY_MS", "NoteEditorDialog"]

PREVIEW_DELAY_MS = 150


class NoteEditorDialog(QDialog):
    """The note's Markdown on the left, its cards rendered on the right; Ctrl+S saves."""

    note_saved = Signal(int)  # note id, after the file was written and re-synced
    preview_updated = Signal()
    loaded = Signal()  # the note was read from its file (first, or again after a change)

    def __init__(
        self,
        collection: Collection,
        note_id: int,
        parent: QWidget | None = None,
        *,
        sources: Sequence[DeckSource] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.collection = collection
        self.note_id = note_id
        self.sources = sources
        self.source: NoteSource | None = None
        self._data = b""  # the file as read, for previews
        self._draft: NoteDraft | None = None
        self._saved_text = ""  # the note as the file holds it, to tell unsaved edits

        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.location = QLabel(self)
        self.location.setProperty("role", "muted")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("editorBanner")
        self.reload_button = QPushButton(self)
        self.reload_button.clicked.connect(self._on_reload_clicked)
        banner_row = QHBoxLayout()
        banner_row.addWidget(self.banner, 1)
        banner_row.addWidget(self.reload_button)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("noteText")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setTabChangesFocus(False)
        self.editor.setTabStopDistance(self.editor.fontMetrics().horizontalAdvance(" ") * 4)
        self.card_choice = QComboBox(self)
        self.preview = CardPreview(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.card_choice)
        right_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.problems = DeckErrorsPanel(self)
        self.problems.open_location.connect(self._on_problems_open_location)
        self.problems.setMaximumHeight(130)

        self.status = QLabel(self)
        self.status.setProperty("role", "muted")
        self.status.setWordWrap(True)
        self.external_button = QPushButton(self)
        self.external_button.clicked.connect(self._on_external_clicked)
        self.save_button = QPushButton(self)
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.external_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.location)
        layout.addLayout(banner_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.card_choice.currentIndexChanged.connect(self._on_card_choice_changed)
        self._file_watch = QFileSystemWatcher(self)
        self._file_watch.fileChanged.connect(self._on_file_changed)

        self.retranslate_ui()
        self.resize(1100, 680)
        self.splitter.setSizes([560, 540])
        self.load()

    # -- loading -------------------------------------------------------------------------

    def load(self) -> bool:
        """Read the note from its file (again); False when it cannot be read."""
        self._show_banner("")
        try:
            source = read_note(self.collection, self.note_id)
            data = source.path.read_bytes()
        except (EditError, OSError) as error:
            self.source = None
            self.editor.setReadOnly(True)
            self.save_button.setEnabled(False)
            self.external_button.setEnabled(False)
            self._show_banner(str(error), error=True)
            self.preview.show_message("")
            return False
        self.source = source
        self._data = data
        self.editor.blockSignals(True)
        self.editor.setPlainText(source.text)
        self.editor.blockSignals(False)
        self._saved_text = source.text
        self._show_modified()
        self.editor.setReadOnly(source.read_only)
        self.save_button.setEnabled(not source.read_only)
        self.external_button.setEnabled(True)
        if source.read_only:
            self._show_banner(source.read_only_reason, error=False)
        self._watch(source.path)
        self._show_location()
        self.update_preview()
        self.editor.setFocus()
        self.loaded.emit()
        return True

    def _watch(self, path: Path) -> None:
        files = self._file_watch.files()
        if files:
            self._file_watch.removePaths(files)
        if path.exists():
            self._file_watch.addPath(str(path))

    def _show_location(self) -> None:
        source = self.source
        if source is None:
            return
        self.heading.setText(self.tr("Edit note — %1").replace("%1", source.deck_title))
        self.location.setText(
            self.tr("%1, line %2").replace("%1", str(source.path)).replace("%2", str(source.line))
        )
        self.setWindowTitle(self.tr("Edit note — %1").replace("%1", source.deck_title))
        self._show_modified()

    # -- preview -------------------------------------------------------------------------

    def _on_editor_text_changed(self) -> None:
        self._preview_timer.start()
        self._show_modified()

    def update_preview(self) -> None:
        """Parse the text in place of the note and render the chosen card."""
        self._preview_timer.stop()
        source = self.source
        if source is None:
            return
        draft = check_note(source, self.editor.toPlainText(), data=self._data)
        self._draft = draft
        self.problems.set_diagnostics([*draft.errors, *draft.warnings])
        self.problems.setVisible(bool(draft.errors or draft.warnings))
        choice = self.card_choice.currentIndex()
        self.card_choice.blockSignals(True)
        self.card_choice.clear()
        if draft.notes:
            note = draft.notes[0]
            for spec in card_specs(note, draft.deck.header):
                self.card_choice.addItem(card_kind_name(spec.kind, spec.ordinal), spec.ordinal)
        self.card_choice.setCurrentIndex(min(max(choice, 0), self.card_choice.count() - 1))
        self.card_choice.blockSignals(False)
        self.card_choice.setVisible(self.card_choice.count() > 1)
        self._render_choice()
        self.preview_updated.emit()

    def _on_card_choice_changed(self, _index: int) -> None:
        self._render_choice()

    def _render_choice(self) -> None:
        draft, source = self._draft, self.source
        if draft is None or source is None or not draft.notes:
            self.preview.show_message(
                self.tr("Nothing to preview: the note needs a '## ' heading.")
            )
            return
        note = draft.notes[0]
        specs = card_specs(note, draft.deck.header)
        ordinal = self.card_choice.currentData()
        spec = next((s for s in specs if s.ordinal == ordinal), specs[0])
        front, back = card_faces(note, spec)
        front_html, back_html = sides_html(
            front,
            back,
            cloze=spec.cloze,
            settings=render_settings(self.collection.settings),
            base_dir=source.path.parent,
        )
        self.preview.show_card(front_html, back_html, base_dir=source.path.parent)

    # -- saving --------------------------------------------------------------------------

    def is_modified(self) -> bool:
        """True when the text differs from what the file holds (trailing blank lines aside)."""
        return self.editor.toPlainText().rstrip("\n") != self._saved_text.rstrip("\n")

    def save(self) -> bool:
        """Write the note back into its file and re-sync; False (with the reason shown) if not."""
        source = self.source
        if source is None or source.read_only:
            return False
        try:
            result = save_note(
                self.collection, source, self.editor.toPlainText(), sources=self.sources
            )
        except FileChangedError as error:
            self._show_banner(str(error), error=True, reload=True)
            return False
        except NoteParseError as error:
            self.problems.set_diagnostics(error.diagnostics)
            self.problems.setVisible(bool(error.diagnostics))
            self._show_banner(self.tr("Not saved: %1").replace("%1", str(error)), error=True)
            return False
        except EditError as error:
            self._show_banner(str(error), error=True)
            return False
        if result.source is not None:
            self.source = result.source
            self.note_id = result.source.note_id
        self._data = self.source.path.read_bytes() if self.source else b""
        self._watch(source.path)
        self._saved_text = self.editor.toPlainText()
        self._show_modified()
        messages = list(result.messages)
        self._show_banner(" ".join(messages), error=False)
        self.status.setText(self.tr("Saved to %1.").replace("%1", source.path.name))
        self._show_location()
        self.note_saved.emit(self.note_id)
        return True

    # -- external changes ----------------------------------------------------------------

    def _on_file_changed(self, path: str) -> None:
        source = self.source
        if source is None:
            return
        self._watch(source.path)  # an atomic save replaced the file: watch the new one
        try:
            data = Path(path).read_bytes()
        except OSError:
            return
        if hashlib.sha256(data).hexdigest() == source.sha256 or data == self._data:
            return  # our own save, or nothing changed
        if self.is_modified():
            self._show_banner(
                self.tr(
                    "The file changed on disk. Reload to see the changes (your edit "
                    "will be replaced), or keep editing and save to be told again."
                ),
                error=True,
                reload=True,
            )
        else:
            self.load()
            self.status.setText(self.tr("Reloaded: the file changed on disk."))

    def _on_reload_clicked(self) -> None:
        if self.is_modified() and not Confirmation.ask(
            self,
            self.tr("Reload note"),
            self.tr("Replace your edit with the note as it is in the file now?"),
        ):
            return
        if self.load():
            self.status.setText(self.tr("Reloaded from the file."))

    def _on_external_clicked(self) -> None:
        source = self.source
        if source is None:
            return
        if ExternalEditor.open(source.path, source.line):
            self.status.setText(
                self.tr(
                    "Opened %1 in your editor: the note starts at line %2. Saved changes "
                    "reload here."
                )
                .replace("%1", source.path.name)
                .replace("%2", str(source.line))
            )
        else:
            self.status.setText(self.tr("Could not open %1.").replace("%1", str(source.path)))

    def _on_problems_open_location(self, path: str, line: int) -> None:
        source = self.source
        if source is not None and Path(path) == source.path and line >= source.line:
            block = self.editor.document().findBlockByLineNumber(line - source.line)
            if block.isValid():
                cursor = QTextCursor(block)
                self.editor.setTextCursor(cursor)
                self.editor.setFocus()
                return
        ExternalEditor.open(Path(path), line)

    def _show_modified(self) -> None:
        title = self.windowTitle().removesuffix(" *")
        self.setWindowTitle(f"{title} *" if self.is_modified() else title)

    # -- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Close (Esc, Close, the window's X): ask first when there are unsaved changes."""
        if self.is_modified() and not Confirmation.ask(
            self,
            self.tr("Discard changes"),
            self.tr("The note has changes that are not saved. Close and discard them?"),
        ):
            return
        self._preview_timer.stop()
        super().reject()

    # -- look and language ---------------------------------------------------------------

    def _show_banner(self, text: str, *, error: bool = False, reload: bool = False) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        theme = AppTheme.for_setting(self.collection.settings.theme)
        colour = theme.states.again if error else theme.palette.muted
        self.banner.setStyleSheet(f"color: {colour};" + (" font-weight: bold;" if error else ""))
        self.reload_button.setVisible(reload)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Edit note"))
        self.heading.setText(self.tr("Edit note"))
        self.editor.setAccessibleName(self.tr("Note Markdown"))
        self.card_choice.setAccessibleName(self.tr("Card to preview"))
        self.reload_button.setText(self.tr("&Reload"))
        self.external_button.setText(self.tr("Open in e&xternal editor"))
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save into the deck file (Ctrl+S)"))
        self.close_button.setText(self.tr("Close"))
        self._show_location()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
