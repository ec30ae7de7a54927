"""A whole study session driven from the keyboard, through the real main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards.gui.main_controller import MainController


def _key(qtbot, controller: MainController, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window = controller.window
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def _study(qtbot, controller: MainController) -> None:
    """Press S and wait until the session's cards, gathered in the background, are shown."""
    with qtbot.waitSignal(controller.review.started, timeout=5000):
        _key(qtbot, controller, Qt.Key.Key_S)


def test_keyboard_session_show_grade_undo_finish(qtbot, shell: MainController) -> None:
    window = shell.window
    review = window.review_view
    assert window.current_page() == "decks"
    assert window.deck_page.study_button.hasFocus()

    _study(qtbot, shell)
    assert window.current_page() == "review"
    assert review.bottom.currentIndex() == 0  # question side
    assert review.show_answer_button.hasFocus()
    assert review.counts_label.accessibleName().startswith("Left in this session: 4 new")
    first = shell.review.current
    assert first is not None

    _key(qtbot, shell, Qt.Key.Key_Space)
    assert review.bottom.currentIndex() == 1  # answer side
    texts = [b.text() for b in review._grade_buttons]
    assert texts[0].startswith("Again · ")
    assert texts[2] == "Good · 1d"

    _key(qtbot, shell, Qt.Key.Key_1)  # Again: the card comes back later today
    assert shell.review.current is not None
    assert shell.review.session.summary.answered == 1

    _key(qtbot, shell, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shell.review.current.card_id == first.card_id
    assert shell.review.session.summary.answered == 0
    assert review.bottom.currentIndex() == 0

    shown = 0
    while window.current_page() == "review":
        _key(qtbot, shell, Qt.Key.Key_Return)  # show the answer
        _key(qtbot, shell, Qt.Key.Key_3)  # Good
        shown += 1
        assert shown < 10
    assert shown == 4
    assert window.current_page() == "summary"
    summary = window.summary_view
    assert summary._values["answered"].text() == "4"
    assert summary._values["retention"].text() == "100%"
    assert summary._values["today"].text() == "100% (4 answers)"
    assert summary.back_button.hasFocus()

    # Undo works from the summary too: back to the last card.
    _key(qtbot, shell, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "review"
    _key(qtbot, shell, Qt.Key.Key_Space)
    _key(qtbot, shell, Qt.Key.Key_4)  # Easy
    assert window.current_page() == "summary"

    with qtbot.waitSignal(shell.decks_refreshed, timeout=5000):
        _key(qtbot, shell, Qt.Key.Key_Escape)
    assert window.current_page() == "decks"
    assert shell.review.session is None
    assert window.deck_page.model.root.counts.total == 0
    assert not window.deck_page.study_button.isEnabled()


def test_grade_keys_do_nothing_on_the_question_side(qtbot, shell: MainController) -> None:
    _study(qtbot, shell)
    _key(qtbot, shell, Qt.Key.Key_3)
    assert shell.review.session.summary.answered == 0
    assert shell.window.review_view.bottom.currentIndex() == 0


def test_six_button_mode_uses_keys_0_to_5(qtbot, shell: MainController) -> None:
    shell.apply_settings({"grading": "six"})
    _study(qtbot, shell)
    _key(qtbot, shell, Qt.Key.Key_Space)
    buttons = shell.window.review_view._grade_buttons
    assert len(buttons) == 6
    assert buttons[0].text().startswith("Blackout")
    _key(qtbot, shell, Qt.Key.Key_0)
    assert shell.review.session.summary.answered == 1
    assert shell.review.session.summary.again == 1


def test_suspend_and_bury_take_cards_out(qtbot, shell: MainController) -> None:
    _study(qtbot, shell)
    first = shell.review.current.card_id
    _key(qtbot, shell, Qt.Key.Key_At)
    assert shell.collection.card_schedule(first).suspended
    second = shell.review.current.card_id
    _key(qtbot, shell, Qt.Key.Key_Minus)
    assert shell.review.current.card_id not in (first, second)
    assert shell.review.session.remaining() == (2, 0, 0)


def test_cloze_in_yaml_is_hidden_then_revealed(qtbot, shell: MainController) -> None:
    shell.window.deck_page.tree.setCurrentIndex(
        shell.window.deck_page.model.index_of_key("k8s-basics")
    )
    _study(qtbot, shell)
    view = shell.window.review_view.card_view
    while shell.review.current.kind != "cloze":
        _key(qtbot, shell, Qt.Key.Key_Space)
        _key(qtbot, shell, Qt.Key.Key_3)
    assert "replicas: 3" not in view.toPlainText()
    assert "[...]" in view.toPlainText()
    _key(qtbot, shell, Qt.Key.Key_Space)
    assert "replicas: 3" in view.toPlainText()


def test_links_open_only_when_clicked_and_only_on_the_web(
    qtbot, shell: MainController, monkeypatch
) -> None:
    from PySide6.QtCore import QUrl

    from flashcards.gui.dialogs import Desktop

    opened: list[str] = []
    monkeypatch.setattr(
        Desktop, "open_url", classmethod(lambda cls, url: opened.append(url.toString()) or True)
    )
    _study(qtbot, shell)
    view = shell.window.review_view
    assert not view.card_view.openLinks()
    view.card_view.anchorClicked.emit(QUrl("https://kubernetes.io/docs"))
    view.card_view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://kubernetes.io/docs"]


def test_open_source_hands_the_deck_file_to_the_editor(
    qtbot, shell: MainController, monkeypatch
) -> None:
    from flashcards.gui.editor import ExternalEditor

    opened: list[tuple[str, int]] = []

    def record(cls, path, line=1):
        opened.append((str(path), line))
        return True

    monkeypatch.setattr(ExternalEditor, "open", classmethod(record))
    _study(qtbot, shell)
    _key(qtbot, shell, Qt.Key.Key_O)
    content = shell.review.current
    assert opened == [(content.path, content.line)]
    assert shell.window.status_label.text() == f"Opened {Path(content.path).name}:{content.line}"


def test_a_failed_save_is_reported_and_changes_nothing(
    qtbot, shell: MainController, monkeypatch
) -> None:
    from flashcards.gui.dialogs import MessageBox
    from flashcards.services.errors import StorageFullError
    from flashcards.services.study import StudySession

    shown: list[str] = []
    monkeypatch.setattr(
        MessageBox,
        "error",
        classmethod(lambda cls, parent, title, text, details="": shown.append(text)),
    )

    def full(self, quality, *, answer_ms=None):
        raise StorageFullError("the disk is full: the change was not saved")

    monkeypatch.setattr(StudySession, "answer", full)
    _study(qtbot, shell)
    card = shell.review.current.card_id
    _key(qtbot, shell, Qt.Key.Key_Space)
    _key(qtbot, shell, Qt.Key.Key_3)
    assert shown == ["the disk is full: the change was not saved"]
    assert shell.review.current.card_id == card
    assert shell.window.review_view.bottom.currentIndex() == 1  # still on the answer


def test_study_pressed_twice_starts_one_session(qtbot, shell: MainController) -> None:
    started: list[bool] = []
    shell.review.started.connect(lambda: started.append(True))
    with qtbot.waitSignal(shell.review.started, timeout=5000):
        shell.review.start(None)
        assert shell.review.starting
        shell.review.start(None)  # a second press while the cards are gathered
    qtbot.waitUntil(lambda: not shell.runner.busy, timeout=5000)
    assert started == [True]
    assert not shell.review.starting
    assert shell.window.current_page() == "review"


def test_a_session_that_cannot_start_is_reported(qtbot, shell: MainController, monkeypatch) -> None:
    from flashcards.gui.dialogs import MessageBox
    from flashcards.services.errors import DatabaseError

    shown: list[str] = []
    monkeypatch.setattr(
        MessageBox,
        "error",
        classmethod(lambda cls, parent, title, text, details="": shown.append(title)),
    )

    def broken(*_args, **_kwargs):
        raise DatabaseError("the collection file is damaged")

    monkeypatch.setattr("flashcards.gui.review.controller.plan_session", broken)
    _key(qtbot, shell, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Cannot start studying"]
    assert shell.window.current_page() == "decks"
    assert not shell.review.starting
