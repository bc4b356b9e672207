"""What every page shares: query parameters, language and profile switch, CSS, errors.

Pages read ``?lang=en&profile=kusatsu-city`` from the URL (Voila passes the
query string to the kernel), fall back to the server's profile, and re-render
when the learner flips the language.

A language or organization the learner *chose* is kept by the template's script
(``chatdojo-a11y.js``) in the ``chatdojo_lang`` / ``chatdojo_profile`` cookies and in
the page's URL, so Back, reload and later pages keep it; the cookie wins over an
older URL (Back). Until a choice, the browser's ``Accept-Language`` decides.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from html import escape
from http.cookies import CookieError, SimpleCookie
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qs, urlencode

import ipywidgets as w

from chatdojo.content.catalog import Catalog, load_catalog
from chatdojo.content.profiles import DEFAULT_PROFILE, Profile
from chatdojo.i18n import LANGS, Lang, Text, normalize_lang, pick, ui
from chatdojo.kernel_logging import route_kernel_logs

log = logging.getLogger("chatdojo")

# What a user sees when a callback fails unexpectedly: never the exception's text (it can
# carry file paths, SQL or database URLs); the details go to the server's log.
UNEXPECTED: Text = {
    "ja": "処理の途中で問題が起きました。もう一度お試しください。続く場合は研修の担当者に知らせてください。",
    "en": "Something went wrong while doing that. Please try again; if it keeps happening, tell your trainer.",
}
# The language of this kernel's page (one page per kernel), for messages from ``safe``.
_page_lang: list[Lang] = ["ja"]


def query_params() -> dict[str, str]:
    """Query parameters of the page request (empty outside Voila)."""
    raw = os.environ.get("QUERY_STRING")
    if raw is None and os.environ.get("VOILA_PREHEAT", "False") != "False":
        try:
            from voila.utils import get_query_string

            raw = get_query_string()
        except Exception:  # pragma: no cover - only inside a preheated Voila kernel
            log.exception("could not read the query string")
    parsed = parse_qs(raw or "", keep_blank_values=False)
    return {key: values[-1][:100] for key, values in parsed.items() if values}


LANG_COOKIE = "chatdojo_lang"
PROFILE_COOKIE = "chatdojo_profile"


def request_cookies(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The request's cookies (Voila passes the Cookie header as ``HTTP_COOKIE``), bounded."""
    raw = (os.environ if environ is None else environ).get("HTTP_COOKIE", "")
    if not raw or len(raw) > 8192:
        return {}
    try:
        jar: SimpleCookie = SimpleCookie()
        jar.load(raw)
    except CookieError:
        return {}
    return {k: m.value[:64] for k, m in jar.items()}


def browser_lang(environ: dict[str, str] | None = None) -> Lang | None:
    """The first of ja/en in ``Accept-Language`` (q-values respected), else None."""
    raw = (os.environ if environ is None else environ).get("HTTP_ACCEPT_LANGUAGE", "")[:400]
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(raw.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:7])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and q > 0:
            ranked.append((-q, index, primary))
    return normalize_lang(min(ranked)[2]) if ranked else None


def chosen_lang(params: dict[str, str], environ: dict[str, str] | None = None) -> Lang:
    """The learner's chosen language (cookie), else ``?lang=``, else the browser's, else ja."""
    cookie = request_cookies(environ).get(LANG_COOKIE, "")
    if cookie in LANGS:
        return normalize_lang(cookie)
    if params.get("lang") in LANGS:
        return normalize_lang(params.get("lang"))
    return browser_lang(environ) or "ja"


def css() -> w.HTML:
    text = files("chatdojo.views").joinpath("style.css").read_text(encoding="utf-8")
    return w.HTML(f"<style>{text}</style>")


def error_box(message: str) -> w.HTML:
    box = w.HTML(f'<div class="cd-error" role="alert">{escape(message)}</div>')
    return box


def safe(
    callback: Callable[..., Any], report: Callable[[str], None] | None = None
) -> Callable[..., Any]:
    """Wrap a widget callback: log the traceback for the trainer, show users a plain message."""

    @wraps(callback)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception:  # never a traceback in the browser
            log.exception("callback %s failed", getattr(callback, "__name__", callback))
            if report is not None:
                report(pick(UNEXPECTED, _page_lang[0]))
            return None

    return wrapper


