"""Issue 22, items 2 (stream caps), 6, 10, 11 and 12: what one request can do."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

from chatdojo.room.hub import Room
from chatdojo.webguard import logs, streams

from .conftest import join, xsrf

SHARE = Path(__file__).resolve().parents[2] / "src" / "chatdojo" / "share"


def test_event_streams_are_capped_per_address_and_overall(guarded, monkeypatch):
    """Above the caps, does a stream get 503 with Retry-After and a message in its language,
    and does a closed stream give its place back?"""
    g = guarded()
    monkeypatch.setattr(streams, "slots", streams.StreamSlots(total=3, per_address=2))
    code, _ = g.room(late_join=True)
    phones = [join(g, code, f"P{i}", via="192.0.2.10") for i in range(3)]
    other = join(g, code, "Q", via="192.0.2.11")
    url = f"/room/{code}/events?as=phone"
    with phones[0].stream("GET", url) as one, phones[1].stream("GET", url) as two:
        assert one.status_code == two.status_code == 200
        third = phones[2].get(url + "&lang=en", headers={"Accept": "application/json"})
        assert third.status_code == 503 and third.headers["retry-after"] == "5"
        assert third.json()["message"] == streams.BUSY_MESSAGE["en"]
        with other.stream("GET", url) as three:
            assert three.status_code == 200
            overall = g.client("192.0.2.12").get(url)
            assert overall.status_code == 503 and streams.BUSY_MESSAGE["ja"] in overall.text
    join(g, code, "R", via="192.0.2.13")  # a change wakes the streams; closed ones end
    deadline = time.monotonic() + 5
    while streams.slots.count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert streams.slots.count == 0


def test_learner_form_refuses_cross_site_posts_without_xsrf_cookies(guarded):
    """With Voila's application (no xsrf_cookies), is a cross-site post refused and no
    cookie set (login CSRF)?"""
    g = guarded()
    for headers in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://evil.example"},
        {},
    ):
        res = g.client().post(
            "/chatdojo/learner",
            data={"action": "new", "name": "Mallory", "next": "/"},
            headers=headers,
        )
        assert res.status_code == 403 and "chatdojo_learner" not in res.cookies
    same = g.client().post(
        "/chatdojo/learner",
        data={"action": "new", "name": "Aiko", "next": "/"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert same.status_code == 303 and "chatdojo_learner" in same.cookies


def test_deeply_nested_json_is_a_400_not_a_500(guarded):
    """Is a 16 KiB body of brackets refused with a message instead of a RecursionError?"""
    g = guarded()
    code, _ = g.room()
    phone = join(g, code, "Aiko")
    token = xsrf(phone.get(f"/room/{code}").text)
    for body in (b"[" * 8000 + b"]" * 8000, b'{"q": "x", "a": ' + b"[" * 16000):
        res = phone.post(
            f"/room/{code}/answer",
            content=body,
            headers={"X-XSRFToken": token, "Content-Type": "application/json"},
        )
        assert res.status_code == 400 and res.json()["error"] == "bad_request"
    fine = phone.post(
        f"/room/{code}/answer",
        json={"q": "x", "a": [["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]]},  # brackets in a string
        headers={"X-XSRFToken": token},
    )
    assert fine.status_code == 400 and fine.json()["error"] == "bad_answer"  # parsed, then judged


def test_odd_template_static_paths_are_404(monkeypatch):
    """Do paths Voila's template handler cannot split give 404 instead of a 500?"""
    import tornado.testing
    import tornado.web

    from chatdojo.webguard import TemplateStatic

    monkeypatch.setenv("JUPYTER_PATH", str(SHARE) + os.pathsep + os.environ.get("JUPYTER_PATH", ""))

    class Case(tornado.testing.AsyncHTTPTestCase):
        def get_app(self) -> tornado.web.Application:
            return tornado.web.Application([(r"/voila/templates/(.*)", TemplateStatic)])

        def runTest(self) -> None:  # noqa: N802 - unittest's name
            pass

    case = Case()
    case.setUp()
    try:
        for path in (
            "chatdojo/static/",
            "chatdojo/static/%00",
            "chatdojo/static/..%2f..%2fx",
            "chatdojo/static/a/../../../etc/passwd",
            "chatdojo",
            "chatdojo/other/x",
        ):
            assert case.fetch(f"/voila/templates/{path}").code == 404, path
        assert case.fetch("/voila/templates/chatdojo/static/chatdojo-page-meta.js").code == 200
    finally:
        case.tearDown()


def test_tokens_and_codes_stay_out_of_the_log(guarded, caplog):
    """Do access and error lines show no trainer token, seat, resume code or kernel id?"""
    g = guarded()
    code, token = g.room()
    caplog.set_level(logging.INFO)
    g.client().get(f"/room/{code}/trainer?token={token}")
    g.client().get(f"/room/{code}?seat=SEAT-SECRET-1")
    logging.getLogger("tornado.access").warning(
        "404 GET /api/kernels/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/channels?session_id=abc"
    )
    logging.getLogger("tornado.general").warning("429 GET %s", "/x?learner=RESUME-SECRET&lang=ja")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("tornado"))
    assert "GET /room/" in text  # the lines are there ...
    for secret in (token, "SEAT-SECRET-1", "RESUME-SECRET", "0f1e2d3c", "session_id=abc"):
        assert secret not in text  # ... without the secrets
    assert "lang=ja" in text and logs.redact("/a?b=1&token=x") == "/a?b=1&token=***"


def test_idle_keep_alives_leave_no_pending_tasks():
    """Does each keep-alive timeout of an idle stream leave nothing behind (was one task)?"""

    async def run() -> int:
        room = Room.__new__(Room)
        room.changed = asyncio.Event()
        before = len(asyncio.all_tasks())
        for _ in range(200):
            assert await room.wait(timeout=0.001) is False
        await asyncio.sleep(0)
        waiting = asyncio.ensure_future(room.wait(timeout=5))
        await asyncio.sleep(0.01)
        room.changed.set()
        assert await waiting is True
        return len(asyncio.all_tasks()) - before

    assert asyncio.run(run()) <= 0
