"""The review screen: a passive view, the summary page and the controller driving them."""

from flashcards.gui.review.controller import ReviewController
from flashcards.gui.review.summary_view import SessionFigures, SummaryView
from flashcards.gui.review.view import ReviewView

__all__ = ["ReviewController", "ReviewView", "SessionFigures", "SummaryView"]
