"""Issue 22, item 2: does a phone still get its page while the server is flooded?

Starts ``chatdojo serve`` under ``prlimit --nofile=LIMIT:LIMIT`` (default 1024, the common
``ulimit -n``), opens a room, then from loopback only:

1. holds ``--streams`` idle event streams (the projector's ``?as=screen``: no seat needed);
2. holds ``--half-open`` connections whose request headers never end;
3. fetches the room's phone page ``--tries`` times and reports how long each took;

and reports the server's CPU use and log growth meanwhile. Every connection is closed at
the end; the whole run is bounded by ``--hold`` seconds of flood.

    .venv/bin/python bench/connection_flood.py [--limit 1024] [--streams 1100] [--half-open 1100]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from e2e.conftest import free_port, wait_http  # noqa: E402


def make_room(db: str) -> str:
    from chatdojo.content.catalog import load_catalog
    from chatdojo.room.render import session_bank
    from chatdojo.store import live
    from chatdojo.store.db import open_store

    store = open_store(db)
    questions = session_bank(load_catalog(REPO), "default", "communication-method")
    info, _token = live.create_session(store, "communication-method", questions[:3], paced=True)
    store.close()
    return info.code


async def open_stream(port: int, code: str) -> tuple[asyncio.StreamWriter, int]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        f"GET /room/{code}/events?as=screen HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Accept: text/event-stream\r\n\r\n".encode()
    )
    await writer.drain()
    line = await asyncio.wait_for(reader.readline(), 30)
    status = int(line.split()[1]) if line.startswith(b"HTTP/") else 0
    return writer, status


async def open_half(port: int) -> asyncio.StreamWriter | None:
    try:
        _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return None
    writer.write(b"GET /room HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
    return writer


async def flood(port: int, code: str, streams: int, half: int) -> tuple[list, dict[int, int]]:
    writers: list = []
    statuses: dict[int, int] = {}
    for start in range(0, streams, 100):
        batch = await asyncio.gather(
            *(open_stream(port, code) for _ in range(min(100, streams - start))),
            return_exceptions=True,
        )
        for item in batch:
            if isinstance(item, BaseException):
                statuses[-1] = statuses.get(-1, 0) + 1
                continue
            writers.append(item[0])
            statuses[item[1]] = statuses.get(item[1], 0) + 1
    for start in range(0, half, 100):
        batch = await asyncio.gather(*(open_half(port) for _ in range(min(100, half - start))))
        writers += [w for w in batch if w is not None]
    return writers, statuses


def phone_times(url: str, tries: int) -> list[float]:
    times = []
    for _ in range(tries):
        start = time.monotonic()
        try:
            res = httpx.get(url, timeout=10, headers={"Accept": "text/html"})
            ok = res.status_code == 200
        except httpx.HTTPError:
            ok = False
        times.append(time.monotonic() - start if ok else float("inf"))
        time.sleep(0.3)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=1024)
    ap.add_argument("--streams", type=int, default=1100)
    ap.add_argument("--half-open", type=int, default=1100)
    ap.add_argument("--tries", type=int, default=10)
    ap.add_argument("--hold", type=float, default=10.0, help="seconds to watch the server flooded")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = args.streams + args.half_open + 200
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, need)), hard))
    if not shutil.which("prlimit"):
        print("prlimit (util-linux) is needed", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="flood-"))
    db, log, port = f"sqlite:///{folder / 'flood.db'}", folder / "serve.log", free_port()
    code = make_room(db)
    env = {**os.environ, "CHATDOJO_HOME": str(REPO), "CHATDOJO_DB": db}
    cmd = [
        "prlimit",
        f"--nofile={args.limit}:{args.limit}",
        sys.executable,
        "-m",
        "chatdojo.cli",
        "serve",
        "--port",
        str(port),
        "--pool",
        "0",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/room", proc, 120)
        server = psutil.Process(proc.pid)
        server = (
            next((c for c in server.children(recursive=True)), server)
            if server.name() == "prlimit"
            else server
        )
        page = f"{base}/room/{code}"
        quiet = phone_times(page, 3)

        async def run() -> None:
            log_before, cpu_before = log.stat().st_size, sum(server.cpu_times()[:2])
            t0 = time.monotonic()
            writers, statuses = await flood(port, code, args.streams, args.half_open)
            opened = time.monotonic() - t0
            times = await asyncio.to_thread(phone_times, page, args.tries)
            await asyncio.sleep(max(0.0, args.hold - (time.monotonic() - t0)))
            elapsed = time.monotonic() - t0
            cpu = (sum(server.cpu_times()[:2]) - cpu_before) / elapsed
            grown = log.stat().st_size - log_before
            print(f"server fd limit {args.limit}; room {code}")
            print(f"event streams asked {args.streams}: by status {dict(sorted(statuses.items()))}")
            print(f"half-open asked {args.half_open}; connections held by the bench {len(writers)}")
            print(f"flood opened in {opened:.1f} s; server open fds {server.num_fds()}")
            print(f"phone page quiet: {', '.join(f'{t * 1000:.0f}' for t in quiet)} ms")
            finite = [t for t in times if t != float("inf")]
            print(
                f"phone page flooded: {len(finite)}/{len(times)} ok, median "
                f"{statistics.median(finite) * 1000 if finite else float('nan'):.0f} ms, max "
                f"{max(times) * 1000:.0f} ms"
            )
            print(f"server CPU during the flood: {cpu * 100:.0f} % of a core over {elapsed:.0f} s")
            print(f"server log grew {grown} bytes")
            for w in writers:
                w.close()

        asyncio.run(run())
        print("last log lines:\n" + "\n".join(log.read_text().splitlines()[-5:]))
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
