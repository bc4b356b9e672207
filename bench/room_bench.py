"""Benchmark: a room of N phones on one `chatdojo serve` (no kernel per phone).

Starts `chatdojo serve --pool 0` on a throwaway SQLite database (or --db URL) and opens
the projector's stream, as a trainer would before people arrive. For each room size N,
simulated phones do what a browser does: open the join page with its script and
stylesheet within --ramp seconds, join (XSRF form, then the redirect to the live page),
hold the room's Server-Sent Events stream and answer each question. The phones are
split over --workers client processes (asyncio + aiohttp, one cookie jar per phone), so
the load tool is not the bottleneck it was with one process. Meanwhile one real
headless Chromium phone (375 px) opens the join page and the time until its form is
usable is measured. The trainer's console (its own event stream open) starts, reveals
and moves on with the same XSRF-checked requests as in a browser.

Reported: p50/p95/max to a usable join page (page + script + stylesheet), from "next"
to the question on every phone, and to an answer's acknowledgement (N answers fired
within one second); rows stored per question (must be exactly N); server CPU (cores,
over the whole room) and RSS growth per participant (server RSS with every phone
seated and streaming, minus before the first phone, over N); the client processes'
CPU, since they share the machine's cores with the server.

usage: python bench/room_bench.py [--sizes 100,300,1000] [--ramp 10] [--workers 2] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing as mp
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402  (the e2e tests' browser)

QUIZ = "communication-method"
XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')
DATA_XSRF = re.compile(r'data-xsrf="([^"]+)"')


def log(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def summary(values: list[float]) -> str:
    if not values:
        return "none"
    return f"{statistics.median(values):.2f} / {pct(values, 0.95):.2f} / {max(values):.2f}"


# -- one client process: a slice of the phones --------------------------------------------
class Phone:
    def __init__(self, index: int, base: str) -> None:
        import aiohttp

        self.index = index
        self.http = aiohttp.ClientSession(
            base_url=base,
            connector=aiohttp.TCPConnector(limit=4, force_close=False),
            cookie_jar=aiohttp.CookieJar(unsafe=True),  # 127.0.0.1 is an IP address
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=60),
        )
        self.xsrf = ""
        self.page_s: float | None = None
        self.error = ""
        self.seen: dict[str, float] = {}  # view key -> wall time first seen

    async def join(self, code: str, at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.time()))
        start = time.perf_counter()
        try:
            async with self.http.get(f"/room/{code}") as res:
                page = await res.text()
            for asset in ("room.js", "room.css"):  # a first visit also fetches these
                async with self.http.get(f"/room/static/{asset}") as res:
                    await res.read()
            self.page_s = time.perf_counter() - start
            found = XSRF.search(page)
            if not found:
                self.error = f"no form ({res.status})"
                return
            data = {"nickname": f"p{self.index}", "_xsrf": found.group(1)}
            async with self.http.post(f"/room/{code}/join", data=data) as res:
                live = await res.text()  # the redirect to the live page is followed
            seat = DATA_XSRF.search(live)
            if res.status != 200 or not seat:
                self.error = f"join answered {res.status}"
                return
            self.xsrf = seat.group(1)
        except Exception as exc:  # counted, never fatal for the run
            self.error = type(exc).__name__

    async def stream(self, code: str) -> None:
        url = f"/room/{code}/events?as=phone&lang=ja"
        while True:
            try:
                async with self.http.get(url) as res:
                    async for raw in res.content:
                        line = raw.decode("utf-8", "replace")
                        if line.startswith("data: "):
                            key = json.loads(line[6:]).get("key", "")
                            self.seen.setdefault(key, time.time())
            except asyncio.CancelledError:
                raise
            except Exception:
                await asyncio.sleep(1)

    async def answer(self, code: str, qid: str, value: Any, at: float) -> float | None:
        await asyncio.sleep(max(0.0, at - time.time()))
        start = time.perf_counter()
        try:
            async with self.http.post(
                f"/room/{code}/answer",
                json={"q": qid, "a": value},
                headers={"X-XSRFToken": self.xsrf},
            ) as res:
                await res.read()
                ok = res.status == 200
        except Exception:
            return None
        return time.perf_counter() - start if ok else None


async def worker_main(base: str, code: str, indices: list[int], commands: Any, out: Any) -> None:
    loop = asyncio.get_running_loop()
    phones = [Phone(i, base) for i in indices]
    streams: list[asyncio.Task[None]] = []
    while True:
        cmd, *args = await loop.run_in_executor(None, commands.get)
        if cmd == "join":
            (start, ramp) = args
            await asyncio.gather(*(p.join(code, start + random.uniform(0, ramp)) for p in phones))
            streams = [asyncio.ensure_future(p.stream(code)) for p in phones if p.xsrf]
            out.put(
                (
                    "joined",
                    [p.page_s for p in phones if p.page_s is not None],
                    [p.error for p in phones if p.error],
                )
            )
        elif cmd == "watch":  # report when every seated phone has seen the view key
            (key, deadline) = args
            seated = [p for p in phones if p.xsrf]
            while time.time() < deadline and not all(key in p.seen for p in seated):
                await asyncio.sleep(0.02)
            times = [p.seen.get(key) for p in seated]
            out.put(("seen", [t for t in times if t is not None], len(seated)))
        elif cmd == "answer":
            (qid, value, start) = args
            seated = [p for p in phones if p.xsrf]
            acks = await asyncio.gather(
                *(p.answer(code, qid, value, start + random.random()) for p in seated)
            )
            out.put(("acks", [a for a in acks if a is not None], len(seated)))
        elif cmd == "stop":
            for task in streams:
                task.cancel()
            await asyncio.gather(*streams, return_exceptions=True)
            await asyncio.gather(*(p.http.close() for p in phones), return_exceptions=True)
            out.put(("stopped", time.process_time()))
            return


def worker(base: str, code: str, indices: list[int], commands: Any, out: Any) -> None:
    asyncio.run(worker_main(base, code, indices, commands, out))


# -- the coordinator --------------------------------------------------------------------
def chromium_probe(url: str) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 740})
        start = time.perf_counter()
        page.goto(url)
        page.locator("#nickname").wait_for()
        elapsed = time.perf_counter() - start
        browser.close()
        return elapsed


def hold_projector(base: str, code: str, stop: threading.Event) -> None:
    """The projector's stream, open from before the first phone until the end."""
    import httpx

    try:
        with (
            httpx.Client(base_url=base, timeout=None) as client,
            client.stream("GET", f"/room/{code}/events?as=screen") as res,
        ):
            for _line in res.iter_lines():
                if stop.is_set():
                    return
    except httpx.HTTPError:
        return  # the server stopped at the end of the run


