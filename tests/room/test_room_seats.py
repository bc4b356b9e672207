"""The console's lock and capacity, and the per-address seat limit (issue 22, item 7)."""

from __future__ import annotations

from chatdojo.room import phone as phone_module
from chatdojo.store import live

from .conftest import RoomServer, act, event, join, trainer


def test_console_locks_the_room_and_sets_its_seats(room: RoomServer) -> None:
    """Do the console's lock and capacity reach the join page, and is a bad number refused?"""
    code, token = room.create(paced=False)
    console = trainer(room, code, token)
    seated, _ = join(room, code, "Seated")
    assert act(console, code, "lock", value="on").json()["ok"]
    page = room.client().get(f"/room/{code}")
    assert "新しい参加を締め切りました" in page.text
    late, res = join(room, code, "Late")
    assert res.status_code == 409 and "新しい参加を締め切りました" in res.text
    assert seated.get(f"/room/{code}").status_code == 200  # the seated phone continues
    assert live.get_session(room.store, code).locked
    assert act(console, code, "lock", value="off").json()["ok"]
    assert act(console, code, "capacity", value="2").json()["ok"]
    assert join(room, code, "Second")[1].status_code == 200
    full = join(room, code, "Third", params={"lang": "en"})[1]
    assert full.status_code == 409 and "This session is full" in full.text
    res = act(console, code, "capacity", value="lots")
    assert res.status_code == 400 and "1〜10000" in res.json()["message"]
    html = event(console, code, role="trainer")["html"]
    assert 'data-toggle="lock"' in html and 'data-setting="capacity" value="2"' in html


def test_one_address_cannot_take_every_seat(room: RoomServer, monkeypatch) -> None:
    """Is one address refused (429, in the phone's language) after its share of a room's seats,
    while another room is unaffected?"""
    monkeypatch.setenv("CHATDOJO_SEATS_PER_ADDRESS", "2")
    phone_module.seat_limiter.cache_clear()
    try:
        code, _ = room.create(paced=False)
        other, _ = room.create(paced=False)
        assert join(room, code, "p1")[1].status_code == 200
        assert join(room, code, "p2")[1].status_code == 200
        _, res = join(room, code, "p3")
        assert res.status_code == 429 and "参加が多すぎます" in res.text
        assert 'value="p3"' in res.text  # what was typed stays in the field
        assert join(room, other, "p1")[1].status_code == 200
    finally:
        phone_module.seat_limiter.cache_clear()
