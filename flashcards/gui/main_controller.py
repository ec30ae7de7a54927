"""Drives the main window: deck list, sync, study sessions, settings and the other windows."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Signal, Slot
from PySide6.QtWidgets import QApplication, QDockWidget, QWidget

from flashcards import __version__ as app_version
from flashcards.core.settings import SettingsError
from flashcards.gui.background import BackgroundRunner, StepRunner, TaskError
from flashcards.gui.backup_controller import BackupController
from flashcards.gui.dialogs import Desktop, MessageBox
from flashcards.gui.features import feature_available, feature_class
from flashcards.gui.i18n import Translations
from flashcards.gui.main_window import MainWindow
from flashcards.gui.review.controller import ReviewController
from flashcards.gui.settings_dialog import SettingsDialog
from flashcards.gui.theme import AppTheme, apply_theme
from flashcards.rendering import CardRenderer, warm_up_steps
from flashcards.services.collection import Collection, DeckNode
from flashcards.services.errors import StorageError
from flashcards.services.sync import SyncReport, default_sources, sync_decks
from flashcards.services.today import TodayProgress, today_progress

__all__ = ["MainController"]

_REFRESH_KEYS = {"new_per_day", "reviews_per_day", "rollover_hour"}
_RERENDER_KEYS = {"grading", "font_size", "theme", "language"}  # language: grade names


@dataclass(frozen=True)
class DeckOverview:
    """What the deck page shows: the counted tree and today's progress."""

    tree: DeckNode
    progress: TodayProgress


def deck_overview(collection: Collection) -> DeckOverview:
    """Count the deck tree (runs on a worker, with its own connection)."""
    return DeckOverview(collection.deck_tree(), today_progress(collection))


def sync_and_count(collection: Collection) -> tuple[SyncReport, DeckOverview]:
    """Sync the decks, then count the tree in the same worker task."""
    report = sync_decks(collection)
    return report, deck_overview(collection)


