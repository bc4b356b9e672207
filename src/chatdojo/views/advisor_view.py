"""The advisor page: yes/no questions in, ranked methods and reasons out; plus a quiz.

Thin over ``chatdojo.advisor``: every answer comes from ``recommend()``; this
module only wires widgets and escapes text into HTML.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from chatdojo.advisor import (
    FLAG_NAMES,
    QUESTIONS,
    Recommendation,
    Situation,
    TableError,
    read_table,
    recommend,
)
from chatdojo.advisor.labels import COLUMNS, cell
from chatdojo.advisor.quiz import Comparison, SituationQuiz
from chatdojo.advisor.situations import SituationItem, read_situations
from chatdojo.advisor.table import Method
from chatdojo.i18n import Strings, Text, pick
from chatdojo.views.page import Page, app_frame, error_box, safe
from chatdojo.views.render import citations

TEXT = Strings.load("views.advisor")

STYLE = """<style>
.cd-advisor .cd-yesno { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px;
  width: 100%; padding: 6px 0; border-bottom: 1px solid #eee; }
.cd-advisor .cd-yesno > .widget-html { flex: 1 1 220px; margin: 0; }
.cd-advisor .cd-yesno .widget-toggle-buttons { flex: 0 0 auto; margin: 0; }
.cd-advisor .cd-best { font-size: 20px; margin: 0; }
.cd-advisor .cd-ranking li { padding: 2px 0; }
.cd-advisor .cd-compare { display: flex; flex-wrap: wrap; gap: 8px; }
.cd-advisor .cd-compare > .cd-card { flex: 1 1 160px; margin: 0; }
.cd-advisor .cd-yesno .widget-toggle-button.mod-active { background: #1a56db; color: #fff; }
.cd-advisor .cd-table th, .cd-advisor .cd-table td { min-width: 7em; vertical-align: top;
  font-size: 14px; text-align: left; }
.cd-advisor details summary { min-height: 44px; display: list-item; padding-top: 10px;
  cursor: pointer; color: #1a56db; text-decoration: underline; }
</style>"""


_t = TEXT.tr


def _list(items: list[Text], lang: str) -> str:
    return "<ul>" + "".join(f"<li>{escape(pick(i, lang))}</li>" for i in items) + "</ul>"


def table_html(methods: dict[str, Method], lang: str) -> str:
    """The comparison table of 003 §2 in the learner's language, inside a <details>."""
    head = "".join(f"<th scope='col'>{escape(pick(t, lang))}</th>" for t in COLUMNS.values())
    rows = "".join(
        f"<tr><th scope='row'>{escape(pick(m.name, lang))}</th>"
        + "".join(f"<td>{escape(cell(m, c, lang))}</td>" for c in COLUMNS)
        + "</tr>"
        for m in methods.values()
    )
    return (
        f"<details class='cd-table'><summary>{escape(_t('table', lang))}</summary>"
        f"<table><thead><tr><th scope='col'>{escape(_t('method', lang))}</th>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table></details>"
    )


class AdvisorView:
    """Widgets over ``recommend()`` and a ``SituationQuiz``; tests drive it directly."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        try:
            self.methods: dict[str, Method] = read_table(page.catalog.root, page.catalog.rules)
        except TableError as exc:
            self.methods = {}
            self.problems += [str(e) for e in exc.errors]
        situations, sink = read_situations(page.catalog.root, page.catalog.rules)
        self.problems += [str(e) for e in sink.sorted()]
        self.situations = situations
        self.quiz = SituationQuiz(
            situations.items if situations else (), self.advise, page.profile_id
        )
        self._busy = False

        self.mode = w.ToggleButtons(
            value=None, layout=w.Layout(width="100%"), style={"button_width": "auto"}
        )
        self.mode.add_class("cd-switch")
        self.intro = w.HTML(layout=w.Layout(width="100%"))
        self.labels = {f: w.HTML() for f in FLAG_NAMES}
        self.toggles = {
            f: w.ToggleButtons(value=None, style={"button_width": "auto"}) for f in FLAG_NAMES
        }
        rows = []
        for flag in FLAG_NAMES:
            self.toggles[flag].add_class(f"cd-flag-{flag}")
            self.toggles[flag].observe(safe(self._flag_changed, self._report), names="value")
            row = w.Box([self.labels[flag], self.toggles[flag]], layout=w.Layout(width="100%"))
            row.add_class("cd-yesno")
            rows.append(row)
        self.reset_button = w.Button(layout=w.Layout(width="100%"))
        self.reset_button.on_click(safe(lambda _b: self.reset(), self._report))
        self.result = w.HTML(layout=w.Layout(width="100%"))
        self.table = w.HTML(layout=w.Layout(width="100%"))
        self.advisor_box = w.VBox(
            [*rows, self.reset_button, self.result, self.table], layout=w.Layout(width="100%")
        )

        self.quiz_head = w.HTML(layout=w.Layout(width="100%"))
        self.choice = w.RadioButtons(options=[], value=None, layout=w.Layout(width="100%"))
        self.choice.add_class("cd-choices")
        self.check_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.check_button.add_class("cd-check")
        self.next_button = w.Button(layout=w.Layout(width="100%"))
        self.next_button.add_class("cd-next")
        self.restart_button = w.Button(layout=w.Layout(width="100%"))
        self.feedback = w.HTML(layout=w.Layout(width="100%"))
        self.message = w.HTML()
        self.check_button.on_click(safe(lambda _b: self.check(), self._report))
        self.next_button.on_click(safe(lambda _b: self.next(), self._report))
        self.restart_button.on_click(safe(lambda _b: self.restart(), self._report))
        self.quiz_box = w.VBox(layout=w.Layout(width="100%"))

        self.content = w.VBox(layout=w.Layout(width="100%"))
        self.mode.observe(safe(lambda _c: self.show(), self._report), names="value")
        page.on_change(safe(self.render, self._report))
        self.render()
        self.mode.value = "advisor"
        errors = [error_box(p) for p in self.problems[:10]]
        self.widget = app_frame(
            w.HTML(STYLE),
            page.header(show_profile=True, page_title=TEXT["title"]),
            *errors,
            self.intro,
            self.mode,
            self.content,
        )
        self.widget.add_class("cd-advisor")

    # -- engine --------------------------------------------------------------------
    def advise(self, situation: Situation) -> Recommendation:
        return recommend(situation, self.page.profile, methods=self.methods)

    def situation(self) -> Situation:
        flags = {f: bool(self.toggles[f].value) for f in FLAG_NAMES}
        return Situation(**flags, profile=self.page.profile_id)

    @property
    def recommendation(self) -> Recommendation | None:
        return self.advise(self.situation()) if self.methods else None

    # -- actions (also called by tests) ------------------------------------------------
    def reset(self) -> None:
        self._busy = True
        try:
            for toggle in self.toggles.values():
                toggle.value = False
        finally:
            self._busy = False
        self.render_result()

    def check(self, method_id: str | None = None) -> Comparison | None:
        method_id = method_id or self.choice.value
        if self.quiz.current is None:
            return None
        if method_id is None:
            self.message.value = f'<div class="cd-error" role="alert">{escape(_t("pick_first", self.page.lang))}</div>'
            return None
        comparison = self.quiz.answer(method_id)
        self.render_quiz()
        return comparison

    def next(self) -> None:
        self.quiz.advance()
        self.choice.value = None
        self.render_quiz()

    def restart(self) -> None:
        self.quiz.restart()
        self.choice.value = None
        self.render_quiz()

    # -- rendering ----------------------------------------------------------------------
    def _report(self, text: str) -> None:
        self.message.value = f'<div class="cd-error" role="alert">{escape(text)}</div>'

    def _flag_changed(self, _change: object) -> None:
        if not self._busy:
            self.render_result()

    def show(self) -> None:
        if self.mode.value == "quiz":
            self.render_quiz()
            self.content.children = [self.quiz_box]
        else:
            self.content.children = [self.advisor_box, self.message]

    def render(self) -> None:
        lang = self.page.lang
        self.quiz.profile = self.page.profile_id
        self._busy = True
        try:
            mode = self.mode.value or "advisor"
            self.mode.options = [
                (_t("mode_advisor", lang), "advisor"),
                (_t("mode_quiz", lang), "quiz"),
            ]
            self.mode.value = mode
            yes, no = _t("yes", lang), _t("no", lang)
            for flag in FLAG_NAMES:
                question = pick(QUESTIONS[flag], lang)
                toggle = self.toggles[flag]
                value = bool(toggle.value)
                toggle.options = [(yes, True), (no, False)]
                toggle.tooltips = [f"{question} {yes}", f"{question} {no}"]
                toggle.value = value
                self.labels[flag].value = f'<span id="cd-q-{flag}">{escape(question)}</span>'
        finally:
            self._busy = False
        self.intro.value = f"<h1>{escape(_t('title', lang))}</h1><p>{escape(_t('intro', lang))}</p>"
        self.reset_button.description = _t("reset", lang)
        self.table.value = table_html(self.methods, lang) if self.methods else ""
        self.render_result()
        self.render_quiz()

    def recommendation_html(self, rec: Recommendation, lang: str) -> str:
        best = self.methods[rec.method]
        top = rec.scores[rec.method]
        ranking = "".join(
            f"<li data-method='{escape(m)}'>{escape(pick(self.methods[m].name, lang))}"
            + (
                f" <span class='cd-note'>({escape(_t('tie', lang))})</span>"
                if i and rec.scores[m] == top
                else ""
            )
            + "</li>"
            for i, m in enumerate(rec.ranking)
        )
        parts = [
            f"<div class='cd-feedback cd-correct' data-method='{escape(rec.method)}'>"
            f"<p class='cd-note'>{escape(_t('best', lang))}</p>"
            f"<p class='cd-best'><strong>{escape(pick(best.name, lang))}</strong></p>"
            f"<p class='cd-note'>{escape(pick(best.note, lang))}</p></div>",
        ]
        if rec.warnings:
            parts.append(
                f"<div class='cd-feedback cd-wrong cd-warnings'><strong>{escape(_t('warnings', lang))}</strong>"
                f"{_list(rec.warnings, lang)}</div>"
            )
        parts.append(f"<h3>{escape(_t('reasons', lang))}</h3>{_list(rec.reasons, lang)}")
        parts.append(f"<h3>{escape(_t('ranking', lang))}</h3><ol class='cd-ranking'>{ranking}</ol>")
        parts.append(citations(rec.rules, self.page.catalog, lang))
        return "".join(parts)

    def render_result(self) -> None:
        rec = self.recommendation
        if rec is None:
            self.result.value = ""
            return
        self.result.value = f'<div role="status" aria-live="polite">{self.recommendation_html(rec, self.page.lang)}</div>'

    def render_quiz(self) -> None:
        lang, quiz = self.page.lang, self.quiz
        self.message.value = ""
        self.check_button.description = _t("check", lang)
        self.restart_button.description = _t("restart", lang)
        title = pick(self.situations.title, lang) if self.situations else _t("mode_quiz", lang)
        head = f"<h2>{escape(title)}</h2>"
        if self.situations and self.situations.intro:
            head += f"<p class='cd-note'>{escape(pick(self.situations.intro, lang))}</p>"
        if not quiz.items or not self.methods:
            self.quiz_head.value = head + f"<p>{escape(_t('no_situations', lang))}</p>"
            self.quiz_box.children = [self.quiz_head]
            return
        if quiz.finished:
            result = _t("result", lang, n=quiz.score, m=len(quiz.items))
            self.quiz_head.value = (
                head
                + f"<div class='cd-feedback' role='status'><p><strong>{escape(result)}</strong></p></div>"
            )
            self.quiz_box.children = [self.quiz_head, self.restart_button]
            return
        item = quiz.current
        assert item is not None  # not finished
        progress = _t("situation_n", lang, n=quiz.position + 1, m=len(quiz.items))
        self.quiz_head.value = (
            head + f"<p class='cd-note' aria-live='polite'>{escape(progress)}</p>"
            f"<div class='cd-card'><p>{escape(pick(item.text, lang))}</p></div>"
            f"<p><strong>{escape(_t('pick', lang))}</strong></p>"
        )
        value = self.choice.value
        self.choice.options = [(pick(m.name, lang), m.id) for m in self.methods.values()]
        self.choice.value = value
        done = quiz.answers.get(item.id)
        self.choice.disabled = done is not None
        if done is None:
            self.feedback.value = ""
            self.quiz_box.children = [self.quiz_head, self.choice, self.message, self.check_button]
            return
        self.feedback.value = self.comparison_html(done, item, lang)
        last = quiz.position == len(quiz.items) - 1
        self.next_button.description = _t("finish" if last else "next", lang)
        self.quiz_box.children = [
            self.quiz_head,
            self.choice,
            self.feedback,
            self.message,
            self.next_button,
        ]

    def comparison_html(self, c: Comparison, item: SituationItem, lang: str) -> str:
        verdict = "match" if c.matches else "differ"
        state = "cd-correct" if c.matches else "cd-wrong"
        yours = pick(self.methods[c.chosen].name, lang)
        advised = pick(self.methods[c.advice.method].name, lang)
        rules = list(dict.fromkeys([*item.rules, *c.advice.rules]))
        warnings = ""
        if c.advice.warnings:
            warnings = f"<p><strong>{escape(_t('warnings', lang))}</strong></p>{_list(c.advice.warnings, lang)}"
        return (
            f"<div class='cd-feedback {state}' role='status' aria-live='polite'>"
            f"<p><strong>{escape(_t(verdict, lang))}</strong></p>"
            f"<div class='cd-compare'>"
            f"<div class='cd-card cd-yours'><p class='cd-note'>{escape(_t('yours', lang))}</p>"
            f"<p><strong>{escape(yours)}</strong></p>"
            f"<p class='cd-note'>{escape(_t('rank_of', lang, n=c.rank))}</p></div>"
            f"<div class='cd-card cd-advised'><p class='cd-note'>{escape(_t('advisor', lang))}</p>"
            f"<p><strong>{escape(advised)}</strong></p></div></div>"
            f"<p><strong>{escape(_t('reasons', lang))}</strong></p>{_list(c.advice.reasons, lang)}"
            f"{warnings}{citations(rules, self.page.catalog, lang)}</div>"
        )


def advisor(page: Page | None = None) -> w.Widget:
    """Build the advisor page (the notebook displays what this returns)."""
    view = AdvisorView(page or Page.from_request())
    view.widget.view = view  # type: ignore[attr-defined]  # tests reach the view through this
    return view.widget
