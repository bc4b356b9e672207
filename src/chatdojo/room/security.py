"""Seats and guards of the live room: the shared cookie key, signed seats, a guess limiter."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque

from sqlalchemy.exc import IntegrityError
from tornado.web import create_signed_value, decode_signed_value

from chatdojo.store.db import Store
from chatdojo.store.models import RoomSecret

SEAT_DAYS = 2  # a seat cookie outlives a long training day, not a week
_secret_lock = threading.Lock()
_secrets: dict[str, bytes] = {}


def cached_secret(store: Store) -> bytes | None:
    """The key if this process already read it (no database round trip)."""
    return _secrets.get(store.url)


def cookie_secret(store: Store) -> bytes:
    """The key that signs seats, kept in the database so every process and restart agree."""
    with _secret_lock:
        cached = _secrets.get(store.url)
        if cached:
            return cached
        with store.read() as s:
            row = s.get(RoomSecret, "cookie")
            value = row.value if row else None
        if value is None:
            try:
                with store.write() as s:
                    s.add(RoomSecret(name="cookie", value=secrets.token_urlsafe(48)))
            except IntegrityError:  # another process created it first
                pass
            with store.read() as s:
                row = s.get(RoomSecret, "cookie")
                assert row is not None
                value = row.value
        _secrets[store.url] = value.encode("ascii")
        return _secrets[store.url]


def sign(secret: bytes, name: str, value: str) -> str:
    return create_signed_value(secret, name, value).decode("ascii")


def unsign(secret: bytes, name: str, value: str | None) -> str | None:
    if not value or len(value) > 512:
        return None
    raw = decode_signed_value(secret, name, value, max_age_days=SEAT_DAYS)
    return raw.decode("utf-8", "replace") if raw else None


class GuessLimiter:
    """At most ``limit`` failed join-code guesses per client address in ``window`` seconds.

    Only failures count, so a hall of phones behind one Wi-Fi address that type the
    right code is never slowed down.
    """

    def __init__(self, limit: int = 20, window: float = 60.0, max_clients: int = 10_000) -> None:
        self.limit, self.window, self.max_clients = limit, window, max_clients
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        fails = self._fails.get(client)
        if fails is None:
            if len(self._fails) >= self.max_clients:  # bounded memory under a spray of addresses
                self._fails.clear()
            fails = self._fails[client] = deque()
        while fails and fails[0] <= now - self.window:
            fails.popleft()
        return fails

    def blocked(self, client: str, now: float | None = None) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic() if now is None else now)) >= self.limit

    def failed(self, client: str, now: float | None = None) -> None:
        with self._lock:
            now = time.monotonic() if now is None else now
            self._recent(client, now).append(now)
