"""Deck problems as clickable ``file:line: message`` entries."""

from __future__ import annotations

from PySide6.QtCore import Qt

from flashcards.deckformat import Diagnostic
from flashcards.gui.editor import DeckErrorsPanel

PROBLEMS = [
    Diagnostic("/decks/net.md", 9, "second metadata comment in this note", "warning"),
    Diagnostic("/decks/k8s.md", 42, "unterminated cloze '{{c2::'"),
    Diagnostic("/decks/k8s.md", 7, "note has no answer"),
]


def test_entries_read_file_line_message(qtbot) -> None:
    panel = DeckErrorsPanel()
    qtbot.addWidget(panel)
    assert "No problems" in panel.summary.text()
    panel.set_diagnostics(PROBLEMS)
    assert panel.entry_texts() == [
        "k8s.md:7: error: note has no answer",
        "k8s.md:42: error: unterminated cloze '{{c2::'",
        "net.md:9: warning: second metadata comment in this note",
    ]
    assert panel.list.item(0).toolTip() == "/decks/k8s.md:7: error: note has no answer"
    assert panel.summary.text().startswith("2 errors and 1 warning")
    panel.set_diagnostics(PROBLEMS[1:2])
    assert panel.summary.text().startswith("1 error and 0 warnings")


def test_click_and_enter_open_the_location(qtbot) -> None:
    panel = DeckErrorsPanel()
    qtbot.addWidget(panel)
    panel.set_diagnostics(PROBLEMS)
    panel.show()
    qtbot.waitExposed(panel)
    item = panel.list.item(1)
    rect = panel.list.visualItemRect(item)
    with qtbot.waitSignal(panel.open_location) as blocker:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["/decks/k8s.md", 42]
    panel.list.setCurrentRow(2)
    with qtbot.waitSignal(panel.open_location) as blocker:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert blocker.args == ["/decks/net.md", 9]
    emitted: list[object] = []
    panel.open_location.connect(lambda *args: emitted.append(args))
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(emitted) <= 2  # a double click never opens more than its two clicks do
