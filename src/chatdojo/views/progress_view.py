"""My progress: start with a name or staff number, resume with a code, get the certificate.

No password: the resume code is the key. The start and resume forms post to
the server (``chatdojo.learner_web``), which sets an HttpOnly cookie, so every
page then recognises the learner without the code in its URL. Links carrying
``?learner=…`` keep working. Wrong codes typed into one page are rate-limited.
"""

from __future__ import annotations

import base64
import logging
from datetime import date
from html import escape
from typing import Any

import ipywidgets as w

from chatdojo.content.banks import QuestionBank
from chatdojo.content.guides import Guide
from chatdojo.i18n import Strings, pick
from chatdojo.store.codes import format_resume_code, normalize_code
from chatdojo.views.learner_hook import (
    forget_form,
    forget_text,
    identify,
    keep_form,
    resume_form,
    resume_limited,
    status_html,
    styled,
)
from chatdojo.views.page import Page, app_frame, query_params, safe
from chatdojo.views.store_access import UsesStore, store_message

log = logging.getLogger("chatdojo")

TEXT = Strings.load("views.progress")

PROGRESS_CSS = """
.cd-app .cd-form { display: flex; flex-direction: column; gap: 6px; margin: 6px 0 14px; }
.cd-app .cd-code { font-family: monospace; font-size: 28px; letter-spacing: .12em; font-weight: bold; }
.cd-app .cd-status-passed { color: #0a7a2f; font-weight: bold; }
.cd-app .cd-cert-actions a, .cd-app .cd-cert-actions button { display: inline-block; min-height: 44px;
  padding: 10px 14px; margin: 4px 8px 4px 0; font-size: 16px; }
@media print {
  body * { visibility: hidden !important; }
  .cd-certificate, .cd-certificate * { visibility: visible !important; }
  .cd-certificate { position: absolute; left: 0; top: 0; width: 100%; border-width: 6px; }
}
"""


tr = TEXT.tr


def quiz_modules(page: Page) -> list[tuple[Guide, QuestionBank]]:
    """Every guide with a quiz bank, in the order of the home page."""
    guides = sorted(page.catalog.guides.values(), key=lambda g: (g.order, g.id))
    return [
        (g, page.catalog.banks[g.quiz]) for g in guides if g.quiz and g.quiz in page.catalog.banks
    ]


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


