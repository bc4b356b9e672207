"""Two ``chatdojo serve`` processes on one PostgreSQL behind Debian's nginx, as deployed.

The nginx configuration is the shipped ``deploy/nginx/chatdojo.conf`` (listen port and
upstream ports rewritten). Phones spread over both processes by their ``cd_node`` cookie
share one room; the trainer's actions reach every phone whichever process serves it;
answers are stored once; a Voila page and its kernel's websocket stay on one process; and
killing one process (-9) loses no acknowledged answer: the phones that were on it retry
(as room.js does) and nginx sends them to the other.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from chatdojo.cli import main
from chatdojo.store import live
from chatdojo.store.db import open_store

from .cluster import Cluster
from .pgschema import pg_schema

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

QUIZ = "communication-method"
QUESTIONS = "cm-001,cm-002"  # two single-choice questions
PHONES = 8


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A schema of its own on the throwaway PostgreSQL of scripts/with-postgres.sh."""
    with pg_schema("c") as url:
        yield url


@pytest.fixture
def cluster(pg_url: str, tmp_path: Path) -> Iterator[Cluster]:
    started = Cluster(pg_url, tmp_path / "cluster", n=2, pool=0).start()
    try:
        yield started
    finally:
        started.stop()


def xsrf(html: str) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', html) or re.search(
        r'data-xsrf="([^"]+)"', html
    )
    assert found, html[:300]
    return found.group(1)


def upstreams(cluster: Cluster, pattern: str) -> Counter[str]:
    """Which backend nginx sent each request whose line matches ``pattern`` to."""
    counts: Counter[str] = Counter()
    for line in (cluster.nginx.prefix / "access.log").read_text().splitlines():
        if re.search(pattern, line):
            counts[line.rsplit(" ", 1)[-1]] += 1
    return counts


class Phone:
    def __init__(self, base: str, code: str, name: str) -> None:
        self.http = httpx.Client(base_url=base, follow_redirects=True, timeout=20)
        self.code = code
        page = self.http.get(f"/room/{code}")
        res = self.http.post(
            f"/room/{code}/join", data={"nickname": name, "_xsrf": xsrf(page.text)}
        )
        assert res.status_code == 200, res.text[:300]
        self.xsrf = xsrf(res.text)

    def open_question(self, not_this: str = "") -> tuple[str, str]:
        """(question id, the first option's value) as the phone's event stream shows them."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                url = f"/room/{self.code}/events?as=phone&lang=ja"
                with self.http.stream("GET", url) as stream:
                    for line in stream.iter_lines():
                        if not line.startswith("data: "):
                            continue
                        html = json.loads(line[6:]).get("html", "")
                        q = re.search(r'data-q="([^"]+)"', html)
                        value = re.search(r'type="radio" name="a" value="([^"]+)"', html)
                        if q and value and q.group(1) != not_this:
                            return q.group(1), value.group(1)
                        if time.monotonic() > deadline:
                            break
            except httpx.TransportError:  # the process behind it died: reconnect, as browsers do
                time.sleep(0.5)
        raise AssertionError("no question reached the phone")

    def answer(self, qid: str, value: str, tries: int = 6) -> bool:
        """Send until acknowledged, as room.js does (a 502/503 is resent)."""
        for _ in range(tries):
            try:
                res = self.http.post(
                    f"/room/{self.code}/answer",
                    json={"q": qid, "a": value},
                    headers={"X-XSRFToken": self.xsrf},
                )
            except httpx.TransportError:
                time.sleep(0.5)
                continue
            if res.status_code == 200:
                return True
            assert res.status_code in (502, 503, 504), (res.status_code, res.text[:200])
            time.sleep(0.5)
        return False


def control(trainer: httpx.Client, code: str, action: str) -> None:
    html = trainer.get(f"/room/{code}/trainer").text
    res = trainer.post(
        f"/room/{code}/control", data={"action": action}, headers={"X-XSRFToken": xsrf(html)}
    )
    assert res.status_code == 200, (action, res.status_code, res.text[:200])


def stored(db: str, code: str) -> Counter[tuple[int, str]]:
    store = open_store(db)
    try:
        return Counter(
            (a.participant_id, a.question_id) for a in live.snapshot(store, code).answers
        )
    finally:
        store.close()


def test_phones_on_two_processes_share_one_room_and_survive_a_kill(cluster, pg_url, capsys):
    """Do phones spread over two processes behind nginx join one room, see the trainer's
    questions, and have every acknowledged answer stored once, even after kill -9 of one?"""
    argv = ["session", "create", "--quiz", QUIZ, "--questions", QUESTIONS, "--paced"]
    argv += ["--db", pg_url, "--base-url", cluster.url, "--json"]
    assert main(argv) == 0
    created = json.loads(capsys.readouterr().out)
    code = created["code"]

    phones: list[Phone] = []
    while len(phones) < PHONES or len(upstreams(cluster, rf"POST /room/{code}/join ")) < 2:
        phones.append(Phone(cluster.url, code, f"p{len(phones)}"))
        assert len(phones) < 40, "nginx sent 40 phones with random cookies to one process"

    trainer = httpx.Client(base_url=cluster.url, follow_redirects=True, timeout=20)
    assert trainer.get(f"/room/{code}/trainer?token={created['token']}").status_code == 200
    control(trainer, code, "start")
    for phone in phones:  # the question reaches phones on both processes
        qid, value = phone.open_question()
        assert phone.answer(qid, value)
    first = qid
    control(trainer, code, "reveal")
    assert sum(stored(pg_url, code).values()) == len(phones)

    # One process dies; the next question goes out from the other, and phones that were on
    # the dead one are sent to the living one when they retry.
    control(trainer, code, "next")
    cluster.servers[0].kill()
    acked = 0
    for phone in phones:
        qid, value = phone.open_question(not_this=first)
        acked += phone.answer(qid, value)
    assert acked == len(phones)
    rows = stored(pg_url, code)
    assert sum(rows.values()) == 2 * len(phones) and max(rows.values()) == 1  # each once


def test_a_voila_page_and_its_kernel_stay_on_one_process(cluster, browser):
    """Does a module page work through the proxy, its kernel websocket reaching the process
    that started the kernel?"""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(cluster.url + "/voila/render/chat-etiquette.ipynb")
    page.locator(".jupyter-widgets").first.wait_for()
    page.locator("button").first.wait_for()
    assert sum(s.kernels() for s in cluster.servers) == 1
    context.close()  # nginx logs a websocket when it closes
    deadline = time.monotonic() + 10
    while not (socket := upstreams(cluster, r"GET /api/kernels/[^/ ]+/channels\S* HTTP/1.1\" 101")):
        assert time.monotonic() < deadline, "the kernel's websocket never opened through nginx"
        time.sleep(0.2)
    render = upstreams(cluster, r"GET /voila/render/chat-etiquette.ipynb")
    assert len(render) == 1 and set(socket) == set(render), (render, socket)
