"""What the trainer and the projector see: the join address, /room/new, language, exports."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import datetime, timedelta

import httpx
import openpyxl
import pytest

from chatdojo.room import address
from chatdojo.store import live

from .conftest import QUIZ, TRAINER_KEY, act, event, join, trainer, xsrf

# -- the join address and the QR code (issue 21 item 1, issue 22 items 5 and 7) -------------


def test_a_held_stream_with_a_forged_host_cannot_change_the_projector(room):
    """Does a stream sent with ``Host: evil.example`` change the projector's join URL or QR?"""
    code, _token = room.create()
    port = room.base.rsplit(":", 1)[1]
    evil = room.client(headers={"Host": "evil.example"})
    with evil.stream("GET", f"/room/{code}/events?as=screen&lang=ja") as held:
        first = next(line for line in held.iter_lines() if line.startswith("data: "))
        assert "evil.example" not in first
        projector = event(room.client(), code, "screen")  # built while the forged one is held
    assert "evil.example" not in projector["html"]
    assert f"http://127.0.0.1:{port}/room/{code}" in projector["html"]
    assert "<svg" in projector["html"]  # the QR code


def test_the_join_address_is_configured_or_detected_never_a_wildcard(monkeypatch):
    """--public-url wins; 0.0.0.0 becomes the LAN address; no LAN or loopback is flagged."""
    monkeypatch.delenv("CHATDOJO_PUBLIC_URL", raising=False)
    monkeypatch.delenv("CHATDOJO_BASE_URL", raising=False)
    monkeypatch.setattr(address, "network_addresses", lambda: ["192.168.10.20"])
    monkeypatch.setattr(address, "_detected", (0.0, []))
    found = address.public_address("0.0.0.0", 8866)
    assert (found.url, found.problem) == ("http://192.168.10.20:8866", "")
    assert address.public_address("::", 8866).url == "http://192.168.10.20:8866"
    assert address.public_address("127.0.0.1", 8866).problem == "loopback"
    monkeypatch.setattr(address, "network_addresses", lambda: [])
    monkeypatch.setattr(address, "_detected", (0.0, []))
    assert address.public_address("0.0.0.0", 8866).problem == "no_lan"
    monkeypatch.setenv("CHATDOJO_PUBLIC_URL", "https://room.example.jp/")
    found = address.public_address("0.0.0.0", 8866)
    assert (found.url, found.configured) == ("https://room.example.jp", True)


def test_serve_prints_the_address_phones_use(monkeypatch):
    """Does ``serve --host 0.0.0.0`` give phones the LAN address, never 0.0.0.0?"""
    from chatdojo.commands.serve import public_url

    monkeypatch.setattr(address, "network_addresses", lambda: ["10.1.2.3"])
    monkeypatch.setattr(address, "_detected", (0.0, []))
    assert public_url(None, "0.0.0.0", 8866, {}) == ("http://10.1.2.3:8866", "")
    url, warning = public_url(None, "127.0.0.1", 8866, {})
    assert url == "http://127.0.0.1:8866" and "--host 0.0.0.0" in warning
    assert public_url("http://192.168.0.5:8866/", "0.0.0.0", 8866, {})[0] == (
        "http://192.168.0.5:8866"
    )
    assert public_url("javascript:alert(1)", "0.0.0.0", 8866, {})[0] is None


def test_the_qr_code_is_drawn_once_per_address():
    """Is the QR of one address drawn once, whatever the number of projector streams?"""
    address.qr_svg.cache_clear()
    first = address.qr_svg("http://192.168.1.9:8866/room/ABCD", "QR")
    again = address.qr_svg("http://192.168.1.9:8866/room/ABCD", "QR")
    assert first is again and address.qr_svg.cache_info().hits == 1


def test_console_shows_the_join_address_and_warns_when_phones_cannot_reach_it(room):
    """A room on 127.0.0.1: the console says so and how to restart; its join address is shown."""
    code, token = room.create()
    page = trainer(room, code, token).get(f"/room/{code}/trainer?lang=en").text
    assert "phones cannot reach it" in page and "chatdojo serve --host 0.0.0.0" in page
    assert re.search(r"data-join-url>http://127\.0\.0\.1:\d+/room/" + code, page)


