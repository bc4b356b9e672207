"""The per-process room poller and the answer batcher, without HTTP."""

from __future__ import annotations

import asyncio

from sqlalchemy.exc import OperationalError

from chatdojo.quiz.types import get_type
from chatdojo.room.hub import Hub
from chatdojo.room.render import session_bank
from chatdojo.store import live
from chatdojo.store.db import open_store
from chatdojo.store.validate import InputError

from .conftest import QUIZ


def test_database_away_marks_the_room_and_recovers(tmp_path, catalog):
    """Database briefly away: does the room say so (phones show 'reconnecting'), then recover?"""
    store = open_store(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    questions = live.pick_questions(session_bank(catalog, "default", QUIZ), count=2, seed=1)
    info, token = live.create_session(store, QUIZ, questions, paced=True)
    away = {"now": False}

    def get_store():
        if away["now"]:
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))
        return store

    async def scenario() -> list[str]:
        hub = Hub(get_store, lambda: catalog, "default")
        room = hub.room(info.code)
        seen = []
        await room.refresh()
        seen.append("ok" if room.frame and not room.error else "error")
        away["now"] = True
        await room.refresh()
        seen.append("error" if room.error else "ok")
        assert room.frame is not None  # the last state is kept for when it comes back
        away["now"] = False
        live.control(store, info.code, token, "start")
        await room.refresh()
        seen.append("ok" if not room.error else "error")
        assert room.frame is not None and room.frame.session.state == "running"
        return seen

    assert asyncio.run(scenario()) == ["ok", "error", "ok"]
    store.close()


def test_answers_arriving_together_are_stored_once_each(tmp_path, catalog):
    """60 phones answering in the same instant (some twice): one row each, every phone answered?"""
    store = open_store(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    questions = live.pick_questions(session_bank(catalog, "default", QUIZ), count=1, seed=2)
    info, token = live.create_session(store, QUIZ, questions, paced=True)
    seats = [live.join(store, info.code, f"p{i}")[1] for i in range(60)]
    live.control(store, info.code, token, "start")
    q = questions[0]
    right = get_type(q.type).correct_answer(q)
    value = list(right) if isinstance(right, tuple) else right

    async def storm() -> list[object]:
        hub = Hub(lambda: store, lambda: catalog, "default")
        calls = [hub.answers.submit(info.code, (seat, q, value)) for seat in seats]
        calls += [hub.answers.submit(info.code, (seat, q, value)) for seat in seats[:10]]
        calls.append(hub.answers.submit(info.code, ("not-a-seat", q, value)))
        return await asyncio.gather(*calls, return_exceptions=True)

    results = asyncio.run(storm())
    created = [r.created for r in results[:-1] if isinstance(r, live.Submitted)]
    assert len(created) == 70 and sum(created) == 60
    assert isinstance(results[-1], live.LiveError)
    assert len(live.snapshot(store, info.code).answers) == 60
    store.close()


def test_joins_arriving_together_are_checked_one_by_one(tmp_path, catalog):
    """A hall joining at once: one transaction, yet each nickname is checked on its own."""
    store = open_store(f"sqlite:///{tmp_path / 'joins.sqlite3'}")
    questions = live.pick_questions(session_bank(catalog, "default", QUIZ), count=1, seed=3)
    info, _token = live.create_session(store, QUIZ, questions, paced=True)
    live.join(store, info.code, "Early")

    async def hall() -> list[object]:
        hub = Hub(lambda: store, lambda: catalog, "default")
        names = [f"p{i}" for i in range(40)] + ["P3", "early", "   ", "p39"]
        return await asyncio.gather(
            *(hub.joins.submit(info.code, n) for n in names), return_exceptions=True
        )

    results = asyncio.run(hall())
    seated = [r for r in results[:40] if isinstance(r, tuple)]
    assert len(seated) == 40 and len({p.id for p, _t in seated}) == 40
    for refused in results[40:]:  # a casefolded repeat, an earlier name, a blank, a repeat
        assert isinstance(refused, InputError), refused
    assert [r.key for r in results[40:]] == [
        "nickname_taken",
        "nickname_taken",
        "name_required",
        "nickname_taken",
    ]
    people = live.snapshot(store, info.code).participants
    assert len(people) == 41
    person, token = seated[5]
    assert live.rejoin(store, info.code, token) == person  # each gets its own working seat
    store.close()
