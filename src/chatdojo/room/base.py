"""The handler every room page derives from: language, headers, bounded input, kind errors."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode

import tornado.web

from chatdojo.i18n import normalize_lang
from chatdojo.room import security
from chatdojo.room.address import PublicAddress, public_address
from chatdojo.room.hub import Hub
from chatdojo.room.templating import render
from chatdojo.room.text import tr
from chatdojo.store.codes import normalize_code
from chatdojo.store.ratelimit import GuessLimiter
from chatdojo.webguard import streams
from chatdojo.webguard.headers import SecureCookies
from chatdojo.webguard.jsonbody import too_deep

log = logging.getLogger("chatdojo.room")

MAX_BODY = 16 * 1024  # every request body of the room is small; anything larger is refused
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SEAT = "cd_seat"
XSRF_MARK = "@@chatdojo-xsrf@@"  # where a shared page's own token goes (see shared_page)
TRAINER = "cd_trainer"


class RoomError(Exception):
    """A request the room refuses, with the message key to show and an HTTP status."""

    def __init__(self, key: str, status: int = 400) -> None:
        super().__init__(key)
        self.key, self.status = key, status


class RoomHandler(SecureCookies, tornado.web.RequestHandler):
    hub: Hub
    limiter: GuessLimiter
    listen_ip: str

    def initialize(self, hub: Hub, limiter: GuessLimiter, listen_ip: str = "") -> None:
        self.hub, self.limiter, self.listen_ip = hub, limiter, listen_ip
        self._lang: str | None = None

    # -- every response -------------------------------------------------------------
    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        if self.lang_redirect():
            return
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            body = self.request.body or b""
            if len(body) > MAX_BODY:
                raise RoomError("bad_request", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            if not self.application.settings.get("xsrf_cookies"):
                self.check_xsrf_cookie()  # checked by Tornado itself when the app enables it
            if too_deep(body):  # json.loads would raise RecursionError (a 500) on it
                raise RoomError("bad_request")
        elif self.request.method == "GET" and self.request.path.endswith("/events"):
            self._stream_from = self.request.remote_ip or "?"
            if not streams.slots.take(self._stream_from):
                self._stream_from = None
                raise RoomError("busy", HTTPStatus.SERVICE_UNAVAILABLE)

    _stream_from: str | None = None

    def on_finish(self) -> None:
        if self._stream_from is not None:
            streams.slots.give(self._stream_from)
            self._stream_from = None

    async def vouched(self, code: str) -> bool:
        """Does this request carry a valid seat or trainer cookie (or link token) for ``code``?

        Such a request knows the room, so no guessing limit may stop it (issue 22, item 1):
        a guesser at the same address (or behind the same router) must not lock a hall out.
        """
        for name in (SEAT, TRAINER):
            if self.get_cookie(name) and await self.signed(name, code):
                return True
        from chatdojo.store import live

        token = self.get_query_argument("token", "")[:64]
        seat = self.get_query_argument("seat", "")[:64]
        try:
            if token:
                await self.hub.run(live.authorize_trainer, self.hub.store(), code, token)
                return True
            if seat:
                await self.hub.run(live.rejoin, self.hub.store(), code, seat)
                return True
        except Exception:
            return False
        return False

    async def guess_wait(self, code: str) -> int:
        """Seconds before this client may try another code (0: go ahead)."""
        wait = self.limiter.blocked(client=self.request.remote_ip or "?")
        if wait and await self.vouched(code):
            return 0
        return wait

    def check_xsrf_cookie(self) -> None:
        # Voila's application sets its own hook; the room always uses Tornado's double-submit check.
        tornado.web.RequestHandler.check_xsrf_cookie(self)

    @property
    def lang(self) -> str:
        if self._lang is None:
            asked = self.get_query_argument("lang", None)
            if asked in ("ja", "en"):
                self.set_cookie("cd_lang", asked, path="/room", httponly=True, samesite="Lax")
                self._lang = asked
            else:
                # A language chosen (?lang=, remembered in a cookie) wins; until then the
                # browser's Accept-Language; Japanese when it names neither.
                chosen = self.get_cookie("cd_lang")
                self._lang = normalize_lang(
                    chosen if chosen in ("ja", "en") else self.browser_lang()
                )
        return self._lang

    def browser_lang(self) -> str:
        """``ja`` or ``en``, whichever the browser's Accept-Language prefers (``ja`` if neither)."""
        best, best_q = "ja", -1.0
        for part in self.request.headers.get("Accept-Language", "")[:500].split(",")[:20]:
            tag, _semi, params = part.strip().partition(";")
            primary = tag.strip().lower().split("-", 1)[0]
            if primary not in ("ja", "en"):
                continue
            try:
                q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
            except ValueError:
                q = 0.0
            if q > best_q:
                best, best_q = primary, q
        return best

    def lang_redirect(self) -> bool:
        """A page opened with ``?lang=``: remember the choice, then drop it from the address.

        Back and reload then show the chosen language: the address they return to carries
        no ``lang`` that could override the cookie.
        """
        asked = self.get_query_argument("lang", None)
        if self.request.method != "GET" or asked not in ("ja", "en"):
            return False
        if "text/html" not in self.request.headers.get("Accept", ""):
            return False  # scripts and streams keep their ?lang= as it is
        _ = self.lang  # sets the cookie
        rest = [
            (k, v.decode("utf-8", "replace"))
            for k, vs in self.request.query_arguments.items()
            if k != "lang"
            for v in vs
        ]
        self.redirect(self.request.path + (f"?{urlencode(rest)}" if rest else ""))
        return True

    def code_of(self, raw: str) -> str:
        return normalize_code(raw)[:12]

    def public(self) -> PublicAddress:
        """The address phones use: configured or detected, never this request's ``Host``."""
        return public_address(self.listen_ip, self.local_port())

    def base_url(self) -> str:
        return self.public().url

    def local_port(self) -> int:
        try:
            return int(self.request.connection.stream.socket.getsockname()[1])  # type: ignore[union-attr]
        except (AttributeError, OSError, IndexError, TypeError, ValueError):
            return 8866

    def page(self, template: str, status: int = 200, **context: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        other = "en" if self.lang == "ja" else "ja"
        context.setdefault("lang", self.lang)
        context.setdefault("other_lang", other)
        context.setdefault("xsrf", self.xsrf_token.decode("ascii"))
        context.setdefault("path", self.request.path)
        self.finish(render(template, **context))

    def shared_page(self, key: tuple[Any, ...], template: str, **context: Any) -> None:
        """A page that is the same for every phone but for its XSRF token, rendered once.

        A hall opening the join form at once would render the same template a thousand
        times; here it is rendered once per ``key`` (and language) with a marker where
        the token goes, and each response only swaps in its own token.
        """
        full = (*key, self.lang, self.request.path)
        html = self.hub.pages.get(full)
        if html is None:
            other = "en" if self.lang == "ja" else "ja"
            html = render(
                template,
                **{"lang": self.lang, "other_lang": other, "path": self.request.path, **context},
                xsrf=XSRF_MARK,
            )
            if len(self.hub.pages) > 256:
                self.hub.pages.clear()
            self.hub.pages[full] = html
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(html.replace(XSRF_MARK, self.xsrf_token.decode("ascii")))

    def json(self, data: dict[str, Any], status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    # -- seats ----------------------------------------------------------------------
    async def secret(self) -> bytes:
        store = self.hub.store()
        cached = security.cached_secret(store)
        return cached or await self.hub.run(security.cookie_secret, store)

    async def set_signed(self, name: str, code: str, value: str) -> None:
        signed = security.sign(await self.secret(), f"{name}:{code}", value)
        self.set_cookie(
            name,
            signed,
            path=f"/room/{code}",
            httponly=True,
            samesite="Lax",
            secure=self.request.protocol == "https",
            expires_days=security.SEAT_DAYS,
        )

    async def signed(self, name: str, code: str) -> str | None:
        return security.unsign(await self.secret(), f"{name}:{code}", self.get_cookie(name))

    # -- errors ---------------------------------------------------------------------
    def wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("Accept", "") or (
            self.request.method == "POST" and "X-XSRFToken" in self.request.headers
        )

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, RoomError):
            key = exc.key
        elif status_code == 403:
            key = "xsrf"
        elif status_code == 404:
            key = "not_found"
        elif status_code < 500:
            key = "bad_request"
        else:
            key = "server_error"
        message = streams.BUSY_MESSAGE[self.lang] if key == "busy" else tr(key, self.lang)
        if status_code in (429, 503):
            self.set_header("Retry-After", str(streams.RETRY_AFTER))
        self.clear_header("Content-Disposition")
        if self.wants_json():
            self.set_header("Content-Type", "application/json; charset=UTF-8")
            self.finish(json.dumps({"ok": False, "error": key, "message": message}))
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        other = "en" if self.lang == "ja" else "ja"
        self.finish(
            render(
                "message.html",
                lang=self.lang,
                other_lang=other,
                path=self.request.path,
                message=message,
                title=tr("app", self.lang),
            )
        )

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, RecursionError):  # a body nested past what the checks foresaw
            e = RoomError("bad_request")
        if isinstance(e, RoomError):
            if self._finished:
                return
            self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))
            return
        super()._handle_request_exception(e)

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, RoomError):
            return
        super().log_exception(typ, value, tb)


class NotFound(RoomHandler):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)
