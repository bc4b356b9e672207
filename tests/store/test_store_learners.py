"""Self-paced learners: resume codes, recorded attempts, retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from chatdojo.quiz.attempt import Attempt
from chatdojo.store import learners
from chatdojo.store.codes import format_resume_code
from chatdojo.store.models import Learner, LearnerAnswer, ModuleProgress, utcnow
from chatdojo.store.recorder import record_outcome, recorder_for
from chatdojo.store.validate import InputError


def play(store, learner_id, attempt: Attempt, answers: dict[str, str], full_size=None) -> None:
    """Answer like QuizView does: score in the engine, then call the hook."""
    for question in attempt.questions:
        outcome = attempt.answer(question.id, answers[question.id])
        record_outcome(
            attempt,
            question,
            outcome,
            store=store,
            learner_id=learner_id,
            module_id="m1",
            full_size=full_size,
        )
        attempt.advance()


def test_resume_code_works_with_or_without_hyphen(store):
    """Does the code given at sign-up resume the learner typed as 'abcd-efgh' or 'ABCDEFGH'?"""
    info, code = learners.create_learner(store, "  職員 12345 ")
    assert info.display_name == "職員 12345"
    assert learners.resume(store, format_resume_code(code).lower()) == info
    assert learners.resume(store, code) == info
    assert learners.resume(store, "AAAA-AAAA") is None
    assert learners.resume(store, "") is None


def test_only_the_hash_of_the_code_is_stored(store):
    """Is the resume code absent from the database (only its SHA-256 is kept)?"""
    _, code = learners.create_learner(store, "Hanako")
    with store.read() as s:
        stored = s.scalar(select(Learner.resume_hash))
    assert code not in stored and len(stored) == 64


def test_bad_display_names_are_rejected(store):
    """Are an empty, an overlong and a control-character name refused?"""
    for bad in ("", "x" * 41, "a\nb"):
        with pytest.raises(InputError):
            learners.create_learner(store, bad)


def test_full_attempt_updates_progress(store, questions):
    """Does a finished full attempt count: attempts, best score, passed?"""
    info, _ = learners.create_learner(store, "Hanako")
    play(store, info.id, Attempt.start(questions, pass_mark=0.6), {"q1": "a", "q2": "b", "q3": "a"})
    (p,) = learners.progress(store, info.id).values()
    assert (p.attempts, round(p.best_score, 3), p.passed) == (1, 0.667, True)
    play(store, info.id, Attempt.start(questions, pass_mark=0.6), {"q1": "b", "q2": "a", "q3": "a"})
    (p,) = learners.progress(store, info.id).values()
    assert (p.attempts, round(p.best_score, 3), p.passed) == (2, 0.667, True)  # best is kept
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(LearnerAnswer)) == 6


def test_retry_of_missed_questions_does_not_pass_a_module(store, questions):
    """Can a learner pass by retrying only the questions they missed? (They must not.)"""
    info, _ = learners.create_learner(store, "Hanako")
    attempt = Attempt.start(questions, pass_mark=0.8)
    play(store, info.id, attempt, {"q1": "a", "q2": "a", "q3": "a"}, full_size=3)
    retry = attempt.retry_missed()
    play(store, info.id, retry, {"q2": "b", "q3": "c"}, full_size=3)
    (p,) = learners.progress(store, info.id).values()
    assert (p.attempts, p.passed) == (1, False)


def test_recorder_for_fits_the_quiz_view_hook(store, questions):
    """Is recorder_for(...) callable as on_outcome(attempt, question, outcome)?"""
    info, _ = learners.create_learner(store, "Hanako")
    hook = recorder_for(store, info.id, "m1")
    attempt = Attempt.start(questions[:1])
    hook(attempt, questions[0], attempt.answer("q1", "a"))
    assert learners.progress(store, info.id)["m1"].passed


def test_purge_removes_only_old_learners_and_their_data(store, questions):
    """Does purge delete learners not seen for N days, with their answers and progress, and no one else?"""
    old, _ = learners.create_learner(store, "Old")
    new, _ = learners.create_learner(store, "New")
    for who in (old, new):
        play(store, who.id, Attempt.start(questions[:1]), {"q1": "a"})
    with store.write() as s:
        s.execute(
            update(Learner)
            .where(Learner.id == old.id)
            .values(last_seen_at=utcnow() - timedelta(days=40))
        )
    assert learners.purge(store, 30) == {"learners": 1, "sessions": 0}
    with store.read() as s:
        assert s.scalars(select(Learner.display_name)).all() == ["New"]
        assert set(s.scalars(select(LearnerAnswer.learner_id))) == {new.id}
        assert set(s.scalars(select(ModuleProgress.learner_id))) == {new.id}
    assert learners.purge(store, 30) == {"learners": 0, "sessions": 0}
