"""Live sessions: joining, answering once, validation, rejoining, restarts."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from chatdojo.quiz.model import AnswerError
from chatdojo.store import live
from chatdojo.store.db import open_store
from chatdojo.store.models import SessionAnswer
from chatdojo.store.validate import InputError


def rows(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(SessionAnswer))


def running(store, questions, *, paced: bool = False):
    info, token = live.create_session(store, "test-bank", questions, paced=paced)
    live.control(store, info.code, token, "start")
    return info.code, token


def test_double_tap_stores_one_row(store, questions):
    """Does submitting the same answer twice (a double tap) leave exactly one row?"""
    code, _ = running(store, questions)
    _, token = live.join(store, code, "Hanako")
    first = live.submit(store, code, token, questions[0], "a")
    again = live.submit(store, code, token, questions[0], "a")
    assert (first.created, again.created) == (True, False)
    assert rows(store) == 1


def test_first_answer_wins(store, questions):
    """Does a changed second answer to the same question keep the first one and its score?"""
    code, _ = running(store, questions)
    _, token = live.join(store, code, "Hanako")
    live.submit(store, code, token, questions[0], "b")
    again = live.submit(store, code, token, questions[0], "a")
    assert again.outcome.answer == "b" and again.outcome.score == 0.0
    assert rows(store) == 1


def test_unknown_option_is_rejected(store, questions):
    """Is an option id that does not exist rejected before anything is stored?"""
    code, _ = running(store, questions)
    _, token = live.join(store, code, "Hanako")
    with pytest.raises(AnswerError):
        live.submit(store, code, token, questions[0], "z")
    with pytest.raises(AnswerError):
        live.submit(store, code, token, questions[0], ["a"])
    assert rows(store) == 0


@pytest.mark.parametrize(
    ("nickname", "key"),
    [
        ("x" * 25, "name_too_long"),
        ("", "name_required"),
        ("   ", "name_required"),
        ("bad\x00name", "name_control"),
        ("right\u202eto-left", "name_control"),
        ("zero\u200bwidth", "name_control"),
        (None, "name_required"),
    ],
)
def test_bad_nickname_is_rejected(store, questions, nickname, key):
    """Are oversized, empty and control-character nicknames rejected with their reason?"""
    code, _ = running(store, questions)
    with pytest.raises(InputError) as err:
        live.join(store, code, nickname)
    assert err.value.key == key


def test_markup_nickname_is_kept_as_text(store, questions):
    """Is a nickname with markup stored verbatim (it is escaped where shown, see the view tests)?"""
    code, _ = running(store, questions)
    person, _ = live.join(store, code, "<b>Ken</b>")
    assert person.nickname == "<b>Ken</b>"
    assert live.snapshot(store, code).participants[0].nickname == "<b>Ken</b>"


def test_nickname_taken_ignores_case_and_width(store, questions):
    """Is 'ＴＡＲＯ' refused when 'taro' already joined the session?"""
    code, _ = running(store, questions)
    live.join(store, code, "taro")
    with pytest.raises(InputError) as err:
        live.join(store, code, "ＴＡＲＯ")
    assert err.value.key == "nickname_taken"


def test_reload_rejoins_with_token(store, questions):
    """After a reload, does the participant token bring back the same participant and position?"""
    code, _ = running(store, questions)
    person, token = live.join(store, code, "Hanako")
    live.submit(store, code, token, questions[0], "a")
    again = live.rejoin(store, code, token)
    assert again == person
    answered = live.answers_of(store, again.id)
    assert live.next_question_id(live.get_session(store, code), answered) == "q2"
    with pytest.raises(live.LiveError):
        live.rejoin(store, code, "not-a-token")


def test_server_restart_loses_nothing(db_url, questions):
    """Closing the engine mid-session and reopening: are answers kept and does a participant continue?"""
    store = open_store(db_url)
    code, trainer = running(store, questions)
    tokens = [live.join(store, code, f"p{i}")[1] for i in range(10)]
    for token in tokens:
        live.submit(store, code, token, questions[0], "a")
    live.submit(store, code, tokens[0], questions[1], "b")
    store.close()  # the server goes down

    store = open_store(db_url)  # and comes back
    try:
        assert rows(store) == 11
        person = live.rejoin(store, code, tokens[0])
        session = live.get_session(store, code)
        assert live.next_question_id(session, live.answers_of(store, person.id)) == "q3"
        assert live.submit(store, code, tokens[0], questions[0], "a").created is False
        assert live.submit(store, code, tokens[0], questions[2], "c").created is True
        assert rows(store) == 12
        live.control(store, code, trainer, "finish")
    finally:
        store.close()


def test_paced_only_current_question_is_open(store, questions):
    """In paced mode, are only the trainer's current question's answers taken, until revealed?"""
    code, trainer = running(store, questions, paced=True)
    _, token = live.join(store, code, "Hanako")
    with pytest.raises(live.LiveError):
        live.submit(store, code, token, questions[1], "b")  # not opened yet
    assert live.submit(store, code, token, questions[0], "a").created
    live.control(store, code, trainer, "reveal")
    _, late = live.join(store, code, "Late")
    with pytest.raises(live.LiveError):
        live.submit(store, code, late, questions[0], "a")  # closed once the answer is shown
    assert live.submit(store, code, token, questions[0], "a").created is False  # a repeat is fine
    session = live.control(store, code, trainer, "next")
    assert session.current_question_id == "q2" and not session.revealed
    live.control(store, code, trainer, "next")
    assert live.control(store, code, trainer, "next").state == "finished"
    with pytest.raises(live.LiveError):
        live.join(store, code, "Too late")


def test_lobby_takes_no_answers(store, questions):
    """Before the trainer starts, is an answer refused (and nothing stored)?"""
    info, _ = live.create_session(store, "test-bank", questions, paced=False)
    _, token = live.join(store, info.code, "Early")
    with pytest.raises(live.LiveError):
        live.submit(store, info.code, token, questions[0], "a")
    assert rows(store) == 0


def test_trainer_token_is_checked(store, questions):
    """Are trainer actions and the dashboard refused without the right token, even for a real code?"""
    info, token = live.create_session(store, "test-bank", questions, paced=True)
    assert live.authorize_trainer(store, info.code, token).code == info.code
    for wrong in ("", None, token[:-1] + ("A" if token[-1] != "A" else "B")):
        with pytest.raises(live.LiveError):
            live.authorize_trainer(store, info.code, wrong)
        with pytest.raises(live.LiveError):
            live.control(store, info.code, wrong or "", "start")
    with pytest.raises(live.LiveError):
        live.authorize_trainer(store, "ZZZZ", token)
    assert live.get_session(store, info.code).state == "lobby"


def test_unknown_code_and_question(store, questions, make_question):
    """Are an unknown join code and a question outside the session refused?"""
    code, _ = running(store, questions)
    _, token = live.join(store, code, "Hanako")
    with pytest.raises(live.LiveError):
        live.get_session(store, "NOPE")
    with pytest.raises(live.LiveError):
        live.join(store, "NOPE", "Hanako")
    with pytest.raises(AnswerError):
        live.submit(store, code, token, make_question("other"), "a")
    assert rows(store) == 0
