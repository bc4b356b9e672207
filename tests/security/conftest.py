"""A guarded server as ``chatdojo serve`` runs it (room, learner form), on loopback in a thread.

``guarded(trusted=...)`` starts ``GuardedHTTPServer`` (trusted proxies, caps, timeouts) in
front of the live room's and the learner form's handlers, with Voila's setting of no
application-wide ``xsrf_cookies``. Requests "from" another client set ``X-Forwarded-For``:
the server believes it only when the test configured 127.0.0.1 as a trusted proxy.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import tornado.web

from chatdojo import learner_web
from chatdojo.content.catalog import Catalog, load_catalog
from chatdojo.room import handlers as room_handlers
from chatdojo.store import live
from chatdojo.store.db import Store, open_store
from chatdojo.webguard import logs, streams
from chatdojo.webguard.netserver import GuardedHTTPServer

REPO = Path(__file__).resolve().parents[2]
QUIZ = "communication-method"
TRAINER_KEY = "security-test-trainer-key"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Echo(tornado.web.RequestHandler):
    """What the server believes about the client: address and scheme."""

    def get(self) -> None:
        self.finish({"ip": self.request.remote_ip, "protocol": self.request.protocol})


@dataclass
class Guarded:
    base: str
    store: Store
    catalog: Catalog
    server: GuardedHTTPServer
    loop: asyncio.AbstractEventLoop

    def client(self, via: str | None = None, **kw: Any) -> httpx.Client:
        """A browser; ``via``: the client address a proxy would name in X-Forwarded-For."""
        headers = dict(kw.pop("headers", {}))
        if via:
            headers["X-Forwarded-For"] = via
        return httpx.Client(base_url=self.base, timeout=10, headers=headers, **kw)

    def room(self, **kw: Any) -> tuple[str, str]:
        """A new quiz room of 3 questions: (code, trainer token)."""
        from chatdojo.room.render import session_bank

        questions = session_bank(self.catalog, "default", QUIZ)
        chosen = live.pick_questions(questions, count=3, seed=7)
        info, token = live.create_session(self.store, QUIZ, chosen, paced=True, seed=11, **kw)
        return info.code, token

    def call(self, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the server's loop and return its result."""
        done = threading.Event()
        out: list[Any] = []
        self.loop.call_soon_threadsafe(lambda: (out.append(fn()), done.set()))
        assert done.wait(5)
        return out[0]


def xsrf(html: str) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', html) or re.search(
        r'data-xsrf="([^"]+)"', html
    )
    assert found, "page carries no XSRF token"
    return found.group(1)


def join(g: Guarded, code: str, nickname: str, via: str | None = None) -> httpx.Client:
    """A phone that joined ``code`` (its client holds the seat cookie)."""
    phone = g.client(via, follow_redirects=True)
    token = xsrf(phone.get(f"/room/{code}").text)
    res = phone.post(f"/room/{code}/join", data={"nickname": nickname, "_xsrf": token})
    assert res.status_code == 200 and "cd_seat" in phone.cookies
    return phone


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO)


@pytest.fixture
def guarded(tmp_path, catalog, monkeypatch) -> Iterator[Callable[..., Guarded]]:
    """``guarded(trusted=("127.0.0.1",), **server_kwargs)``: a running server."""
    url = f"sqlite:///{tmp_path / 'security.sqlite3'}"
    monkeypatch.setenv("CHATDOJO_DB", url)
    monkeypatch.setenv("CHATDOJO_TRAINER_KEY", TRAINER_KEY)
    monkeypatch.setattr(streams, "slots", streams.StreamSlots())
    learner_web.resume_limiter.reset()
    learner_web.new_limiter.reset()
    logs.install()
    started: list[tuple[asyncio.AbstractEventLoop, GuardedHTTPServer, Store]] = []

    def start(trusted: tuple[str, ...] = ("127.0.0.1",), **kw: Any) -> Guarded:
        store = open_store(url)
        port = free_port()
        ready = threading.Event()
        holder: dict[str, Any] = {}

        def run() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            app = tornado.web.Application(
                [
                    (r"/echo", Echo),
                    *learner_web.handlers("/"),
                    *room_handlers("/", "127.0.0.1", store=store, catalog=catalog),
                ]
            )
            server = GuardedHTTPServer(app, trusted_proxies=trusted, **kw)
            server.listen(port, "127.0.0.1")
            holder.update(loop=loop, server=server)
            ready.set()
            loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        assert ready.wait(10)
        started.append((holder["loop"], holder["server"], store))
        return Guarded(f"http://127.0.0.1:{port}", store, catalog, holder["server"], holder["loop"])

    yield start
    for loop, server, store in started:
        loop.call_soon_threadsafe(server.stop)
        loop.call_soon_threadsafe(loop.stop)
        store.close()
