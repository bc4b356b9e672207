"""Seats of the live room: the shared cookie key and signed seats.

Wrong join codes are limited by ``chatdojo.store.ratelimit`` (``JOIN_RULES``).
"""

from __future__ import annotations

import secrets
import threading

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
