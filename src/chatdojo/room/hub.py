"""One poller per room per server process, fanning changes out to that room's streams.

The database holds the state. A :class:`Room` exists while at least one stream of
this process watches it: it reads the room's fingerprint (version, participants,
answers) every ``POLL`` seconds, reloads the snapshot when it changed, and wakes
its own listeners only. Two processes on one database each poll once per room.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from chatdojo.content.catalog import Catalog
from chatdojo.room.render import Frame
from chatdojo.store import live
from chatdojo.store.db import Store

log = logging.getLogger("chatdojo.room")

POLL = 0.25  # seconds between fingerprint reads of one room
RELOAD_EVERY = 0.75  # answers alone reload the snapshot at most this often
KEEPALIVE = 15.0


class Room:
    def __init__(self, hub: Hub, code: str) -> None:
        self.hub, self.code = hub, code
        self.frame: Frame | None = None
        self.error = False  # the database did not answer on the last poll
        self.listeners = 0
        self.changed = asyncio.Event()
        self._fingerprint: tuple[int, int, int] | None = None
        self._loaded_at = 0.0
        self._task: asyncio.Task[None] | None = None
        self._seq = 0

    def _publish(self) -> None:
        self.changed.set()
        self.changed = asyncio.Event()

    async def refresh(self, force: bool = False) -> None:
        """Poll once; reload and wake listeners when something changed."""
        try:
            fp = await self.hub.run(live.fingerprint, self.hub.store(), self.code)
            stale = fp != self._fingerprint
            version_moved = self._fingerprint is None or fp[0] != self._fingerprint[0]
            throttled = time.monotonic() - self._loaded_at < RELOAD_EVERY
            if force or (stale and (version_moved or not throttled)) or self.frame is None:
                snap = await self.hub.run(live.snapshot, self.hub.store(), self.code)
                self._seq += 1
                self.frame = Frame(snap, self.hub.catalog(), self.hub.profile_id, self._seq)
                self._fingerprint, self._loaded_at = fp, time.monotonic()
                self.error = False
                self._publish()
            elif self.error:
                self.error = False
                self._publish()
        except (SQLAlchemyError, OSError) as exc:
            if not self.error:
                log.warning("room %s: database unavailable: %s", self.code, exc)
                self.error = True
                self._publish()

    async def _loop(self) -> None:
        try:
            while self.listeners > 0:
                await self.refresh()
                await asyncio.sleep(POLL)
        finally:
            self._task = None
            if self.listeners <= 0:
                self.hub.rooms.pop(self.code, None)

    def join(self) -> None:
        self.listeners += 1
        if self._task is None:
            self._task = asyncio.ensure_future(self._loop())

    def leave(self) -> None:
        self.listeners -= 1

    async def wait(self, timeout: float = KEEPALIVE) -> bool:
        """Until the next change (True) or the keep-alive timeout (False)."""
        try:
            await asyncio.wait_for(asyncio.shield(self.changed.wait()), timeout)
            return True
        except TimeoutError:
            return False


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

    def room(self, code: str) -> Room:
        room = self.rooms.get(code)
        if room is None:
            room = self.rooms[code] = Room(self, code)
        return room

    async def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A blocking store call on a worker thread, so the event loop keeps serving."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, lambda: fn(*args, **kwargs))

    async def nudge(self, code: str) -> None:
        """After this process changed a room: poll it now rather than at the next tick."""
        room = self.rooms.get(code)
        if room is not None:
            await room.refresh(force=True)
