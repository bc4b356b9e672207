"""The learner cookie: set when a learner gets or types a resume code, read by every page.

A Voila page cannot set an HttpOnly cookie, so the forms that start or resume
a learner post to ``/chatdojo/learner`` (this handler, in the server process).
It creates or finds the learner, sets ``chatdojo_learner`` (HttpOnly,
SameSite=Strict, the resume code as its value, never in a URL) and sends the
browser back to the page it came from with a short status (``learner_status``).
Voila passes the request's ``Cookie`` header to each page's kernel
(``VoilaConfiguration.http_header_envs``), where ``views.learner_hook`` reads it.

Forms carry no XSRF token (a page kernel does not know it before the cookie
exists); the handler instead refuses any post a browser does not mark as
same-origin (``Sec-Fetch-Site``, else ``Origin``/``Referer``), and the cookie
is SameSite=Strict. Wrong codes are limited
per client address, per code and server-wide (``store.ratelimit``).
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

import tornado.ioloop
import tornado.web

from chatdojo.i18n import normalize_lang
from chatdojo.store import codes
from chatdojo.store.ratelimit import RESUME_RULES, GuessLimiter, per
from chatdojo.webguard.headers import SecureCookies

log = logging.getLogger("chatdojo")

COOKIE = "chatdojo_learner"
COOKIE_DAYS = 180
# After "close the record on this device": the closed record's code, so that typing the
# same name again offers to resume it instead of starting a second record (issue 21, 3).
PREV_COOKIE = "chatdojo_learner_prev"
# A day: long enough to undo a mistaken tap, short enough that on a shared device the next
# day's user typing the same name is not offered someone else's record.
PREV_DAYS = 1
PROFILE_COOKIE = "chatdojo_profile"  # the page's organization (chatdojo.views.page)
PATH = "/chatdojo/learner"
DEFAULT_NAME = {"ja": "学習者", "en": "Learner"}
_NEXT = re.compile(r"^/(?![/\\])[^\s\\]{0,300}$")

resume_limiter = GuessLimiter(RESUME_RULES, "resume-web")
new_limiter = GuessLimiter({"client": per(20, 3600), "all": per(600, 3600)}, "new-learner")


def safe_next(value: str | None) -> str:
    """A path on this server to go back to (never another host)."""
    value = (value or "").strip()
    return value if _NEXT.match(value) else "/"


def with_status(next_path: str, **status: str | int) -> str:
    """``next_path`` with ``learner_status`` (and friends) replacing any earlier ones."""
    parts = urlsplit(next_path)
    kept = [
        p for p in parts.query.split("&") if p and not p.startswith(("learner_status=", "wait="))
    ]
    kept.append(urlencode({k: str(v) for k, v in status.items()}))
    return f"{parts.path}?{'&'.join(kept)}"


class LearnerCookieHandler(SecureCookies, tornado.web.RequestHandler):
    """POST ``action=new|resume|forget`` (+ ``name``, ``code``, ``next``, ``lang``)."""

    def check_xsrf_cookie(self) -> None:
        """Same-origin posts only (instead of a token the page cannot know).

        Browsers say where a request comes from in ``Sec-Fetch-Site``; pages are
        served with ``Referrer-Policy: no-referrer``, under which a form's
        ``Origin`` is ``null``, so Origin/Referer are only a fallback for
        browsers without fetch metadata.
        """
        headers = self.request.headers
        site = headers.get("Sec-Fetch-Site")
        if site is not None:
            if site != "same-origin":
                raise tornado.web.HTTPError(403, "cross-site request refused")
            return
        source = headers.get("Origin") or ""
        if source in ("", "null"):
            source = headers.get("Referer") or ""
        if urlsplit(source).netloc.lower() != self.request.host.lower():
            raise tornado.web.HTTPError(403, "cross-site request refused")

    def get(self) -> None:
        raise tornado.web.HTTPError(405)

    async def limit_key(self, loop: tornado.ioloop.IOLoop) -> str:
        """Whom the limits count: the learner of a valid cookie, else the client's address.

        The address is the real client's (behind a trusted proxy, see webguard.netserver);
        a learner holding a valid cookie is counted apart, so guessers sharing the
        address (a proxy, one office router) cannot block them (issue 22, item 1).
        """
        cookie = codes.normalize_code((self.get_cookie(COOKIE) or "")[:64])
        if cookie:
            known: bool = await loop.run_in_executor(None, _known, cookie)
            if known:
                return "learner:" + codes.digest(cookie)
        return self.request.remote_ip or "?"

    async def post(self) -> None:
        # Tornado calls check_xsrf_cookie() only when the app sets xsrf_cookies, and Voila's
        # does not: without this call any site could switch a visitor's record (login CSRF).
        self.check_xsrf_cookie()
        action = self.get_body_argument("action", "")[:10]
        next_path = safe_next(self.get_body_argument("next", "/")[:400])
        lang = normalize_lang(self.get_body_argument("lang", "ja")[:5])
        loop = tornado.ioloop.IOLoop.current()
        try:
            client = await self.limit_key(loop)
            if action == "forget":
                closed = codes.normalize_code((self.get_cookie(COOKIE) or "")[:64])
                self.clear_cookie(COOKIE, path="/")
                if codes.is_resume_code(closed):
                    self._cookie(PREV_COOKIE, closed, days=PREV_DAYS)
                self.redirect(with_status(next_path, learner_status="forgotten"), status=303)
                return
            if action == "new":
                typed_name = self.get_body_argument("name", "")[:200].strip()
                name = typed_name or DEFAULT_NAME[lang]
                prev = codes.normalize_code((self.get_cookie(PREV_COOKIE) or "")[:64])
                offer = typed_name and prev and not self.get_body_argument("again", "")
                if offer and await loop.run_in_executor(None, _same_name, prev, name):
                    status_url = with_status(next_path, learner_status="same_name")
                    self.redirect(status_url, status=303)
                    return
                wait = new_limiter.blocked(client=client)
                if wait:
                    self.redirect(
                        with_status(next_path, learner_status="wait", wait=wait), status=303
                    )
                    return
                new_limiter.failed(client=client)  # every creation counts towards the limit
                profile = self.get_body_argument("profile", "")[:64]
                status, code = await loop.run_in_executor(None, _create, name, profile)
            elif action in ("resume", "resume_old"):
                typed = self.get_body_argument("code", "")[:64]
                if action == "resume_old":
                    typed = (self.get_cookie(PREV_COOKIE) or "")[:64]
                code = codes.normalize_code(typed)
                # A learner with a valid cookie is not held back by everyone's failures.
                wait = resume_limiter.blocked(
                    client=client, code=code, everyone=not client.startswith("learner:")
                )
                if wait:
                    self.redirect(
                        with_status(next_path, learner_status="wait", wait=wait), status=303
                    )
                    return
                found = await loop.run_in_executor(None, _resume, code)
                if found is None:
                    resume_limiter.failed(client=client, code=code)
                    self.redirect(with_status(next_path, learner_status="unknown"), status=303)
                    return
                status = "resumed"
                if found:  # the record's organization follows it to this device
                    self.set_cookie(PROFILE_COOKIE, found, path="/", samesite="Lax")
            else:
                raise tornado.web.HTTPError(400)
        except tornado.web.HTTPError:
            raise
        except _BadName as bad:
            self.redirect(with_status(next_path, learner_status=bad.status), status=303)
            return
        except Exception as exc:  # the database is down, read-only or full: say which
            from chatdojo.store.db import problem

            log.exception("learner cookie: the store could not be used")
            status = f"store_{problem(exc)}"
            self.redirect(with_status(next_path, learner_status=status), status=303)
            return
        self._cookie(COOKIE, code)
        self.clear_cookie(PREV_COOKIE, path="/")
        self.redirect(with_status(next_path, learner_status=status), status=303)

    def _cookie(self, name: str, code: str, days: float = COOKIE_DAYS) -> None:
        self.set_cookie(
            name,
            code,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.request.protocol == "https",
            expires_days=days,
        )

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:  # no code in logs
        log.warning("learner cookie handler: %s", typ.__name__ if typ else "error")


class _BadName(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.status = "name_glyphs" if key == "name_glyphs" else "bad_name"


def _create(name: str, profile: str = "") -> tuple[str, str]:
    from chatdojo.store.db import shared_store
    from chatdojo.store.learners import create_learner
    from chatdojo.store.validate import InputError

    try:
        _info, code = create_learner(shared_store(), name, profile or None)
    except InputError as exc:
        raise _BadName(exc.key) from None
    return "new", code


def _same_name(code: str, name: str) -> bool:
    """Whether the record closed on this device has this name (compared as the store does)."""
    from chatdojo.store.db import shared_store
    from chatdojo.store.learners import find
    from chatdojo.store.validate import name_key

    info = find(shared_store(), code)
    return info is not None and name_key(info.display_name) == name_key(name)


def _known(code: str) -> bool:
    from chatdojo.store.db import shared_store
    from chatdojo.store.learners import find

    return find(shared_store(), code) is not None


def _resume(code: str) -> str | None:
    """None when no record has this code, else the record's organization ('' for none)."""
    from chatdojo.store.db import shared_store
    from chatdojo.store.learners import resume

    info = resume(shared_store(), code)
    return None if info is None else (info.profile or "")


def handlers(base_url: str = "/") -> list[tuple[str, Any, dict[str, Any]]]:
    """The route to add to the server's handlers."""
    return [(base_url.rstrip("/") + PATH, LearnerCookieHandler, {})]
