"""The statistics window and its QPainter charts."""

from __future__ import annotations

from flashcards.gui.stats.charts import BarChart, ChartSaveDialog, HeatmapChart, RetentionChart
from flashcards.gui.stats.window import StatsWindow

__all__ = ["BarChart", "ChartSaveDialog", "HeatmapChart", "RetentionChart", "StatsWindow"]
