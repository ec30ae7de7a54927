"""Today's progress: answers on the study day, their retention, whether anything was studied."""

from __future__ import annotations

from pathlib import Path

from flashcards.services.collection import Collection
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.services.today import TodayProgress, today_progress
from tests.helpers import FakeClock, write_deck


def test_empty_collection(collection: Collection) -> None:
    assert today_progress(collection) == TodayProgress(0, 0, False)
    assert TodayProgress().retention is None


def test_counts_todays_answers_only(
    collection: Collection, clock: FakeClock, tmp_path: Path
) -> None:
    folder = tmp_path / "decks"
    write_deck(folder, "a.md", "a", [("One?", "1"), ("Two?", "2"), ("Three?", "3")])
    sync_decks(collection, [DeckSource("user", folder)])
    session = StudySession(collection, seed=1)
    session.answer(4)
    session.answer(1)
    progress = today_progress(collection)
    assert progress == TodayProgress(answered=2, passed=1, studied_ever=True)
    assert progress.retention == 0.5
    clock.advance(days=1)
    assert today_progress(collection) == TodayProgress(0, 0, True)
