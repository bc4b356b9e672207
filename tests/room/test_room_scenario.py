"""A scenario played by the room, over HTTP: creation, votes, the reveal, following, exports."""

from __future__ import annotations

import io
import re

import openpyxl

from chatdojo.room.render import Frame
from chatdojo.store import live
from chatdojo.store import live_scenario as ls

from .conftest import RoomServer, act, event, event_until, join, trainer, xsrf

SCENARIO = "screenshot-request"


def created(room: RoomServer, **kw) -> tuple[str, str]:
    info, token = ls.create_session(room.store, room.catalog.scenarios[SCENARIO], seed=3, **kw)
    return info.code, token


def vote(client, code: str, key: str, choice, page_html: str):
    return client.post(
        f"/room/{code}/vote",
        json={"q": key, "a": choice, "to": "vote"},
        headers={"X-XSRFToken": xsrf(client, page_html)},
    )


def labels(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="a" value="([^"]+)"', html)


def test_console_lists_scenarios_and_creates_a_room(room):
    """Does /room/new offer the scenarios and create a scenario room whose console says so?"""
    console = room.console()
    page = console.get("/room/new?lang=en")
    title = room.catalog.scenarios[SCENARIO].title
    assert f'value="{SCENARIO}"' in page.text and title["en"] in page.text
    res = console.post(
        "/room/new",
        data={
            "kind": "scenario",
            "scenario": SCENARIO,
            "time_limit": "30",
            "_xsrf": xsrf(console, page.text),
        },
    )
    assert res.status_code == 200 and res.url.path.endswith("/trainer")
    code = res.url.path.split("/")[2]
    info = live.get_session(room.store, code)
    assert (info.kind, info.quiz_id, info.mode, info.time_limit) == (
        "scenario",
        SCENARIO,
        "paced",
        30,
    )
    assert title["en"] in event(console, code, "trainer", "en")["html"]
    bad = console.post(
        "/room/new",
        data={"kind": "scenario", "scenario": "nope", "_xsrf": xsrf(console, page.text)},
    )
    assert bad.status_code == 400 and "Please check the settings: choose a scenario." in bad.text


def test_votes_reveal_and_the_room_follows_the_majority(room):
    """Two phones vote (ja, en); is the projector silent on feedback until the reveal, same order?"""
    code, token = created(room)
    console = trainer(room, code, token)
    ja, ja_page = join(room, code, "花子")
    en, en_page = join(room, code, "Ken", params={"lang": "en"})
    screen = room.client()
    act(console, code, "start")
    step = event_until(ja, code, lambda st: st["key"] == "question:1:start:ja")
    assert step["key"] == "question:1:start:ja"
    order = labels(step["html"])
    scenario = room.catalog.scenarios[SCENARIO]
    assert sorted(order) == sorted(c.id for c in scenario.steps["start"].choices)
    assert labels(event(en, code, lang="en")["html"]) == order  # one seeded order for all

    assert vote(ja, code, "1:start", "delete", ja_page.text).status_code == 400  # not this step's
    assert vote(ja, code, "9:start", "ask-owner", ja_page.text).status_code == 400
    assert vote(ja, code, "1:start", "ask-owner", ja_page.text).json()["created"] is True
    assert vote(ja, code, "1:start", "summarise", ja_page.text).json()["created"] is False
    assert vote(en, code, "1:start", "ask-owner", en_page.text).status_code == 200
    assert len(live.snapshot(room.store, code).answers) == 2

    before = event_until(screen, code, lambda st: st["status"] == "投票 2 / 2", "screen")
    feedback = scenario.steps["start"].choices[0].feedback["ja"]
    assert before["status"] == "投票 2 / 2" and feedback not in before["html"]
    assert "票" not in before["html"] and "★" not in before["html"]
    screen_order = [
        before["html"].index(c.text["ja"][:12]) for c in scenario.steps["start"].choices
    ]
    by_id = dict(zip((c.id for c in scenario.steps["start"].choices), screen_order, strict=True))
    assert sorted(order, key=by_id.__getitem__) == order  # the projector lists them as phones do
    assert "kept" not in event(ja, code)["html"] and event(ja, code)["me"]["score"] == "0"

    assert act(console, code, "next").status_code == 400  # quiz moves do not apply
    assert act(console, code, "follow").status_code == 400  # votes not shown yet
    act(console, code, "reveal")
    after = event(screen, code, "screen")
    assert feedback in after["html"] and "2票" in after["html"] and "★" in after["html"]
    mine = event(en, code, lang="en")
    assert (
        "Your choice kept the best ending in reach" in mine["html"] and mine["me"]["score"] == "1"
    )
    assert "Go on with the room&#39;s choice" in event(console, code, "trainer", "en")["html"]

    assert act(console, code, "follow").json() == {"ok": True}  # the room's majority
    nxt = event_until(en, code, lambda st: st["key"].startswith("question:2:ask-owner"), lang="en")
    assert nxt["key"] == "question:2:ask-owner:en"
    vote(ja, code, "2:ask-owner", "keep", ja_page.text)
    act(console, code, "reveal")
    act(console, code, "follow", choice="delete")  # the trainer overrides the room
    end = event_until(screen, code, lambda st: "ending" in st["key"], "screen", "en")
    best = scenario.steps["end-best"]
    assert "Nothing went wrong" in end["html"] and "Score 100 of 100" in end["html"]
    assert "majority (2 of 2 votes)" in end["html"] and "the trainer&#39;s choice" in end["html"]
    assert best.ending.debrief["en"].split()[0] in end["html"]
    phone_end = event(ja, code)
    assert "問題は起きませんでした" in phone_end["html"] and "2 回中 1 回" in phone_end["html"]

    csv = console.get(f"/room/{code}/results.csv?lang=ja").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith(
        "場面の順,場面ID,場面,選択肢ID,選択肢,票数,進んだ選択肢,決め方"
    )
    assert ",ask-owner," in csv and ",2,はい,多数決" in csv
    en_csv = console.get(f"/room/{code}/results.csv?lang=en").content.decode("utf-8-sig")
    assert en_csv.startswith("position,step,situation") and "trainer's choice" in en_csv
    book = openpyxl.load_workbook(
        io.BytesIO(console.get(f"/room/{code}/results.xlsx?lang=ja").content)
    )
    assert book.sheetnames == ["場面別の票数", "投票", "参加者別"]
    people = [[c.value for c in row] for row in book["参加者別"].iter_rows()]
    assert people[0][:3] == ["順位", "ニックネーム", "合計得点"]
    assert {row[1] for row in people[1:]} == {"花子", "Ken"}
    assert [c.value for c in book["投票"][1]][-1].startswith("投票日時 (")  # its time zone


