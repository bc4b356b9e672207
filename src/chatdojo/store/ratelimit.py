"""Limits on guessing: failed tries per client, per code and overall, in one process.

Built on the ``limits`` package (moving windows in memory). Only *failures*
count, so a learner who types the right code is never slowed down, but
``blocked`` is asked before every lookup so a guesser stays blocked until the
window has room again. ``blocked`` answers how many seconds to wait, for a
"wait N seconds" message.

Where it runs decides what "overall" means. The server process sees every
client (its IP address) and every kernel: the learner cookie handler
(``chatdojo.learner_web``) limits per client, per code and server-wide. A
Voila kernel serves one page and knows no IP address: its limiter (the
``kernel_limiter`` of this module) bounds the guesses made from that page.
The live room (``chatdojo.room``) limits wrong join codes per client with ``JOIN_RULES``.

"Client" is the real client's address: behind a reverse proxy only when the proxy is
configured as trusted (``chatdojo serve --trusted-proxy``, see ``webguard.netserver``),
else every client would share the proxy's address and one guesser would block them all.
Requests carrying a valid seat, trainer or learner cookie are never stopped by these
limits (``room.base.RoomHandler.vouched``, ``learner_web``).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Mapping

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


def per(amount: int, seconds: int) -> RateLimitItem:
    """``amount`` failures allowed in any window of ``seconds``."""
    return RateLimitItemPerSecond(amount, seconds)


class GuessLimiter:
    """Failed guesses counted per kind of key (``client``, ``code``, ``all``…) in moving windows."""

    def __init__(self, rules: Mapping[str, RateLimitItem], namespace: str = "guess") -> None:
        self.rules = dict(rules)
        self.namespace = namespace
        self._storage = MemoryStorage()
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._lock = threading.Lock()

    def _keys(
        self, keys: Mapping[str, str], everyone: bool = True
    ) -> list[tuple[RateLimitItem, str]]:
        return [
            (item, f"{kind}:{keys.get(kind, '')}")
            for kind, item in self.rules.items()
            if (kind == "all" and everyone) or (kind != "all" and keys.get(kind))
        ]

    def blocked(self, everyone: bool = True, **keys: str) -> int:
        """Seconds to wait before the next try (0: go ahead).

        ``everyone=False`` leaves out the server-wide rule: for a client known not to be
        guessing (a valid learner cookie), whom others' failures must not block.
        """
        wait = 0.0
        now = time.time()
        with self._lock:
            for item, key in self._keys(keys, everyone):
                if not self._limiter.test(item, self.namespace, key):
                    reset, _remaining = self._limiter.get_window_stats(item, self.namespace, key)
                    wait = max(wait, reset - now, 1.0)
        return math.ceil(wait) if wait else 0

    def failed(self, **keys: str) -> None:
        """Count one failed try against every rule that has a key."""
        with self._lock:
            for item, key in self._keys(keys):
                self._limiter.hit(item, self.namespace, key)

    def reset(self) -> None:
        with self._lock:
            self._storage.reset()


# Resume codes typed into the server's form: a person mistypes a few times; a guesser
# gets ~1 try a minute per address and ~20 a minute server-wide.
RESUME_RULES = {"client": per(10, 600), "code": per(5, 600), "all": per(200, 600)}
# Join codes of the live room: a hall behind one Wi-Fi address types the right code; only
# wrong codes count, 20 a minute per address.
JOIN_RULES = {"client": per(20, 60)}
# Inside one page's kernel (no IP address): a few tries per page, then wait.
KERNEL_RULES = {"page": per(5, 300), "code": per(3, 300)}

_kernel: GuessLimiter | None = None


def kernel_limiter() -> GuessLimiter:
    """This process's limiter for resume codes typed into a page (one per kernel)."""
    global _kernel
    if _kernel is None:
        _kernel = GuessLimiter(KERNEL_RULES, "resume-page")
    return _kernel
