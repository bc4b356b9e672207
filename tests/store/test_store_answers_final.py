"""A checked self-paced answer is final (issue 9 item 4): engine, widgets and store agree."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
from sqlalchemy import func, select

from chatdojo.content.catalog import load_catalog
from chatdojo.quiz.attempt import Attempt
from chatdojo.store import learners
from chatdojo.store.models import LearnerAnswer, ModuleProgress
from chatdojo.store.recorder import record_outcome, recorder_for
from chatdojo.views.page import Page
from chatdojo.views.quiz_view import QuizView


def answers_of(store, learner_id: int) -> list[float]:
    with store.read() as s:
        return list(
            s.scalars(
                select(LearnerAnswer.score)
                .where(LearnerAnswer.learner_id == learner_id)
                .order_by(LearnerAnswer.id)
            )
        )


def test_forged_recheck_through_widgets_changes_nothing(store, content_root: Path):
    """After feedback, does setting the disabled radio and clicking Check again rewrite anything?"""
    page = Page.from_request(load_catalog(content_root), {"lang": "en"})
    info, _ = learners.create_learner(store, "Aiko")
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    view.on_outcome = recorder_for(store, info.id, "basics")
    radio = view.input.widget
    assert isinstance(radio, w.RadioButtons)
    radio.value = "b"  # wrong
    view.check_button.click()
    first = view.attempt.outcomes["b-1"]
    assert not first.correct and answers_of(store, info.id) == [0.0]
    # what a forged comm message does: the disabled radio gets the right option, Check is clicked
    radio = view.input.widget
    assert radio.disabled
    radio.value = "a"
    view.check_button.click()
    assert view.check("a") is None
    assert view.attempt.outcomes["b-1"] is first
    assert answers_of(store, info.id) == [0.0]
    assert "Not quite" in view.feedback.value and view.message.value == ""


def test_the_store_keeps_one_answer_per_attempt_and_question(store, questions):
    """Does calling the recorder twice for one answer store it once and count the attempt once?"""
    info, _ = learners.create_learner(store, "Ben")
    attempt = Attempt.start(questions[:1], seed=1)
    question = attempt.questions[0]
    outcome = attempt.answer(question.id, "a")
    kw = {"store": store, "learner_id": info.id, "module_id": "m1"}
    assert record_outcome(attempt, question, outcome, **kw) is True
    assert record_outcome(attempt, question, outcome, **kw) is False
    forged = type(outcome)(question.id, "b", 0.0, ())
    assert record_outcome(attempt, question, forged, **kw) is False
    assert answers_of(store, info.id) == [1.0]
    with store.read() as s:
        assert s.scalar(select(ModuleProgress.attempts)) == 1
        assert s.scalar(select(func.count()).select_from(LearnerAnswer)) == 1
    # a new attempt at the same question is a new row
    again = Attempt.start(questions[:1], seed=1)
    record_outcome(again, question, again.answer(question.id, "a"), **kw)
    assert answers_of(store, info.id) == [1.0, 1.0]


def test_a_practice_retry_is_never_counted_or_passed(store, questions):
    """Does 'retry only what I missed' stay practice: no attempt counted, no pass?"""
    info, _ = learners.create_learner(store, "Chie")
    kw = {"store": store, "learner_id": info.id, "module_id": "m1"}
    attempt = Attempt.start(questions, seed=1)
    for q in attempt.questions:  # "a" is right for q1 only
        record_outcome(attempt, q, attempt.answer(q.id, "a"), **kw)
    retry = attempt.retry_missed()
    for q in retry.questions:
        right = next(c.id for c in q.choices if c.correct)
        record_outcome(retry, q, retry.answer(q.id, right), **kw)
    assert retry.fraction == 1.0 and not retry.passed
    progress = learners.progress(store, info.id)["m1"]
    assert progress.attempts == 1 and not progress.passed


def test_practice_retry_results_never_say_passed(content_root: Path):
    """Issue 11: after 'retry only what I missed', is the result labelled practice, never 合格/Passed?"""
    page = Page.from_request(load_catalog(content_root), {"lang": "ja"})
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    while not view.attempt.finished:
        view.check("b" if view.attempt.current.id == "b-1" else None) or view.check(
            view.attempt.choices(view.attempt.current)[0].id
        )
        view.next()
    view.retry_button.click()
    assert view.attempt.practice and "練習" in view.progress_label.value
    while not view.attempt.finished:
        q = view.attempt.current
        view.check(next(c.id for c in q.choices if c.correct))
        view.next()
    shown = "".join(getattr(c, "value", "") for c in view.body.children)
    assert view.attempt.fraction == 1.0
    assert "練習" in shown and "合格" not in shown
    page.set(lang="en")
    shown = "".join(getattr(c, "value", "") for c in view.body.children)
    assert "Practice" in shown and "Passed" not in shown and "Pass mark" not in shown
