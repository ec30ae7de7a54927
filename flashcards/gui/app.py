"""Start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTreeWidget, QTreeWidgetItem

from flashcards.services.collection import Collection, DeckNode
from flashcards.services.sync import sync_decks

__all__ = ["run_app"]


def _fill(parent: QTreeWidget | QTreeWidgetItem, node: DeckNode) -> None:
    for child in node.children:
        item = QTreeWidgetItem(
            [child.title, str(child.counts.new), str(child.counts.learning), str(child.counts.review)]
        )
        if isinstance(parent, QTreeWidget):
            parent.addTopLevelItem(item)
        else:
            parent.addChild(item)
        _fill(item, child)


def run_app(data_dir: Path | None = None) -> int:
    """Open the collection and show the main window until it closes."""
    app = QApplication.instance() or QApplication(sys.argv)
    collection = Collection.open(data_dir)
    try:
        sync_decks(collection)
        window = QMainWindow()
        window.setWindowTitle("Flashcards")
        tree = QTreeWidget()
        tree.setHeaderLabels(["Deck", "New", "Learning", "Review"])
        _fill(tree, collection.deck_tree())
        tree.expandAll()
        window.setCentralWidget(tree if tree.topLevelItemCount() else QLabel("No decks yet."))
        window.resize(700, 500)
        window.show()
        return int(app.exec())
    finally:
        collection.close()
