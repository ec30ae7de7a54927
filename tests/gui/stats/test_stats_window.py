"""The statistics window over real review history: charts drawn offscreen, saved as PNG."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from flashcards.gui.background import BackgroundRunner
from flashcards.gui.stats import ChartSaveDialog, StatsWindow
from flashcards.gui.stats.charts import ChartWidget
from flashcards.services.collection import Collection
from flashcards.services.stats import collection_stats
from tests.gui.browser.support import (
    ImmediateRunner,
    answer_over_days,
    build_collection,
    write_numbered_deck,
)
from tests.helpers import FakeClock


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory):
    """Two decks studied over 70 simulated days (built once: answering takes a while)."""
    root = tmp_path_factory.mktemp("studied")
    folder = root / "decks"
    write_numbered_deck(folder, "alpha", "Alpha", 150)
    write_numbered_deck(folder, "beta", "Beta", 60)
    clock = FakeClock()
    collection = build_collection(root / "data", folder, clock)
    answered = answer_over_days(collection, clock, 70)
    yield collection, answered
    collection.close()


def image_of(chart: ChartWidget, path: Path) -> QImage:
    assert chart.save_png(path)
    image = QImage(str(path))
    assert not image.isNull()
    return image


def distinct_colours(image: QImage, step: int = 3) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def open_window(qtbot, collection: Collection) -> StatsWindow:
    window = StatsWindow(collection, ImmediateRunner())
    qtbot.addWidget(window)
    window.resize(1100, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_every_chart_renders_to_a_non_blank_png(qtbot, studied, tmp_path: Path) -> None:
    collection, _ = studied
    window = open_window(qtbot, collection)
    for chart in window.charts:
        assert not chart.is_empty(), chart.title
        image = image_of(chart, tmp_path / chart.file_name)
        assert image.width() >= 300 and image.height() >= 120
        # Background, text, grid and data colours: far more than a blank widget has.
        assert len(distinct_colours(image)) > 12, chart.title
    heat = window.calendar.heatmap
    assert heat is not None and heat.active_days > 40


def test_numbers_match_the_service(qtbot, studied) -> None:
    collection, answered = studied
    window = open_window(qtbot, collection)
    stats = collection_stats(collection)
    assert window.stats is not None and window.stats.cards == stats.cards == 210
    assert window.figures["cards"].value.text() == "210"
    assert window.figures["today"].value.text() == str(stats.reviews_today)
    assert window.calendar.heatmap is not None
    assert window.calendar.heatmap.total == sum(stats.reviews_per_day.values()) == answered
    assert [b.value for b in window.forecast.bars] == stats.forecast
    assert sum(b.value for b in window.grades.bars) == answered
    assert [r.title for r in window.retention.rows][:2] == ["Alpha", "Beta"]
    assert "reviews in the last year" in window.calendar.summary
    assert len(window.reviews.bars) == 30
    window.days_90.click()
    assert len(window.reviews.bars) == 90 and "90 days" in window.reviews.title
    window.forecast.grab()  # bars are laid out when painted
    assert "due on" in window.forecast.tip_at(window.forecast.rect().center())


def test_save_as_png_through_the_replaceable_dialog(
    qtbot, studied, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection, _ = studied
    window = open_window(qtbot, collection)
    target = tmp_path / "calendar.png"
    asked: list[str] = []

    def ask(cls, parent, suggested_name: str) -> Path:
        asked.append(suggested_name)
        return target

    monkeypatch.setattr(ChartSaveDialog, "ask_save_path", classmethod(ask))
    with qtbot.waitSignal(window.calendar.saved) as blocker:
        window.calendar.save_action.trigger()
    assert asked == ["review-calendar.png"] and blocker.args == [str(target)]
    assert QImage(str(target)).width() == window.calendar.width()
    monkeypatch.setattr(ChartSaveDialog, "ask_save_path", classmethod(lambda cls, p, n: None))
    assert not window.grades.ask_and_save()  # cancelled


def test_dark_theme_draws_on_a_dark_background(qtbot, studied, tmp_path: Path) -> None:
    collection, _ = studied
    collection.update_settings(theme="dark")
    try:
        window = open_window(qtbot, collection)
        image = image_of(window.grades, tmp_path / "dark.png")
        background = QColor(image.pixel(image.width() // 2, 6))
        assert background.lightness() < 60
        assert window.theme_colours().foreground.lightness() > 180
    finally:
        collection.update_settings(theme="system")


def test_statistics_are_computed_off_the_gui_thread(qtbot, studied) -> None:
    collection, _ = studied
    runner = BackgroundRunner()
    window = StatsWindow(collection, runner)
    qtbot.addWidget(window)
    if window.stats is None:
        with qtbot.waitSignal(window.stats_loaded, timeout=20_000):
            pass
    assert window.stats is not None and window.stats.cards == 210
    assert window.refresh_button.isEnabled()
    with qtbot.waitSignal(window.stats_loaded, timeout=20_000):
        window.refresh_action.trigger()
    runner.wait()


def test_an_empty_collection_says_so(qtbot, collection: Collection, tmp_path: Path) -> None:
    window = open_window(qtbot, collection)
    assert window.stats is not None and window.stats.cards == 0
    assert window.grades.is_empty() and window.retention.is_empty()
    image = image_of(window.grades, tmp_path / "empty.png")
    assert len(distinct_colours(image, 1)) > 3  # the frame, the title and the message
    assert window.figures["retention"].value.text() == "–"
