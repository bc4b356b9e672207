"""The live room over HTTP: seats, CSRF, guesses, validation, the projector's secrets, restarts."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, update

from chatdojo.quiz.types import get_type
from chatdojo.room.render import session_bank, shuffled
from chatdojo.store import live
from chatdojo.store.models import LiveSession, SessionAnswer, utcnow

from .conftest import (
    QUIZ,
    RoomServer,
    act,
    answer,
    database_away,
    event,
    event_until,
    events,
    join,
    serve,
    trainer,
    xsrf,
)


def rows(room: RoomServer) -> int:
    with room.store.read() as s:
        return s.scalar(select(func.count()).select_from(SessionAnswer)) or 0


def started(room: RoomServer, *, paced: bool = True, count: int = 3, **kw):
    code, token = room.create(paced=paced, count=count, **kw)
    live.control(room.store, code, token, "start")
    return code, token


def first_question(room: RoomServer, code: str):
    first = live.get_session(room.store, code).question_ids[0]
    return next(q for q in session_bank(room.catalog, "default", QUIZ) if q.id == first)


def right(q):
    """The right answer to ``q`` as the phone's script sends it (JSON: lists, not tuples)."""
    value = get_type(q.type).correct_answer(q)
    return list(value) if isinstance(value, tuple) else value


def test_seat_cookie_is_signed_httponly_samesite_and_survives_a_reload(room):
    """Does joining set a signed HttpOnly SameSite seat, and does a reload come back to it?"""
    code, _ = room.create()
    phone, res = join(room, code, "Hanako")
    assert res.status_code == 200 and "Hanako" in res.text and 'id="nickname"' not in res.text
    cookie = next(h for h in res.history[0].headers.get_list("set-cookie") if "cd_seat" in h)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and f"Path=/room/{code}" in cookie
    again = phone.get(f"/room/{code}")
    assert "Hanako" in again.text and 'id="nickname"' not in again.text
    forged = room.client(cookies={"cd_seat": "2|1:0|10:0|4:seat|8:dG9rZW4=|00"})
    assert 'id="nickname"' in forged.get(f"/room/{code}").text  # a forged seat is no seat


def test_nickname_in_use_is_refused_to_a_new_phone(room):
    """Can a new phone take a nickname in use (ignoring case and width)? Is the reason given?"""
    code, _ = room.create()
    join(room, code, "taro")
    _, res = join(room, code, "ＴＡＲＯ")
    assert res.status_code == 400 and "は使われています" in res.text
    assert 'value="ＴＡＲＯ"' in res.text  # what was typed is kept
    _, res = join(room, code, "<script>x</script>", params={"lang": "en"})
    assert "<script>x</script>" not in res.text and "&lt;script&gt;" in res.text


def test_state_changing_requests_need_the_xsrf_token(room):
    """Are a join, an answer and a trainer action without the XSRF token refused, kindly?"""
    code, token = started(room)
    phone = room.client()
    res = phone.post(f"/room/{code}/join", data={"nickname": "Eve"})
    assert res.status_code == 403 and "再読み込み" in res.text and "Traceback" not in res.text
    seated, _ = join(room, code, "Ann")
    res = seated.post(f"/room/{code}/answer", json={"q": "x", "a": "a"})
    assert res.status_code == 403
    console = trainer(room, code, token)
    assert console.post(f"/room/{code}/control", data={"action": "next"}).status_code == 403
    assert live.get_session(room.store, code).current_index == 0


def test_join_code_guesses_are_rate_limited(room):
    """After 20 wrong codes from one address, is the next lookup refused with a wait message?
    Do right codes count (they must not: a hall shares one address)?"""
    code, _ = room.create()
    phone = room.client()
    for _ in range(25):
        assert phone.get(f"/room/{code}").status_code == 200
    for i in range(20):
        assert phone.get(f"/room/ZZ{i:02d}").status_code == 404
    res = phone.get(f"/room/{code}")
    assert res.status_code == 429 and "1分ほど待って" in res.text


