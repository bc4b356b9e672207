"""URLs of the live pages, for the projector, the QR code and ``chatdojo session create``."""

from __future__ import annotations

import os
from urllib.parse import quote, urlencode, urlsplit

DEFAULT_BASE_URL = "http://127.0.0.1:8866"
RENDER_PATH = "/voila/render/"
ROOM_PATH = "/room/"


def request_base_url() -> str:
    """The server address as the current page request saw it (``$CHATDOJO_BASE_URL`` wins).

    Voila tells the kernel the host it was reached at; a trainer who opened the
    page as ``localhost`` still has to type the address phones can reach.
    """
    explicit = os.environ.get("CHATDOJO_BASE_URL", "").strip()
    if explicit:
        return explicit.rstrip("/")
    request = os.environ.get("VOILA_REQUEST_URL", "")
    if request:
        parts = urlsplit(request)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    host = os.environ.get("SERVER_NAME", "")
    if host:
        port = os.environ.get("SERVER_PORT", "")
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}" if port else f"http://{host}"
    return DEFAULT_BASE_URL


def clean_base_url(text: str | None) -> str | None:
    """An http(s) origin typed by the trainer, or None when it is not one."""
    text = (text or "").strip().rstrip("/")
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c in text for c in " \"'<>")
    ):
        return None
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def join_url(base: str, code: str) -> str:
    """The phone page (served by the ChatDojo process itself, no kernel)."""
    return f"{base.rstrip('/')}{ROOM_PATH}{quote(code)}"


def screen_url(base: str, code: str) -> str:
    """The projector page: never carries the trainer token."""
    return f"{join_url(base, code)}/screen"


def dashboard_url(base: str, code: str, token: str) -> str:
    """The trainer console; it moves the token into a cookie and drops it from the address."""
    return f"{join_url(base, code)}/trainer?{urlencode({'token': token})}"
