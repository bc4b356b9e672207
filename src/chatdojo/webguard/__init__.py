"""Server hardening for ``chatdojo serve``: frame guard, security headers, kernel close.

``harden_handlers`` swaps two of Voila's handlers for guarded subclasses; the headers
come from an application-wide output transform (``headers.SecurityHeaders``).
"""

from __future__ import annotations

from typing import Any

from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from chatdojo.webguard.headers import SecurityHeaders, content_security_policy
from chatdojo.webguard.kernel_socket import GuardedKernelWebsocketHandler

__all__ = [
    "GuardedKernelWebsocketHandler",
    "PageHandler",
    "SecurityHeaders",
    "content_security_policy",
    "harden_handlers",
]


class PageHandler(TornadoVoilaHandler):
    """Voila's page handler, also setting the ``_xsrf`` cookie.

    Voila's page script sends ``POST /voila/api/shutdown/<kernel>`` on unload with the
    ``_xsrf`` cookie's value, but nothing ever set that cookie, so the request failed
    with 403 and every closed tab kept its kernel (issue 9, item 7).
    """

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        await super().prepare(*args, **kwargs)
        self.xsrf_token  # noqa: B018 - reading it sets the cookie


_REPLACEMENTS: dict[type, type] = {
    VoilaKernelWebsocketHandler: GuardedKernelWebsocketHandler,
    TornadoVoilaHandler: PageHandler,
}


def harden_handlers(handlers: list) -> list:
    """Voila's handler list with the guarded classes in place of the originals."""
    hardened = []
    for spec in handlers:
        if isinstance(spec, tuple) and len(spec) >= 2 and spec[1] in _REPLACEMENTS:
            spec = (spec[0], _REPLACEMENTS[spec[1]], *spec[2:])
        hardened.append(spec)
    missing = set(_REPLACEMENTS) - {spec[1] for spec in handlers if isinstance(spec, tuple)}
    if missing:
        raise RuntimeError(f"Voila no longer registers {sorted(c.__name__ for c in missing)}")
    return hardened