class Trainer:
    """The console as a browser drives it: token link into a cookie, XSRF-checked POSTs, and
    its own event stream open (its view lists every participant)."""

    def __init__(self, base: str, code: str, token: str) -> None:
        import httpx

        self.code = code
        self.http = httpx.Client(base_url=base, timeout=60, follow_redirects=True)
        page = self.http.get(f"/room/{code}/trainer?token={token}").text
        found = DATA_XSRF.search(page)
        assert found, page[:300]
        self.xsrf = found.group(1)
        self.stop = threading.Event()
        threading.Thread(target=self._stream, daemon=True).start()

    def _stream(self) -> None:
        import httpx

        try:
            with self.http.stream("GET", f"/room/{self.code}/events?as=trainer") as res:
                for _line in res.iter_lines():
                    if self.stop.is_set():
                        return
        except httpx.HTTPError:
            return

    def control(self, action: str) -> None:
        res = self.http.post(
            f"/room/{self.code}/control",
            data={"action": action},
            headers={"X-XSRFToken": self.xsrf},
        )
        assert res.status_code == 200, (action, res.status_code, res.text[:200])

    def close(self) -> None:
        self.stop.set()


class Workers:
    def __init__(self, base: str, code: str, n: int, count: int) -> None:
        ctx = mp.get_context("spawn")
        self.out = ctx.Queue()
        self.commands = [ctx.Queue() for _ in range(count)]
        slices = [list(range(n))[w::count] for w in range(count)]
        self.procs = [
            ctx.Process(target=worker, args=(base, code, s, q, self.out), daemon=True)
            for s, q in zip(slices, self.commands, strict=True)
        ]
        for proc in self.procs:
            proc.start()

    def each(self, *cmd: Any) -> list[tuple[Any, ...]]:
        for q in self.commands:
            q.put(cmd)
        return [self.out.get(timeout=300) for _ in self.commands]

    def cpu(self) -> float:
        total = 0.0
        for proc in self.procs:
            with contextlib.suppress(psutil.Error):
                total += sum(psutil.Process(proc.pid).cpu_times()[:2])
        return total


