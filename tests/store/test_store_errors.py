"""A read-only or unreachable database: pages say so in their language and keep working (issue 9 item 5)."""

from __future__ import annotations

import pytest

from chatdojo.content.catalog import load_catalog
from chatdojo.quiz.types import get_type
from chatdojo.store import learners
from chatdojo.store.db import open_store, problem
from chatdojo.store.ratelimit import kernel_limiter
from chatdojo.views.learner_hook import attach, keeping_card
from chatdojo.views.page import Page
from chatdojo.views.progress_view import ProgressView, quiz_modules
from chatdojo.views.quiz_view import QuizView

LEAKS = ("sqlite", "Error", "SELECT", "INSERT", "UPDATE", "Traceback", "/tmp", "psycopg")
UNREACHABLE = "postgresql+psycopg://user:secret@127.0.0.1:9/none?connect_timeout=1"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(autouse=True)
def fresh_limits():
    kernel_limiter().reset()


@pytest.fixture
def readonly(tmp_path):
    """A database with one learner, then opened read-only (as on a read-only mount)."""
    path = tmp_path / "ro.sqlite3"
    store = open_store(f"sqlite:///{path}")
    info, code = learners.create_learner(store, "Aiko")
    store.close()
    ro = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    yield ro, info, code
    ro.close()


def html(widget) -> str:
    parts = [getattr(widget, "value", "") or ""]
    parts += [html(c) for c in getattr(widget, "children", ())]
    return "\n".join(p for p in parts if isinstance(p, str))


def assert_no_leak(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, leak


def right(q):
    answer = get_type(q.type).correct_answer(q)
    return list(answer) if isinstance(answer, tuple) else answer


def test_problem_kinds():
    """Are read-only, full-disk and other failures told apart from the error text?"""
    assert problem("attempt to write a readonly database") == "readonly"
    assert problem("cannot execute INSERT in a read-only transaction") == "readonly"
    assert problem("database or disk is full") == "full"
    assert problem("connection refused") == "unavailable"


def test_quiz_runs_on_a_readonly_database_and_says_nothing_is_saved(catalog, readonly):
    """Read-only store: is the learner recognised, the quiz scored, and 'cannot save' said in ja/en?"""
    store, _info, code = readonly
    page = Page(catalog=catalog, lang="ja")
    _guide, bank = quiz_modules(page)[0]
    quiz = QuizView(page, bank, seed=1)
    banner = attach(quiz, page, params={"learner": code}, store=store)
    assert "Aiko" in banner.value
    outcome = quiz.check(right(quiz.attempt.current))
    assert outcome is not None and outcome.correct  # the quiz still works
    assert "読み取り専用" in banner.value and 'role="alert"' in banner.value
    page.set(lang="en")
    assert "read-only" in banner.value
    assert_no_leak(banner.value)


def test_progress_page_on_a_readonly_database(catalog, readonly):
    """Read-only store: does the progress page still show the learner's record and refresh it?"""
    store, _info, code = readonly
    page = Page(catalog=catalog, lang="en")
    view = ProgressView(page, store=store, params={"learner": code})
    assert view.learner is not None and "Progress of Aiko" in html(view.body)
    view.refresh_button.click()
    assert "Progress of Aiko" in html(view.body) and view.message.value == ""
    assert view.start("Ben") is None  # a new learner cannot be written: said, not raised
    assert "read-only" in view.message.value
    assert_no_leak(html(view.body))


def test_pages_with_an_unreachable_database(catalog, monkeypatch):
    """Unreachable store: do the progress page, home notice and quiz say so and keep working?"""
    monkeypatch.setenv("CHATDOJO_DB", UNREACHABLE)
    page = Page(catalog=catalog, lang="ja")
    code = "ABCD-EFGH-JKMN"
    view = ProgressView(page, params={"learner": code})
    assert "接続できない" in view.message.value
    assert_no_leak(html(view.body))
    assert "secret" not in html(view.body)
    card = keeping_card(page, params={"learner": code})
    assert "接続できない" in card.value
    _guide, bank = quiz_modules(page)[0]
    quiz = QuizView(page, bank, seed=1)
    banner = attach(quiz, page, params={"learner": code})
    assert quiz.check(right(quiz.attempt.current)) is not None
    page.set(lang="en")
    assert "cannot be reached" in banner.value and "cannot be reached" in view.message.value
    assert_no_leak(banner.value)
