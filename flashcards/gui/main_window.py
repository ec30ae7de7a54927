"""The main window: menus, toolbar, status bar and the deck / review / summary pages.

Passive: it shows what the MainController gives it and reports intents through signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from flashcards.gui.deck_page import DeckPage
from flashcards.gui.icons import app_icon, line_icon
from flashcards.gui.review.summary_view import SummaryView
from flashcards.gui.review.view import ReviewView
from flashcards.gui.theme import AppTheme

__all__ = ["MainWindow"]

PAGES = ("decks", "review", "summary")


class MainWindow(QMainWindow):
    """Deck list, review and summary pages under one menu bar and toolbar."""

    study_requested = Signal()
    browse_requested = Signal()
    statistics_requested = Signal()
    sync_requested = Signal()
    settings_requested = Signal()
    deck_problems_requested = Signal()
    about_requested = Signal()
    backups_requested = Signal()
    quit_requested = Signal()
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.deck_page = DeckPage()
        self.review_view = ReviewView()
        self.summary_view = SummaryView()
        self.pages = QStackedWidget()
        for page in (self.deck_page, self.review_view, self.summary_view):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self.deck_page.study_requested.connect(self.study_requested.emit)
        self.resize(1080, 720)
        self.retranslate_ui()

    # -- construction ----------------------------------------------------------------------

    def _action(
        self, shortcut: QKeySequence | str | None, signal: SignalInstance, icon: str = ""
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(signal.emit)
        action.setData(icon)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.study_action = self._action("S", self.study_requested, "study")
        self.browse_action = self._action("B", self.browse_requested, "browse")
        self.statistics_action = self._action("T", self.statistics_requested, "statistics")
        self.sync_action = self._action("Ctrl+R", self.sync_requested, "sync")
        self.settings_action = self._action("Ctrl+,", self.settings_requested, "settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.deck_problems_action = self._action(None, self.deck_problems_requested, "errors")
        self.backups_action = self._action(None, self.backups_requested)
        self.quit_action = self._action("Ctrl+Q", self.quit_requested, "quit")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = self._action(None, self.about_requested, "about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.sync_action)
        self.file_menu.addAction(self.deck_problems_action)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = QMenu(self)
        self.go_menu.addAction(self.study_action)
        self.go_menu.addAction(self.browse_action)
        self.go_menu.addAction(self.statistics_action)
        self.card_menu = QMenu(self)
        self.card_menu.aboutToShow.connect(self._fill_card_menu)
        self._fill_card_menu()
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.about_action)
        for menu in (self.file_menu, self.go_menu, self.card_menu, self.help_menu):
            bar.addMenu(menu)

    def _fill_card_menu(self) -> None:
        # Grade actions are rebuilt when the grading mode changes: refill on every opening, and
        # keep every action in the menu so its shortcut works while the review page shows.
        review = self.review_view
        self.card_menu.clear()
        self.card_menu.addAction(review.show_answer_action)
        for action in review.grade_actions():
            self.card_menu.addAction(action)
        self.card_menu.addSeparator()
        self.card_menu.addAction(review.undo_action)
        self.card_menu.addAction(review.edit_action)
        self.card_menu.addAction(review.open_source_action)
        self.card_menu.addAction(review.suspend_action)
        self.card_menu.addAction(review.bury_action)
        self.card_menu.addSeparator()
        self.card_menu.addAction(review.back_action)

    def _make_toolbar(self) -> None:
        toolbar = QToolBar(self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.study_action, self.browse_action, self.statistics_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.settings_action)
        self.toolbar = toolbar
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.status_label = QLabel()
        self.busy_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: sync cannot tell how far it is
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.problems_button = QToolButton()
        self.problems_button.setDefaultAction(self.deck_problems_action)
        self.problems_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.problems_button.setAutoRaise(True)
        status.addWidget(self.status_label, 1)
        status.addPermanentWidget(self.problems_button)
        status.addPermanentWidget(self.busy_label)
        status.addPermanentWidget(self.progress)
        self.set_busy(False, "")
        self.set_deck_problems(0)

    # -- what the controller sets ----------------------------------------------------------

    def set_theme(self, theme: AppTheme) -> None:
        colours = theme.palette
        for action in self.actions():
            name = action.data()
            if isinstance(name, str) and name:
                action.setIcon(line_icon(name, colours.foreground, colours.border))
        self.deck_page.set_theme(theme)
        self.review_view.set_theme(theme)

    def show_page(self, name: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(name))
        on_decks = name == "decks"
        self.card_menu.menuAction().setVisible(not on_decks)
        self.study_action.setEnabled(on_decks and self.deck_page.study_button.isEnabled())
        if on_decks:
            self.deck_page.focus_primary()

    def current_page(self) -> str:
        return PAGES[self.pages.currentIndex()]

    def set_busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy and bool(label))
        self.busy_label.setText(label)
        self.sync_action.setEnabled(not busy)

    def set_status(self, text: str) -> None:
        self.status_label.setText(text)

    def set_deck_problems(self, count: int) -> None:
        self._problems = count
        self.problems_button.setVisible(count > 0)
        self.deck_problems_action.setEnabled(count > 0)
        self.deck_problems_action.setText(self.tr("Deck Problems (%1)…").replace("%1", str(count)))

    def set_feature_available(self, feature: str, available: bool) -> None:
        """Disable Browse or Statistics while their windows are not part of this build."""
        action = {"browse": self.browse_action, "statistics": self.statistics_action}[feature]
        action.setEnabled(available)
        action.setProperty("unavailable", not available)
        self.retranslate_ui()

    def update_study_enabled(self) -> None:
        self.study_action.setEnabled(
            self.current_page() == "decks" and self.deck_page.study_button.isEnabled()
        )

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- events ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Flashcards"))
        self.file_menu.setTitle(self.tr("&File"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.card_menu.setTitle(self.tr("&Card"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        texts = {
            self.study_action: (self.tr("Study"), self.tr("Study the chosen deck")),
            self.browse_action: (self.tr("Browse"), self.tr("Search and browse every card")),
            self.statistics_action: (
                self.tr("Statistics"),
                self.tr("Reviews, retention, forecast"),
            ),
            self.sync_action: (self.tr("Sync Decks"), self.tr("Read changed deck files again")),
            self.settings_action: (
                self.tr("Settings…"),
                self.tr("Limits, grading, theme, language"),
            ),
            self.backups_action: (
                self.tr("Backups…"),
                self.tr("Back up the collection or restore a backup"),
            ),
            self.quit_action: (self.tr("Quit"), self.tr("Quit Flashcards")),
            self.about_action: (self.tr("About Flashcards"), self.tr("About Flashcards")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if action.property("unavailable"):
                tip, keys = self.tr("Not available in this build"), ""
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
            action.setStatusTip(tip)
        self.progress.setAccessibleName(self.tr("Working"))
        self.set_deck_problems(getattr(self, "_problems", 0))