def right_answer(store: Any, code: str, qid: str) -> object:
    """The right answer in the room's opaque option ids, as a phone's markup carries them."""
    from chatdojo.content.catalog import load_catalog
    from chatdojo.quiz.types import get_type
    from chatdojo.room.options import to_opaque
    from chatdojo.room.render import session_bank
    from chatdojo.store import live

    question = next(q for q in session_bank(load_catalog(ROOT), "default", QUIZ) if q.id == qid)
    right = get_type(question.type).correct_answer(question)
    return to_opaque(live.get_session(store, code), question, right)


def stored(store: Any, code: str, qid: str) -> int:
    from chatdojo.store import live

    return sum(1 for a in live.snapshot(store, code).answers if a.question_id == qid)


class Servers:
    """The server processes of a run (one, or several behind nginx): summed CPU and RSS."""

    def __init__(self, procs: list[psutil.Process]) -> None:
        self.procs = procs

    def cpu(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self.procs)

    def rss(self) -> int:
        return sum(p.memory_info().rss for p in self.procs)


def room(base: str, db: str, n: int, ramp: float, workers: int, server: Servers) -> dict:
    from chatdojo.content.catalog import load_catalog
    from chatdojo.room.render import session_bank
    from chatdojo.store import live
    from chatdojo.store.db import open_store

    store = open_store(db)
    questions = live.pick_questions(
        session_bank(load_catalog(ROOT), "default", QUIZ), count=2, seed=n
    )
    info, token = live.create_session(store, QUIZ, questions, paced=True)
    code = info.code
    stop = threading.Event()
    projector = threading.Thread(target=hold_projector, args=(base, code, stop), daemon=True)
    projector.start()
    trainer = Trainer(base, code, token)
    pool = Workers(base, code, n, workers)
    time.sleep(3)  # the client processes import aiohttp
    rss0 = server.rss()
    cpu0, wall0, client0 = server.cpu(), time.perf_counter(), pool.cpu()
    start = time.time() + 0.5
    result: dict[str, Any] = {}
    probe = threading.Thread(
        target=lambda: result.update(chromium=chromium_probe(f"{base}/room/{code}")), daemon=True
    )
    threading.Timer(ramp / 2, probe.start).start()  # in the middle of the storm
    joined = pool.each("join", start, ramp)
    pages = [t for _k, times, _e in joined for t in times]
    errors = [e for _k, _t, errs in joined for e in errs]
    log(f"{n - len(errors)} of {n} joined" + (f"; errors {errors[:5]}" if errors else ""))
    pool.each("watch", "lobby:ja", time.time() + 60)
    rss_joined = server.rss()
    log(f"streams open; server RSS {rss_joined / 2**20:.0f} MiB")
    probe.join(120)
    next_s: list[float] = []
    acks: list[float] = []
    rows: list[int] = []
    unacked: list[int] = []
    for step, action in enumerate(("start", "next")):
        if step:
            trainer.control("reveal")
            time.sleep(1)
        t0 = time.time()
        trainer.control(action)
        qid = live.get_session(store, code).current_question_id
        assert qid
        seen = pool.each("watch", f"question:{qid}:ja", t0 + 60)
        times = [t for _k, ts, _n in seen for t in ts]
        missing = sum(m for _k, _t, m in seen) - len(times)
        next_s.append(max(times) - t0 if not missing else float("inf"))
        log(f"{action}: question on all phones after {next_s[-1]:.2f} s")
        got = pool.each("answer", qid, right_answer(store, code, qid), time.time() + 0.2)
        acks += [a for _k, a_s, _n in got for a in a_s]
        unacked.append(sum(m for _k, _a, m in got) - sum(len(a) for _k, a, _m in got))
        rows.append(stored(store, code, qid))
        log(f"{action}: {rows[-1]} answers stored, {unacked[-1]} not acknowledged")
    cpu = (server.cpu() - cpu0) / (time.perf_counter() - wall0)
    client_cpu = (pool.cpu() - client0) / (time.perf_counter() - wall0)
    trainer.control("finish")
    trainer.close()
    stop.set()
    pool.each("stop")
    for proc in pool.procs:
        proc.join(10)
    store.close()
    return {
        "n": n,
        "joined": n - len(errors),
        "page": pages,
        "chromium": result.get("chromium", float("nan")),
        "next": next_s,
        "ack": acks,
        "rows": rows,
        "unacked": unacked,
        "cpu": cpu,
        "client_cpu": client_cpu,
        "rss_per_phone_kib": (rss_joined - rss0) / 1024 / n,
    }