def test_forged_and_oversized_answers_store_nothing(room):
    """Are a forged option, bad JSON, an unknown question and a huge body refused, nothing stored?"""
    code, _ = started(room, paced=False)
    phone, page = join(room, code, "Ken", params={"lang": "en"})
    qid = live.get_session(room.store, code).question_ids[0]
    res = answer(phone, code, qid, "no-such-option", page.text)
    assert res.status_code == 400 and res.json()["error"] == "unknown_option"
    assert "not part of this question" in res.json()["message"]
    res = answer(phone, code, qid, {"x": 1}, page.text)  # not an id at all
    assert res.status_code == 400 and res.json()["error"] == "bad_answer"
    assert "could not be read" in res.json()["message"]
    assert answer(phone, code, "other-question", "a", page.text).status_code == 400
    headers = {"X-XSRFToken": xsrf(phone, page.text), "Content-Type": "application/json"}
    assert phone.post(f"/room/{code}/answer", content=b"{", headers=headers).status_code == 400
    huge = b'{"q": "' + b"x" * 20_000 + b'"}'
    assert phone.post(f"/room/{code}/answer", content=huge, headers=headers).status_code == 413
    assert rows(room) == 0


def test_every_question_type_renders_and_is_scored(room):
    """Does each of the six question types render on the phone and take its right answer once?"""
    bank = session_bank(room.catalog, "default", "bcp-telework")
    per_type = {}
    for q in bank:
        per_type.setdefault(q.type, q)
    assert set(per_type) == {"single", "multiple", "truefalse", "matching", "ordering", "numeric"}
    info, token = live.create_session(
        room.store, "bcp-telework", list(per_type.values()), paced=False
    )
    live.control(room.store, info.code, token, "start")
    phone, page = join(room, info.code, "All")
    for q in per_type.values():
        state = event_until(phone, info.code, lambda st, q=q: st["key"] == f"question:{q.id}:ja")
        assert state["key"] == f"question:{q.id}:ja" and f'data-type="{q.type}"' in state["html"]
        value = right(q)
        res = answer(phone, info.code, q.id, value, page.text)
        assert res.json()["created"] is True and "正解です" in res.json()["html"]
        assert answer(phone, info.code, q.id, value, page.text).json()["created"] is False
    assert rows(room) == 6
    assert event_until(phone, info.code, lambda st: st["key"] == "done:ja")["key"] == "done:ja"


def test_projector_shows_no_answer_before_the_reveal_and_never_the_token(room):
    """Before the reveal: no correct mark, no distribution, phones' option order; after: the why."""
    code, token = started(room, count=None)
    phone, page = join(room, code, "Ken")
    screen = room.client()
    session = live.get_session(room.store, code)
    q = first_question(room, code)
    answer(phone, code, q.id, right(q), page.text)
    before = event_until(screen, code, lambda st: st["status"] == "回答 1 / 1", "screen")
    assert "✓" not in before["html"] and "dist" not in before["html"]
    assert "explanation" not in before["html"] and before["status"] == "回答 1 / 1"
    phone_state = event_until(phone, code, lambda st: st["key"].startswith("answered"))
    assert phone_state["key"] == f"answered:{q.id}:ja"
    labels = [c.text["ja"] for c in shuffled(q, session.seed)]
    if q.type in ("single", "multiple"):
        positions = [before["html"].index(label) for label in labels]
        assert positions == sorted(positions)  # the seeded order, as on the phones
    console = trainer(room, code, token)
    assert act(console, code, "reveal").json() == {"ok": True}
    after = event(screen, code, "screen")
    assert "explanation" in after["html"] and "✓" in after["html"]
    for html in (before["html"], after["html"], screen.get(f"/room/{code}/screen").text):
        assert token not in html


def test_trainer_actions_need_the_token(room):
    """Do a wrong token, no token, or a participant's seat get no console and no control?"""
    code, token = room.create()
    outsider = room.client()
    assert outsider.get(f"/room/{code}/trainer?token=guess").status_code == 403
    assert outsider.get(f"/room/{code}/trainer").status_code == 403
    phone, page = join(room, code, "Ken")
    res = phone.post(
        f"/room/{code}/control",
        data={"action": "start"},
        headers={"X-XSRFToken": xsrf(phone, page.text)},
    )
    assert res.status_code == 403 and live.get_session(room.store, code).state == "lobby"
    assert act(trainer(room, code, token), code, "start").status_code == 200
    assert live.get_session(room.store, code).state == "running"