def test_a_configured_public_url_is_what_phones_get(room, monkeypatch):
    """Behind a proxy (--public-url): the console and the projector give that address, no warning."""
    monkeypatch.setenv("CHATDOJO_PUBLIC_URL", "https://kenshu.example.lg.jp")
    code, token = room.create()
    page = trainer(room, code, token).get(f"/room/{code}/trainer?lang=en").text
    assert f"data-join-url>https://kenshu.example.lg.jp/room/{code}<" in page
    assert "phones cannot reach it" not in page
    assert (
        f"https://kenshu.example.lg.jp/room/{code}" in event(room.client(), code, "screen")["html"]
    )


# -- /room/new: the trainer key and one count control (issue 21 item 4, issue 22 item 7) -----


def _quiz_form(client: httpx.Client, lang: str = "ja") -> str:
    return client.get(f"/room/new?lang={lang}").text


def test_creating_a_room_needs_the_trainer_key(room):
    """Without the key: a key form, no quiz form, and a POST creates nothing."""
    stranger = room.client()
    page = stranger.get("/room/new")
    assert 'name="trainer_key"' in page.text and 'name="quiz"' not in page.text
    before = len(_sessions(room))
    res = stranger.post("/room/new", data={"quiz": QUIZ, "_xsrf": xsrf(stranger, page.text)})
    assert res.status_code == 403 and "講師キー" in res.text
    wrong = stranger.get("/room/new?trainer=not-the-key")
    assert wrong.status_code == 403 and 'name="quiz"' not in wrong.text
    assert len(_sessions(room)) == before
    typed = stranger.post(
        "/room/new",
        data={"kind": "key", "trainer_key": TRAINER_KEY, "_xsrf": xsrf(stranger, page.text)},
    )
    assert typed.status_code == 200 and 'name="quiz"' in typed.text


def _sessions(room) -> list:
    from sqlalchemy import text

    with room.store.read() as s:
        return list(s.execute(text("select code from live_sessions")))


def test_a_typed_count_is_never_ignored(room):
    """'All' was a choice next to the count: typing 5 must give 5 questions, not the whole bank."""
    console = room.console()
    page = _quiz_form(console)
    data = {"quiz": QUIZ, "select": "all", "count": "2", "mode": "paced"}
    res = console.post("/room/new", data={**data, "_xsrf": xsrf(console, page)})
    assert res.status_code == 200 and res.url.path.endswith("/trainer")
    assert len(live.get_session(room.store, res.url.path.split("/")[2]).question_ids) == 2
    both = {**data, "ids": "cm-001", "_xsrf": xsrf(console, page)}
    refused = console.post("/room/new", data=both)
    assert refused.status_code == 400 and "どちらか一方" in refused.text


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_form_labels_each_field_once_and_explains_seed_and_ids(room, lang):
    """One field per label (no two 問題数), and the seed and the ids in plain words."""
    page = _quiz_form(room.console(), lang)
    labels = re.findall(r"<label for=\"[^\"]+\">([^<]+)</label>", page)
    assert len(labels) == len(set(labels))
    assert 'name="select"' not in page
    for field in ("count", "seed", "ids"):
        assert f'aria-describedby="{field}-hint"' in page
    hints = "同じ番号なら" if lang == "ja" else "the same number picks"
    assert hints in page


# -- language (issue 21 item 5) ------------------------------------------------------------


def test_the_join_page_follows_the_browser_until_a_language_is_chosen(room):
    """Accept-Language en: English; ?lang=ja chosen: Japanese on reload and Back."""
    code, _token = room.create()
    browser = room.client(headers={"Accept-Language": "en-US,en;q=0.9", "Accept": "text/html"})
    assert '<html lang="en">' in browser.get(f"/room/{code}").text
    ja_first = room.client(headers={"Accept-Language": "ja,en;q=0.5"})
    assert '<html lang="ja">' in ja_first.get(f"/room/{code}").text
    chosen = browser.get(f"/room/{code}?lang=ja")
    assert '<html lang="ja">' in chosen.text and "lang=" not in str(chosen.url)
    assert '<html lang="ja">' in browser.get(f"/room/{code}").text  # reload, Back


# -- exports (issue 21 item 9) -------------------------------------------------------------


def _played(room) -> tuple[str, httpx.Client]:
    code, token = room.create(count=2)
    console = trainer(room, code, token)
    join(room, code, "花子")
    join(room, code, "Ken")
    act(console, code, "start")
    return code, console