def start_server(db: str, cpus: set[int] | None = None) -> tuple[subprocess.Popen, str]:
    """`chatdojo serve` on a free port (on the given CPUs only, when ``cpus`` is set)."""
    import httpx

    port = free_port()
    env = {**os.environ, "CHATDOJO_HOME": str(ROOT), "CHATDOJO_DB": db}
    proc = subprocess.Popen(
        [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(port), "--pool", "0"],
        cwd=ROOT,
        env=env,
        stdout=open(os.environ.get("ROOM_BENCH_LOG", os.devnull), "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,  # noqa: PLW1509
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
    parser.add_argument("--workers", type=int, default=2, help="client processes")
    parser.add_argument("--db", help="database URL (default: a throwaway SQLite file)")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="chatdojo serve processes; above 1 they run behind Debian's nginx with the shipped "
        "deploy/nginx/chatdojo.conf and need PostgreSQL (--db, or run under "
        "scripts/with-postgres.sh)",
    )
    parser.add_argument(
        "--split-cores",
        action="store_true",
        help="server on core 0, phones and browser on core 1 (as if the phones were elsewhere)",
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="room-bench-")
    db = args.db or f"sqlite:///{tmp}/bench.sqlite3"
    cluster = None
    if args.processes > 1:
        from e2e.cluster import Cluster

        db = args.db or os.environ.get("CHATDOJO_TEST_PG_URL", "")
        if not db.startswith("postgresql"):
            raise SystemExit("--processes needs PostgreSQL: --db URL or scripts/with-postgres.sh")
        cluster = Cluster(db, Path(tmp) / "cluster", n=args.processes, pool=0)
        cluster.start()
        base = cluster.url
        server = Servers([psutil.Process(s.proc.pid) for s in cluster.servers if s.proc])
        proc = None
    else:
        proc, base = start_server(db, {0} if args.split_cores else None)
        server = Servers([psutil.Process(proc.pid)])
    if args.split_cores:
        os.sched_setaffinity(0, {1})  # this process, its client processes and Chromium
    print(
        f"server {base} ({args.processes} process(es)), database {db.split('://')[0]}, "
        f"{os.cpu_count()} cores, "
        f"{args.workers} client processes, joins spread over {args.ramp:g} s"
        + (", server alone on core 0, clients on core 1" if args.split_cores else "")
    )
    print(
        "| phones | join page p50 / p95 / max (s) | Chromium join form (s) "
        "| next → question on all phones (s) | answer ack p50 / p95 / max (s) | rows stored "
        "| server CPU (cores) | client CPU (cores) | RSS per phone (KiB) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            r = room(base, db, n, args.ramp, args.workers, server)
            joined = "" if r["joined"] == n else f" ({n - r['joined']} could not join)"
            print(
                f"| {n}{joined} | {summary(r['page'])} | {r['chromium']:.2f} | "
                f"{' / '.join(f'{x:.2f}' for x in r['next'])} | {summary(r['ack'])} | "
                f"{' + '.join(map(str, r['rows']))} of {n} each"
                f" ({' + '.join(map(str, r['unacked']))} unacknowledged) | {r['cpu']:.2f} | "
                f"{r['client_cpu']:.2f} | {r['rss_per_phone_kib']:.0f} |",
                flush=True,
            )
    finally:
        if cluster is not None:
            cluster.stop()
        elif proc is not None:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
