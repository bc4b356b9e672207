"""Server hardening for ``chatdojo serve``: frame guard, security headers, kernel close.

``harden_handlers`` swaps two of Voila's handlers for guarded subclasses; the headers
come from an application-wide output transform (``headers.SecurityHeaders``).
"""

from __future__ import annotations

import re
from typing import Any

import tornado.web
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from chatdojo.webguard import kernels
from chatdojo.webguard.headers import SecureCookies, SecurityHeaders, content_security_policy
from chatdojo.webguard.kernel_socket import GuardedKernelWebsocketHandler

__all__ = [
    "GuardedKernelWebsocketHandler",
    "PageHandler",
    "SecureCookies",
    "SecurityHeaders",
    "content_security_policy",
    "harden_handlers",
]


class PageHandler(SecureCookies, TornadoVoilaHandler):
    """Voila's page handler, also setting the ``_xsrf`` cookie.

    Voila's page script sends ``POST /voila/api/shutdown/<kernel>`` on unload with the
    ``_xsrf`` cookie's value, but nothing ever set that cookie, so the request failed
    with 403 and every closed tab kept its kernel (issue 9, item 7).
    """

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        await super().prepare(*args, **kwargs)  # type: ignore[misc]  # Voila's is async
        self.xsrf_token  # noqa: B018 - reading it sets the cookie

    async def get(self, path: str | None = None) -> None:
        """Voila's page, unless this address already has too many kernels starting.

        Kernels started for the page are noted (``kernels.watch``): one whose websocket
        never opens is shut down within a minute (issue 22, item 8).
        """
        address = self.request.remote_ip or "?"
        if kernels.watch.full(address):
            self.set_status(429)
            self.set_header("Retry-After", str(kernels.RETRY_AFTER))
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(kernels.BUSY_PAGE.format(wait=kernels.RETRY_AFTER))
            return
        token = kernels.watch.page_started(address)
        try:
            await super().get(path)  # type: ignore[misc]  # Voila's is async
        finally:
            kernels.watch.page_sent(token)


_TEMPLATE_STATIC = re.compile(r"^[A-Za-z0-9_.-]{1,64}/static/[A-Za-z0-9_./@+-]{1,300}$")


class TemplateStatic(TemplateStaticFileHandler):
    """Voila's template assets; an odd path is a 404, not a 500 and a traceback.

    Voila splits the path into ``template/static/file`` with tuple unpacking and
    ``assert`` (issue 22, item 12): ``static/``, ``..%2f`` or a NUL raised there.
    """

    def parse_url_path(self, path: str) -> str:
        if not _TEMPLATE_STATIC.match(path or "") or ".." in path.split("/"):
            raise tornado.web.HTTPError(404)
        result: str = super().parse_url_path(path)
        return result

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        try:
            result: str = super().get_absolute_path(root, path)
        except (ValueError, AssertionError):
            raise tornado.web.HTTPError(404) from None
        return result


_REPLACEMENTS: dict[type, type] = {
    TemplateStaticFileHandler: TemplateStatic,
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