@dataclass
class Page:
    """Language, profile and content of one page, with a header to switch them."""

    catalog: Catalog
    lang: Lang = "ja"
    profile_id: str = DEFAULT_PROFILE
    learner: str | None = None
    listeners: list[Callable[[], None]] = field(default_factory=list)
    title: Text | str | None = None  # this page's name for the browser tab (see meta())
    chosen: bool = False  # the learner picked language/organization here (kept by the template)

    @classmethod
    def from_request(
        cls, catalog: Catalog | None = None, params: dict[str, str] | None = None
    ) -> Page:
        route_kernel_logs()  # logs to the server's terminal, never over the page's websocket
        params = query_params() if params is None else params
        catalog = catalog or load_catalog()
        cookie_profile = request_cookies().get(PROFILE_COOKIE, "")
        if cookie_profile not in catalog.profiles:
            cookie_profile = ""
        profile_id = (
            cookie_profile
            or params.get("profile")
            or os.environ.get("CHATDOJO_PROFILE")
            or DEFAULT_PROFILE
        )
        if profile_id not in catalog.profiles:
            profile_id = DEFAULT_PROFILE
        learner = params.get("learner") or None
        return cls(
            catalog=catalog,
            lang=chosen_lang(params),
            profile_id=profile_id,
            learner=learner[:32] if learner else None,
        )

    @property
    def profile(self) -> Profile | None:
        return self.catalog.profile(self.profile_id)

    def t(self, key: str, **fmt: object) -> str:
        return ui(key, self.lang, **fmt)

    def substitutions(self) -> dict[str, str]:
        return self.profile.substitutions(self.lang) if self.profile else {}

    def link(self, notebook: str, **extra: str) -> str:
        """A relative link to another notebook page that keeps language, profile and learner."""
        query = {"lang": self.lang, "profile": self.profile_id}
        if self.learner:
            query["learner"] = self.learner
        query.update(extra)
        return f"./{notebook}?{urlencode(query)}"

    def on_change(self, listener: Callable[[], None]) -> None:
        self.listeners.append(listener)

    def __post_init__(self) -> None:
        _page_lang[0] = self.lang

    def choose(self, *, lang: str | None = None, profile_id: str | None = None) -> None:
        """The learner's own pick in the header: kept across pages (see the module docstring)."""
        if (lang is not None and lang != self.lang) or (
            profile_id is not None and profile_id != self.profile_id
        ):
            self.chosen = True
        self.set(lang=lang, profile_id=profile_id)

    def set(self, *, lang: str | None = None, profile_id: str | None = None) -> None:
        if lang is not None:
            self.lang = normalize_lang(lang)
            _page_lang[0] = self.lang
        if profile_id is not None and profile_id in self.catalog.profiles:
            self.profile_id = profile_id
        for listener in list(self.listeners):
            listener()

    def tab_title(self) -> str:
        """The browser tab's title: the page's own name, then the product ("連絡手段の選び方 | ChatDojo")."""
        own = pick(self.title, self.lang) if self.title else ""
        return f"{own} | ChatDojo" if own else self.t("app_title")

    def set_title(self, title: Text | str | None) -> None:
        """Name this page (e.g. the open scenario); the hidden page meta follows."""
        self.title = title
        for listener in list(self.listeners):
            if getattr(listener, "cd_meta", False):
                listener()

    def meta(self) -> w.HTML:
        """A hidden ``<span class="cd-page-meta" data-lang=.. data-title=..>``, kept current.

        The ChatDojo Voila template's script copies it into ``<html lang>`` and
        ``document.title`` whenever it changes (the language switch re-renders it).
        """
        box = w.HTML(layout=w.Layout(display="none"))
        box.add_class("cd-page-meta-box")

        def refresh() -> None:
            box.value = (
                f'<span class="cd-page-meta" hidden data-lang="{escape(self.lang)}" '
                f'data-profile="{escape(self.profile_id)}" data-chosen="{int(self.chosen)}" '
                f'data-title="{escape(self.tab_title())}"></span>'
            )

        refresh.cd_meta = True  # type: ignore[attr-defined]
        self.on_change(refresh)
        refresh()
        return box

    def header(
        self,
        title_key: str = "app_title",
        show_profile: bool = False,
        page_title: Text | str | None = None,
    ) -> w.Widget:
        """The page's top bar (home link, language switch, organization) and its hidden meta.

        ``page_title`` names the page for the browser tab (default: the product's name).
        """
        if page_title is not None:
            self.title = page_title
        title = w.HTML()
        lang_toggle = w.ToggleButtons(
            options=[("日本語", "ja"), ("English", "en")],
            value=self.lang,
            tooltips=["日本語で表示", "Show in English"],
            layout=w.Layout(width="auto"),
            style={"button_width": "auto"},
        )
        lang_toggle.add_class("cd-lang")
        parts: list[w.Widget] = [title, lang_toggle, self.meta()]
        profile_select = None
        if show_profile:
            profile_select = w.Dropdown(
                options=[(pick(p.name, self.lang), p.id) for p in self.catalog.profiles.values()],
                value=self.profile_id,
                layout=w.Layout(width="100%"),
            )
            profile_select.add_class("cd-profile-select")
            profile_select.style.description_width = "initial"
            parts.append(profile_select)

        def refresh() -> None:
            home = self.link("home.ipynb")
            title.value = (
                f'<a class="cd-title" href="{escape(home)}">{escape(self.t(title_key))}</a>'
            )
            if profile_select is not None:
                current = profile_select.value
                profile_select.options = [
                    (pick(p.name, self.lang), p.id) for p in self.catalog.profiles.values()
                ]
                profile_select.value = current
                profile_select.description = self.t("profile")
            lang_toggle.value = self.lang

        lang_toggle.observe(safe(lambda change: self.choose(lang=change["new"])), names="value")
        if profile_select is not None:
            profile_select.observe(
                safe(lambda change: self.choose(profile_id=change["new"])), names="value"
            )
        self.on_change(refresh)
        refresh()
        box = w.Box(parts, layout=w.Layout(width="100%"))
        box.add_class("cd-header")
        return box

    def content_errors(self) -> w.Widget | None:
        """A visible notice naming each broken content file and line, if any."""
        if not self.catalog.errors:
            return None
        items = "".join(f"<li><code>{escape(str(e))}</code></li>" for e in self.catalog.errors[:20])
        more = len(self.catalog.errors) - 20
        tail = f"<li>… (+{more})</li>" if more > 0 else ""
        return w.HTML(
            f'<div class="cd-error" role="alert"><strong>{escape(self.t("content_problem"))}</strong>'
            f"<ul>{items}{tail}</ul></div>"
        )


def app_frame(*children: w.Widget) -> w.VBox:
    frame = w.VBox([css(), *children], layout=w.Layout(width="100%"))
    frame.add_class("cd-app")
    return frame


__all__ = ["LANGS", "Page", "app_frame", "css", "error_box", "query_params", "safe"]