def test_a_restarted_server_knows_its_seats(shared_room):
    """After a restart (fresh process state, same database), does a phone's cookie still seat it?"""
    from chatdojo.room import security
    from chatdojo.store.db import open_store

    from .conftest import free_port

    code, _ = started(shared_room)
    phone, _ = join(shared_room, code, "Hanako")
    security._secrets.clear()  # a new process has no key in memory: it must come from the database
    store = open_store(shared_room.store.url)
    port = free_port()
    loop, server = serve(store, shared_room.catalog, port)
    try:
        phone.base_url = f"http://127.0.0.1:{port}"  # type: ignore[misc]
        page = phone.get(f"/room/{code}")
        assert "Hanako" in page.text and 'id="nickname"' not in page.text
        assert event(phone, code)["key"].startswith("question:")
    finally:
        loop.call_soon_threadsafe(server.stop)  # type: ignore[attr-defined]
        loop.call_soon_threadsafe(loop.stop)
        store.close()


def test_two_servers_on_one_database_show_the_same_question(shared_room):
    """Two processes on one database: after 'next' on one, does a phone on the other follow?"""
    from .conftest import free_port

    code, token = started(shared_room)
    port = free_port()
    loop, server = serve(shared_room.store, shared_room.catalog, port)
    try:
        console = trainer(shared_room, code, token)
        far = shared_room.client()
        far.base_url = f"http://127.0.0.1:{port}"  # type: ignore[misc]
        page = far.get(f"/room/{code}")
        res = far.post(
            f"/room/{code}/join", data={"nickname": "Far", "_xsrf": xsrf(far, page.text)}
        )
        near, _ = join(shared_room, code, "Near")
        assert res.status_code == 200
        act(console, code, "reveal")
        act(console, code, "next")
        second = live.get_session(shared_room.store, code).question_ids[1]
        assert event(far, code)["key"] == event(near, code)["key"] == f"question:{second}:ja"
    finally:
        loop.call_soon_threadsafe(server.stop)  # type: ignore[attr-defined]
        loop.call_soon_threadsafe(loop.stop)


def test_late_joiners_and_removed_participants(room):
    """Can the trainer close the door to late joiners and remove someone, with messages?"""
    code, token = started(room)
    console = trainer(room, code, token)
    act(console, code, "late_join", value="off")
    _, res = join(room, code, "Late")
    assert "途中参加を締め切りました" in res.text
    act(console, code, "late_join", value="on")
    phone, page = join(room, code, "Rude")
    pid = live.snapshot(room.store, code).participants[-1].id
    assert act(console, code, "remove", participant=str(pid)).status_code == 200
    assert event(phone, code)["key"] == "removed:ja"
    q = first_question(room, code)
    res = answer(phone, code, q.id, right(q), page.text)
    assert res.status_code == 403 and res.json()["error"] == "removed" and rows(room) == 0
    assert "外されました" in phone.get(f"/room/{code}").text


def test_scores_and_ranks_count_only_asked_questions(room):
    """Ending after 1 of 3 questions: does a phone read 'of 1 asked' and its rank?"""
    code, token = started(room, count=3)
    phone, page = join(room, code, "Solo", params={"lang": "en"})
    q = first_question(room, code)
    answer(phone, code, q.id, right(q), page.text)
    console = trainer(room, code, token)
    act(console, code, "finish")
    state = event(phone, code, lang="en")
    assert "1 correct of 1 asked" in state["html"] and "Rank: 1 of 1" in state["html"]
    assert state["me"]["rank"] == 1
    snap = live.snapshot(room.store, code)
    assert snap.session.asked_ids == (q.id,)
    csv = console.get(f"/room/{code}/results.csv?lang=ja")
    assert csv.status_code == 200 and "ニックネーム" in csv.content.decode("utf-8-sig")


def test_an_answer_after_the_countdown_is_refused(room):
    """With a time limit, is an answer arriving after the deadline (plus grace) refused?"""
    code, _ = started(room, time_limit=10)
    phone, page = join(room, code, "Slow")
    with room.store.write() as s:
        s.execute(update(LiveSession).values(deadline=utcnow() - timedelta(seconds=5)))
    q = first_question(room, code)
    res = answer(phone, code, q.id, right(q), page.text)
    assert res.status_code == 409 and res.json()["error"] == "question_closed" and rows(room) == 0