def test_the_excel_file_is_in_the_trainers_language_local_time_and_per_person(room, monkeypatch):
    """ja headers on every sheet and column, Asia/Tokyo times, a per-participant sheet."""
    monkeypatch.delenv("CHATDOJO_TIMEZONE", raising=False)
    code, console = _played(room)
    snap = live.snapshot(room.store, code)
    qid = snap.session.question_ids[0]
    from .conftest import answer

    phone, _ = join(room, code, "三郎")
    assert answer(phone, code, qid, "x").status_code in (200, 400)
    book = openpyxl.load_workbook(io.BytesIO(console.get(f"/room/{code}/results.xlsx").content))
    assert book.sheetnames == ["回答", "参加者別", "問題の統計"]
    for sheet in book.worksheets:
        headers = [c.value for c in sheet[1]]
        assert all(re.search(r"[^\x00-\x7f]", str(h)) for h in headers), (sheet.title, headers)
    people = [[c.value for c in row] for row in book["参加者別"].iter_rows()]
    assert people[0][:5] == ["順位", "ニックネーム", "合計得点", "正解数", "回答数"]
    assert {row[1] for row in people[1:]} == {"花子", "Ken", "三郎"}


def test_exported_times_are_local_and_figures_rounded(monkeypatch):
    """A stored UTC time is shown in Asia/Tokyo; 0.1 + 0.2 is 0.3 in the file."""
    from chatdojo.store.results import answers_frame, people_frame

    monkeypatch.delenv("CHATDOJO_TIMEZONE", raising=False)
    when = datetime(2026, 12, 6, 1, 2, 3)
    session = live.SessionInfo(
        1, "ABCD", QUIZ, "self", "running", ("q1",), 0, False, 0, when, when, when, None
    )
    person = live.ParticipantInfo(1, 1, "花子")
    stored = live.StoredAnswer(1, "q1", "a", 0.1 + 0.2, when, bonus=2 / 3)
    snap = live.Snapshot(session, (person,), (stored,))
    frame = answers_frame(snap, [], "ja")
    row = frame.iloc[0].to_dict()
    assert row["回答日時 (Asia/Tokyo)"] == "2026-12-06 10:02:03"
    assert row["得点"] == 0.3 and row["早押しボーナス"] == 0.67
    assert people_frame(snap, "ja").iloc[0]["合計得点"] == 0.97
    monkeypatch.setenv("CHATDOJO_TIMEZONE", "Europe/Berlin")
    later = answers_frame(replace(snap), [], "en").iloc[0].to_dict()
    assert later["answered_at (Europe/Berlin)"] == (
        (when + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    )


def test_a_scenario_counts_the_same_steps_everywhere(room):
    """/room/new and the scenario page both count the steps where a choice is made."""
    from chatdojo.room.scenario_room import options
    from chatdojo.store.live_scenario import playable
    from chatdojo.views.page import Page
    from chatdojo.views.scenario_view import scenarios_page

    scenario = playable(room.catalog)[0]
    decisions = len(scenario.steps) - len(scenario.endings)
    info = {sid: text for sid, _title, text in options(room.catalog, "ja")}[scenario.id]
    assert info == f"選ぶ場面 {decisions}・結末 {len(scenario.endings)} 通り"
    frame = scenarios_page(Page(catalog=room.catalog), params={})
    cards = " ".join(
        getattr(child, "value", "")
        for box in frame.controller.content.children  # type: ignore[attr-defined]
        for child in getattr(box, "children", (box,))
    )
    assert info in cards


def test_the_last_next_button_says_it_ends_the_quiz(room):
    """On the last question, does the trainer's 「次の問題」 say 「結果を見る」 (it ends the quiz)?"""
    code, token = room.create(count=2)
    console = trainer(room, code, token)
    assert act(console, code, "start").status_code == 200
    act(console, code, "reveal")
    first = event(console, code, "trainer")["html"]
    assert "次の問題" in first and "結果を見る" not in first
    act(console, code, "next")
    act(console, code, "reveal")
    last = event(console, code, "trainer")["html"]
    assert "結果を見る" in last and "次の問題</button>" not in last
    assert "See results" in event(console, code, "trainer", lang="en")["html"]
