"""Drives a study session through the passive ReviewView and SummaryView."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot

from flashcards.gui.review.grades import grade_buttons
from flashcards.gui.review.summary_view import SessionFigures, SummaryView
from flashcards.gui.review.view import ReviewView
from flashcards.gui.theme import AppTheme
from flashcards.rendering import CardRenderer, RenderSettings
from flashcards.services.collection import Collection
from flashcards.services.errors import StorageError
from flashcards.services.faces import CardContent
from flashcards.services.study import SessionPlan, StudySession, plan_session
from flashcards.services.today import today_progress

if TYPE_CHECKING:
    from flashcards.gui.background import BackgroundRunner, TaskError

__all__ = ["ReviewController", "answer_side_markdown"]

GOOD = 4  # the grade Space/Enter lands on after showing the answer


def answer_side_markdown(content: CardContent) -> str:
    """The answer side: a cloze revealed in place; otherwise the question, a rule, the answer."""
    front, back = content.faces()
    if content.kind == "cloze":
        return back
    return f"{front}\n\n---\n\n{back}" if back else front


class ReviewController(QObject):
    """Question, answer, grade, undo, suspend, bury; tells the shell which page to show."""

    page_requested = Signal(str)  # "review" or "summary"
    closed = Signal()  # the learner went back to the decks
    edit_note_requested = Signal(int)  # note id
    open_source_requested = Signal(str, int)  # deck file, line
    link_opened = Signal(QUrl)
    failed = Signal(str)  # a change could not be saved (disk full, read-only): nothing changed
    started = Signal()  # a session began: its first card (or the summary) is shown
    start_failed = Signal(str)  # the session's cards could not be read

    def __init__(
        self,
        collection: Collection,
        view: ReviewView,
        summary: SummaryView,
        *,
        theme: Callable[[], AppTheme],
        renderer: CardRenderer | None = None,
        can_edit: Callable[[], bool] = lambda: False,
        runner: BackgroundRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.collection = collection
        self._runner = runner
        self._starting = False
        self.view = view
        self.summary_view = summary
        self._theme = theme
        self._renderer = renderer or CardRenderer(max_entries=128)
        self._can_edit = can_edit
        self.session: StudySession | None = None
        self._content: CardContent | None = None
        self._answer_shown = False
        self._page = ""
        view.show_answer_requested.connect(self._on_view_show_answer_requested)
        view.grade_chosen.connect(self._on_view_grade_chosen)
        view.undo_requested.connect(self._on_view_undo_requested)
        view.suspend_requested.connect(self._on_view_suspend_requested)
        view.bury_requested.connect(self._on_view_bury_requested)
        view.edit_requested.connect(self._on_view_edit_requested)
        view.open_source_requested.connect(self._on_view_open_source_requested)
        view.back_requested.connect(self._on_view_back_requested)
        view.link_activated.connect(self.link_opened.emit)
        summary.back_requested.connect(self._on_view_back_requested)
        view.deactivate()

    @property
    def active(self) -> bool:
        return self.session is not None

    @property
    def current(self) -> CardContent | None:
        return self._content

    # -- session -----------------------------------------------------------------------------

    @property
    def starting(self) -> bool:
        """True while the session's cards are being gathered in the background."""
        return self._starting

    def start(self, deck_ids: Sequence[int] | None, *, seed: int | None = None) -> None:
        """Study today's cards of ``deck_ids`` (None: every deck).

        With a runner, the cards are gathered on a worker thread (a tenth of a second at
        100,000 cards) and the first one shows when they are ready; ``started`` tells when."""
        if self._starting:
            return  # Study pressed again while the first press is being served
        if self._runner is None:
            self._begin(StudySession(self.collection, deck_ids, seed=seed))
            return
        ids = list(deck_ids) if deck_ids is not None else None
        self._starting = True
        self._runner.run_on_collection(
            self.collection,
            lambda own: plan_session(own, ids, seed=seed),
            self._on_plan_ready,
            self._on_plan_failed,
            label=self.tr("Preparing cards…"),
        )

    def _on_plan_ready(self, plan: SessionPlan) -> None:
        self._starting = False
        self._begin(StudySession(self.collection, plan=plan))

    def _on_plan_failed(self, error: TaskError) -> None:
        self._starting = False
        self.start_failed.emit(str(error))

    def _begin(self, session: StudySession) -> None:
        self.session = session
        self._show_question()
        self.started.emit()

    def stop(self) -> None:
        self.session = None
        self._content = None
        self.view.deactivate()
        self.closed.emit()

    def refresh(self) -> None:
        """Show the current card again (after an edit, a sync, a theme or grading change)."""
        if self.session is None:
            return
        if self._page == "summary":
            self.view.deactivate()
            self._enable_summary_actions()
            return
        if self._answer_shown:
            self._show_question(reveal=True)
        else:
            self._show_question()

    # -- showing -----------------------------------------------------------------------------

    def _render_settings(self) -> RenderSettings:
        theme = self._theme()
        return RenderSettings(theme=theme.name, font_size=self.collection.settings.font_size)

    def _show_question(self, *, reveal: bool = False) -> None:
        session = self.session
        assert session is not None
        content = session.current()
        if content is None:
            self._finish()
            return
        self._content = content
        self._answer_shown = False
        self._set_page("review")
        front, _ = content.faces()
        html = self._renderer.render(
            front,
            cloze=content.cloze,
            reveal=False,
            settings=self._render_settings(),
            base_dir=content.base_dir,
        )
        self.view.set_card(html, content.base_dir, content.deck_title)
        self.view.set_counts(*session.remaining())
        self.view.set_grade_buttons(
            grade_buttons(self.collection.settings.grading, session.intervals(content.card_id))
        )
        self.view.set_card_actions_enabled(
            card=True, editable=self._can_edit(), has_source=bool(content.path)
        )
        self.view.set_undo_enabled(session.can_undo)
        self.view.back_action.setEnabled(True)
        self.view.show_question_state()
        session.mark_shown()
        if reveal:
            self._show_answer()
        else:
            # Render the answer and the next card while the learner reads this one, so showing
            # them is a cache hit; after this event, so the question is painted first.
            QTimer.singleShot(0, self._prefetch)

    def _prefetch(self) -> None:
        session, content = self.session, self._content
        if session is None or content is None:
            return
        settings = self._render_settings()
        upcoming = [content]
        for card_id in session.queue.upcoming(2)[1:]:
            following = self.collection.card_content(card_id)
            if following is not None:
                upcoming.append(following)
        for index, card in enumerate(upcoming):
            if index:
                self._renderer.render(
                    card.faces()[0], cloze=card.cloze, settings=settings, base_dir=card.base_dir
                )
            self._renderer.render(
                answer_side_markdown(card),
                cloze=card.cloze,
                reveal=card.cloze is not None,
                settings=settings,
                base_dir=card.base_dir,
            )

    def _show_answer(self) -> None:
        content = self._content
        if content is None or self.session is None:
            return
        html = self._renderer.render(
            answer_side_markdown(content),
            cloze=content.cloze,
            reveal=content.cloze is not None,
            settings=self._render_settings(),
            base_dir=content.base_dir,
        )
        scroll = self.view.card_view.verticalScrollBar().value()
        self.view.set_card(html, content.base_dir, content.deck_title)
        self.view.card_view.verticalScrollBar().setValue(scroll)
        self._answer_shown = True
        self.view.show_answer_state(GOOD)

    def _finish(self) -> None:
        session = self.session
        assert session is not None
        self._content = None
        summary = session.summary
        today = today_progress(self.collection)
        self.summary_view.set_figures(
            SessionFigures(
                answered=summary.answered,
                new_learned=summary.new_learned,
                again=summary.again,
                seconds=summary.seconds,
                retention_session=summary.retention,
                retention_today=today.retention,
                answered_today=today.answered,
            )
        )
        self.view.deactivate()
        self._set_page("summary")
        self._enable_summary_actions()
        self.summary_view.focus_primary()

    def _enable_summary_actions(self) -> None:
        assert self.session is not None
        self.view.set_undo_enabled(self.session.can_undo)
        self.view.back_action.setEnabled(True)

    def _set_page(self, page: str) -> None:
        if page != self._page:
            self._page = page
            self.page_requested.emit(page)

    # -- intents -----------------------------------------------------------------------------

    @Slot()
    def _on_view_show_answer_requested(self) -> None:
        if not self._answer_shown:
            self._show_answer()

    def _change(self, action: Callable[[StudySession], object]) -> None:
        """Run a change of the session, then show what comes next; a failed write changes
        nothing and is reported."""
        assert self.session is not None
        try:
            action(self.session)
        except StorageError as error:
            self.failed.emit(str(error))
            return
        self._show_question()

    @Slot(int)
    def _on_view_grade_chosen(self, grade: int) -> None:
        if self.session is None or self._content is None or not self._answer_shown:
            return
        self._change(lambda session: session.answer(grade))

    @Slot()
    def _on_view_undo_requested(self) -> None:
        if self.session is None or not self.session.can_undo:
            return
        self._change(StudySession.undo)

    @Slot()
    def _on_view_suspend_requested(self) -> None:
        if self.session is not None and self._content is not None:
            self._change(StudySession.suspend_current)

    @Slot()
    def _on_view_bury_requested(self) -> None:
        if self.session is not None and self._content is not None:
            self._change(StudySession.bury_current)

    @Slot()
    def _on_view_edit_requested(self) -> None:
        if self._content is not None:
            self.edit_note_requested.emit(self._content.note_id)

    @Slot()
    def _on_view_open_source_requested(self) -> None:
        if self._content is not None and self._content.path:
            self.open_source_requested.emit(self._content.path, self._content.line)

    @Slot()
    def _on_view_back_requested(self) -> None:
        if self.session is not None:
            self.stop()

    def source_path(self) -> Path | None:
        return Path(self._content.path) if self._content and self._content.path else None