def test_a_tie_waits_for_the_trainers_pick(room):
    """On a tie, does 'follow the room' refuse and the console offer the tied choices?"""
    code, token = created(room)
    console = trainer(room, code, token)
    a, a_page = join(room, code, "A")
    b, b_page = join(room, code, "B")
    act(console, code, "start")
    vote(a, code, "1:start", "ask-owner", a_page.text)
    vote(b, code, "1:start", "summarise", b_page.text)
    act(console, code, "reveal")
    res = act(console, code, "follow")
    assert res.status_code == 400 and res.json()["error"] == "tie"
    html = event(console, code, "trainer", "en")["html"]
    assert "A tie" in html and html.count("Go on with: ") == 2 and "instead" in html
    assert act(console, code, "follow", choice="summarise").json() == {"ok": True}
    assert live.get_session(room.store, code).path == (("start", "summarise", "tie", ""),)


def test_one_render_per_view_and_language(room, catalog):
    """Do a hundred phones on one step share one rendered HTML per language?"""
    code, token = created(room)
    live.control(room.store, code, token, "start")
    for i in range(3):
        live.join(room.store, code, f"p{i}")
    frame = Frame(live.snapshot(room.store, code), catalog, "default")
    pids = [p.id for p in frame.snapshot.participants]
    first = [frame.phone(pid, "ja") for pid in pids * 30]
    assert len({id(x["html"]) for x in first}) == 1
    assert len([k for k in frame._cache if k[0] == "scenario-phone"]) == 1


def test_simultaneous_votes_are_stored_once_each(room):
    """Twelve phones voting at once, each twice (a double tap): twelve votes, each first kept?"""
    from concurrent.futures import ThreadPoolExecutor

    code, token = created(room)
    phones = [join(room, code, f"p{i}") for i in range(12)]
    live.control(room.store, code, token, "start")
    choices = [c.id for c in room.catalog.scenarios[SCENARIO].steps["start"].choices]

    def send(i: int):
        client, page = phones[i % 12]
        return vote(client, code, "1:start", choices[i % len(choices)], page.text)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send, range(24)))
    assert all(r.status_code == 200 for r in results)
    assert sum(r.json()["created"] for r in results) == 12
    stored = live.snapshot(room.store, code).answers
    assert len(stored) == 12 and len({a.participant_id for a in stored}) == 12
