"""Charts drawn with QPainter: bars, the review calendar and per-deck retention.

Each chart paints its own title and background, so ``grab()`` of the widget is the whole picture
that "Save as PNG" writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QFileDialog, QMenu, QSizePolicy, QToolTip, QWidget

from flashcards.gui.stats.shaping import Bar, Heatmap, RetentionRow, nice_ticks
from flashcards.gui.theme import AppTheme

__all__ = [
    "BarChart",
    "ChartColours",
    "ChartSaveDialog",
    "ChartWidget",
    "HeatmapChart",
    "RetentionChart",
]

PADDING = 14


@dataclass(frozen=True)
class ChartColours:
    """What charts are drawn in, taken from the theme so dark mode reads well."""

    background: QColor
    foreground: QColor
    muted: QColor
    grid: QColor
    accent: QColor
    good: QColor
    fair: QColor
    poor: QColor
    new: QColor
    heat: tuple[QColor, ...]  # level 0 (no reviews) .. 4

    @classmethod
    def for_theme(cls, theme: AppTheme) -> ChartColours:
        p, s = theme.palette, theme.states
        background = QColor(p.background)
        good = QColor(s.review)
        empty = _mix(QColor(p.border), background, 0.35)
        ramp = tuple(_mix(background, good, t) for t in (0.3, 0.5, 0.75, 1.0))
        return cls(
            background=background,
            foreground=QColor(p.foreground),
            muted=QColor(p.muted),
            grid=QColor(p.border),
            accent=QColor(p.accent),
            good=good,
            fair=QColor(s.learning),
            poor=QColor(s.again),
            new=QColor(s.new),
            heat=(empty, *ramp),
        )


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


class ChartSaveDialog:
    """Where to save a chart; tests replace ``ask_save_path``."""

    @classmethod
    def ask_save_path(cls, parent: QWidget | None, suggested_name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ChartSaveDialog", "Save chart"),
            str(Path.home() / suggested_name),
            "PNG (*.png)",
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".png" else path.with_suffix(".png")


class ChartWidget(QWidget):
    """A titled chart with a "Save as PNG…" context menu (also on the keyboard's menu key)."""

    saved = Signal(str)  # the path written

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file_name = file_name  # suggested when saving
        self.title = ""
        self.empty_text = ""
        self.colours = ChartColours.for_theme(AppTheme.for_setting("light"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setMouseTracking(True)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.save_action.triggered.connect(self.ask_and_save)
        self.addAction(self.save_action)
        self.retranslate_ui()

    def set_title(self, title: str) -> None:
        self.title = title
        self.setAccessibleName(title)
        self.update()

    def set_colours(self, colours: ChartColours) -> None:
        self.colours = colours
        self.update()

    def save_png(self, path: Path | str) -> bool:
        """Write the chart as it is shown to ``path``."""
        ok = bool(self.grab().save(str(path), "PNG"))
        if ok:
            self.saved.emit(str(path))
        return ok

    def ask_and_save(self) -> bool:
        path = ChartSaveDialog.ask_save_path(self.window(), self.file_name)
        return self.save_png(path) if path is not None else False

    def retranslate_ui(self) -> None:
        self.save_action.setText(self.tr("Save as PNG…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.save_action)
        menu.exec(event.globalPos())

    # -- painting ------------------------------------------------------------------------

    def title_height(self) -> int:
        return self._title_metrics().height() + 10

    def _title_metrics(self) -> QFontMetrics:
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        return QFontMetrics(font)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = self.colours
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(c.accent if self.hasFocus() else c.grid)
        painter.setBrush(c.background)
        painter.drawRoundedRect(frame, 6, 6)
        font = self.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(c.foreground)
        title_rect = QRect(PADDING, 8, self.width() - 2 * PADDING, self._title_metrics().height())
        painter.drawText(
            title_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.title
        )
        painter.setFont(self.font())
        body = QRect(
            PADDING,
            8 + self.title_height(),
            self.width() - 2 * PADDING,
            self.height() - self.title_height() - 8 - PADDING,
        )
        if self.is_empty():
            painter.setPen(c.muted)
            painter.drawText(body, int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
        else:
            self.draw(painter, body)
        painter.end()

    def is_empty(self) -> bool:
        return False

    def draw(self, painter: QPainter, body: QRect) -> None:
        raise NotImplementedError

    # -- tool tips -----------------------------------------------------------------------

    def tip_at(self, _point: QPoint) -> str:
        return ""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class BarChart(ChartWidget):
    """Vertical bars over time or categories, with a value axis and hover tips."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(file_name, parent)
        self.bars: list[Bar] = []
        self._label: Callable[[Bar], str] = lambda bar: str(bar.key)
        self._tip: Callable[[Bar], str] = lambda bar: f"{self._label(bar)}: {bar.value}"
        self._colour: Callable[[Bar], QColor] | None = None
        self._hover = -1
        self._slots: list[QRectF] = []
        self.setMinimumSize(320, 220)

    def set_bars(
        self,
        bars: Sequence[Bar],
        *,
        label: Callable[[Bar], str] | None = None,
        tip: Callable[[Bar], str] | None = None,
        colour: Callable[[Bar], QColor] | None = None,
    ) -> None:
        self.bars = list(bars)
        if label is not None:
            self._label = label
        if tip is not None:
            self._tip = tip
        self._colour = colour
        self.update()

    def is_empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    def sizeHint(self) -> QSize:
        return QSize(460, 240)

    def draw(self, painter: QPainter, body: QRect) -> None:
        c = self.colours
        metrics = painter.fontMetrics()
        ticks = nice_ticks(max(bar.value for bar in self.bars))
        axis_width = max(metrics.horizontalAdvance(f"{t:,}") for t in ticks) + 8
        plot = QRectF(
            body.left() + axis_width,
            body.top() + 4,
            body.width() - axis_width,
            body.height() - metrics.height() - 10,
        )
        top = ticks[-1]
        for tick in ticks:
            y = plot.bottom() - plot.height() * tick / top
            painter.setPen(c.grid)
            painter.drawLine(QPointF(plot.left(), round(y)), QPointF(plot.right(), round(y)))
            painter.setPen(c.muted)
            painter.drawText(
                QRectF(body.left(), y - metrics.height() / 2, axis_width - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                f"{tick:,}",
            )
        count = len(self.bars)
        slot = plot.width() / count
        width = max(1.0, slot * (0.72 if count > 12 else 0.6))
        self._slots = []
        labels = [self._label(bar) for bar in self.bars]
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=0) + 10
        every = max(1, int(widest // slot) + 1)
        painter.setPen(Qt.PenStyle.NoPen)
        for index, bar in enumerate(self.bars):
            x = plot.left() + slot * index + (slot - width) / 2
            height = plot.height() * bar.value / top
            self._slots.append(QRectF(plot.left() + slot * index, plot.top(), slot, plot.height()))
            colour = self._colour(bar) if self._colour is not None else c.accent
            if index == self._hover:
                colour = (
                    colour.lighter(125) if c.background.lightness() < 128 else colour.darker(115)
                )
            painter.setBrush(colour)
            if bar.value:
                painter.drawRoundedRect(
                    QRectF(x, plot.bottom() - height, width, height),
                    min(2.0, width / 3),
                    min(2.0, width / 3),
                )
        painter.setPen(c.muted)
        for index, text in enumerate(labels):
            if index % every:
                continue
            centre = plot.left() + slot * (index + 0.5)
            painter.drawText(
                QRectF(centre - widest / 2, plot.bottom() + 4, widest, metrics.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                text,
            )

    def bar_at(self, point: QPoint) -> int:
        for index, rect in enumerate(self._slots):
            if rect.contains(point.toPointF()):
                return index
        return -1

    def tip_at(self, point: QPoint) -> str:
        index = self.bar_at(point)
        return self._tip(self.bars[index]) if 0 <= index < len(self.bars) else ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().toPoint())
        if index != self._hover:
            self._hover = index
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)


class HeatmapChart(ChartWidget):
    """A year of days as coloured squares: weeks left to right, weekdays top to bottom."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(file_name, parent)
        self.heatmap: Heatmap | None = None
        self.month_name: Callable[[int], str] = str
        self.weekday_names: list[str] = ["Mon", "", "Wed", "", "Fri", "", ""]
        self.cell_tip: Callable[[int, str], str] = lambda count, day: f"{count} · {day}"
        self.legend: tuple[str, str] = ("Less", "More")
        self.summary = ""
        self._cells: list[tuple[QRectF, int]] = []
        self.setMinimumWidth(760)
        # As tall as a grid of 15 px days needs, no taller: spare height would only be blank.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.preferred_height())

    def set_heatmap(self, heatmap: Heatmap) -> None:
        self.heatmap = heatmap
        self.update()

    def preferred_height(self, step: float = 15.0) -> int:
        row = self.fontMetrics().height()
        return int(8 + self.title_height() + row + 4 + 7 * step + 6 + row + PADDING + 4)

    def sizeHint(self) -> QSize:
        return QSize(900, self.preferred_height())

    def is_empty(self) -> bool:
        return self.heatmap is None

    def draw(self, painter: QPainter, body: QRect) -> None:
        heatmap = self.heatmap
        assert heatmap is not None
        c = self.colours
        metrics = painter.fontMetrics()
        label_width = max(metrics.horizontalAdvance(name) for name in self.weekday_names) + 8
        row_height = metrics.height()
        available_h = body.height() - 2 * row_height - 12
        step = max(8.0, min(16.0, (body.width() - label_width) / heatmap.weeks, available_h / 7))
        size = step - 2.5
        grid_width = step * heatmap.weeks
        left = body.left() + label_width + max(0.0, (body.width() - label_width - grid_width) / 2)
        top = body.top() + row_height + 4
        painter.setPen(c.muted)
        for week, first in heatmap.months:
            painter.drawText(
                QRectF(left + week * step, body.top(), step * 5, row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self.month_name(first.month),
            )
        for row, name in enumerate(self.weekday_names):
            painter.drawText(
                QRectF(left - label_width, top + row * step, label_width - 6, step),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
        painter.setPen(Qt.PenStyle.NoPen)
        self._cells = []
        for cell in heatmap.cells:
            rect = QRectF(left + cell.week * step, top + cell.weekday * step, size, size)
            painter.setBrush(c.heat[cell.level])
            painter.drawRoundedRect(rect, 2, 2)
            self._cells.append((rect, cell.count))
        bottom = top + 7 * step + 6
        painter.setPen(c.muted)
        less, more = self.legend
        more_width = metrics.horizontalAdvance(more)
        x = left + grid_width - more_width
        painter.drawText(
            QRectF(x, bottom, more_width, row_height), int(Qt.AlignmentFlag.AlignVCenter), more
        )
        painter.setPen(Qt.PenStyle.NoPen)
        for level in range(len(c.heat) - 1, -1, -1):
            x -= size + 3
            painter.setBrush(c.heat[level])
            painter.drawRoundedRect(QRectF(x, bottom + (row_height - size) / 2, size, size), 2, 2)
        less_width = metrics.horizontalAdvance(less)
        painter.setPen(c.muted)
        painter.drawText(
            QRectF(x - less_width - 6, bottom, less_width, row_height),
            int(Qt.AlignmentFlag.AlignVCenter),
            less,
        )
        painter.drawText(
            QRectF(left, bottom, grid_width / 2, row_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.summary,
        )

    def tip_at(self, point: QPoint) -> str:
        if self.heatmap is None:
            return ""
        for (rect, count), cell in zip(self._cells, self.heatmap.cells, strict=False):
            if rect.contains(point.toPointF()):
                return self.cell_tip(count, cell.day.isoformat())
        return ""


class RetentionChart(ChartWidget):
    """Per deck: a bar for the share of answers graded 3 or more, and how many answers."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(file_name, parent)
        self.rows: list[RetentionRow] = []
        self.describe: Callable[[RetentionRow], str] = lambda row: str(row.reviews)
        self.setMinimumWidth(320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[RetentionRow]) -> None:
        self.rows = list(rows)
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def is_empty(self) -> bool:
        return not any(row.reviews for row in self.rows)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height() + 10
        return QSize(460, 8 + self.title_height() + line * max(4, len(self.rows)) + PADDING + 4)

    def colour_for(self, retention: float | None) -> QColor:
        c = self.colours
        if retention is None:
            return c.grid
        if retention >= 0.85:
            return c.good
        return c.fair if retention >= 0.7 else c.poor

    def draw(self, painter: QPainter, body: QRect) -> None:
        c = self.colours
        metrics = painter.fontMetrics()
        line = metrics.height() + 10
        rows = [row for row in self.rows][: max(1, body.height() // line)]
        name_width = min(
            int(body.width() * 0.38), max(metrics.horizontalAdvance(r.title) for r in rows) + 10
        )
        detail_width = max(metrics.horizontalAdvance(self.describe(r)) for r in rows) + 10
        track_left = body.left() + name_width
        track_width = max(40, body.width() - name_width - detail_width)
        for index, row in enumerate(rows):
            y = body.top() + index * line
            painter.setPen(c.foreground)
            title = metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, name_width - 10)
            painter.drawText(
                QRectF(body.left(), y, name_width - 10, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title,
            )
            track = QRectF(track_left, y + line / 2 - 5, track_width, 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_mix(c.grid, c.background, 0.4))
            painter.drawRoundedRect(track, 5, 5)
            if row.retention is not None:
                painter.setBrush(self.colour_for(row.retention))
                filled = QRectF(
                    track.left(), track.top(), track.width() * row.retention, track.height()
                )
                painter.drawRoundedRect(filled, 5, 5)
            painter.setPen(c.muted if row.retention is None else c.foreground)
            painter.drawText(
                QRectF(track.right() + 8, y, detail_width, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                self.describe(row),
            )