class MainController(QObject):
    """Owns the collection's use in the GUI; the window only shows and asks."""

    decks_refreshed = Signal()  # the deck page shows fresh counts

    def __init__(
        self,
        collection: Collection,
        window: MainWindow,
        runner: BackgroundRunner,
        translations: Translations,
        *,
        watch_decks: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.collection = collection
        self.window = window
        self.runner = runner
        self.translations = translations
        self.renderer = CardRenderer(max_entries=256)
        self.theme: AppTheme = AppTheme.for_setting(collection.settings.theme)
        self.last_sync: SyncReport | None = None
        self._syncing = False
        self._sync_again = False
        self._windows: dict[str, QWidget] = {}
        self.warm_up: StepRunner | None = None  # rendering set up in steps after start()
        self._problems_dock: QDockWidget | None = None
        self._refresh_serials = itertools.count(1)
        self._shown_serial = 0
        self.review = ReviewController(
            collection,
            window.review_view,
            window.summary_view,
            theme=lambda: self.theme,
            renderer=self.renderer,
            can_edit=lambda: feature_available("editor"),
            runner=runner,
            parent=self,
        )
        self.watcher: Any = self._make_watcher() if watch_decks else None
        self.backups = BackupController(self)
        self._connect()

    def _make_watcher(self) -> Any:
        """The editor's deck folder watcher: changed decks reload within a second."""
        try:
            watcher_class = feature_class("watcher")
        except ImportError:
            return None
        watcher = watcher_class(parent=self)
        watcher.decks_changed.connect(self.request_sync)
        return watcher

    def _connect(self) -> None:
        w = self.window
        w.study_requested.connect(self._on_window_study_requested)
        w.browse_requested.connect(lambda: self._open_window("browse"))
        w.statistics_requested.connect(lambda: self._open_window("statistics"))
        w.sync_requested.connect(self.request_sync)
        w.settings_requested.connect(self._on_window_settings_requested)
        w.deck_problems_requested.connect(self._on_window_deck_problems_requested)
        w.about_requested.connect(self._on_window_about_requested)
        w.backups_requested.connect(self.backups.open_dialog)
        w.quit_requested.connect(w.close)
        w.closing.connect(self._on_window_closing)
        w.deck_page.selection_changed.connect(w.update_study_enabled)
        w.deck_page.add_folder_requested.connect(self._on_window_settings_requested)
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.review.page_requested.connect(self._on_review_page_requested)
        self.review.closed.connect(self._on_review_closed)
        self.review.edit_note_requested.connect(self._on_review_edit_note_requested)
        self.review.open_source_requested.connect(self._on_review_open_source_requested)
        self.review.link_opened.connect(self._on_review_link_opened)
        self.review.failed.connect(self._on_review_failed)
        self.review.start_failed.connect(self._on_review_start_failed)
        hints = QApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    # -- start -------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the window with what the database holds, then sync the decks in the background.

        Both run on the background runner; ``decks_refreshed`` tells when counts are shown."""
        for feature in ("browse", "statistics"):
            self.window.set_feature_available(feature, feature_available(feature))
        self.apply_theme()
        self._restore_geometry()
        if self.collection.decks():
            self.refresh_decks()
        self.window.show_page("decks")
        self.window.show()
        self.request_sync()
        # Markdown, Pygments and their lexers import in ~0.3 s: do it now rather than when the
        # first card is shown, in short steps between paints (see StepRunner).
        self.warm_up = StepRunner(warm_up_steps(), self)
        self.warm_up.start()
        self.backups.start()

    def replace_collection(self, collection: Collection) -> None:
        """Work on ``collection`` from now on (a restored backup); the old one is closed.

        The Browse and Statistics windows hold the old one: they close."""
        for window in list(self._windows.values()):
            window.close()
        self.collection = collection
        self.review.collection = collection
        self.renderer.clear()
        self.translations.apply(collection.settings.language)
        self.apply_theme()
        self.window.show_page("decks")
        self.refresh_decks()
        self.request_sync()

    # -- decks and sync ------------------------------------------------------------------------

    def refresh_decks(self) -> None:
        """Recount the deck tree off the GUI thread (a cold count of 100,000 cards takes a few
        hundred ms); the newest result is shown when it arrives."""
        serial = next(self._refresh_serials)
        self.runner.run_on_collection(
            self.collection,
            deck_overview,
            lambda overview: self._show_overview(serial, overview),
            self._on_refresh_failed,
        )

    def _show_overview(self, serial: int, overview: DeckOverview) -> None:
        if serial < self._shown_serial:
            return  # an older count finished after a newer one
        first = self._shown_serial == 0
        self._shown_serial = serial
        tree, progress = overview.tree, overview.progress
        page = self.window.deck_page
        page.set_deck_tree(tree)
        bundled = next((n for n in tree.children if n.key == "bundled"), None)
        page.set_first_run(
            not progress.studied_ever,
            len(bundled.deck_ids()) if bundled else 0,
            self.collection.settings.new_per_day,
        )
        counts = tree.counts
        page.set_today((counts.new, counts.learning, counts.review), progress.answered)
        self.window.update_study_enabled()
        if self.window.current_page() == "decks" and (first or not page.tree.hasFocus()):
            # Study, once there is something to study; never away from a tree being browsed.
            page.focus_primary()
        self._show_sync_status()
        self.decks_refreshed.emit()

    def _on_refresh_failed(self, error: TaskError) -> None:
        self.window.set_status(self.tr("Counting the decks failed: %1").replace("%1", str(error)))

    @Slot()
    def request_sync(self) -> None:
        """Read changed deck files in the background; at most one sync runs at a time."""
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        serial = next(self._refresh_serials)
        self.runner.run_on_collection(
            self.collection,
            sync_and_count,
            lambda result: self._on_sync_done(serial, *result),
            self._on_sync_failed,
            label=self.tr("Syncing decks…"),
            read_only=False,
        )

    def _on_sync_done(self, serial: int, report: SyncReport, overview: DeckOverview) -> None:
        self._syncing = False
        self.last_sync = report
        self.renderer.clear()
        self.window.set_deck_problems(len(report.diagnostics))
        self._update_problems_panel()
        self._show_overview(serial, overview)
        if self.window.current_page() != "decks":
            self.review.refresh()
        if self.watcher is not None:
            folders = [source.folder for source in default_sources(self.collection)]
            if [Path(f) for f in self.watcher.folders()] != folders:
                self.watcher.set_folders(folders)
        if self._sync_again:
            self._sync_again = False
            self.request_sync()

    def _show_sync_status(self) -> None:
        report = self.last_sync
        if report is None:
            return
        tree = self.window.deck_page.model.root
        text = self.tr("%1 decks, %2 cards.").replace("%1", str(len(tree.deck_ids())))
        text = text.replace("%2", str(tree.card_count))
        totals = report.totals()
        if sum(totals.values()):
            changed = totals["edited"] + totals["moved"] + totals["restored"]
            text += " " + self.tr("Last sync: %1 notes added, %2 changed, %3 removed.").replace(
                "%1", str(totals["added"])
            ).replace("%2", str(changed)).replace("%3", str(totals["removed"]))
        self.window.set_status(text)

    def _on_sync_failed(self, error: TaskError) -> None:
        self._syncing = False
        self._sync_again = False
        if self.window.current_page() == "decks":
            self.refresh_decks()
        self.window.set_status(self.tr("Reading the decks failed."))
        MessageBox.error(
            self.window,
            self.tr("Sync failed"),
            self.tr("The deck files could not be read into the collection: %1").replace(
                "%1", str(error)
            ),
            error.details,
        )

    # -- studying ------------------------------------------------------------------------------

    @Slot()
    def _on_window_study_requested(self) -> None:
        if self.window.current_page() != "decks":
            return
        target: DeckNode = self.window.deck_page.study_target()
        self.review.start(target.deck_ids())

    @Slot(str)
    def _on_review_page_requested(self, page: str) -> None:
        self.window.show_page(page)

    @Slot()
    def _on_review_closed(self) -> None:
        self.window.show_page("decks")
        self.refresh_decks()
        self.window.deck_page.focus_primary()

    @Slot(int)
    def _on_review_edit_note_requested(self, note_id: int) -> None:
        try:
            dialog_class = feature_class("editor")
        except ImportError:
            return
        dialog = dialog_class(self.collection, note_id, self.window)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        # The editor wrote the deck file: read it back so the card shows the new wording.
        self.request_sync()

    @Slot(str, int)
    def _on_review_open_source_requested(self, path: str, line: int) -> None:
        # The editor package's ExternalEditor opens the line when $FLASHCARDS_EDITOR says how
        # (code -g {path}:{line}, gvim +{line} {path}); no portable way exists to ask the
        # system's default app for a line, so otherwise the file opens and the status bar
        # names the line.
        try:
            editor = feature_class("external_editor")
            opened = bool(editor.open(Path(path), line))
        except ImportError:
            opened = Desktop.open_url(QUrl.fromLocalFile(path))
        if not opened:
            MessageBox.error(
                self.window,
                self.tr("Cannot open the file"),
                self.tr("No application could open %1.").replace("%1", path),
            )
            return
        where = f"{Path(path).name}:{line}"
        self.window.set_status(self.tr("Opened %1").replace("%1", where))

    @Slot(str)
    def _on_review_failed(self, message: str) -> None:
        MessageBox.error(self.window, self.tr("Not saved"), message)

    @Slot(str)
    def _on_review_start_failed(self, message: str) -> None:
        MessageBox.error(self.window, self.tr("Cannot start studying"), message)

    @Slot(QUrl)
    def _on_review_link_opened(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            Desktop.open_url(url)

    # -- other windows -------------------------------------------------------------------------

    def _open_window(self, feature: str) -> None:
        existing = self._windows.get(feature)
        if existing is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return
        try:
            window_class = feature_class(feature)
        except ImportError:
            self.window.set_feature_available(feature, False)
            return
        window = window_class(self.collection, self.runner, self.window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.destroyed.connect(lambda *_: self._windows.pop(feature, None))
        self._windows[feature] = window
        window.show()

    @Slot()
    def _on_window_deck_problems_requested(self) -> None:
        report = self.last_sync
        if report is None or not report.diagnostics:
            return
        if self._problems_dock is None:
            try:
                panel_class = feature_class("deck_problems")
            except ImportError:
                lines = [d.format() for d in report.diagnostics[:30]]
                MessageBox.information(self.window, self.tr("Deck Problems"), "\n".join(lines))
                return
            dock = QDockWidget(self.tr("Deck Problems"), self.window)
            dock.setObjectName("deckProblemsDock")
            dock.setWidget(panel_class(self.window))
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            self._problems_dock = dock
        self._update_problems_panel()
        self._problems_dock.show()
        self._problems_dock.raise_()

    def _update_problems_panel(self) -> None:
        if self._problems_dock is None or self.last_sync is None:
            return
        panel: Any = self._problems_dock.widget()
        if hasattr(panel, "set_diagnostics"):
            panel.set_diagnostics(self.last_sync.diagnostics)

    @Slot()
    def _on_window_about_requested(self) -> None:
        MessageBox.about(
            self.window,
            self.tr("About Flashcards"),
            "<h3>Flashcards "
            + app_version
            + "</h3><p>"
            + self.tr(
                "Spaced repetition for engineers: Markdown decks, exact SM-2, "
                "your data on your computer."
            )
            + "</p>",
        )

    # -- settings ------------------------------------------------------------------------------

    @Slot()
    def _on_window_settings_requested(self) -> None:
        changes = SettingsDialog.ask(self.collection.settings, self.window, self.apply_settings)
        if changes:
            self.apply_settings(changes)

    def apply_settings(self, changes: dict[str, Any]) -> None:
        """Store changed settings and make them visible at once."""
        try:
            self.collection.update_settings(**changes)
        except (SettingsError, StorageError) as error:
            MessageBox.error(self.window, self.tr("Settings"), str(error))
            return
        keys = set(changes)
        if "language" in keys:
            self.translations.apply(self.collection.settings.language)
            self._show_sync_status()
        if "theme" in keys:
            self.apply_theme()
        if keys & _RERENDER_KEYS:
            self.renderer.clear()
            self.review.refresh()
        if "deck_folders" in keys:
            self.request_sync()
        elif keys & _REFRESH_KEYS and self.window.current_page() == "decks":
            self.refresh_decks()

    def apply_theme(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.theme = apply_theme(app, self.collection.settings.theme)
        self.window.set_theme(self.theme)

    @Slot(Qt.ColorScheme)
    def _on_style_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.collection.settings.theme == "system":
            self.apply_theme()
            self.renderer.clear()
            self.review.refresh()

    # -- busy, geometry, shutdown --------------------------------------------------------------

    @Slot(bool, str)
    def _on_runner_busy_changed(self, busy: bool, label: str) -> None:
        self.window.set_busy(busy, label)

    def _window_state_file(self) -> QSettings:
        path = self.collection.data_dir / "window.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        state = self._window_state_file()
        geometry = state.value("main/geometry")
        if geometry is not None:
            self.window.restoreGeometry(geometry)

    @Slot()
    def _on_window_closing(self) -> None:
        state = self._window_state_file()
        state.setValue("main/geometry", self.window.saveGeometry())
        state.sync()
        for window in list(self._windows.values()):
            window.close()
