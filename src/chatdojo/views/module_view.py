"""A topic module: its guide and its quiz on one page, switched by two buttons."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import ipywidgets as w

from chatdojo.content.catalog import load_module_catalog
from chatdojo.i18n import pick
from chatdojo.views.page import Page, app_frame, query_params, safe
from chatdojo.views.render import cited_rules, md, reference_list

if TYPE_CHECKING:
    from chatdojo.views.quiz_view import QuizView


def guide_html(page: Page, guide_id: str) -> str:
    guide = page.catalog.guides[guide_id]
    lang = page.lang
    query = urlencode({"lang": lang, "profile": page.profile_id})
    body = md(
        guide.body, lang, page.substitutions(), page.catalog, guide_url=f"./{{}}.ipynb?{query}"
    )
    return (
        f"<h1>{escape(pick(guide.title, lang))}</h1>"
        f'<p class="cd-note">{escape(pick(guide.summary, lang))}</p>'
        + body
        + reference_list(cited_rules(body), page.catalog, lang)
    )


def module(topic: str, page: Page | None = None, *, seed: int | None = None) -> w.Widget:
    if page is None:
        params = query_params()
        # Only this module's guide and bank: ~3 MiB less in every learner's kernel.
        page = Page.from_request(catalog=load_module_catalog(topic), params=params)
        if seed is None and params.get("seed", "").isdigit():
            seed = int(params["seed"][:9])  # a trainer's fixed draw, e.g. ?seed=7
    errors = page.content_errors()
    guide = page.catalog.guides.get(topic)
    if guide is None:
        from chatdojo.views.page import error_box

        message = {
            "ja": f"モジュール「{topic}」のガイドを読み込めませんでした。",
            "en": f"The guide of module '{topic}' could not be loaded.",
        }[page.lang]
        return app_frame(page.header(), *([errors] if errors else []), error_box(message))

    guide_pane = w.HTML(layout=w.Layout(width="100%"))
    guide_pane.add_class("cd-guide")
    bank = page.catalog.banks.get(guide.quiz or "")
    built: list[QuizView] = []

    def open_quiz() -> QuizView | None:
        """The quiz, built when the learner first opens it: a kernel whose learner only reads
        the guide never holds the quiz's widgets (~70) or imports its modules."""
        if bank is None:
            return None
        if not built:
            from chatdojo.views.learner_hook import attach
            from chatdojo.views.quiz_view import QuizView

            quiz = QuizView(page, bank, seed=seed)
            attach(quiz, page)  # results kept for the learner of the cookie or ?learner=
            built.append(quiz)
            view.quiz = quiz  # type: ignore[attr-defined]  # tests drive the quiz through this
        return built[0]

    switch = w.ToggleButtons(layout=w.Layout(width="100%"), style={"button_width": "auto"})
    switch.add_class("cd-switch")
    content = w.VBox(layout=w.Layout(width="100%"))

    def show(section: str) -> None:
        quiz = open_quiz() if section == "quiz" else None
        content.children = [quiz.widget if quiz is not None else guide_pane]

    def render() -> None:
        guide_pane.value = guide_html(page, topic)
        current = switch.value or "guide"
        options = [(page.t("guide"), "guide")]
        if bank is not None:
            options.append((page.t("quiz"), "quiz"))
        switch.options = options
        switch.value = current

    switch.observe(safe(lambda change: show(change["new"])), names="value")
    page.on_change(render)
    render()
    show("guide")
    view = app_frame(
        page.header(page_title=guide.title), *([errors] if errors else []), switch, content
    )
    view.quiz = None  # type: ignore[attr-defined]  # the QuizView once opened
    view.open_quiz = open_quiz  # type: ignore[attr-defined]
    view.switch = switch  # type: ignore[attr-defined]
    give_back_memory()
    return view


def give_back_memory() -> None:
    """Hand the heap freed while the page was built (the catalogue's file read, parsing)
    back to the system: a kernel stays open as long as its page, ~1 MiB each on glibc."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError, TypeError):  # not glibc (musl has no malloc_trim)
        return
