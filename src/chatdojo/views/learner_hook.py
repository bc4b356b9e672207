"""Who is learning on this page, and whether their results are kept.

A learner is recognised by the ``chatdojo_learner`` cookie (set by the
server's ``/chatdojo/learner`` form handler, ``chatdojo.learner_web``) or, as
before, by ``?learner=<resume code>`` in the URL. ``attach(quiz_view, page)``
puts a notice above a module's quiz: "your results are kept for …" with the
resume code, or "not kept" with a one-tap button that issues a code.
``keeping_card(page)`` is the same notice for the home page. A database
problem never breaks the quiz: the notice says results cannot be saved.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from html import escape
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import urlencode

import ipywidgets as w

from chatdojo.content.banks import QuestionBank
from chatdojo.i18n import Strings
from chatdojo.quiz.attempt import Attempt, draw
from chatdojo.quiz.model import Outcome, Question
from chatdojo.store.codes import format_resume_code, is_resume_code, normalize_code
from chatdojo.views.page import Page, query_params
from chatdojo.views.quiz_view import QuizView, applicable_questions
from chatdojo.views.store_access import store_message

log = logging.getLogger("chatdojo")

COOKIE = "chatdojo_learner"  # the same name as chatdojo.learner_web.COOKIE
FORM_PATH = "chatdojo/learner"

TEXT = Strings.load("views.learner_hook")

_t = TEXT.tr


def forget_text(key: str, lang: str, **fmt: object) -> str:
    """This module's words for closing a record, for the progress page's own button."""
    return _t(key, lang, **fmt)


# The notice's forms on a phone: full-width fields and 44-px targets, like the widgets.
LEARNER_CSS = """
.cd-app .cd-learner-forms form { display: flex; flex-direction: column; gap: 6px; margin: 6px 0 12px; }
.cd-app .cd-learner-forms label { display: flex; flex-direction: column; gap: 4px; font-size: 16px; }
.cd-app .cd-learner-forms input[type=text] { min-height: 44px; font-size: 16px; width: 100%;
  padding: 6px 10px; border: 1px solid #767676; border-radius: 4px; }
.cd-app .cd-learner-forms button { min-height: 44px; font-size: 16px; padding: 8px 14px;
  border: 1px solid #767676; border-radius: 4px; background: #f0f0f0; color: #111; cursor: pointer; }
.cd-app .cd-learner-forms button.cd-primary { background: #1a56db; border-color: #1a56db; color: #fff; }
.cd-app .cd-learner-forms a { display: inline-block; min-height: 44px; padding: 10px 0;
  text-decoration: underline; }
.cd-app .cd-learner-forms summary { min-height: 44px; padding: 10px 0; cursor: pointer; }
.cd-app .cd-learner-forms .cd-forget summary { text-decoration: underline; }
.cd-app .cd-learner-forms .cd-inline-code { font-family: monospace; font-size: 18px;
  letter-spacing: .08em; }
"""


def styled(html: str) -> str:
    """Forms and notices of this module, with their phone-sized style."""
    return f'<style>{LEARNER_CSS}</style><div class="cd-learner-forms">{html}</div>'


STATUSES = (
    "new",
    "resumed",
    "unknown",
    "wait",
    "bad_name",
    "name_glyphs",
    "forgotten",
    "same_name",
    "store_readonly",
    "store_full",
    "store_unavailable",
)


# -- who is the learner ---------------------------------------------------------------
def cookie_code(environ: dict[str, str] | None = None) -> str:
    """The resume code in the request's learner cookie ('' if none or malformed)."""
    raw = (os.environ if environ is None else environ).get("HTTP_COOKIE", "")
    if not raw or len(raw) > 8192:
        return ""
    try:
        jar: SimpleCookie = SimpleCookie()
        jar.load(raw)
    except CookieError:
        return ""
    morsel = jar.get(COOKIE)
    code = normalize_code(morsel.value if morsel else "")
    return code if is_resume_code(code) else ""


@dataclass(frozen=True)
class Identity:
    code: str  # normalized resume code, '' when nobody is recognised
    source: str  # "url" | "cookie" | ""


def identify(params: dict[str, str], environ: dict[str, str] | None = None) -> Identity:
    """The learner of this request: ``?learner=`` first, then the cookie."""
    code = normalize_code(params.get("learner"))
    if code:
        return Identity(code, "url")
    code = cookie_code(environ)
    return Identity(code, "cookie" if code else "")


def resume_limited(store: Any, code: str) -> tuple[Any, int]:
    """(learner or None, seconds to wait): a page's kernel allows a few wrong codes, then waits."""
    from chatdojo.store.learners import resume
    from chatdojo.store.ratelimit import kernel_limiter

    limiter = kernel_limiter()
    wait = limiter.blocked(page="this", code=code)
    if wait:
        return None, wait
    learner = resume(store, code)
    if learner is None:
        limiter.failed(page="this", code=code)
    return learner, 0


# -- forms that post to the server's cookie handler ----------------------------------------
def form_action(environ: dict[str, str] | None = None) -> str:
    base = (os.environ if environ is None else environ).get("VOILA_SERVER_URL", "/") or "/"
    return base.rstrip("/") + "/" + FORM_PATH


def back_path(page: Page, environ: dict[str, str] | None = None) -> str:
    """This page's path with its language and profile, to come back to after a form."""
    path = (os.environ if environ is None else environ).get("SCRIPT_NAME", "") or "/"
    if not path.startswith("/") or path.startswith("//"):
        path = "/"
    return f"{path}?{urlencode({'lang': page.lang, 'profile': page.profile_id})}"


def _hidden(page: Page, action: str) -> str:
    return (
        f'<input type="hidden" name="action" value="{action}">'
        f'<input type="hidden" name="next" value="{escape(back_path(page))}">'
        f'<input type="hidden" name="lang" value="{page.lang}">'
        f'<input type="hidden" name="profile" value="{escape(page.profile_id)}">'
    )


def keep_form(
    page: Page, *, name_label: str | None = None, button: str | None = None, again: bool = False
) -> str:
    """One tap: a new learner and the cookie (the name is optional).

    ``again``: the learner was offered an earlier record of the same name and declined.
    """
    lang = page.lang
    label = name_label or _t("name_optional", lang)
    again_field = '<input type="hidden" name="again" value="1">' if again else ""
    return (
        f'<form class="cd-form cd-keep-form" method="post" action="{escape(form_action())}">'
        f"{_hidden(page, 'new')}{again_field}"
        f'<label>{escape(label)}<input type="text" name="name" maxlength="40" '
        f'autocomplete="name"></label>'
        f'<button type="submit" class="cd-primary">{escape(button or _t("keep", lang))}</button>'
        "</form>"
    )


def resume_form(page: Page, *, button: str | None = None) -> str:
    lang = page.lang
    return (
        f'<form class="cd-form cd-resume-form" method="post" action="{escape(form_action())}">'
        f"{_hidden(page, 'resume')}"
        f'<label>{escape(_t("code_label", lang))}<input type="text" name="code" maxlength="20" '
        f'autocomplete="off" autocapitalize="characters" placeholder="ABCD-EFGH-JKMN"></label>'
        f'<button type="submit">{escape(button or _t("use_code", lang))}</button></form>'
    )


def forget_form(page: Page, code: str = "") -> str:
    """Closing asks first (a <details>, opened with Enter or Space) and shows the code again."""
    lang = page.lang
    return (
        f'<details class="cd-forget"><summary>{escape(_t("forget", lang))}</summary>'
        f'<p class="cd-note">{escape(_t("forget_confirm", lang, code=code))}</p>'
        f'<form class="cd-forget-form" method="post" action="{escape(form_action())}">'
        f"{_hidden(page, 'forget')}"
        f'<button type="submit">{escape(_t("forget_do", lang))}</button></form></details>'
    )


def same_name_offer(page: Page) -> str:
    """The same name typed again on this device: continue that record, or really start anew."""
    lang = page.lang
    return (
        f'<div class="cd-same-name">'
        f'<form class="cd-form cd-resume-old-form" method="post" action="{escape(form_action())}">'
        f"{_hidden(page, 'resume_old')}"
        f'<button type="submit" class="cd-primary">{escape(_t("resume_prev", lang))}</button>'
        f"</form>{keep_form(page, button=_t('start_again', lang), again=True)}</div>"
    )


def status_html(page: Page, params: dict[str, str]) -> str:
    """The message for ``learner_status`` after a form ('' for none)."""
    status = params.get("learner_status", "")
    if status not in STATUSES:
        return ""
    wait = params.get("wait", "")
    fmt = {"wait": wait if wait.isdigit() and len(wait) < 6 else "60"}
    if status.startswith("store_"):
        text = store_message(status.removeprefix("store_"), page.lang)
    elif status == "wait":
        text = _t("status_wait", page.lang, **fmt)
    else:
        text = _t(f"status_{status}", page.lang)
    role = "status" if status in ("new", "resumed", "forgotten", "same_name") else "alert"
    css = "cd-error" if role == "alert" else "cd-note"
    return f'<div class="{css}" role="{role}">{escape(text)}</div>'


# -- the notice --------------------------------------------------------------------------
class Keeping:
    """Resolves the learner once per page and renders 'kept / not kept' in the page's language."""

    def __init__(self, page: Page, params: dict[str, str], store: Any = None) -> None:
        self.page = page
        if page.learner and not params.get("learner"):
            params = {**params, "learner": page.learner}  # the page's own request parameters
        self.params = params
        self.identity = identify(params)
        self.learner: Any = None
        self.db: Any = None
        self.wait = 0
        self.store_down: BaseException | None = None  # the store could not be opened or read
        self.save_failed: BaseException | None = None  # the last answer could not be saved
        if not self.identity.code:
            return
        try:
            from chatdojo.store.db import Store, shared_store

            self.db = store if isinstance(store, Store) else shared_store()
            self.learner, self.wait = resume_limited(self.db, self.identity.code)
        except Exception as exc:  # the page must work even when the database does not
            log.exception("could not resume a learner for a page")
            self.learner, self.db, self.store_down = None, None, exc

    @property
    def kept(self) -> bool:
        return self.learner is not None and self.db is not None

    def progress_link(self) -> str:
        if self.identity.source == "url":
            return self.page.link("progress.ipynb", learner=format_resume_code(self.identity.code))
        return self.page.link("progress.ipynb")

    def html(self) -> str:
        return styled(self._html())

    def _html(self) -> str:
        page, lang = self.page, self.page.lang
        top = status_html(page, self.params)
        if self.store_down is not None:
            message = store_message(self.store_down, lang)
            return top + f'<p class="cd-error cd-store-error" role="alert">{escape(message)}</p>'
        if self.kept:
            code = format_resume_code(self.identity.code)
            alert = ""
            if self.save_failed is not None:
                message = store_message(self.save_failed, lang)
                alert = f'<div class="cd-error cd-store-error" role="alert">{escape(message)}</div>'
            forget = forget_form(page, code) if self.identity.source == "cookie" else ""
            return (
                f'{top}<p class="cd-note cd-kept" role="status">'
                f"{escape(_t('recording', lang, name=self.learner.display_name))} "
                f'{escape(_t("code_is", lang))}<strong class="cd-inline-code">{escape(code)}</strong> '
                f'<a href="{escape(self.progress_link())}">{escape(_t("back", lang))}</a></p>'
                f"{alert}{forget}"
            )
        unknown = ""
        if self.identity.code and self.wait:
            unknown = f'<p class="cd-error" role="alert">{escape(_t("status_wait", lang, wait=self.wait))}</p>'
        elif self.identity.code:
            unknown = f'<p class="cd-error" role="alert">{escape(_t("unknown", lang))}</p>'
        if self.params.get("learner_status") == "same_name":
            return f"{top}{same_name_offer(page)}"
        return (
            f"{top}{unknown}"
            f'<div class="cd-not-kept"><p class="cd-note" role="status"><strong>'
            f"{escape(_t('not_kept', lang))}</strong></p>{keep_form(page)}"
            f"<details><summary>{escape(_t('have_code', lang))}</summary>{resume_form(page)}"
            "</details></div>"
        )


def keeping_card(page: Page, params: dict[str, str] | None = None, store: Any = None) -> w.HTML:
    """The home page's notice: whose results are kept, or one tap to keep them."""
    keeping = Keeping(page, query_params() if params is None else params, store)
    card = w.HTML(layout=w.Layout(width="100%"))
    card.add_class("cd-learner-banner")

    def render() -> None:
        card.value = keeping.html()

    page.on_change(render)
    render()
    return card


# -- a module page's quiz ----------------------------------------------------------------
def module_of(page: Page, bank: QuestionBank) -> str:
    """The module (guide) id a bank belongs to: the guide naming it, else its own link, else its id."""
    for guide in page.catalog.guides.values():
        if guide.quiz == bank.id:
            return guide.id
    return bank.guide or bank.id


def full_size(page: Page, bank: QuestionBank) -> int:
    """How many questions a fresh attempt of this bank has for the page's profile."""
    return len(draw(applicable_questions(page, bank), bank.draw, 0))


def attach(
    quiz_view: QuizView,
    page: Page,
    params: dict[str, str] | None = None,
    store: object | None = None,
) -> w.HTML:
    """Record ``quiz_view`` for the recognised learner and show whether results are kept.

    The store (SQLAlchemy, ~17 MiB in a kernel) is imported only when a learner's answers
    are recorded: a page opened without a record stays as light as a bare Voila kernel.
    """
    keeping = Keeping(page, query_params() if params is None else params, store)
    banner = w.HTML(layout=w.Layout(width="100%"))
    banner.add_class("cd-learner-banner")
    quiz_view.widget.children = (banner, *quiz_view.widget.children)

    def render() -> None:
        banner.value = keeping.html()

    previous = quiz_view.on_outcome

    def hook(attempt: Attempt, question: Question, outcome: Outcome) -> None:
        if previous is not None:
            previous(attempt, question, outcome)
        try:
            from chatdojo.store.recorder import record_outcome

            record_outcome(
                attempt,
                question,
                outcome,
                store=keeping.db,
                learner_id=keeping.learner.id,
                module_id=module_of(page, quiz_view.bank),
                full_size=full_size(page, quiz_view.bank),
            )
            keeping.save_failed = None
        except Exception as exc:  # the quiz goes on; the notice says results are not saved
            log.exception("could not record a quiz answer")
            keeping.save_failed = exc
        render()

    if keeping.kept:
        quiz_view.on_outcome = hook
    page.on_change(render)
    render()
    return banner
