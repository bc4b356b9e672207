"""End to end: a paced live session in Chromium, served without a kernel per phone.

A console, a projector and six phones (five in Japanese, one in English) on a real
``chatdojo serve``; one phone reloads mid-question; the server is killed (-9) and
started again mid-session; the projector never shows a correct mark before the reveal.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatdojo.cli import main

from .conftest import REPO, free_port, wait_http

pytestmark = pytest.mark.e2e

QUIZ = "communication-method"


class Server:
    def __init__(self, db: str, log: Path) -> None:
        self.port, self.db, self.log = free_port(), db, log
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "CHATDOJO_HOME": str(REPO), "CHATDOJO_DB": self.db}
        out = self.log.open("a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(self.port)]
            + ["--pool", "0"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        wait_http(f"{self.base}/room", self.proc)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def room_server(tmp_path) -> Iterator[Server]:
    server = Server(f"sqlite:///{tmp_path / 'room.db'}", tmp_path / "serve.log")
    server.start()
    yield server
    server.stop()


def answer(page) -> None:
    """Answer whatever question type is shown (the first option, or a plausible value)."""
    form = page.locator("form.answer")
    form.wait_for()
    kind = form.get_attribute("data-type")
    if kind in ("single", "truefalse"):
        form.locator("input[type=radio]").first.check()
    elif kind == "multiple":
        form.locator("input[type=checkbox]").first.check()
    elif kind == "matching":
        for select in form.locator("select").all():
            select.select_option(index=1)
    elif kind == "numeric":
        form.locator("input[name=a]").fill("1")
    form.locator("button[type=submit]").click()


def test_paced_room_survives_reload_and_restart(room_server: Server, browser, capsys, tmp_path):
    """Does a room of six phones answer, survive a reload and a kill -9, and never see answers early?"""
    argv = ["session", "create", "--quiz", QUIZ, "--count", "2", "--seed", "3", "--paced"]
    argv += ["--db", room_server.db, "--base-url", room_server.base, "--json"]
    assert main(argv) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["token"] not in created["screen_url"]

    console = browser.new_context(viewport={"width": 800, "height": 900}).new_page()
    console.set_default_timeout(20_000)
    console.goto(created["dashboard_url"] + "&lang=ja")
    assert "token" not in console.url  # moved into a cookie, out of the address bar
    console.locator("[data-action=start]").wait_for()

    screen_ctx = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = screen_ctx.new_page()
    screen.set_default_timeout(20_000)
    screen.goto(created["screen_url"] + "?lang=ja")
    screen.locator(".bigcode", has_text=created["code"]).wait_for()
    assert screen.locator(".qr svg").count() == 1
    assert created["token"] not in screen.content()

    phones = []
    for i in range(6):
        lang = "en" if i == 5 else "ja"
        ctx = browser.new_context(viewport={"width": 375, "height": 740})
        page = ctx.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{created['join_url']}?lang={lang}")
        page.locator("#nickname").fill("<b>Ken</b>" if i == 0 else f"受講者{i}")
        page.locator("form button[type=submit]").click()
        page.locator("#live .wait").wait_for()
        phones.append(page)
    screen.get_by_text("参加者 6 人").wait_for()
    assert "<b>Ken</b>" in screen.locator(".names").inner_text()  # markup shown as text
    assert phones[5].locator("html").get_attribute("lang") == "en"

    console.locator("[data-action=start]").click()
    for page in phones:
        page.locator("form.answer").wait_for()
    screen.locator(".stage .qtext").wait_for()
    assert screen.locator(".dist, .explanation").count() == 0
    assert "✓" not in screen.locator("#live").inner_text()
    screen.screenshot(path=str(tmp_path / "before-reveal.png"))

    phones[0].reload()  # a reload mid-question keeps the seat and the question
    phones[0].locator("form.answer").wait_for()
    assert "<b>Ken</b>" in phones[0].locator(".nick").inner_text()

    for page in phones:
        answer(page)
    phones[5].get_by_text("Answer received").wait_for()
    screen.get_by_text("回答 6 / 6").wait_for()
    assert "✓" not in screen.locator("#live").inner_text()

    console.locator("[data-action=reveal]").click()
    screen.locator(".explanation").wait_for()
    assert screen.locator(".dist tr.right").count() >= 1
    screen.screenshot(path=str(tmp_path / "after-reveal.png"))
    for page in phones:
        page.locator(".verdict, .explanation").first.wait_for()

    room_server.kill()  # mid-session, without a goodbye
    phones[1].locator(".conn", has_text="再接続").wait_for()
    room_server.start()
    console.locator("[data-action=next]").click(timeout=15_000)
    for i, page in enumerate(phones):  # every phone is back on its own, on the next question
        try:
            page.locator("form.answer").wait_for(timeout=10_000)
        except Exception:
            print("PHONE", i, page.url, page.locator("body").inner_text())
            raise
        assert page.locator(".conn").inner_text() == ""
    for page in phones:
        answer(page)
    screen.get_by_text("回答 6 / 6").wait_for()
    console.locator("[data-action=reveal]").click()
    screen.locator(".explanation").wait_for()
    console.once("dialog", lambda d: d.accept())
    console.locator("[data-action=finish]").click()
    screen.locator(".podium").wait_for()
    phones[5].get_by_text("of 2 asked").wait_for()
    phones[0].locator(".rank").wait_for()
    for page in phones:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert screen.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
