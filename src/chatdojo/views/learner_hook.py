"""Record a module page's quiz for a learner when the URL carries ``?learner=<resume code>``.

``attach(quiz_view, page)`` is all a module page needs: it resumes the
learner, records every answer through ``QuizView.on_outcome`` and puts a
small banner above the quiz ("recording for …", with a link back to the
progress page). Without the parameter it does nothing. A database problem
never breaks the quiz: the banner says the result could not be saved.
"""

from __future__ import annotations

import logging
from html import escape

import ipywidgets as w

from chatdojo.content.banks import QuestionBank
from chatdojo.i18n import translator
from chatdojo.quiz.attempt import Attempt, draw
from chatdojo.quiz.model import Outcome, Question
from chatdojo.store.codes import format_resume_code, normalize_code
from chatdojo.views.page import Page, query_params
from chatdojo.views.quiz_view import QuizView, applicable_questions

log = logging.getLogger("chatdojo")

TEXT = {
    "recording": {
        "ja": "{name} さんの学習記録に保存しています。",
        "en": "Saving results to {name}'s progress.",
    },
    "back": {"ja": "学習の記録へ", "en": "My progress"},
    "unknown": {
        "ja": "再開コードが見つかりません。結果は保存されません。",
        "en": "Resume code not found: results will not be saved.",
    },
    "failed": {
        "ja": "結果を保存できませんでした。時間をおいて再度お試しください。",
        "en": "Your result could not be saved. Please try again later.",
    },
}


_t = translator(TEXT)


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
) -> w.HTML | None:
    """Wire ``quiz_view`` to the learner named by ``?learner=``; returns the banner, or None."""
    params = query_params() if params is None else params
    code = normalize_code(params.get("learner"))
    if not code:
        return None
    from chatdojo.store.db import Store, shared_store
    from chatdojo.store.learners import resume
    from chatdojo.store.recorder import record_outcome

    banner = w.HTML()
    banner.add_class("cd-learner-banner")
    quiz_view.widget.children = (banner, *quiz_view.widget.children)
    state: dict[str, object] = {"error": ""}
    try:
        db = store if isinstance(store, Store) else shared_store()
        learner = resume(db, code)
    except Exception:  # the quiz must work even when the database does not
        log.exception("could not resume learner for a module page")
        learner, db = None, None

    def render() -> None:
        lang = page.lang
        if learner is None:
            banner.value = f'<p class="cd-note" role="status">{escape(_t("unknown", lang))}</p>'
            return
        link = page.link("progress.ipynb", learner=format_resume_code(code))
        error = state["error"]
        alert = f'<div class="cd-error" role="alert">{escape(str(error))}</div>' if error else ""
        banner.value = (
            f'<p class="cd-note" role="status">{escape(_t("recording", lang, name=learner.display_name))} '
            f'<a href="{escape(link)}">{escape(_t("back", lang))}</a></p>{alert}'
        )

    previous = quiz_view.on_outcome

    def hook(attempt: Attempt, question: Question, outcome: Outcome) -> None:
        if previous is not None:
            previous(attempt, question, outcome)
        if learner is None or db is None:
            return
        try:
            record_outcome(
                attempt,
                question,
                outcome,
                store=db,  # type: ignore[arg-type]
                learner_id=learner.id,
                module_id=module_of(page, quiz_view.bank),
                full_size=full_size(page, quiz_view.bank),
            )
            state["error"] = ""
        except Exception:
            log.exception("could not record a quiz answer")
            state["error"] = _t("failed", page.lang)
        render()

    if learner is not None:
        quiz_view.on_outcome = hook
    page.on_change(render)
    render()
    return banner
