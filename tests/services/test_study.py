"""Study sessions against a real SQLite file and real deck files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from flashcards.core.scheduling import CardSchedule
from flashcards.core.settings import DeckLimits
from flashcards.core.sm2 import SM2State, review
from flashcards.services.collection import Collection
from flashcards.services.study import UNDO_DEPTH, StudySession, plan_session
from flashcards.services.sync import DeckSource, sync_decks
from flashcards.storage.models import ReviewLog
from tests.helpers import FakeClock, write_deck


def make_collection(
    tmp_path: Path, clock: FakeClock, notes: int = 30, decks: int = 1
) -> Collection:
    folder = tmp_path / "decks"
    for d in range(decks):
        write_deck(
            folder, f"d{d}.md", f"deck-{d}", [(f"问题 {d}-{i}", f"答案 {i}") for i in range(notes)]
        )
    col = Collection.open(tmp_path / "data", clock=clock)
    sync_decks(col, [DeckSource("user", folder)])
    return col


def test_new_card_limit_per_day_holds(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock)
    session = StudySession(col, seed=1)
    assert session.remaining() == (20, 0, 0)
    while not session.finished:
        session.answer(5)
    assert session.summary.answered == 20
    # A second session the same day shows nothing more.
    assert StudySession(col, seed=2).finished
    counts = col.deck_tree().counts
    assert (counts.new, counts.learning, counts.review) == (0, 0, 0)
    col.close()


def test_limits_inherit_from_the_folder_group(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=10, decks=2)
    col.update_settings(
        deck_limits={"user": DeckLimits(new_per_day=3), "deck-1": DeckLimits(new_per_day=1)}
    )
    tree = col.deck_tree()
    by_key = {n.key: n for n in tree.walk()}
    assert by_key["deck-0"].counts.new == 3
    assert by_key["deck-1"].counts.new == 1
    assert StudySession(col, seed=3).remaining() == (4, 0, 0)
    col.close()


def test_failed_cards_come_back_until_graded_four(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=3)
    session = StudySession(col, seed=5)
    first = session.queue.peek()
    outcome = session.answer(1)
    assert outcome.again_today
    assert session.queue.peek() != first  # not straight back while others wait
    shown = []
    while not session.finished:
        card = session.queue.peek()
        shown.append(card)
        session.answer(3 if shown.count(card) == 1 and card == first else 4)
    assert shown.count(first) >= 2
    with col.database.reading() as s:
        kinds = [k for (k,) in s.execute(select(ReviewLog.kind).where(ReviewLog.card_id == first))]
    assert kinds[0] == "learn" and set(kinds[1:]) == {"drill"}
    # The drills did not change SM-2: one failed learn.
    schedule = col.card_schedule(first)
    assert schedule is not None and schedule.sm2 == review(SM2State(), 1)
    col.close()


def test_reviews_come_due_and_most_overdue_first(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=4)
    session = StudySession(col, seed=9)
    order = list(session.queue.cards)
    for grade in (5, 4, 5, 4):
        session.answer(grade)
    clock.advance(days=7)
    later = StudySession(col, seed=9)
    assert set(later.queue.cards) == set(order)
    assert later.remaining() == (0, 0, 4)
    col.close()


def test_undo_restores_exact_state_and_log(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=5)
    session = StudySession(col, seed=4)
    before_queue = session.queue.cards
    card = session.queue.peek()
    assert card is not None
    before = col.card_schedule(card)
    session.answer(2)
    assert session.undo() == card
    assert col.card_schedule(card) == before
    assert session.queue.cards == before_queue
    with col.database.reading() as s:
        assert s.scalars(select(ReviewLog)).all() == []
    assert session.summary.answered == 0
    assert session.undo() is None
    col.close()


def test_undo_depth_is_fifty(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=60)
    col.update_settings(new_per_day=60)
    session = StudySession(col, seed=1)
    for _ in range(55):
        session.answer(5)
    undone = 0
    while session.undo() is not None:
        undone += 1
    assert undone == UNDO_DEPTH
    col.close()


def test_suspend_and_bury_are_undoable(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=4)
    session = StudySession(col, seed=8)
    order = session.queue.cards
    session.answer(1)
    suspended = session.suspend_current()
    buried = session.bury_current()
    assert session.remaining() == (1, 1, 0)
    assert session.undo() == buried
    assert session.undo() == suspended
    schedule = col.card_schedule(suspended)
    assert schedule is not None and not schedule.suspended
    assert session.undo() == order[0]
    assert session.queue.cards == order
    assert session.remaining() == (4, 0, 0)
    col.close()


def test_suspend_bury_and_reset(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=3)
    session = StudySession(col, seed=2)
    suspended = session.suspend_current()
    buried = session.bury_current()
    assert len(session.queue) == 1
    assert StudySession(col, seed=2).remaining() == (1, 0, 0)
    clock.advance(days=1)
    again = StudySession(col, seed=2)
    assert buried in again.queue and suspended not in again.queue
    assert suspended is not None
    col.set_suspended([suspended], False)
    session = StudySession(col, seed=2)
    session.answer(5)
    answered = next(iter({suspended, buried, *session.queue.cards} - set(session.queue.cards)))
    col.reset([answered])
    assert col.card_schedule(answered) == CardSchedule()
    col.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=60), st.integers(0, 2**16), st.booleans())
def test_log_replay_gives_stored_state(
    tmp_path_factory, grades: list[int], seed: int, advance: bool
) -> None:
    tmp = tmp_path_factory.mktemp("replay")
    clock = FakeClock()
    col = make_collection(tmp, clock, notes=8)
    for day in range(3):
        session = StudySession(col, seed=seed + day)
        for grade in grades:
            if session.finished:
                break
            previous = session.queue.peek()
            session.answer(grade)
            if len(session.queue) > 1:
                assert session.queue.peek() != previous
        if advance:
            clock.advance(days=3)
    with col.database.reading() as s:
        logs = s.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
    replayed: dict[int, SM2State] = {}
    for log in logs:
        state = replayed.get(log.card_id, SM2State())
        assert (state.repetitions, state.interval, int(state.easiness * 100)) == (
            log.reps_before,
            log.interval_before,
            log.easiness_before,
        )
        if log.kind != "drill":
            state = review(state, log.quality)
        replayed[log.card_id] = state
    for card_id, state in replayed.items():
        stored = col.card_schedule(card_id)
        assert stored is not None
        assert stored.sm2 == state
        assert stored.sm2.easiness == Decimal(stored.sm2.easiness)
    col.close()


def test_a_plan_built_on_another_connection_gives_the_same_session(
    tmp_path: Path, clock: FakeClock
) -> None:
    col = make_collection(tmp_path, clock, notes=12, decks=2)
    with Collection.open(col.data_dir, clock=clock, read_only=True) as worker:
        plan = plan_session(worker, seed=9)
    from_plan = StudySession(col, plan=plan)
    direct = StudySession(col, seed=9)
    assert list(from_plan.queue.upcoming(100)) == list(direct.queue.upcoming(100))
    assert from_plan.remaining() == direct.remaining() == (24, 0, 0)
    assert from_plan.seed == 9
    from_plan.answer(5)
    assert from_plan.remaining() == (23, 0, 0)
    col.close()


def test_a_plan_from_yesterday_is_built_again_for_today(tmp_path: Path, clock: FakeClock) -> None:
    col = make_collection(tmp_path, clock, notes=3)
    plan = plan_session(col, seed=4)
    session = StudySession(col, plan=plan)
    while not session.finished:
        session.answer(5)
    clock.advance(days=1)  # the learner left the app open overnight
    again = StudySession(col, plan=plan)
    assert again.today == plan.today + 1
    assert again.seed == 4
    assert again.remaining() == (0, 0, 3)  # yesterday's new cards are due for review
    col.close()
