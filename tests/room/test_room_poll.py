"""One poll for all watched rooms: a process reads every room's fingerprint in one query."""

from __future__ import annotations

import asyncio

from chatdojo.room import hub as hub_module
from chatdojo.room.hub import Hub
from chatdojo.room.render import session_bank
from chatdojo.store import live
from chatdojo.store.db import open_store

from .conftest import QUIZ


def test_many_watched_rooms_cost_one_read_a_tick(tmp_path, catalog, monkeypatch):
    """Do 12 rooms with idle streams cost one fingerprint query per poll (not 12), and does a
    change in one room still wake that room's listeners (and only its)?"""
    store = open_store(f"sqlite:///{tmp_path / 'poll.sqlite3'}")
    questions = live.pick_questions(session_bank(catalog, "default", QUIZ), count=2, seed=1)
    rooms = [live.create_session(store, QUIZ, questions, paced=True) for _ in range(12)]
    batched: list[int] = []
    single: list[str] = []
    real = live.fingerprints
    monkeypatch.setattr(
        live, "fingerprints", lambda s, codes: batched.append(len(codes)) or real(s, codes)
    )
    monkeypatch.setattr(live, "fingerprint", lambda s, code: single.append(code) or (0, 0, 0))
    monkeypatch.setattr(hub_module, "POLL", 0.05)

    async def scenario() -> tuple[bool, bool]:
        hub = Hub(lambda: store, lambda: catalog, "default")
        watched = [hub.room(info.code) for info, _token in rooms]
        for room in watched:
            room.join()
        await asyncio.sleep(0.4)
        first, other = watched[0].changed, watched[1].changed
        info, token = rooms[0]
        live.control(store, info.code, token, "start")
        for _ in range(100):  # the next poll notices it (a loaded machine may take a while)
            if first.is_set():
                break
            await asyncio.sleep(0.05)
        for room in watched:
            room.leave()
        await asyncio.sleep(0.2)
        assert not hub.rooms  # the poller drops rooms nobody watches, then ends
        return first.is_set(), other.is_set()

    woke_first, woke_other = asyncio.run(scenario())
    assert woke_first and not woke_other
    assert single == []
    assert len(batched) >= 3 and set(batched) == {12}  # every read carried all twelve rooms
    store.close()


def test_fingerprints_of_unknown_codes_are_left_out(tmp_path, catalog):
    """Is a code with no session simply absent from the answer (the room is not refreshed)?"""
    store = open_store(f"sqlite:///{tmp_path / 'fp.sqlite3'}")
    questions = live.pick_questions(session_bank(catalog, "default", QUIZ), count=1, seed=1)
    info, _token = live.create_session(store, QUIZ, questions, paced=True)
    found = live.fingerprints(store, [info.code.lower(), "ZZZZ"])
    assert list(found) == [info.code.lower()] and found[info.code.lower()][0] >= 0
    store.close()
