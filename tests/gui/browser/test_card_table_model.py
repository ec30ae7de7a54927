"""The browser's table model: widget-free, with qtmodeltester, and lazy over 5,000 real cards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from flashcards.gui.browser.model import COLUMNS, CardTableModel, sort_column
from flashcards.services.browse import BrowseFilter, BrowseRow, CardBrowser
from tests.gui.browser.support import build_collection, write_numbered_deck
from tests.helpers import FakeClock


def make_row(number: int, state: str = "new") -> BrowseRow:
    return BrowseRow(
        card_id=number + 1,
        note_id=number + 1,
        deck_id=1,
        deck_title="Deck",
        kind="cloze" if number % 3 == 0 else "basic",
        ordinal=1 if number % 3 == 0 else 0,
        prompt=f"Prompt {number}",
        state=state,  # type: ignore[arg-type]
        due=None if state == "new" else "2026-03-05",
        interval=0 if state == "new" else 6,
        ease=2.5,
        reviews=0 if state == "new" else 2,
    )


class ListSource:
    """A paged source over a plain list, counting what is read."""

    def __init__(self, rows: list[BrowseRow]) -> None:
        self.rows = rows
        self.pages: list[tuple[int, int]] = []

    def count(self, browse: BrowseFilter) -> int:
        return len(self._matching(browse))

    def page(self, browse: BrowseFilter, offset: int, limit: int) -> list[BrowseRow]:
        self.pages.append((offset, limit))
        return self._matching(browse)[offset : offset + limit]

    def _matching(self, browse: BrowseFilter) -> list[BrowseRow]:
        rows = [r for r in self.rows if browse.text in r.prompt]
        return list(reversed(rows)) if browse.descending else rows


def test_model_shows_rows_page_by_page() -> None:
    source = ListSource([make_row(n, "scheduled" if n % 2 else "new") for n in range(250)])
    model = CardTableModel(source, page_size=50)
    model.set_filter(BrowseFilter())
    assert (model.rowCount(), model.columnCount()) == (250, len(COLUMNS))
    assert source.pages == []  # nothing read until a row is asked for
    assert model.data(model.index(0, 0)) == "Prompt 0"
    assert model.data(model.index(0, 1)) == "Cloze 1"
    assert model.data(model.index(1, 1)) == "Basic"
    assert model.data(model.index(1, 3)) == "Scheduled"
    assert model.data(model.index(1, 4)) == "2026-03-05"
    assert model.data(model.index(1, 5)) == "6 d"
    assert model.data(model.index(1, 6)) == "2.50"
    assert model.data(model.index(1, 7)) == "2"
    assert model.data(model.index(0, 5)) == ""  # a new card has no interval yet
    assert model.data(model.index(7, 0), Qt.ItemDataRole.UserRole) == 8
    assert source.pages == [(0, 50)]
    assert model.data(model.index(249, 0)) == "Prompt 249"
    assert source.pages == [(0, 50), (200, 50)]
    assert model.pages_read == 2
    assert model.data(model.index(10, 0)) == "Prompt 10"
    assert model.pages_read == 2  # cached
    assert model.data(model.index(250, 0)) is None
    assert model.loaded_row_of(201) == 200
    assert model.loaded_row_of(120) is None


def test_headers_alignment_and_muted_rows() -> None:
    model = CardTableModel(ListSource([make_row(0, "suspended"), make_row(1)]))
    model.set_filter(BrowseFilter())
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    assert titles == ["Prompt", "Card", "Deck", "State", "Due", "Interval", "Ease", "Reviews"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 7), Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is None
    model.set_muted_colour(QColor("#777777"))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == QColor("#777777")
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "Prompt 0"
    assert not model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_sorting_asks_the_controller(qtbot) -> None:
    model = CardTableModel(ListSource([make_row(n) for n in range(5)]))
    model.set_filter(BrowseFilter(text="Prompt"))
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(sort_column("reviews"), Qt.SortOrder.DescendingOrder)
    assert blocker.args == [BrowseFilter(text="Prompt", sort="reviews", descending=True)]
    with qtbot.assertNotEmitted(model.sort_requested):
        model.sort(1)  # the card kind column does not sort
        model.sort(sort_column("deck"))  # already the order
    model.set_filter(replace(model.browse_filter(), descending=True))
    assert model.data(model.index(0, 0)) == "Prompt 4"


def test_refresh_rereads_the_same_rows(qtbot) -> None:
    source = ListSource([make_row(n) for n in range(10)])
    model = CardTableModel(source)
    model.set_filter(BrowseFilter())
    assert model.data(model.index(3, 3)) == "New"
    source.rows[3] = make_row(3, "suspended")
    with qtbot.waitSignal(model.dataChanged):
        model.refresh()
    assert model.data(model.index(3, 3)) == "Suspended"
    assert model.rowCount() == 10


def test_qtmodeltester(qtmodeltester) -> None:
    model = CardTableModel(ListSource([make_row(n, "due") for n in range(120)]), page_size=40)
    model.set_filter(BrowseFilter())
    qtmodeltester.check(model)
    empty = CardTableModel(ListSource([]))
    empty.set_filter(BrowseFilter())
    qtmodeltester.check(empty)


@pytest.fixture
def five_thousand(tmp_path: Path, clock: FakeClock):
    folder = tmp_path / "decks"
    write_numbered_deck(folder, "big-a", "Alpha", 2500)
    write_numbered_deck(folder, "big-b", "Beta", 2500)
    collection = build_collection(tmp_path / "data", folder, clock)
    cards = CardBrowser(collection)
    yield cards
    cards.close()
    collection.close()


def test_a_view_reads_only_the_pages_it_shows(qtbot, qtmodeltester, five_thousand) -> None:
    model = CardTableModel(five_thousand, page_size=100)
    model.set_filter(BrowseFilter())
    assert model.rowCount() == 5000
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 500)
    view.show()
    qtbot.waitExposed(view)
    assert model.data(model.index(0, 0)) == "Alpha question 00000?"
    assert 1 <= model.pages_read <= 2  # the rows on screen, not 5,000
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.pages_read >= 2)
    assert model.data(model.index(4999, 0)) == "Beta question 02499?"
    assert model.pages_read <= 4
    view.scrollTo(model.index(2600, 0))
    assert model.data(model.index(2600, 0)) == "Beta question 00100?"
    assert model.pages_read <= 6  # of 50 pages
    qtmodeltester.check(model)


def test_sorting_real_cards_descending(five_thousand) -> None:
    model = CardTableModel(five_thousand)
    model.set_filter(BrowseFilter(sort="prompt", descending=True))
    assert model.data(model.index(0, 0)) == "Beta question 02499?"
    model.set_filter(BrowseFilter(text="02499"))
    assert model.rowCount() == 2
