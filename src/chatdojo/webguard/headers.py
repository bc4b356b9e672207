"""Security headers on every response the server sends, whatever handler made it.

A Tornado output transform runs for every handler of the application (Voila's pages,
static files, error pages, and handlers added later, such as the live room's), so no
handler has to remember these headers. See docs/security.md for why each CSP source
is there.
"""

from __future__ import annotations

import re

import tornado.httputil
from tornado.web import OutputTransform

# Only this host:port form is echoed into connect-src (the Host header is client input).
_HOST = re.compile(r"^[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?$")


def content_security_policy(host: str | None = None) -> str:
    """Only the server's own origin; inline code and eval only because Voila's pages need them."""
    connect = ["'self'"]
    if host and _HOST.match(host):
        # CSP level 3 lets 'self' cover ws:/wss: to the same host; older Safari needs them named.
        connect += [f"ws://{host}", f"wss://{host}"]
    return "; ".join(
        [
            "default-src 'self'",
            # Voila writes inline <script> blocks (page set-up, one per cell) and its
            # widget manager compiles JSON schemas with Function().
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            # Widgets set style="" attributes and our pages ship a <style> block.
            "style-src 'self' 'unsafe-inline'",
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

    def transform_first_chunk(
        self,
        status_code: int,
        headers: tornado.httputil.HTTPHeaders,
        chunk: bytes,
        finishing: bool,
    ) -> tuple[int, tornado.httputil.HTTPHeaders, bytes]:
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        headers["Content-Security-Policy"] = content_security_policy(self._host)
        return status_code, headers, chunk
