"""Kernels started for pages whose browser never connects: counted per address, culled.

Each page load starts a kernel (~100 MiB, 2.7 CPU-s). A client that fetches pages but
never opens their kernel websocket (a script guessing ``?learner=`` codes) left each
kernel running for the 15-minute idle cull: 30 guesses in 66 s cost 3 GB (issue 22,
item 8). Here

* every kernel a page starts is noted with the client's address (``started``), through a
  context variable set by the page handler around Voila's rendering;
* a kernel whose websocket has not opened ``GRACE`` seconds after its page was sent is
  shut down (``cull``, run every ``CHECK_EVERY`` seconds by the server);
* an address with ``cap`` pages rendering or kernels not yet connected gets a short
  "wait" page (429) instead of another kernel.

Preheated pool kernels are started outside any page request and are never noted.
"""

from __future__ import annotations

import contextvars
import logging
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("chatdojo.webguard")

# Seconds after its page was sent for the kernel websocket to open. 45 s culled real pages
# when 30 opened together on two cores (their browsers needed ~60 s to load the page's
# scripts); the per-address cap, not this, bounds what a script can hold, and a longer
# grace only slows its churn (each kernel start costs ~2.7 CPU-s).
GRACE = 120.0
GRACE_ENV = "CHATDOJO_KERNEL_GRACE"  # seconds, 5 to 3600
CHECK_EVERY = 5.0
CAP_ENV = "CHATDOJO_KERNELS_PER_ADDRESS"
DEFAULT_CAP = 12  # pages starting at once from one address (a hall shares one router)
RETRY_AFTER = 10


@dataclass
class _PageStart:
    address: str
    kernels: list[str] = field(default_factory=list)


_page: contextvars.ContextVar[_PageStart | None] = contextvars.ContextVar(
    "chatdojo_page", default=None
)


def _grace_from_env() -> float:
    text = os.environ.get(GRACE_ENV, "").strip()
    return float(text) if text.isdigit() and 5 <= int(text) <= 3600 else GRACE


def _cap_from_env() -> int:
    text = os.environ.get(CAP_ENV, "").strip()
    return int(text) if text.isdigit() and 0 < int(text) <= 10_000 else DEFAULT_CAP


class KernelWatch:
    """Kernels started by page requests and not (yet) connected, per client address."""

    def __init__(self, cap: int | None = None, grace: float | None = None) -> None:
        self.cap = cap if cap is not None else _cap_from_env()
        self.grace = grace if grace is not None else _grace_from_env()
        self.rendering: Counter[str] = Counter()
        self.unconnected: dict[str, tuple[str, float]] = {}  # kernel id -> (address, since)
        self.connected: set[str] = set()
        self.culled = 0

    def pending(self, address: str) -> int:
        waiting = sum(1 for a, _since in self.unconnected.values() if a == address)
        return self.rendering[address] + waiting

    def full(self, address: str) -> bool:
        return self.pending(address) >= self.cap

    def page_started(self, address: str) -> contextvars.Token[_PageStart | None]:
        self.rendering[address] += 1
        return _page.set(_PageStart(address))

    def page_sent(self, token: contextvars.Token[_PageStart | None]) -> None:
        start = _page.get()
        _page.reset(token)
        if start is None:
            return
        self.rendering[start.address] -= 1
        if self.rendering[start.address] <= 0:
            del self.rendering[start.address]
        now = time.monotonic()
        for kernel_id in start.kernels:
            if kernel_id not in self.connected:
                self.unconnected[kernel_id] = (start.address, now)

    def started(self, kernel_id: str | None) -> None:
        """A kernel given to the page being rendered in this context (if any)."""
        start = _page.get()
        if start is not None and kernel_id:
            start.kernels.append(str(kernel_id))

    def opened(self, kernel_id: str) -> None:
        """The page's websocket reached its kernel: an ordinary kernel from now on."""
        self.unconnected.pop(kernel_id, None)
        if len(self.connected) > 20_000:
            self.connected.clear()
        self.connected.add(kernel_id)

    def stale(self, now: float | None = None) -> list[str]:
        now = time.monotonic() if now is None else now
        return [k for k, (_a, since) in self.unconnected.items() if now - since >= self.grace]

    async def cull(self, kernel_manager: Any) -> int:
        """Shut down kernels never connected within the grace period; how many."""
        known = set(kernel_manager.list_kernel_ids())
        count = 0
        for kernel_id in self.stale():
            self.unconnected.pop(kernel_id, None)
            if kernel_id not in known:
                continue  # its page's unload already shut it down
            try:
                await kernel_manager.shutdown_kernel(kernel_id)
                count += 1
            except Exception as exc:  # already gone, or the kernel would not stop
                log.warning("kernel %s: cull failed: %s", kernel_id[:8], type(exc).__name__)
        for kernel_id in [k for k in self.unconnected if k not in known]:
            self.unconnected.pop(kernel_id, None)
        if count:
            self.culled += count
            log.info("culled %d kernel(s) whose page never connected", count)
        return count

    def watch(self, kernel_manager: Any) -> None:
        """Wrap the manager's kernel starts so each is noted against its page's client."""
        start_kernel = kernel_manager.start_kernel
        get_rendered = getattr(kernel_manager, "get_rendered_notebook", None)

        async def noted_start(*args: Any, **kwargs: Any) -> Any:
            kernel_id = start_kernel(*args, **kwargs)
            if hasattr(kernel_id, "__await__"):
                kernel_id = await kernel_id
            self.started(kernel_id)
            return kernel_id

        kernel_manager.start_kernel = noted_start
        if get_rendered is not None:

            async def noted_rendered(*args: Any, **kwargs: Any) -> Any:
                # The pool refills itself in tasks created in here; they copy this context
                # and must not see the page (their kernels belong to the pool, not to it).
                token = _page.set(None)
                try:
                    result = await get_rendered(*args, **kwargs)
                finally:
                    _page.reset(token)
                self.started(result[2] if isinstance(result, tuple) else None)
                return result

            kernel_manager.get_rendered_notebook = noted_rendered


watch = KernelWatch()

BUSY_PAGE = """<!doctype html><html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>ChatDojo</title>
<meta http-equiv="refresh" content="{wait}">
</head><body><main><h1>少しお待ちください / Please wait</h1>
<p lang="ja">この端末（アドレス）から開いているページが多すぎます。使っていないタブを閉じて、
{wait}秒ほどお待ちください（自動で読み込み直します）。</p>
<p lang="en">Too many pages are starting from this device (address). Close tabs you do not
use and wait about {wait} seconds: this page reloads by itself.</p></main></body></html>"""
