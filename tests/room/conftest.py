"""A live room served by a bare Tornado application in a thread (no Voila, no kernel)."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import tornado.web
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from chatdojo.content.catalog import Catalog, load_catalog
from chatdojo.room import handlers
from chatdojo.room.options import to_opaque
from chatdojo.room.render import session_bank
from chatdojo.store import live
from chatdojo.store.db import Store, open_store

REPO = Path(__file__).resolve().parents[2]
QUIZ = "communication-method"
TRAINER_KEY = "room-test-trainer-key"


@pytest.fixture(autouse=True)
def _trainer_key(monkeypatch):
    """The key ``chatdojo serve`` would print (the room reads it from the environment)."""
    monkeypatch.setenv("CHATDOJO_TRAINER_KEY", TRAINER_KEY)


ROOMS: dict[str, RoomServer] = {}  # base URL -> running room (answer() looks ids up there)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RoomServer:
    base: str
    store: Store
    catalog: Catalog

    def create(self, *, paced: bool = True, count: int | None = 3, **kw) -> tuple[str, str]:
        """A session of ``count`` questions; returns (code, trainer token)."""
        from chatdojo.room.render import session_bank

        questions = session_bank(self.catalog, "default", QUIZ)
        chosen = live.pick_questions(questions, count=count, seed=7) if count else questions
        info, token = live.create_session(self.store, QUIZ, chosen, paced=paced, seed=11, **kw)
        return info.code, token

    def client(self, **kw) -> httpx.Client:
        return httpx.Client(base_url=self.base, follow_redirects=True, timeout=10, **kw)

    def console(self, **kw) -> httpx.Client:
        """A trainer's browser that opened serve's ``/room/new?trainer=KEY`` link."""
        client = self.client(**kw)
        res = client.get(f"/room/new?trainer={TRAINER_KEY}")
        assert res.status_code == 200 and "trainer=" not in str(res.url)
        return client


def serve(store: Store, catalog: Catalog, port: int) -> tuple[asyncio.AbstractEventLoop, object]:
    ready = threading.Event()
    holder: dict[str, object] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application(
            handlers("/", "127.0.0.1", store=store, catalog=catalog), xsrf_cookies=True
        )
        holder["server"] = app.listen(port, "127.0.0.1")
        holder["loop"] = loop
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    return holder["loop"], holder["server"]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO)


@pytest.fixture
def db_url(tmp_path) -> str:
    """A SQLite file in a folder of its own (``database_away`` moves that folder)."""
    return f"sqlite:///{tmp_path / 'db' / 'room.sqlite3'}"


def _room(url: str, catalog: Catalog) -> Iterator[RoomServer]:
    store = open_store(url)
    port = free_port()
    loop, server = serve(store, catalog, port)
    server_room = ROOMS[f"http://127.0.0.1:{port}"] = RoomServer(
        f"http://127.0.0.1:{port}", store, catalog
    )
    yield server_room
    ROOMS.pop(server_room.base, None)
    loop.call_soon_threadsafe(server.stop)  # type: ignore[attr-defined]
    loop.call_soon_threadsafe(loop.stop)
    store.close()


@pytest.fixture
def room(db_url, catalog) -> Iterator[RoomServer]:
    yield from _room(db_url, catalog)


@pytest.fixture
def shared_room(shared_db_url, catalog) -> Iterator[RoomServer]:
    """A room on SQLite and (when available) on PostgreSQL (``shared_db_url``: tests/conftest.py)."""
    yield from _room(shared_db_url, catalog)


def xsrf(client: httpx.Client, html: str) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', html) or re.search(
        r'data-xsrf="([^"]+)"', html
    )
    assert found, "page carries no XSRF token"
    return found.group(1)


def join(room: RoomServer, code: str, nickname: str, **kw) -> tuple[httpx.Client, httpx.Response]:
    """A phone that opens the join page and joins; returns its client and the final page."""
    phone = room.client(**kw)
    page = phone.get(f"/room/{code}")
    token = xsrf(phone, page.text)
    res = phone.post(f"/room/{code}/join", data={"nickname": nickname, "_xsrf": token})
    return phone, res


def events(stream: httpx.Response) -> Iterator[dict]:
    """The events of an open Server-Sent Events response, one at a time, as they arrive."""
    for line in stream.iter_lines():
        if line.startswith("data: "):
            yield json.loads(line[6:])


def event(client: httpx.Client, code: str, role: str = "phone", lang: str = "ja") -> dict:
    """The first event a stream sends on connection: the room's current state for this viewer."""
    with client.stream("GET", f"/room/{code}/events?as={role}&lang={lang}") as stream:
        for data in events(stream):
            return data
    raise AssertionError("the stream closed without an event")


@contextmanager
def database_away(room: RoomServer) -> Iterator[None]:
    """The room's SQLite database unreachable for a while, as a stopped database server is.

    Its folder is renamed and the pooled connections closed, so every new connection
    fails ("unable to open database file"); leaving the block puts the folder back.
    """
    folder = Path(make_url(room.store.url).database or "").parent
    away = folder.with_name(folder.name + "-away")
    folder.rename(away)
    room.store.engine.dispose()
    try:
        yield
    finally:
        away.rename(folder)


def answer(
    client: httpx.Client,
    code: str,
    qid: str,
    value,
    page_html: str | None = None,
    *,
    authored: bool = True,
):
    """POST an answer as the phone's script does (X-XSRFToken header, JSON body).

    ``value`` is in authored ids and sent as the room's opaque ids, as the phone's
    markup carries them (``authored=False``: sent as given).
    """
    html = page_html or client.get(f"/room/{code}").text
    room = ROOMS.get(str(client.base_url).rstrip("/"))
    if authored and room is not None:
        try:
            info = live.get_session(room.store, code)
        except (live.LiveError, SQLAlchemyError):  # no such room, or its database away
            info = None
    if authored and room is not None and info is not None:
        question = next(
            (q for q in session_bank(room.catalog, "default", info.quiz_id) if q.id == qid), None
        )
        if question is not None:
            value = to_opaque(info, question, value)
    return client.post(
        f"/room/{code}/answer",
        json={"q": qid, "a": value},
        headers={"X-XSRFToken": xsrf(client, html)},
    )


def act(client: httpx.Client, code: str, action: str, **extra):
    html = client.get(f"/room/{code}/trainer").text
    return client.post(
        f"/room/{code}/control",
        data={"action": action, **extra},
        headers={"X-XSRFToken": xsrf(client, html)},
    )


def trainer(room: RoomServer, code: str, token: str) -> httpx.Client:
    client = room.client()
    res = client.get(f"/room/{code}/trainer?token={token}")
    assert res.status_code == 200 and "token" not in str(res.url)
    return client


def event_until(client: httpx.Client, code: str, check, role: str = "phone", lang: str = "ja"):
    """The state once ``check(state)`` holds: the room reloads answers within about a second."""
    deadline = time.monotonic() + 5
    while True:
        state = event(client, code, role, lang)
        if check(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.2)
