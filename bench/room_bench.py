"""Benchmark: a room of N phones on one `chatdojo serve` (no kernel per phone).

Starts `chatdojo serve --pool 0` on a throwaway SQLite database (or --db URL). For each
room size N, simulated phones (asyncio + httpx, one client per phone) do what a browser
does: open the join page within --ramp seconds, join (XSRF form), hold the room's
Server-Sent Events stream, and answer each question; the trainer starts, reveals and
moves on. Meanwhile one real headless Chromium phone (375 px) opens the join page and
the time until its form is usable is measured. Reported: p50/p95/max to a usable join
page, from "next" to the question on every phone, and to an answer's acknowledgement
(N answers fired within one second); rows stored per question (must be exactly N);
server CPU and RSS growth per participant.

usage: python bench/room_bench.py [--sizes 100,300,1000] [--ramp 10] [--db URL] [--write]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
QUIZ = "communication-method"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def log(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} / {pct(values, 0.95):.2f} / {max(values):.2f}"


@dataclass
class Phone:
    index: int
    client: httpx.AsyncClient
    xsrf: str = ""
    page_s: float = 0.0
    seen: dict[str, float] = field(default_factory=dict)  # view key -> first time seen
    ack_s: list[float] = field(default_factory=list)
    question: str = ""


XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')


async def open_and_join(phone: Phone, code: str, delay: float) -> None:
    await asyncio.sleep(delay)
    start = time.perf_counter()
    page = await phone.client.get(f"/room/{code}")
    await asyncio.gather(  # a first visit also fetches the script and the stylesheet
        phone.client.get("/room/static/room.js"), phone.client.get("/room/static/room.css")
    )
    phone.page_s = time.perf_counter() - start
    found = XSRF.search(page.text)
    assert found, page.text[:200]
    phone.xsrf = found.group(1)
    res = await phone.client.post(
        f"/room/{code}/join", data={"nickname": f"p{phone.index}", "_xsrf": phone.xsrf}
    )
    assert res.status_code in (200, 303), res.status_code


async def hold_stream(phone: Phone, code: str, stop: asyncio.Event) -> None:
    url = f"/room/{code}/events?as=phone&lang=ja"
    while not stop.is_set():
        try:
            async with phone.client.stream("GET", url, timeout=None) as stream:
                async for line in stream.aiter_lines():
                    if line.startswith("data: "):
                        key = json.loads(line[6:]).get("key", "")
                        phone.seen.setdefault(key, time.perf_counter())
                        if key.startswith("question:"):
                            phone.question = key.split(":")[1]
                    if stop.is_set():
                        return
        except (httpx.HTTPError, AssertionError):
            await asyncio.sleep(1)


async def send_answer(phone: Phone, code: str, qid: str, value: object, delay: float) -> None:
    await asyncio.sleep(delay)
    start = time.perf_counter()
    try:
        res = await phone.client.post(
            f"/room/{code}/answer",
            json={"q": qid, "a": value},
            headers={"X-XSRFToken": phone.xsrf},
            timeout=90,
        )
    except httpx.HTTPError:
        return  # counted as not acknowledged
    if res.status_code == 200:
        phone.ack_s.append(time.perf_counter() - start)


def chromium_probe(url: str) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 740})
        start = time.perf_counter()
        page.goto(url)
        page.locator("#nickname").wait_for()
        elapsed = time.perf_counter() - start
        browser.close()
        return elapsed


def right_answer(db: str, code: str, qid: str) -> object:
    from chatdojo.content.catalog import load_catalog
    from chatdojo.quiz.types import get_type
    from chatdojo.room.render import session_bank

    question = next(q for q in session_bank(load_catalog(ROOT), "default", QUIZ) if q.id == qid)
    right = get_type(question.type).correct_answer(question)
    return list(right) if isinstance(right, tuple) else right


def stored(db: str, code: str, qid: str) -> int:
    from chatdojo.store import live
    from chatdojo.store.db import open_store

    store = open_store(db)
    snap = live.snapshot(store, code)
    store.close()
    return sum(1 for a in snap.answers if a.question_id == qid)


async def room(base: str, db: str, n: int, ramp: float, server: psutil.Process) -> dict:
    from chatdojo.store import live
    from chatdojo.store.db import open_store

    store = open_store(db)
    from chatdojo.content.catalog import load_catalog
    from chatdojo.room.render import session_bank

    questions = live.pick_questions(
        session_bank(load_catalog(ROOT), "default", QUIZ), count=2, seed=n
    )
    info, token = live.create_session(store, QUIZ, questions, paced=True)
    code = info.code
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    phones = [
        Phone(
            i, httpx.AsyncClient(base_url=base, limits=limits, timeout=120, follow_redirects=True)
        )
        for i in range(n)
    ]
    rss0 = server.memory_info().rss
    cpu0 = sum(server.cpu_times()[:2])
    wall0 = time.perf_counter()
    probe = asyncio.get_running_loop().run_in_executor(None, chromium_probe, f"{base}/room/{code}")
    await asyncio.gather(*(open_and_join(p, code, random.uniform(0, ramp)) for p in phones))
    log(f"{n} joined")
    chromium_s = await probe
    stop = asyncio.Event()
    streams = [asyncio.ensure_future(hold_stream(p, code, stop)) for p in phones]
    while sum("lobby:ja" in p.seen for p in phones) < n:
        await asyncio.sleep(0.1)
    rss_joined = server.memory_info().rss
    log("streams open")
    next_s: list[float] = []
    acks: list[float] = []
    rows: list[int] = []
    unacked: list[int] = []
    for step, action in enumerate(("start", "next")):
        if step:
            live.control(store, code, token, "reveal")
        t0 = time.perf_counter()
        live.control(store, code, token, action)
        qid = live.get_session(store, code).current_question_id
        assert qid
        key = f"question:{qid}:ja"
        deadline = t0 + 60
        while sum(key in p.seen for p in phones) < n and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        next_s.append(max(p.seen.get(key, deadline) for p in phones) - t0)
        log(f"{action}: question on all phones after {next_s[-1]:.2f} s")
        value = right_answer(db, code, qid)
        await asyncio.gather(*(send_answer(p, code, qid, value, random.random()) for p in phones))
        acks += [a for p in phones for a in p.ack_s]
        unacked.append(n - sum(len(p.ack_s) for p in phones))
        for p in phones:
            p.ack_s.clear()
        rows.append(stored(db, code, qid))
    cpu = (sum(server.cpu_times()[:2]) - cpu0) / (time.perf_counter() - wall0)
    live.control(store, code, token, "finish")
    stop.set()
    await asyncio.sleep(0.5)
    for task in streams:
        task.cancel()
    await asyncio.gather(*(p.client.aclose() for p in phones), return_exceptions=True)
    store.close()
    return {
        "n": n,
        "page": [p.page_s for p in phones],
        "chromium": chromium_s,
        "next": next_s,
        "ack": acks,
        "rows": rows,
        "unacked": unacked,
        "cpu": cpu,
        "rss_per_phone_kib": (rss_joined - rss0) / 1024 / n,
    }


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "CHATDOJO_HOME": str(ROOT), "CHATDOJO_DB": db}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(port), "--pool", "0"],
        cwd=ROOT,
        env=env,
        stdout=open(os.environ.get("ROOM_BENCH_LOG", os.devnull), "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if httpx.get(f"{base}/room", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("chatdojo serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--ramp", type=float, default=10.0, help="join window in seconds")
    parser.add_argument("--db", help="database URL (default: a throwaway SQLite file)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="room-bench-")
    db = args.db or f"sqlite:///{tmp}/bench.sqlite3"
    proc, base = start_server(db)
    server = psutil.Process(proc.pid)
    print(f"server {base}, database {db.split('://')[0]}, {os.cpu_count()} cores")
    print(
        "| phones | join page p50 / p95 / max (s) | Chromium join form (s) | next → question on all phones (s) | answer ack p50 / p95 / max (s) | rows stored | server CPU (cores) | RSS per phone (KiB) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            r = asyncio.run(room(base, db, n, args.ramp, server))
            print(
                f"| {n} | {summary(r['page'])} | {r['chromium']:.2f} | "
                f"{' / '.join(f'{x:.2f}' for x in r['next'])} | {summary(r['ack'])} | "
                f"{' + '.join(map(str, r['rows']))} of {n} each"
                f" ({' + '.join(map(str, r['unacked']))} unacknowledged) | {r['cpu']:.2f} | "
                f"{r['rss_per_phone_kib']:.0f} |",
                flush=True,
            )
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
