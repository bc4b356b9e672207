"""Security headers on every response the server sends, whatever handler made it.

A Tornado output transform runs for every handler of the application (Voila's pages,
static files, error pages, and handlers added later, such as the live room's), so no
handler has to remember these headers. See docs/security.md for why each CSP source
is there.
"""

from __future__ import annotations

import re
from typing import Any

import tornado.httputil
import tornado.web
from tornado.web import OutputTransform

VOILA_PREFIX = "/voila/"  # Voila's pages, assets and error pages: the only inline code
# Only this host:port form is echoed into connect-src (the Host header is client input).
_HOST = re.compile(r"^[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?$")


def content_security_policy(host: str | None = None, voila_page: bool = True) -> str:
    """Only the server's own origin; inline scripts and styles only where Voila needs them.

    ``voila_page=False`` (every path outside ``/voila/``: the live room, redirects, the
    kernel API) allows no inline code at all.
    """
    connect = ["'self'"]
    if host and _HOST.match(host):
        # CSP level 3 lets 'self' cover ws:/wss: to the same host; older Safari needs them named.
        connect += [f"ws://{host}", f"wss://{host}"]
    inline = " 'unsafe-inline'" if voila_page else ""
    return "; ".join(
        [
            "default-src 'self'",
            # Voila writes inline <script> blocks (page set-up, one per cell). No
            # 'unsafe-eval': every page renders without it (tests/e2e/test_no_other_hosts.py).
            "script-src 'self'" + inline,
            # Widgets set style="" attributes and our pages ship a <style> block.
            "style-src 'self'" + inline,
            # Charts and the Image widget arrive as data: and blob: URLs from the kernel.
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src " + " ".join(connect),
            "media-src 'self' data: blob:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders(OutputTransform):
    """Adds ``SECURITY_HEADERS`` and the CSP to the first chunk of every response."""

    def __init__(self, request: tornado.httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self._host = request.host
        self._voila = request.path.startswith(VOILA_PREFIX)

    def transform_first_chunk(
        self,
        status_code: int,
        headers: tornado.httputil.HTTPHeaders,
        chunk: bytes,
        finishing: bool,
    ) -> tuple[int, tornado.httputil.HTTPHeaders, bytes]:
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        headers["Content-Security-Policy"] = content_security_policy(self._host, self._voila)
        return status_code, headers, chunk


class SecureCookies(tornado.web.RequestHandler):
    """Every cookie ``Secure`` when the request came over TLS (issue 22, item 13).

    Directly, or through a trusted proxy saying ``X-Forwarded-Proto: https`` (see
    ``webguard.netserver``). Tornado adds cookies after output transforms run, so this
    is a base class for the handlers that set cookies, not part of ``SecurityHeaders``.
    """

    def set_cookie(self, name: str, value: str | bytes, *args: Any, **kwargs: Any) -> None:
        if self.request.protocol == "https":
            kwargs["secure"] = True
        super().set_cookie(name, value, *args, **kwargs)