def test_database_away_phones_hear_it_and_a_resent_answer_counts_once(room):
    """Database briefly away: does an open stream say so (phones show "reconnecting"), is an
    answer refused with 503 db_error (the script keeps it to resend), a new stream refused,
    and once it is back does the stream resume and the resent answer count exactly once?"""
    code, _ = started(room)
    phone, page = join(room, code, "Kei")
    q = first_question(room, code)
    with phone.stream("GET", f"/room/{code}/events?as=phone&lang=ja") as stream:
        feed = events(stream)
        assert next(feed)["key"] == f"question:{q.id}:ja"
        with database_away(room):
            assert next(feed) == {"key": "dberror"}
            res = answer(phone, code, q.id, right(q), page.text)
            assert res.status_code == 503 and res.json()["error"] == "db_error"
            assert "Traceback" not in res.text and res.json()["message"]
            assert room.client().get(f"/room/{code}/events?as=screen").status_code == 503
        assert next(feed)["key"] == f"question:{q.id}:ja"  # the same stream, back by itself
        assert rows(room) == 0  # the refused answer was not half-stored
        assert answer(phone, code, q.id, right(q), page.text).json()["created"] is True
        assert answer(phone, code, q.id, right(q), page.text).json()["created"] is False
        assert next(feed)["key"] == f"answered:{q.id}:ja"
    assert rows(room) == 1


def test_shared_join_form_carries_each_phones_own_token(room):
    """The join form is rendered once per room, yet does each phone get its own XSRF token?"""
    code, _ = room.create()
    first, second = room.client(), room.client()
    pages = [c.get(f"/room/{code}").text for c in (first, second)]
    tokens = [xsrf(c, p) for c, p in zip((first, second), pages, strict=True)]
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    assert all("@@" not in p and 'id="nickname"' in p for p in pages)
    for i, (c, token) in enumerate(zip((first, second), tokens, strict=True)):
        res = c.post(f"/room/{code}/join", data={"nickname": f"n{i}", "_xsrf": token})
        assert res.status_code == 200 and f"n{i}" in res.text
    english = room.client().get(f"/room/{code}?lang=en").text  # cached per language
    assert '<html lang="en">' in english and "Join" in english


def test_script_and_stylesheet_are_versioned_and_kept_by_browsers(room):
    """Do pages link versioned assets that browsers may keep (fetched once per phone)?"""
    code, _ = room.create()
    page = room.client().get(f"/room/{code}").text
    for name in ("room.js", "room.css"):
        found = re.search(rf"/room/static/{name}\?v=([0-9a-f]{{12}})", page)
        assert found, name
        res = room.client().get(found.group(0))
        assert res.status_code == 200 and "max-age=" in res.headers.get("Cache-Control", "")


def test_paced_phone_score_moves_only_at_the_reveal(room):
    """A right answer must not show on the phone's score before the reveal (it gives it away)."""
    code, token = started(room)
    phone, _ = join(room, code, "Sora")
    q = first_question(room, code)
    assert answer(phone, code, q.id, right(q)).status_code == 200
    answered = event_until(phone, code, lambda s: s["key"].startswith("answered"))
    assert answered["key"].startswith("answered") and answered["me"]["score"] == "0"
    console = trainer(room, code, token)
    assert act(console, code, "reveal").status_code == 200
    revealed = event_until(phone, code, lambda s: s["key"].startswith("reveal"))
    assert revealed["me"]["score"] == "1"


def test_refused_room_settings_are_explained_in_the_trainers_language(room):
    """A bad time limit on /room/new: a 400 that says why, in Japanese by default, never English."""
    console = room.console()
    page = console.get("/room/new").text
    data = {"quiz": QUIZ, "mode": "paced", "time_limit": "3", "_xsrf": xsrf(console, page)}
    ja = console.post("/room/new", data=data)
    assert ja.status_code == 400 and "1問あたりの時間は5〜600秒" in ja.text
    assert "must be" not in ja.text and "time per question" not in ja.text
    en = console.post("/room/new?lang=en", data=data)
    assert en.status_code == 400 and "time per question must be 5 to 600 seconds" in en.text


def test_console_form_creates_a_quiz_room(room):
    """/room/new with N questions drawn with a seed: a room with those settings, then its console."""
    console = room.console()
    page = console.get("/room/new").text
    data = {
        "quiz": QUIZ,
        "mode": "paced",
        "select": "count",
        "count": "2",
        "seed": "5",
        "time_limit": "30",
        "late_join": "on",
        "_xsrf": xsrf(console, page),
    }
    res = console.post("/room/new", data=data)
    assert res.status_code == 200 and res.url.path.endswith("/trainer")
    info = live.get_session(room.store, res.url.path.split("/")[2])
    assert (info.quiz_id, info.mode, len(info.question_ids), info.time_limit) == (
        QUIZ,
        "paced",
        2,
        30,
    )
    assert info.late_join and not info.speed_bonus
