"""The deck tree model: widget-free checks and Qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from flashcards.gui.deck_tree_model import NODE_ROLE, DeckColumn, DeckTreeModel
from flashcards.gui.theme import state_colours
from flashcards.services.collection import Collection, DeckCounts, DeckNode


def _tree() -> DeckNode:
    k8s = DeckNode(
        "k8s",
        "Kubernetes",
        deck_id=1,
        description="Pods",
        card_count=10,
        counts=DeckCounts(new=5, learning=1, review=0),
    )
    redis = DeckNode("redis", "Redis", deck_id=2, card_count=4, counts=DeckCounts(new=0, review=3))
    nested = DeckNode("user/ops", "ops", children=[redis], counts=DeckCounts(new=0, review=3))
    user = DeckNode("user", "My decks", children=[nested], counts=DeckCounts(review=3))
    bundled = DeckNode(
        "bundled", "Bundled decks", children=[k8s], counts=DeckCounts(new=5, learning=1)
    )
    return DeckNode("", "", children=[bundled, user])


def test_rows_columns_and_texts(qapp) -> None:
    model = DeckTreeModel()
    model.set_root(_tree())
    assert model.rowCount() == 2
    assert model.columnCount() == 4
    bundled = model.index(0, 0)
    assert bundled.data() == "Bundled decks"
    assert model.rowCount(bundled) == 1
    k8s = model.index(0, 0, bundled)
    assert k8s.data() == "Kubernetes"
    assert k8s.siblingAtColumn(DeckColumn.NEW).data() == "5"
    assert k8s.siblingAtColumn(DeckColumn.LEARNING).data() == "1"
    assert k8s.siblingAtColumn(DeckColumn.REVIEW).data() == "0"
    assert model.parent(k8s) == bundled
    assert model.parent(bundled) == QModelIndex()
    assert k8s.data(NODE_ROLE).key == "k8s"
    assert "Pods" in k8s.data(Qt.ItemDataRole.ToolTipRole)
    assert "10 cards" in k8s.data(Qt.ItemDataRole.ToolTipRole)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Deck", "New", "Learning", "Review"]


def test_counts_are_coloured_and_zero_is_muted(qapp) -> None:
    model = DeckTreeModel()
    model.set_root(_tree())
    colours = state_colours("dark")
    model.set_colours(colours, "#9198a1")
    k8s = model.index(0, 0, model.index(0, 0))
    new = k8s.siblingAtColumn(DeckColumn.NEW).data(Qt.ItemDataRole.ForegroundRole)
    review = k8s.siblingAtColumn(DeckColumn.REVIEW).data(Qt.ItemDataRole.ForegroundRole)
    assert new == QColor(colours.new)
    assert review == QColor("#9198a1")
    group_font = model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert group_font.bold()
    accessible = k8s.siblingAtColumn(DeckColumn.NEW).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "5 new"


def test_index_of_key_and_reset(qapp) -> None:
    model = DeckTreeModel()
    model.set_root(_tree())
    redis = model.index_of_key("redis")
    assert redis.data() == "Redis"
    assert model.parent(redis).data() == "ops"
    assert not model.index_of_key("missing").isValid()
    model.set_root(DeckNode("", ""))
    assert model.rowCount() == 0
    assert not model.index_of_key("redis").isValid()


def test_model_tester(qtmodeltester) -> None:
    model = DeckTreeModel()
    model.set_root(_tree())
    qtmodeltester.check(model)


def test_model_over_a_real_collection(qtmodeltester, synced: Collection) -> None:
    model = DeckTreeModel()
    model.set_root(synced.deck_tree())
    qtmodeltester.check(model)
    user = model.index_of_key("user")
    assert user.data() == "My decks"
    assert user.siblingAtColumn(DeckColumn.NEW).data() == "4"
    titles = {model.index(r, 0, user).data() for r in range(model.rowCount(user))}
    assert titles == {"Kubernetes basics", "Redis basics"}
