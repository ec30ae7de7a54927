"""The statistics window: today's numbers and six charts, computed off the GUI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from flashcards.gui.browser.runner import Runner
from flashcards.gui.browser.wording import counted
from flashcards.gui.stats.charts import (
    BarChart,
    ChartColours,
    ChartWidget,
    HeatmapChart,
    RetentionChart,
)
from flashcards.gui.stats.shaping import (
    Bar,
    RetentionRow,
    forecast_bars,
    grade_bars,
    heatmap,
    interval_bars,
    retention_rows,
    reviews_bars,
)
from flashcards.gui.theme import AppTheme
from flashcards.services.browse import open_reader
from flashcards.services.collection import Collection
from flashcards.services.stats import CollectionStats, collection_stats

__all__ = ["StatsWindow", "compute_stats"]


def compute_stats(collection: Collection) -> CollectionStats:
    """``collection_stats`` on a read-only connection of its own (safe on a worker thread)."""
    with open_reader(collection) as reader:
        return collection_stats(reader)


class _Figure(QFrame):
    """A big number with a caption under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("–", self)
        self.value.setProperty("role", "heading")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self)
        self.caption.setProperty("role", "muted")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleName(f"{self.caption.text()}: {text}")


class StatsWindow(QMainWindow):
    """Review calendar, forecast, reviews per day, retention, answer buttons and intervals."""

    stats_loaded = Signal(object)  # CollectionStats, once shown

    def __init__(
        self, collection: Collection, runner: Runner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statsWindow")
        self.collection = collection
        self.runner = runner
        self.stats: CollectionStats | None = None
        self._reviews_days = 30
        self._generation = 0

        self.figures = {
            key: _Figure(self) for key in ("today", "retention", "due", "new", "cards", "streak")
        }
        figures_row = QHBoxLayout()
        for figure in self.figures.values():
            figures_row.addWidget(figure, 1)

        self.calendar = HeatmapChart("review-calendar.png", self)
        self.forecast = BarChart("due-forecast.png", self)
        self.reviews = BarChart("reviews-per-day.png", self)
        self.retention = RetentionChart("retention-per-deck.png", self)
        self.grades = BarChart("answer-buttons.png", self)
        self.intervals = BarChart("intervals.png", self)
        self.charts: list[ChartWidget] = [
            self.calendar,
            self.forecast,
            self.reviews,
            self.retention,
            self.grades,
            self.intervals,
        ]

        self.days_30 = QPushButton(self)
        self.days_90 = QPushButton(self)
        group = QButtonGroup(self)
        for days, button in ((30, self.days_30), (90, self.days_90)):
            button.setCheckable(True)
            button.setProperty("days", days)
            group.addButton(button)
        self.days_30.setChecked(True)
        group.buttonClicked.connect(self._on_days_clicked)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        self.status.setProperty("role", "muted")

        controls = QHBoxLayout()
        controls.addWidget(self.status, 1)
        self._range_label = QLabel(self)
        controls.addWidget(self._range_label)
        controls.addWidget(self.days_30)
        controls.addWidget(self.days_90)
        controls.addSpacing(12)
        controls.addWidget(self.refresh_button)

        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.calendar, 0, 0, 1, 2)
        grid.addWidget(self.reviews, 1, 0)
        grid.addWidget(self.forecast, 1, 1)
        grid.addWidget(self.grades, 2, 0)
        grid.addWidget(self.intervals, 2, 1)
        grid.addWidget(self.retention, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(figures_row)
        layout.addLayout(controls)
        layout.addLayout(grid)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.setCentralWidget(scroll)

        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        self.close_action = QAction(self)
        self.close_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")]
        )
        self.close_action.triggered.connect(self.close)
        self.addActions([self.refresh_action, self.close_action])

        self._apply_theme()
        self.retranslate_ui()
        self.resize(1040, 860)
        self.refresh()

    # -- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the statistics again (off the GUI thread)."""
        self._generation += 1
        generation = self._generation
        collection = self.collection
        self.refresh_button.setEnabled(False)
        self.status.setText(self.tr("Computing statistics…"))
        self.runner.run(
            lambda: compute_stats(collection),
            lambda stats: self._on_stats_done(generation, stats),
            self._on_stats_failed,
        )

    def _on_stats_done(self, generation: int, stats: CollectionStats) -> None:
        if generation != self._generation:
            return
        self.refresh_button.setEnabled(True)
        self.set_stats(stats)

    def _on_stats_failed(self, error: object) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(
            self.tr("Statistics could not be computed: %1").replace("%1", str(error))
        )

    def set_stats(self, stats: CollectionStats) -> None:
        """Show ``stats`` (the window is a passive view of them)."""
        self.stats = stats
        self.status.setText(
            self.tr("As of %1").replace(
                "%1",
                _long_day(date.fromisoformat(stats.today)),
            )
        )
        self._fill()
        self.stats_loaded.emit(stats)

    def _fill(self) -> None:
        stats = self.stats
        if stats is None:
            return
        locale = QLocale()
        today = date.fromisoformat(stats.today)
        figures = self.figures
        figures["today"].set_value(locale.toString(stats.reviews_today))
        figures["retention"].set_value(_percent(stats.retention_today))
        figures["due"].set_value(locale.toString(stats.due + stats.learning))
        # Cards never answered (suspended ones too), summed over the decks rather than read
        # from ``stats.new``, which counts every card at the moment (reported to the lead).
        figures["new"].set_value(locale.toString(sum(deck.new for deck in stats.decks)))
        figures["cards"].set_value(locale.toString(stats.cards))
        figures["streak"].set_value(
            counted(stats.streak_days, self.tr("1 day"), self.tr("%1 days"))
        )

        first_weekday = (locale.firstDayOfWeek().value - 1) % 7  # Qt: Monday is 1
        calendar = heatmap(stats.reviews_per_day, today, first_weekday=first_weekday)
        self.calendar.set_heatmap(calendar)
        self.calendar.month_name = lambda month: locale.monthName(
            month, QLocale.FormatType.ShortFormat
        )
        names = [
            locale.dayName((first_weekday + row) % 7 + 1, QLocale.FormatType.ShortFormat)
            for row in range(7)
        ]
        self.calendar.weekday_names = [
            name if row % 2 == 0 else "" for row, name in enumerate(names)
        ]
        self.calendar.cell_tip = lambda count, day: self._reviews_on(
            count, _long_day(date.fromisoformat(day))
        )
        self.calendar.summary = counted(
            calendar.total,
            self.tr("1 review in the last year"),
            self.tr("%1 reviews in the last year"),
        )

        def short_date(bar: Bar) -> str:
            return _short_day(bar.key)

        self.forecast.set_bars(
            forecast_bars(stats.forecast, today),
            label=short_date,
            tip=lambda bar: counted(
                bar.value,
                self.tr("1 card due on %2"),
                self.tr("%1 cards due on %2"),
                short_date(bar),
            ),
        )
        self._fill_reviews()
        c = self.calendar.colours
        grade_colours = {0: c.poor, 1: c.poor, 2: c.fair, 3: c.fair, 4: c.good, 5: c.new}
        grading = self.collection.settings.grading
        self.grades.set_bars(
            grade_bars(stats.grades, grading),
            label=lambda bar: self._grade_name(int(str(bar.key)), grading),
            tip=lambda bar: counted(
                bar.value,
                self.tr("%2: 1 answer"),
                self.tr("%2: %1 answers"),
                self._grade_name(int(str(bar.key)), grading),
            ),
            colour=lambda bar: grade_colours.get(int(str(bar.key)), c.accent),
        )
        self.intervals.set_bars(
            interval_bars(stats.intervals),
            label=lambda bar: self._bucket_name(str(bar.key)),
            tip=lambda bar: counted(
                bar.value,
                self.tr("%2: 1 card"),
                self.tr("%2: %1 cards"),
                self._bucket_name(str(bar.key)),
            ),
        )
        self.retention.set_rows(retention_rows(stats.decks))
        self.retention.describe = self._describe_retention
        for chart in self.charts:
            chart.update()

    def _fill_reviews(self) -> None:
        stats = self.stats
        if stats is None:
            return
        today = date.fromisoformat(stats.today)
        self.reviews.set_bars(
            reviews_bars(stats.reviews_per_day, today, self._reviews_days),
            label=lambda bar: _short_day(bar.key),
            tip=lambda bar: self._reviews_on(bar.value, _long_day(bar.key)),
        )
        self.reviews.set_title(self._reviews_title())

    def _reviews_on(self, count: int, day: str) -> str:
        return counted(count, self.tr("1 review on %2"), self.tr("%1 reviews on %2"), day)

    def _reviews_title(self) -> str:
        return self.tr("Reviews per day, last %1 days").replace("%1", str(self._reviews_days))

    def _describe_retention(self, row: RetentionRow) -> str:
        reviews = counted(row.reviews, self.tr("1 review"), self.tr("%1 reviews"))
        return f"{_percent(row.retention)} · {reviews}" if row.retention is not None else reviews

    def _on_days_clicked(self, button: QPushButton) -> None:
        self._reviews_days = int(button.property("days"))
        self._fill_reviews()

    # -- names ---------------------------------------------------------------------------

    def _grade_name(self, grade: int, grading: str) -> str:
        if grading == "six":
            return str(grade)
        names = {1: self.tr("Again"), 3: self.tr("Hard"), 4: self.tr("Good"), 5: self.tr("Easy")}
        return names.get(grade, str(grade))

    def _bucket_name(self, bucket: str) -> str:
        names = {
            "1d": self.tr("1 day"),
            "2-7d": self.tr("2–7 d"),
            "8-30d": self.tr("8–30 d"),
            "31-90d": self.tr("1–3 mo"),
            "91-365d": self.tr("3–12 mo"),
            ">1y": self.tr("> 1 year"),
        }
        return names.get(bucket, bucket)

    # -- look and language ---------------------------------------------------------------

    def _apply_theme(self) -> None:
        colours = ChartColours.for_theme(AppTheme.for_setting(self.collection.settings.theme))
        for chart in self.charts:
            chart.set_colours(colours)

    def theme_colours(self) -> ChartColours:
        return self.calendar.colours

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Statistics"))
        captions = {
            "today": self.tr("reviews today"),
            "retention": self.tr("retention today"),
            "due": self.tr("due today"),
            "new": self.tr("new cards"),
            "cards": self.tr("cards"),
            "streak": self.tr("streak"),
        }
        for key, figure in self.figures.items():
            figure.caption.setText(captions[key])
        self.calendar.set_title(self.tr("Review calendar"))
        self.calendar.legend = (self.tr("Less"), self.tr("More"))
        self.forecast.set_title(self.tr("Due in the next 30 days"))
        self.reviews.set_title(self._reviews_title())
        self.retention.set_title(self.tr("Retention per deck, last 30 days (graded 3 or more)"))
        self.grades.set_title(self.tr("Answer buttons"))
        self.intervals.set_title(self.tr("Intervals of review cards"))
        for chart in self.charts:
            chart.empty_text = self.tr("No data yet: study a few cards first.")
        self.retention.empty_text = self.tr("No reviews in the last 30 days.")
        self._range_label.setText(self.tr("Reviews per day:"))
        self.days_30.setText(self.tr("30 days"))
        self.days_90.setText(self.tr("90 days"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setToolTip(self.tr("Compute the statistics again (F5)"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.close_action.setText(self.tr("Close"))
        for chart in self.charts:
            chart.setAccessibleDescription(
                self.tr("Press the menu key or Ctrl+S to save this chart as PNG")
            )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._generation += 1  # a computation still running is no longer wanted
        super().closeEvent(event)


def _qdate(day: object) -> QDate:
    assert isinstance(day, date)
    return QDate(day.year, day.month, day.day)


def _long_day(day: object) -> str:
    return QLocale().toString(_qdate(day), QLocale.FormatType.LongFormat)


def _short_day(day: object) -> str:
    """``2 Mar`` / ``3月2日``: short enough for an axis."""
    locale = QLocale()
    form = "M月d日" if locale.language() == QLocale.Language.Chinese else "d MMM"
    return locale.toString(_qdate(day), form)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"
