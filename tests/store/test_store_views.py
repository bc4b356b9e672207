"""The progress, live and trainer pages driven without a browser (widgets and store only)."""

from __future__ import annotations

from html import escape

import ipywidgets as w
import pytest

from chatdojo.content.catalog import load_catalog
from chatdojo.quiz.types import get_type
from chatdojo.store import learners
from chatdojo.store.db import open_store
from chatdojo.views.learner_hook import attach
from chatdojo.views.page import Page
from chatdojo.views.progress_view import ProgressView, quiz_modules
from chatdojo.views.quiz_view import QuizView
from chatdojo.views.trainer_view import TrainerView


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def page(catalog):
    return Page(catalog=catalog, lang="ja")


@pytest.fixture
def db(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'views.sqlite3'}")
    yield store
    store.close()


def html_of(widget: w.Widget) -> str:
    """All HTML values under a widget, to assert on what the page shows."""
    parts = []
    if isinstance(widget, w.HTML):
        parts.append(widget.value)
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "\n".join(parts)


def right_answer(question):
    answer = get_type(question.type).correct_answer(question)
    return list(answer) if isinstance(answer, tuple) else answer


def first_bank(page):
    modules = quiz_modules(page)
    assert modules, "the repository's content has at least one guide with a quiz"
    return modules[0]


# -- progress ------------------------------------------------------------------------


def test_progress_start_shows_code_and_resumes_elsewhere(page, catalog, db):
    """Does starting show a resume code, and does that code resume on another 'device'?"""
    view = ProgressView(page, store=db, params={})
    code = view.start("Hanako")
    assert code and code[:4] in html_of(view.body)
    other = ProgressView(
        Page(catalog=catalog, lang="en"), store=db, params={"learner": code.lower()}
    )
    assert other.learner is not None and other.learner.display_name == "Hanako"
    assert "Progress of Hanako" in html_of(other.body)


def test_progress_unknown_code_and_bad_name(page, db):
    """Are an unknown resume code and an empty name answered with a message, not an error?"""
    view = ProgressView(page, store=db, params={})
    assert view.resume("ZZZZ-ZZZZ") is False
    assert "見つかりません" in view.message.value
    assert view.start("") is None and view.learner is None
    assert 'role="alert"' in view.message.value


def test_progress_escapes_the_display_name(page, db):
    """Is markup in a display name shown as text?"""
    view = ProgressView(page, store=db, params={})
    view.start("<img src=x onerror=alert(1)>")
    shown = html_of(view.body)
    assert "<img src=x" not in shown and escape("<img src=x onerror=alert(1)>") in shown


def test_certificate_only_when_every_module_is_passed(page, db):
    """Does the certificate (PDF and printable page) appear only after the last module is passed?"""
    view = ProgressView(page, store=db, params={})
    view.start("山田 太郎")
    modules = quiz_modules(page)
    for index, (guide, bank) in enumerate(modules):
        assert view.certificate() is None
        learners.record_answer(
            db,
            view.learner.id,
            guide.id,
            "x",
            "a",
            1.0,
            attempt=guide.id,
            finished=(bank.id, 1.0, True),
        )
        view.reload()
        assert (view.certificate() is not None) == (index == len(modules) - 1)
    shown = html_of(view.body)
    assert "cd-certificate" in shown and "data:application/pdf;base64," in shown
    assert "data:text/html;base64," in shown and "window.print()" in shown


def test_language_switch_rerenders_progress(page, db):
    """Does switching to English re-render the sign-in form in English?"""
    view = ProgressView(page, store=db, params={})
    page.set(lang="en")
    assert "Resume code" in html_of(view.body)


def test_learner_hook_records_module_quiz(page, db):
    """With ?learner=CODE, does answering a module's quiz correctly mark the module passed?"""
    guide, bank = first_bank(page)
    info, code = learners.create_learner(db, "Hanako")
    quiz = QuizView(page, bank, seed=1)
    banner = attach(quiz, page, params={"learner": code}, store=db)
    assert banner is not None and "Hanako" in banner.value
    while not quiz.attempt.finished:
        assert quiz.check(right_answer(quiz.attempt.current)) is not None
        quiz.next()
    assert learners.progress(db, info.id)[guide.id].passed


def test_learner_hook_without_code_says_results_are_not_kept(page, monkeypatch):
    """Without a learner, does the quiz say plainly that results are not kept, offering one tap?"""
    monkeypatch.delenv("HTTP_COOKIE", raising=False)
    _, bank = first_bank(page)
    quiz = QuizView(page, bank, seed=1)
    banner = attach(quiz, page, params={})
    assert quiz.on_outcome is None
    assert "結果は保存されません" in banner.value
    assert 'name="action" value="new"' in banner.value and "<button" in banner.value
    page.set(lang="en")
    assert "not being kept" in banner.value


# -- trainer (live sessions run in chatdojo.room; see tests/room) ------------------------


def test_trainer_page_links_to_the_console(page):
    """Does the trainer page send a trainer to the room console, an old dashboard link to its session?"""
    fresh = TrainerView(page, params={})
    assert 'href="/room/new?lang=ja"' in html_of(fresh.body)
    old = TrainerView(page, params={"code": "abcd", "token": "t0k<en>"})
    assert "/room/ABCD/trainer?token=t0k%3Cen%3E&amp;lang=ja" in html_of(old.body)
    page.set(lang="en")
    assert "Open this session&#x27;s console" in html_of(old.body)