class ProgressView(UsesStore):
    def __init__(self, page: Page, store: Any = None, params: dict[str, str] | None = None) -> None:
        self.page = page
        self._store = store
        self.learner: Any = None
        self.code = ""
        self.source = ""  # how the learner was recognised: "cookie", "url" or "" (this page)
        self.store_error: BaseException | str | None = None  # shown until the store works again
        self.status = ""
        self.progress: dict[str, Any] = {}
        self.answered: dict[str, int] = {}
        self.name_input = w.Text(layout=w.Layout(width="100%"), continuous_update=False)
        self.code_input = w.Text(layout=w.Layout(width="100%"), continuous_update=False)
        self.start_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.resume_button = w.Button(layout=w.Layout(width="100%"))
        self.refresh_button = w.Button(layout=w.Layout(width="100%"))
        self.sign_out_button = w.Button(layout=w.Layout(width="100%"))
        self.confirming = False  # "close the record" pressed once: the next press closes it
        self.message = w.HTML()
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.start_button.on_click(safe(lambda _b: self.start(), self._fail))
        self.resume_button.on_click(safe(lambda _b: self.resume(), self._fail))
        self.refresh_button.on_click(safe(lambda _b: self.reload(), self._fail))
        self.sign_out_button.on_click(safe(lambda _b: self.sign_out(), self._fail))
        page.on_change(safe(self.render, self._fail))
        params = params if params is not None else query_params()
        self.status = status_html(page, params)
        identity = identify(params)
        self.source = identity.source
        if not identity.code:
            self.render()
            return
        try:
            if not self.resume(identity.code):
                self.source = ""
        except Exception as exc:  # the page still shows; it says the store cannot be used
            log.exception("progress page: could not resume a learner")
            self.learner, self.source = None, ""
            self.render()
            self._fail(exc)

    # -- actions (tests call these) ---------------------------------------------
    def start(self, name: str | None = None) -> str | None:
        """Create a learner; returns the resume code (also shown on the page)."""
        from chatdojo.store.learners import create_learner
        from chatdojo.store.validate import InputError

        try:
            learner, code = create_learner(
                self.store(),
                self.name_input.value if name is None else name,
                self.page.profile_id,
            )
        except InputError as exc:
            self._say(exc.key)
            return None
        except Exception as exc:  # read-only or unreachable database: said, not raised
            log.exception("progress page: could not create a learner")
            self._fail(exc)
            return None
        self.learner, self.code = learner, code
        self.name_input.value = ""
        self.reload()
        return code

    def resume(self, code: str | None = None) -> bool:
        code = normalize_code(self.code_input.value if code is None else code)
        learner, wait = resume_limited(self.store(), code) if code else (None, 0)
        if learner is None:
            self.render()
            if wait:
                self.message.value = (
                    f'<div class="cd-error" role="alert">'
                    f"{escape(tr('wait', self.page.lang, wait=wait))}</div>"
                )
            else:
                self._say("unknown_code")
            return False
        self.learner, self.code = learner, code
        self.code_input.value = ""
        if learner.profile and learner.profile in self.page.catalog.profiles:
            self.page.choose(profile_id=learner.profile)  # the record's organization, kept
        self.reload()
        return True

    def reload(self) -> None:
        from chatdojo.store.learners import answered, progress

        if self.learner is not None:
            self.progress = progress(self.store(), self.learner.id)
            self.answered = answered(self.store(), self.learner.id)
            self.store_error = None
        self.render()

    def sign_out(self) -> None:
        """First press asks (and shows the code again); the second closes the record."""
        if not self.confirming:
            self.confirming = True
            self.render()
            code = format_resume_code(self.code)
            self.message.value = (
                f'<div class="cd-note" role="alert">'
                f"{escape(forget_text('forget_confirm', self.page.lang, code=code))}</div>"
            )
            self.sign_out_button.focus()
            return
        self.confirming = False
        self.learner, self.code, self.progress, self.source = None, "", {}, ""
        self.render()

    @property
    def all_passed(self) -> bool:
        modules = quiz_modules(self.page)
        return bool(modules) and all(
            (p := self.progress.get(g.id)) is not None and p.passed for g, _ in modules
        )

    def certificate(self) -> Any:
        """The certificate data once every module is passed, else None."""
        from chatdojo.store.certificate import Certificate, serial_for

        if self.learner is None or not self.all_passed:
            return None
        lang = self.page.lang
        modules = quiz_modules(self.page)
        dates = [self.progress[g.id].passed_at for g, _ in modules]
        last = max((d for d in dates if d is not None), default=None)
        profile = self.page.profile
        return Certificate(
            name=self.learner.display_name,
            modules=tuple(
                (pick(g.title, lang), d.date() if d else None)
                for (g, _), d in zip(modules, dates, strict=True)
            ),
            issued=last.date() if last else date.today(),
            organization=pick(profile.name, lang) if profile and profile.id != "default" else "",
            serial=serial_for(self.learner.id, [g.id for g, _ in modules], last),
        )

    # -- rendering --------------------------------------------------------------
    def _fail(self, error: BaseException | str) -> None:
        """A store failure: logged for the server, told to the learner in the page's language."""
        log.warning("progress page: the store failed (%s)", str(error).split(":")[0][:60])
        self.store_error = error
        self._show_store_error()

    def _show_store_error(self) -> None:
        if self.store_error is not None:
            self.message.value = (
                f'<div class="cd-error cd-store-error" role="alert">'
                f"{escape(store_message(self.store_error, self.page.lang))}</div>"
            )

    def _say(self, key: str) -> None:
        self.message.value = (
            f'<div class="cd-error" role="alert">{escape(tr(key, self.page.lang))}</div>'
        )
        return None

    def render(self) -> None:
        lang = self.page.lang
        self.message.value = ""
        self._show_store_error()
        self.start_button.description = tr("start", lang)
        self.resume_button.description = tr("resume", lang)
        self.refresh_button.description = tr("refresh", lang)
        self.sign_out_button.description = (
            forget_text("forget_do", lang) if self.confirming else tr("sign_out", lang)
        )
        self.name_input.placeholder = tr("name_label", lang)
        self.code_input.placeholder = "ABCD-EFGH-JKMN"
        if self.learner is None:
            self.body.children = self._sign_in(lang)
        else:
            self.body.children = self._dashboard(lang)

    def _sign_in(self, lang: str) -> list[w.Widget]:
        """Two forms posting to the server, which sets the learner cookie and comes back here."""
        page = self.page
        forms = w.HTML(
            styled(
                f"<h3>{escape(tr('start_heading', lang))}</h3>"
                f"{keep_form(page, name_label=tr('name_label', lang), button=tr('start', lang))}"
                f"<h3>{escape(tr('resume_heading', lang))}</h3>"
                f"{resume_form(page, button=tr('resume', lang))}"
            ),
            layout=w.Layout(width="100%"),
        )
        intro = w.HTML(
            f"<h1>{escape(tr('title', lang))}</h1><p>{escape(tr('intro', lang))}</p>{self.status}"
        )
        return [intro, self.message, forms]

    def _dashboard(self, lang: str) -> list[w.Widget]:
        code = format_resume_code(self.code)
        in_links = {} if self.source == "cookie" else {"learner": code}  # the cookie is enough
        bookmark = ""
        if in_links:
            link = self.page.link("progress.ipynb", **in_links)
            bookmark = f'<a href="{escape(link)}">{escape(tr("bookmark", lang))}</a>'
        head = (
            f"{self.status}<h1>{escape(tr('hello', lang, name=self.learner.display_name))}</h1>"
            f'<div class="cd-card"><div>{escape(tr("your_code", lang))}</div>'
            f'<div class="cd-code" aria-live="polite">{escape(code)}</div>'
            f'<p class="cd-note">{escape(tr("code_note", lang))}</p>{bookmark}</div>'
        )
        modules = quiz_modules(self.page)
        done = sum(1 for g, _ in modules if (p := self.progress.get(g.id)) and p.passed)
        cards = [f"<h2>{escape(tr('summary', lang, done=done, total=len(modules)))}</h2>"]
        if not modules:
            cards.append(f"<p>{escape(tr('no_modules', lang))}</p>")
        for guide, _bank in modules:
            p = self.progress.get(guide.id)
            n = self.answered.get(guide.id, 0)
            if p is None and n:
                status = f"{escape(tr('in_progress', lang))} ({escape(tr('answered', lang, n=n))})"
            elif p is None:
                status = escape(tr("not_started", lang))
            else:
                key = "passed" if p.passed else "in_progress"
                css = "cd-status-passed" if p.passed else ""
                detail = tr("best", lang, score=p.best_score, n=p.attempts)
                status = f'<span class="{css}">{escape(tr(key, lang))}</span> ({escape(detail)})'
            href = self.page.link(f"{guide.id}.ipynb", **in_links)
            cards.append(
                f'<div class="cd-card cd-module" data-module="{escape(guide.id)}">'
                f'<a href="{escape(href)}">{escape(pick(guide.title, lang))}</a>'
                f'<div class="cd-note">{status}</div></div>'
            )
        parts: list[w.Widget] = [w.HTML(head + "".join(cards)), self.message]
        cert = self.certificate()
        if cert is not None:
            parts.append(self._certificate_widget(cert, lang))
        if self.source == "cookie":
            code = format_resume_code(self.code)
            parts += [self.refresh_button, w.HTML(styled(forget_form(self.page, code)))]
        else:
            parts += [self.refresh_button, self.sign_out_button]
        return parts

    def _certificate_widget(self, cert: Any, lang: str) -> w.HTML:
        from chatdojo.store.certificate import (
            CERT_CSS,
            UnprintableName,
            certificate_fragment,
            certificate_html,
            certificate_pdf,
        )

        try:
            pdf = data_uri(certificate_pdf(cert, lang), "application/pdf")
        except UnprintableName as exc:
            chars = " ".join(exc.characters)
            return w.HTML(
                f'<div class="cd-error" role="alert">'
                f"{escape(tr('cert_unprintable', lang, chars=chars))}</div>"
            )
        page = data_uri(certificate_html(cert, lang).encode("utf-8"), "text/html")
        return w.HTML(
            f"<style>{CERT_CSS}</style>"
            f'<p role="status">{escape(tr("certificate_ready", lang))}</p>'
            f"{certificate_fragment(cert, lang)}"
            f'<div class="cd-cert-actions">'
            f'<a href="{pdf}" download="certificate-{escape(cert.serial)}.pdf">{escape(tr("download_pdf", lang))}</a>'
            f'<a href="{page}" download="certificate-{escape(cert.serial)}.html">{escape(tr("download_html", lang))}</a>'
            f'<button type="button" onclick="window.print()">{escape(tr("print", lang))}</button></div>'
        )


def progress_page(
    page: Page | None = None, *, store: Any = None, params: dict[str, str] | None = None
) -> w.Widget:
    page = page or Page.from_request(params=params)
    view = ProgressView(page, store=store, params=params)
    frame = app_frame(w.HTML(f"<style>{PROGRESS_CSS}</style>"), page.header(), view.body)
    frame.view = view  # type: ignore[attr-defined]  # tests drive the page through this
    return frame
