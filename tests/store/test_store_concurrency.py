"""A room of 200 phones answering in the same second, against one database."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from chatdojo.store import live
from chatdojo.store.models import SessionAnswer

ROOM = 200


def count_rows(store) -> tuple[int, int]:
    with store.read() as s:
        total = s.scalar(select(func.count()).select_from(SessionAnswer))
        distinct = s.scalar(select(func.count(func.distinct(SessionAnswer.participant_id))))
    return total, distinct


def in_one_burst(n: int, work) -> list:
    """Run ``work(i)`` on n threads released together by a barrier; re-raise any error."""
    barrier = threading.Barrier(n, timeout=60)

    def go(i: int):
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(go, range(n)))


def test_200_participants_answer_in_the_same_second(store, questions):
    """Do 200 simultaneous answers (each tapped twice) end as exactly 200 rows, one per person?"""
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    info, trainer = live.create_session(store, "test-bank", questions, paced=True)
    tokens = in_one_burst(ROOM, lambda i: live.join(store, info.code, f"p{i:03d}")[1])
    assert len(set(tokens)) == ROOM
    live.control(store, info.code, trainer, "start")

    def answer_twice(i: int) -> tuple[bool, bool]:
        choice = "abc"[i % 3]
        first = live.submit(store, info.code, tokens[i], questions[0], choice)
        again = live.submit(store, info.code, tokens[i], questions[0], choice)
        return first.created, again.created

    results = in_one_burst(ROOM, answer_twice)
    assert results == [(True, False)] * ROOM
    assert count_rows(store) == (ROOM, ROOM)
    snap = live.snapshot(store, info.code)
    assert len(snap.participants) == ROOM
    assert sum(a.score for a in snap.answers) == len(range(0, ROOM, 3))  # "a" is right


def test_simultaneous_double_taps_store_one_row(store, questions):
    """When both taps of a double tap arrive at the same instant, is exactly one stored?"""
    info, trainer = live.create_session(store, "test-bank", questions, paced=False)
    live.control(store, info.code, trainer, "start")
    people = 50
    tokens = [live.join(store, info.code, f"p{i}")[1] for i in range(people)]
    results = in_one_burst(
        people * 2,
        lambda i: live.submit(store, info.code, tokens[i // 2], questions[1], "b").created,
    )
    assert sum(results) == people  # one "created" per participant, the twin is a repeat
    assert count_rows(store) == (people, people)


def test_same_nickname_at_once_joins_once(store, questions):
    """If 20 phones pick the same nickname at the same moment, does exactly one get it?"""
    from chatdojo.store.validate import InputError

    info, _ = live.create_session(store, "test-bank", questions, paced=False)

    def try_join(_i: int) -> bool:
        try:
            live.join(store, info.code, "Taro")
            return True
        except InputError:
            return False

    assert sum(in_one_burst(20, try_join)) == 1
