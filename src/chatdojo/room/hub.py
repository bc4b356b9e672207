"""One poller per server process, fanning each room's changes out to that room's streams.

The database holds the state. A :class:`Room` exists while at least one stream of
this process watches it. Every ``POLL`` seconds the hub reads the fingerprints
(version, participants, answers) of all watched rooms in one query; a room whose
fingerprint moved reloads its snapshot and wakes its own listeners only. Two
processes on one database each poll once per tick, whatever the number of rooms:
this poll is how a change made by one process reaches the phones of another.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from chatdojo.content.catalog import Catalog
from chatdojo.room.render import Frame, session_bank
from chatdojo.store import codes, live
from chatdojo.store.db import Store

log = logging.getLogger("chatdojo.room")

POLL = 0.25  # seconds between fingerprint reads of one room
RELOAD_EVERY = 0.75  # answers alone reload the snapshot at most this often
KEEPALIVE = 15.0
# The room's own database threads: writes are grouped (see GroupCommit), so a few suffice,
# and SQLite has one writer anyway; named so a profile shows them apart from Voila's.
_DB_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="room-db")


class Room:
    def __init__(self, hub: Hub, code: str) -> None:
        self.hub, self.code = hub, code
        self.frame: Frame | None = None
        self.error = False  # the database did not answer on the last poll
        self.listeners = 0
        self.changed = asyncio.Event()
        self._fingerprint: tuple[int, int, int] | None = None
        self._loaded_at = 0.0
        self._seq = 0
        self.checked_at = 0.0  # when the database last answered this room's poll
        self.seats: dict[str, live.ParticipantInfo] = {}  # token hash -> seat, as last read

    def _publish(self) -> None:
        self.changed.set()
        self.changed = asyncio.Event()

    async def refresh(self, force: bool = False, fp: tuple[int, int, int] | None = None) -> None:
        """Poll once (or use ``fp``, read with the other rooms); reload and wake listeners
        when something changed."""
        try:
            if fp is None:
                fp = await self.hub.run(live.fingerprint, self.hub.store(), self.code)
            self.checked_at = time.monotonic()
            stale = fp != self._fingerprint
            version_moved = self._fingerprint is None or fp[0] != self._fingerprint[0]
            throttled = time.monotonic() - self._loaded_at < RELOAD_EVERY
            if force or (stale and (version_moved or not throttled)) or self.frame is None:
                snap = await self.hub.run(live.snapshot, self.hub.store(), self.code)
                self._seq += 1
                bank = self.hub.questions(snap.session.quiz_id)
                self.frame = Frame(snap, self.hub.catalog(), self.hub.profile_id, self._seq, bank)
                self.seats = {p.token_hash: p for p in snap.participants}
                self._fingerprint, self._loaded_at = fp, time.monotonic()
                self.error = False
                self._publish()
            elif self.error:
                self.error = False
                self._publish()
        except (SQLAlchemyError, OSError) as exc:
            self.database_away(exc)

    def database_away(self, exc: BaseException) -> None:
        if not self.error:
            log.warning("room %s: database unavailable: %s", self.code, exc)
            self.error = True
            self._publish()

    def join(self) -> None:
        self.listeners += 1
        self.hub.watch()

    def leave(self) -> None:
        self.listeners -= 1

    async def wait(self, timeout: float = KEEPALIVE) -> bool:
        """Until the next change (True) or the keep-alive timeout (False).

        Not ``wait_for(shield(...))``: the shielded inner wait outlived each timeout, one
        pending task per idle stream every 15 s until the room next changed (issue 22,
        item 11). Cancelling ``Event.wait()`` itself is safe: nothing else awaits it.
        """
        try:
            async with asyncio.timeout(timeout):
                await self.changed.wait()
            return True
        except TimeoutError:
            return False


class GroupCommit:
    """Writes of one kind arriving together are stored together, by one writer per process.

    A hall joins within seconds and answers within the same second; one write
    transaction per request (or several writers in parallel) would queue behind
    SQLite's single writer and cost a thread hand-off each. Here one coroutine writes
    whatever has arrived, room by room, with one call of ``write(store, code, items)``
    each (one transaction), then looks again: group commit. ``write`` returns one
    result per item, an exception instance for an item it refused; each caller gets
    its own.
    """

    WINDOW = 0.02
    MAX_BATCH = 500

    def __init__(self, hub: Hub, write: Callable[[Store, str, list[Any]], list[Any]]) -> None:
        self.hub, self.write = hub, write
        self.pending: dict[str, list[tuple[Any, asyncio.Future[Any]]]] = {}
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, code: str, item: Any) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending.setdefault(code, []).append((item, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.ensure_future(self._write())
        return await future

    async def _write(self) -> None:
        await asyncio.sleep(self.WINDOW)  # let the requests of this instant gather
        while self.pending:
            code = next(iter(self.pending))
            batch = self.pending[code][: self.MAX_BATCH]
            rest = self.pending[code][self.MAX_BATCH :]
            if rest:
                self.pending[code] = rest
            else:
                del self.pending[code]
            await self._flush(code, batch)

    async def _flush(self, code: str, batch: list[tuple[Any, asyncio.Future[Any]]]) -> None:
        items = [item for item, _f in batch]
        try:
            results = await self.hub.run(self.write, self.hub.store(), code, items)
        except Exception as exc:  # the database is away: every waiting phone hears about it
            results = [exc] * len(batch)
        for (_item, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, BaseException):
                future.set_exception(result)
            else:
                future.set_result(result)


def throttled(load: Callable[[], Any], every: float = 2.0) -> Callable[[], Any]:
    """``load()`` at most once per ``every`` seconds; the last result in between.

    The catalogue loader checks every content file's size and time (~10 ms): right for a
    page that opens once, too dear for each of a thousand answers arriving in a second.
    An edited content file still reaches the room within ``every`` seconds.
    """
    kept: list[Any] = []
    at = [0.0]

    def get() -> Any:
        now = time.monotonic()
        if not kept or now - at[0] >= every:
            value = load()
            kept[:] = [value]
            at[0] = now
        return kept[0]

    return get


class Hub:
    """This process's rooms; the store and catalog are opened lazily."""

    def __init__(
        self,
        store: Callable[[], Store],
        catalog: Callable[[], Catalog],
        profile_id: str,
    ) -> None:
        self.store, self.catalog, self.profile_id = store, catalog, profile_id
        self.rooms: dict[str, Room] = {}
        self.answers = GroupCommit(self, live.submit_many)  # items: (token, question, raw)
        self.joins = GroupCommit(self, live.join_many)  # items: nicknames
        self._questions: dict[tuple[int, str], dict[str, Any]] = {}
        self.pages: dict[tuple[Any, ...], str] = {}  # pages shared by every phone (join form)
        self._joined: dict[tuple[str, str], tuple[float, live.ParticipantInfo]] = {}
        self._poller: asyncio.Task[None] | None = None

    def watch(self) -> None:
        """Make sure the poller runs (a stream has started watching a room)."""
        if self._poller is None or self._poller.done():
            self._poller = asyncio.ensure_future(self._poll())

    async def _poll(self) -> None:
        """Every ``POLL`` s: one fingerprint read for every watched room, then the rooms that
        moved reload; ends when no stream of this process watches any room."""
        while True:
            for code in [c for c, r in self.rooms.items() if r.listeners <= 0]:
                del self.rooms[code]
            watched = dict(self.rooms)
            if not watched:
                return
            try:
                found = await self.run(live.fingerprints, self.store(), list(watched))
            except (SQLAlchemyError, OSError) as exc:
                for room in watched.values():
                    room.database_away(exc)
            else:
                await asyncio.gather(
                    *(
                        room.refresh(fp=found[code])
                        for code, room in watched.items()
                        if code in found
                    )
                )
            await asyncio.sleep(POLL)

    def room(self, code: str) -> Room:
        room = self.rooms.get(code)
        if room is None:
            room = self.rooms[code] = Room(self, code)
        return room

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A blocking store call on a worker thread, so the event loop keeps serving."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_DB_THREADS, lambda: fn(*args, **kwargs))

    def questions(self, quiz_id: str) -> dict[str, Any]:
        """A bank's questions under the server's profile by id, kept while the catalog is."""
        catalog = self.catalog()
        key = (id(catalog), quiz_id)
        cached = self._questions.get(key)
        if cached is None:
            if len(self._questions) > 64:
                self._questions.clear()
            cached = {q.id: q for q in session_bank(catalog, self.profile_id, quiz_id)}
            self._questions[key] = cached
        return cached

    def fresh_session(self, code: str, max_age: float = 10.0) -> live.SessionInfo | None:
        """The session as this process polled it less than ``max_age`` seconds ago, if it did."""
        room = self.rooms.get(code)
        if room is None or room.frame is None or room.error:
            return None
        if time.monotonic() - room.checked_at > max_age:
            return None
        return room.frame.session

    def remember_seat(self, code: str, token: str, person: live.ParticipantInfo) -> None:
        """A seat this process just gave out, until the room's next snapshot includes it."""
        if len(self._joined) > 5000:
            self._joined.clear()
        self._joined[(code, codes.digest(token))] = (time.monotonic(), person)

    def known_seat(self, code: str, token: str) -> live.ParticipantInfo | None:
        """The seat holding ``token`` as this process knows it, without a database read.

        From the room's snapshot while it is polled (at most ``max_age`` old, so a removal
        by the trainer is seen), else from a join handled here in the last 30 s; None
        when this process cannot vouch for it: the caller then asks the database.
        """
        digest = codes.digest(token)
        room = self.rooms.get(code)
        if self.fresh_session(code) is not None and room is not None:
            seat = room.seats.get(digest)
            if seat is not None:
                return seat
        joined = self._joined.get((code, digest))
        if joined is not None and time.monotonic() - joined[0] < 30:
            return joined[1]
        return None

    async def nudge(self, code: str) -> None:
        """After this process changed a room: poll it now rather than at the next tick."""
        room = self.rooms.get(code)
        if room is not None:
            await room.refresh(force=True)
