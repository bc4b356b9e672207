"""Benchmark: N seated phones send their answer in the same instant; time to the last ack.

The room's handlers run in a bare Tornado application in this process (no Voila, so
nothing else competes), on a throwaway SQLite file; optionally every phone also holds
its Server-Sent Events stream. Complements ``room_bench.py``, whose single client
process drives every phone and, on a loaded machine, measures itself as much as the
server.

usage: python bench/room_answer_burst.py [N] [--streams]
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


async def burst(base: str, code: str, seats: list[str], qid: str, value: object, streams: bool):
    clients = []
    for seat in seats:
        client = httpx.AsyncClient(base_url=base, timeout=120)
        page = await client.get(f"/room/{code}?seat={seat}", follow_redirects=True)
        found = re.search(r'data-xsrf="([^"]+)"', page.text)
        assert found
        clients.append((client, found.group(1)))

    async def hold(client: httpx.AsyncClient) -> None:
        try:
            url = f"/room/{code}/events?as=phone"
            async with client.stream("GET", url, timeout=None) as stream:
                async for _line in stream.aiter_lines():
                    pass
        except httpx.HTTPError:
            pass

    holders = [asyncio.ensure_future(hold(c)) for c, _x in clients] if streams else []
    if streams:
        await asyncio.sleep(3)

    async def one(client: httpx.AsyncClient, xsrf: str) -> tuple[float, int]:
        start = time.perf_counter()
        res = await client.post(
            f"/room/{code}/answer", json={"q": qid, "a": value}, headers={"X-XSRFToken": xsrf}
        )
        return time.perf_counter() - start, res.status_code

    results = await asyncio.gather(*(one(c, x) for c, x in clients))
    for task in holders:
        task.cancel()
    return results


def main() -> int:
    from room.conftest import REPO, free_port, serve

    from chatdojo.content.catalog import load_catalog
    from chatdojo.quiz.types import get_type
    from chatdojo.room.render import session_bank
    from chatdojo.store import live
    from chatdojo.store.db import open_store

    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "100"))
    streams = "--streams" in sys.argv
    store = open_store(f"sqlite:///{tempfile.mkdtemp()}/burst.sqlite3")
    catalog = load_catalog(REPO)
    bank = session_bank(catalog, "default", "communication-method")
    info, token = live.create_session(store, "communication-method", bank[:1], paced=True)
    seats = [live.join(store, info.code, f"p{i}")[1] for i in range(n)]
    live.control(store, info.code, token, "start")
    right = get_type(bank[0].type).correct_answer(bank[0])
    value = list(right) if isinstance(right, tuple) else right
    port = free_port()
    serve(store, catalog, port)
    results = asyncio.run(
        burst(f"http://127.0.0.1:{port}", info.code, seats, bank[0].id, value, streams)
    )
    times = sorted(t for t, _s in results)
    stored = len(live.snapshot(store, info.code).answers)
    print(
        f"{n} answers{' (streams open)' if streams else ''}: "
        f"p50 {times[len(times) // 2]:.2f} s, p95 {times[int(len(times) * 0.95)]:.2f} s, "
        f"max {times[-1]:.2f} s; statuses {sorted({s for _t, s in results})}; stored {stored}"
    )
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    import os

    os._exit(code)  # the server thread is a daemon; do not wait for its loop
