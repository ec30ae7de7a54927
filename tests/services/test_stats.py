"""Statistics computed from a real collection after real answers."""

from __future__ import annotations

from pathlib import Path

from flashcards.services.collection import Collection
from flashcards.services.stats import collection_stats
from flashcards.services.study import StudySession
from flashcards.services.sync import DeckSource, sync_decks
from tests.helpers import FakeClock, write_deck


def test_states_retention_forecast_and_streak(tmp_path: Path) -> None:
    clock = FakeClock()
    folder = tmp_path / "decks"
    write_deck(folder, "a.md", "a", [(f"问题 {i}", f"答案 {i}") for i in range(10)])
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    session = StudySession(col, seed=1)
    col.set_suspended([session.queue.cards[-1]], True)
    for grade in (5, 4, 2, 5):  # the 2 comes back as a drill later in the session
        session.answer(grade)
    stats = collection_stats(col)
    assert stats.cards == 10
    assert stats.suspended == 1
    assert stats.new == 10 - 4 - 1  # answered cards are not new; suspended ones are not counted
    assert stats.learning == 1
    assert stats.reviews_today == 4
    assert stats.retention_today == 0.75
    assert stats.streak_days == 1
    assert stats.grades == {2: 1, 4: 1, 5: 2}
    assert sum(stats.forecast) == 4  # every first answer is due again tomorrow (interval 1)
    assert stats.forecast[0] == 4
    assert stats.decks[0].new == stats.new
    assert [d.key for d in stats.decks] == ["a"]
    clock.advance(days=1)
    assert collection_stats(col).streak_days == 1  # yesterday counts until today is studied
    clock.advance(days=1)
    assert collection_stats(col).streak_days == 0
    col.close()
