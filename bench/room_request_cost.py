"""Benchmark: the server's CPU time per room request, by kind (what a joining phone costs).

Starts `chatdojo serve --pool 0` on a throwaway SQLite database with a room whose
projector stream is open, then sends N requests of each kind one after another from
one client and divides the server process's CPU time (user + system) by N. A phone
joining a hall costs: the join page, the script, the stylesheet, the join POST (with
its redirect to the live page) and the event stream. With one event loop, the sum of
these bounds how many phones per second one server can seat.

usage: python bench/room_request_cost.py [-n 300]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from room_bench import QUIZ, ROOT, hold_projector, start_server  # noqa: E402

XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')


def cpu(proc: psutil.Process) -> tuple[float, float]:
    times = proc.cpu_times()
    return times.user, times.system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300)
    args = parser.parse_args()
    from chatdojo.content.catalog import load_catalog
    from chatdojo.room.render import session_bank
    from chatdojo.store import live
    from chatdojo.store.db import open_store

    db = f"sqlite:///{tempfile.mkdtemp(prefix='room-cost-')}/cost.sqlite3"
    proc, base = start_server(db)
    server = psutil.Process(proc.pid)
    store = open_store(db)
    questions = live.pick_questions(session_bank(load_catalog(ROOT), "default", QUIZ), count=2)
    info, _token = live.create_session(store, QUIZ, questions, paced=True)
    code = info.code
    stop = threading.Event()
    threading.Thread(target=hold_projector, args=(base, code, stop), daemon=True).start()
    time.sleep(1)
    phones = [httpx.Client(base_url=base, timeout=60) for _ in range(args.n)]
    forms: dict[int, str] = {}

    def page(c: httpx.Client) -> None:
        forms[id(c)] = XSRF.search(c.get(f"/room/{code}").text).group(1)  # type: ignore[union-attr]

    def join(c: httpx.Client) -> None:
        nickname = f"p{phones.index(c)}"
        res = c.post(f"/room/{code}/join", data={"nickname": nickname, "_xsrf": forms[id(c)]})
        assert res.status_code == 303, res.status_code

    def stream(c: httpx.Client) -> None:
        with c.stream("GET", f"/room/{code}/events?as=phone") as res:
            for line in res.iter_lines():
                if line.startswith("data:"):
                    break

    kinds = [
        ("join page", page),
        ("room.js", lambda c: c.get("/room/static/room.js")),
        ("room.css", lambda c: c.get("/room/static/room.css")),
        ("join POST", join),
        ("live page (after the redirect)", lambda c: c.get(f"/room/{code}")),
        ("event stream opened (first event)", stream),
    ]
    print(f"server CPU per request, {args.n} requests each, one client, SQLite")
    print("| request | server CPU (ms) | of which system (ms) | client wall (ms) |")
    print("| --- | ---: | ---: | ---: |")
    total = 0.0
    try:
        for name, call in kinds:
            c0, w0 = cpu(server), time.perf_counter()
            for phone in phones:
                call(phone)
            (user, system) = cpu(server)
            per = (user + system - sum(c0)) / args.n * 1000
            sys_per = (system - c0[1]) / args.n * 1000
            wall = (time.perf_counter() - w0) / args.n * 1000
            total += per
            print(f"| {name} | {per:.2f} | {sys_per:.2f} | {wall:.2f} |", flush=True)
        print(f"| **one phone joining** | **{total:.2f}** | | |")
    finally:
        stop.set()
        for phone in phones:
            phone.close()
        store.close()
        proc.terminate()
        proc.wait(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
