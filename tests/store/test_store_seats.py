"""Seats: a capacity the trainer sets, a lock, and removed seats freeing their place (issue 22, item 7)."""

from __future__ import annotations

import pytest

from chatdojo.store import live


def test_trainer_capacity_and_removed_seats_free_their_place(store, questions):
    """Is a room full at the trainer's capacity, and does removing a seat make room again?"""
    info, token = live.create_session(store, "demo", questions, paced=False)
    assert live.configure(store, info.code, token, capacity=2).seats == 2
    first, _ = live.join(store, info.code, "one")
    live.join(store, info.code, "two")
    with pytest.raises(live.LiveError) as err:
        live.join(store, info.code, "three")
    assert err.value.key == "session_full"
    assert live.remove_participant(store, info.code, token, first.id)
    assert live.join(store, info.code, "three")[0].nickname == "three"
    with pytest.raises(live.LiveError):  # full again
        live.join(store, info.code, "four")
    with pytest.raises(live.LiveError) as err:
        live.join(store, info.code, "one")  # the removed phone's nickname stays taken
    assert err.value.key in ("session_full", "nickname_taken")
    assert live.configure(store, info.code, token, capacity=0).seats == live.MAX_PARTICIPANTS
    with pytest.raises(live.LiveError) as err:
        live.configure(store, info.code, token, capacity=live.MAX_CAPACITY + 1)
    assert err.value.key == "bad_capacity"


def test_server_default_capacity(store, questions, monkeypatch):
    """Does CHATDOJO_ROOM_CAPACITY replace the fixed 2,000 seats?"""
    monkeypatch.setenv("CHATDOJO_ROOM_CAPACITY", "2")
    info, _ = live.create_session(store, "demo", questions, paced=False)
    results = live.join_many(store, info.code, ["a", "b", "c"])
    assert [getattr(r, "key", "ok") for r in results] == ["ok", "ok", "session_full"]


def test_locked_room_turns_new_phones_away_seated_ones_continue(store, questions):
    """Does a locked room refuse new joins while a seated phone still answers?"""
    info, token = live.create_session(store, "demo", questions, paced=False)
    _, seat = live.join(store, info.code, "seated")
    live.control(store, info.code, token, "start")
    assert live.configure(store, info.code, token, locked=True).locked
    with pytest.raises(live.LiveError) as err:
        live.join(store, info.code, "late")
    assert err.value.key == "room_locked"
    assert live.rejoin(store, info.code, seat).nickname == "seated"
    assert live.submit(store, info.code, seat, questions[0], "a").created
    live.configure(store, info.code, token, locked=False)
    assert live.join(store, info.code, "late")[0].nickname == "late"
