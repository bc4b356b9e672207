"""Issue 22, item 2: half-open connections and the descriptor limit (a server of its own).

The server runs in a child process with 128 descriptors; the attacker holds 150
half-sent requests (bounded: one batch, closed at the end). A page must still come back
within a second, and at the descriptor limit the accept loop must neither spin nor flood
the log (Tornado's own loop took 100 % CPU and logged ~2.7 MiB/s).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil

from .conftest import free_port

SERVER = Path(__file__).with_name("flood_server.py")
HALF_OPEN = 150


@contextmanager
def flood_server(
    tmp_path: Path, spare: int, timeout: float
) -> Iterator[tuple[str, psutil.Process, Path]]:
    port, log = free_port(), tmp_path / f"flood-{spare}.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, str(SERVER), str(port), "128", str(spare), str(timeout)],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield f"http://127.0.0.1:{port}", psutil.Process(proc.pid), log
    finally:
        proc.kill()
        proc.wait(10)


def half_open(url: str, count: int) -> list[socket.socket]:
    port = int(url.rsplit(":", 1)[1])
    held = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=2)
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # the headers never end
        held.append(sock)
    return held


def cpu(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return times.user + times.system


def test_a_page_comes_back_within_a_second_past_the_connection_cap(tmp_path):
    """With more half-open connections than descriptors, is a page still served within 1 s?"""
    with flood_server(tmp_path, spare=0, timeout=30) as (url, _proc, _log):
        held = half_open(url, HALF_OPEN)
        try:
            start = time.monotonic()
            res = httpx.get(url + "/", timeout=5)
            # bench/connection_flood.py measures the 1 s at 1,024 descriptors; the margin
            # here is for a CI machine busy with other tests (an unguarded server never answers).
            assert res.status_code == 200 and time.monotonic() - start < 2.0
        finally:
            for sock in held:
                sock.close()


def test_out_of_descriptors_no_busy_loop_no_log_flood(tmp_path):
    """Out of descriptors, does the server stay idle and quiet, and serve again after the
    header timeout frees them?"""
    with flood_server(tmp_path, spare=20, timeout=1.0) as (url, proc, log):
        held = half_open(url, 60)  # 20 accepted, the rest wait in the backlog
        try:
            before = cpu(proc)
            time.sleep(1.5)
            assert cpu(proc) - before < 0.5  # Tornado's own loop: 1.5 s of CPU here
            assert log.stat().st_size < 4000
            res = httpx.get(url + "/", timeout=5)
            assert res.status_code in (200, 503)
        finally:
            for sock in held:
                sock.close()
        time.sleep(1.2)
        assert httpx.get(url + "/", timeout=5).status_code == 200
        text = log.read_text()
        assert "Traceback" not in text and text.count("out of file descriptors") <= 1


def test_websockets_count_against_the_connection_cap():
    """Do kernel-style websockets (streams Tornado detaches from HTTP) still count as
    connections, and free their place when closed?"""
    import asyncio

    import tornado.web
    import tornado.websocket
    from tornado.httpclient import HTTPClientError

    from chatdojo.webguard.netserver import GuardedHTTPServer

    class Socket(tornado.websocket.WebSocketHandler):
        def on_message(self, message: str | bytes) -> None:
            self.write_message(message)

    class Page(tornado.web.RequestHandler):
        def get(self) -> None:
            self.finish("page")

    async def run() -> None:
        app = tornado.web.Application([(r"/ws", Socket), (r"/", Page)])
        server = GuardedHTTPServer(app, max_connections=3)
        port = free_port()
        server.listen(port, "127.0.0.1")
        client = tornado.httpclient.AsyncHTTPClient(force_instance=True)
        sockets = [
            await tornado.websocket.websocket_connect(f"ws://127.0.0.1:{port}/ws") for _ in range(3)
        ]
        await asyncio.sleep(0.05)
        assert server.held() == 3
        try:
            await client.fetch(f"http://127.0.0.1:{port}/", request_timeout=2)
            refused = False
        except (HTTPClientError, OSError):
            refused = True
        assert refused  # no half-open connection to close: the new one is turned away
        sockets[0].close()
        await asyncio.sleep(0.1)
        assert (await client.fetch(f"http://127.0.0.1:{port}/", request_timeout=2)).code == 200
        for sock in sockets[1:]:
            sock.close()
        client.close()
        server.stop()

    asyncio.run(run())
