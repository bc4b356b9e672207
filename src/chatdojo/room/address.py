"""The address phones use to reach the room: configured, or this machine's LAN address.

The projector's join link and QR code are shared by every stream that shows them, so
they are never built from a request's ``Host`` header (anyone can send any ``Host``).
They come from ``--public-url`` / ``$CHATDOJO_PUBLIC_URL`` when set, else from the
address the server listens on: a wildcard (``0.0.0.0``, ``::``) is replaced by this
machine's first LAN address; a loopback address is kept but marked unreachable.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from chatdojo.store.links import clean_base_url

PUBLIC_URL_ENV = "CHATDOJO_PUBLIC_URL"
LEGACY_ENV = "CHATDOJO_BASE_URL"  # older name, still honoured
DETECT_SECONDS = 30.0  # how long a detected LAN address is reused (DNS lookups are slow)


@dataclass(frozen=True)
class PublicAddress:
    """Where phones should go, and why they might not get there (``problem``: a text key)."""

    url: str
    configured: bool
    problem: str = ""  # "" | "loopback" | "no_lan"


def network_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses (what phones on the same network can reach)."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    try:  # the address of the default route; a UDP "connect" sends nothing
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.254.254.254", 1))
            found.add(sock.getsockname()[0])
    except OSError:
        pass
    usable = []
    for a in found:
        ip = ipaddress.ip_address(a)
        if not (ip.is_loopback or ip.is_unspecified or ip.is_link_local):
            usable.append(a)
    return sorted(usable, key=lambda a: (not ipaddress.ip_address(a).is_private, a))


def loopback_only(listen_ip: str) -> bool:
    try:
        return ipaddress.ip_address(listen_ip or "127.0.0.1").is_loopback
    except ValueError:
        return listen_ip == "localhost"


def _wildcard(listen_ip: str) -> bool:
    return listen_ip in ("", "0.0.0.0", "::", "*")


def _host(ip: str) -> str:
    return f"[{ip}]" if ":" in ip else ip


_detected: tuple[float, list[str]] = (0.0, [])


def _lan() -> list[str]:
    global _detected
    when, found = _detected
    if time.monotonic() - when > DETECT_SECONDS or not when:
        found = network_addresses()
        _detected = (time.monotonic(), found)
    return found


def clean_public_url(text: str | None) -> str | None:
    """An http(s) address with a host and a valid port, without a trailing slash; else None."""
    url = clean_base_url(text)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    return url if parts.hostname else None


def configured_url(environ: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    for name in (PUBLIC_URL_ENV, LEGACY_ENV):
        url = clean_public_url(env.get(name, ""))
        if url:
            return url
    return None


def public_address(
    listen_ip: str, port: int, environ: Mapping[str, str] | None = None
) -> PublicAddress:
    """The base URL phones use (no trailing slash), never taken from a request."""
    url = configured_url(environ)
    if url:
        return PublicAddress(url, configured=True)
    suffix = "" if port in (0, 80) else f":{port}"
    if loopback_only(listen_ip) and not _wildcard(listen_ip):
        return PublicAddress(f"http://127.0.0.1{suffix}", False, "loopback")
    if _wildcard(listen_ip):
        lan = _lan()
        if not lan:
            return PublicAddress(f"http://127.0.0.1{suffix}", False, "no_lan")
        return PublicAddress(f"http://{_host(lan[0])}{suffix}", False)
    return PublicAddress(f"http://{_host(listen_ip)}{suffix}", False)


@lru_cache(maxsize=16)
def qr_svg(url: str, title: str) -> str:
    """The join QR code as inline SVG, drawn once per address (a new projector stream is free)."""
    import segno

    qr = segno.make(url, error="m")  # a viewBox, no fixed size: room.css sizes it to the screen
    return str(qr.svg_inline(scale=10, border=2, title=title, omitsize=True))
