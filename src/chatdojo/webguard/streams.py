"""Caps on long-lived responses (the room's event streams): overall and per client address.

Each open event stream holds a connection, a file descriptor and a little memory for as
long as the phone stays (issue 22, item 2). Above either cap the request gets ``503`` with
``Retry-After``; the room's script opens a fresh stream every 2.5 s while it has none.
"""

from __future__ import annotations

import os
import threading
from collections import Counter

GLOBAL_ENV = "CHATDOJO_MAX_STREAMS"
PER_ADDRESS_ENV = "CHATDOJO_MAX_STREAMS_PER_ADDRESS"
# A hall of phones behind one Wi-Fi router shares one address: the per-address cap must let
# a whole room in. The global cap follows the descriptor limit (see ``configure``).
DEFAULT_PER_ADDRESS = 1000
DEFAULT_GLOBAL = 5000
RETRY_AFTER = 5


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if text.isdigit() and 0 < int(text) <= 1_000_000:
        return int(text)
    return default


class StreamSlots:
    """Counts open streams; ``take`` says whether one more may open."""

    def __init__(self, total: int = DEFAULT_GLOBAL, per_address: int = DEFAULT_PER_ADDRESS):
        self.total, self.per_address = total, per_address
        self._open: Counter[str] = Counter()
        self._count = 0
        self._lock = threading.Lock()

    def take(self, address: str) -> bool:
        with self._lock:
            if self._count >= self.total or self._open[address] >= self.per_address:
                return False
            self._open[address] += 1
            self._count += 1
            return True

    def give(self, address: str) -> None:
        with self._lock:
            if self._open[address] <= 0:
                return
            self._open[address] -= 1
            self._count -= 1
            if not self._open[address]:
                del self._open[address]

    @property
    def count(self) -> int:
        return self._count


slots = StreamSlots(
    _env_int(GLOBAL_ENV, DEFAULT_GLOBAL), _env_int(PER_ADDRESS_ENV, DEFAULT_PER_ADDRESS)
)


def configure(max_connections: int) -> None:
    """Fit the global cap under the server's connection cap, leaving a quarter for pages."""
    fitted = max(32, max_connections * 3 // 4)
    slots.total = _env_int(GLOBAL_ENV, min(DEFAULT_GLOBAL, fitted))


BUSY_MESSAGE = {
    "ja": "接続が混み合っています。数秒後に自動でつながり直します。",
    "en": "The server is busy. This page reconnects by itself in a few seconds.",
}
