"""Suspend, unsuspend, bury or reset many cards at once, on a worker thread."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from flashcards.gui.browser.confirmation import Confirmation
from flashcards.gui.browser.runner import Runner
from flashcards.gui.browser.wording import counted
from flashcards.services.browse import BulkAction, change_cards
from flashcards.services.collection import Collection

__all__ = ["BulkChanges"]


class BulkChanges(QObject):
    """Runs one bulk change at a time; asks before a reset, which starts intervals over."""

    started = Signal(str)  # what to show while the change runs
    finished = Signal(str)  # what to show once it ran (or failed part way): cards changed

    def __init__(self, collection: Collection, runner: Runner, window: QWidget) -> None:
        super().__init__(window)
        self.collection = collection
        self._runner = runner
        self._window = window
        self.running: BulkAction | None = None

    def start(self, what: BulkAction, card_ids: Sequence[int]) -> bool:
        """Start ``what`` on ``card_ids``; False when nothing started (busy, none, declined)."""
        if self.running is not None or not card_ids:
            return False
        count = len(card_ids)
        if what == "reset" and not self._reset_confirmed(count):
            return False
        self.running = what
        self.started.emit(
            counted(count, self.tr("Updating 1 card…"), self.tr("Updating %1 cards…"))
        )
        # On a worker with its own connection: 100,000 cards take about half a second, in
        # short transactions, so the window stays live and a review elsewhere can answer.
        ids = list(card_ids)
        self._runner.run_on_collection(
            self.collection,
            lambda own: change_cards(own, what, ids),
            lambda _done: self._on_done(what, count),
            self._on_failed,
            read_only=False,
        )
        return True

    def _reset_confirmed(self, count: int) -> bool:
        return Confirmation.ask(
            self._window,
            self.tr("Reset cards"),
            counted(
                count,
                self.tr(
                    "Make this card new again? Its review history is kept, but its "
                    "interval starts over."
                ),
                self.tr(
                    "Make these %1 cards new again? Their review history is kept, but "
                    "their intervals start over."
                ),
            ),
        )

    def _on_done(self, what: BulkAction, count: int) -> None:
        self.running = None
        messages = {
            "suspend": counted(count, self.tr("Suspended 1 card."), self.tr("Suspended %1 cards.")),
            "unsuspend": counted(
                count, self.tr("Unsuspended 1 card."), self.tr("Unsuspended %1 cards.")
            ),
            "bury": counted(
                count,
                self.tr("Buried 1 card until tomorrow."),
                self.tr("Buried %1 cards until tomorrow."),
            ),
            "reset": counted(
                count, self.tr("Reset 1 card to new."), self.tr("Reset %1 cards to new.")
            ),
        }
        self.finished.emit(messages[what])

    def _on_failed(self, error: object) -> None:
        self.running = None
        # Chunks already written stay written: the window shows the cards as they now are.
        self.finished.emit(self.tr("Not all cards were changed: %1").replace("%1", str(error)))
