"""The trainer card of the home page: where live sessions are run now.

Live sessions are served by the ChatDojo process itself (``chatdojo.room``), with
no kernel per participant: the console at ``/room/new`` (or ``/room/CODE/trainer``),
the projector at ``/room/CODE/screen`` and phones at ``/room/CODE``. This page
explains that and links there; an old ``trainer.ipynb?code=…&token=…`` link is
forwarded to the console of that session.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import ipywidgets as w

from chatdojo.i18n import Strings
from chatdojo.store.codes import normalize_code
from chatdojo.views.page import Page, app_frame, query_params

TEXT = Strings.load("views.trainer")

tr = TEXT.tr


def console_link(params: dict[str, str]) -> str:
    """``/room/new``, or the console of the session named by ``code`` + ``token``."""
    code, token = normalize_code(params.get("code")), params.get("token") or ""
    if code and token:
        return f"/room/{code}/trainer?{urlencode({'token': token[:64]})}"
    return "/room/new"


class TrainerView:
    def __init__(self, page: Page, params: dict[str, str] | None = None) -> None:
        self.page = page
        self.params = query_params() if params is None else params
        self.body = w.VBox(layout=w.Layout(width="100%"))
        page.on_change(self.render)
        self.render()

    def render(self) -> None:
        lang = self.page.lang
        link = console_link(self.params)
        label = tr("open" if link != "/room/new" else "new", lang)
        href = f"{link}{'&' if '?' in link else '?'}lang={lang}"
        self.body.children = [
            w.HTML(
                f"<h1>{escape(tr('title', lang))}</h1><p>{escape(tr('intro', lang))}</p>"
                f'<p><a class="cd-button" href="{escape(href)}" target="_top">{escape(label)}</a></p>'
            ),
            w.HTML(
                f'<p class="cd-note">{escape(tr("projector", lang))}</p>'
                f'<p class="cd-note">{escape(tr("cli_hint", lang))}</p>'
            ),
        ]


def trainer_page(page: Page | None = None, *, params: dict[str, str] | None = None) -> w.Widget:
    params = query_params() if params is None else params
    page = page or Page.from_request(params=params)
    view = TrainerView(page, params=params)
    frame = app_frame(page.header(), view.body)
    frame.view = view  # type: ignore[attr-defined]
    return frame
