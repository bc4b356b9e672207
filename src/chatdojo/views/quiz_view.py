"""A quiz on a phone: one question at a time, feedback, results, review, retry."""

from __future__ import annotations

import random
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from chatdojo.content.banks import QuestionBank
from chatdojo.i18n import pick
from chatdojo.quiz.attempt import AnswerFinal, Attempt
from chatdojo.quiz.model import AnswerError, Outcome, Question
from chatdojo.views import practice
from chatdojo.views.inputs import PROMPT_KEYS, AnswerInput, build_input, is_empty
from chatdojo.views.page import Page, safe
from chatdojo.views.render import citations, md

OutcomeHook = Callable[[Attempt, Question, Outcome], None]
# Right and wrong are told by a mark and a word, never by colour alone.
MARKS = {"correct": "✓", "partly": "△", "wrong": "✗"}


def number(value: float) -> str:
    """A score as people write it: 8, 7.5 (never 8.0)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def verdict_label(page: Page, verdict: str) -> str:
    """``✓ 正解`` / ``△ 一部正解`` / ``✗ 不正解`` as an HTML snippet."""
    return (
        f'<span class="cd-verdict"><span aria-hidden="true">{MARKS[verdict]}</span> '
        f"{escape(page.t(verdict))}</span>"
    )


def applicable_questions(page: Page, bank: QuestionBank) -> list[Question]:
    """The questions that hold under the page's profile, its facts filled into every field."""
    from chatdojo.content.banks import questions_for

    return questions_for(bank, page.profile)


class QuizView:
    """Widgets wired to an Attempt; all scoring happens in the engine."""

    def __init__(
        self,
        page: Page,
        bank: QuestionBank,
        *,
        seed: int | None = None,
        on_outcome: OutcomeHook | None = None,
    ) -> None:
        self.page = page
        self.bank = bank
        self.on_outcome = on_outcome
        self.seed = random.randrange(1 << 30) if seed is None else seed
        self.attempt = Attempt.start(
            applicable_questions(page, bank), n=bank.draw, seed=self.seed, pass_mark=bank.pass_mark
        )
        self.pending: Any = None
        self.input: AnswerInput | None = None

        self.progress = w.IntProgress(
            min=0, max=max(1, len(self.attempt.questions)), layout=w.Layout(width="100%")
        )
        self.progress.add_class("cd-progress")
        self.progress_label = w.HTML()
        self.title = w.HTML()
        self.question_html = w.HTML(layout=w.Layout(width="100%"))
        self.prompt = w.HTML()
        self.answer_area = w.VBox(layout=w.Layout(width="100%"))
        self.message = w.HTML()
        self.feedback = w.HTML(layout=w.Layout(width="100%"))
        self.check_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.next_button = w.Button(layout=w.Layout(width="100%"))
        self.retry_button = w.Button(layout=w.Layout(width="100%"))
        self.restart_button = w.Button(layout=w.Layout(width="100%"))
        self.check_button.add_class("cd-check")
        self.next_button.add_class("cd-next")
        self.retry_button.add_class("cd-retry")
        self.restart_button.add_class("cd-restart")
        self.check_button.on_click(safe(lambda _b: self.check(), self._report))
        self.next_button.on_click(safe(lambda _b: self.next(), self._report))
        self.retry_button.on_click(safe(lambda _b: self.retry_missed(), self._report))
        self.restart_button.on_click(safe(lambda _b: self.restart(), self._report))
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.widget = w.VBox(
            [self.title, self.progress_label, self.progress, self.body],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("cd-quiz")
        page.on_change(safe(self.render, self._report))
        self.render()

    # -- actions (also called directly by tests) ---------------------------------
    def check(self, raw: Any = None) -> Outcome | None:
        question = self.attempt.current
        if question is None:
            return None
        if raw is None and self.input is not None:
            raw = self.input.get()
        if is_empty(raw):
            self._say(self.page.t("answer_required"))
            return None
        try:
            outcome = self.attempt.answer(question.id, raw)
        except AnswerFinal:  # a double tap or a forged message: the first answer stands
            self.render()
            return None
        except AnswerError as exc:
            self._say(str(exc))
            return None
        self.pending = outcome.answer
        if self.on_outcome is not None:
            self.on_outcome(self.attempt, question, outcome)
        self.render()
        self.next_button.focus()  # the check button is gone: focus never falls to <body>
        return outcome

    def next(self) -> None:
        question = self.attempt.current
        if question is None or question.id not in self.attempt.outcomes:
            return
        self.attempt.advance()
        self.pending = None
        self.render()
        self.focus_start()

    def focus_start(self) -> None:
        """Focus the new question's first answer control, or the results' first button."""
        if self.attempt.finished:
            first = self.retry_button if self.attempt.missed() else self.restart_button
            first.focus()
            return
        widget = self.input.widget if self.input is not None else self.check_button
        while isinstance(widget, w.Box) and widget.children:
            widget = widget.children[0]
        if isinstance(widget, w.HTML):  # an ordering row starts with its text: its first button
            box = self.input.widget if self.input is not None else None
            row = box.children[0] if isinstance(box, w.Box) and box.children else None
            widget = next(
                (
                    c
                    for c in getattr(row, "children", ())
                    if isinstance(c, w.Button) and not c.disabled
                ),
                self.check_button,
            )
        if isinstance(widget, w.DOMWidget):
            widget.focus()

    def retry_missed(self) -> None:
        if not self.attempt.missed():
            return
        self.attempt = self.attempt.retry_missed()
        self.progress.max = max(1, len(self.attempt.questions))
        self.pending = None
        self.render()
        self.focus_start()

    def restart(self) -> None:
        self.seed += 1
        self.attempt = Attempt.start(
            applicable_questions(self.page, self.bank),
            n=self.bank.draw,
            seed=self.seed,
            pass_mark=self.bank.pass_mark,
        )
        self.progress.max = max(1, len(self.attempt.questions))
        self.pending = None
        self.render()
        self.focus_start()

    # -- rendering --------------------------------------------------------------
    def _report(self, text: str) -> None:
        self._say(text)

    def _say(self, text: str) -> None:
        self.message.value = (
            f'<div class="cd-error" role="alert">{escape(text)}</div>' if text else ""
        )

    def render(self) -> None:
        page, lang = self.page, self.page.lang
        self.title.value = f"<h2>{escape(pick(self.bank.title, lang))}</h2>"
        total = len(self.attempt.questions)
        self.message.value = ""
        if total == 0:
            self.progress_label.value = ""
            self.body.children = [w.HTML(f"<p>{escape(page.t('empty_module'))}</p>")]
            return
        if self.attempt.finished:
            self.progress.value = total
            self.progress_label.value = ""
            self.render_results()
            return
        question = self.attempt.current
        assert question is not None  # not finished, so there is a current question
        n = self.attempt.position + 1
        self.progress.value = self.attempt.position
        self.progress_label.value = (
            f'<div aria-live="polite">{escape(practice.badge(self.attempt, lang))} '
            f"{escape(page.t('question_n_of_m', n=n, m=total))}</div>"
        )
        subs = page.substitutions()
        note = ""
        if question.policy_note:
            note = f'<p class="cd-note">{escape(page.t("policy_note"))}: {escape(pick(question.policy_note, lang))}</p>'
        self.question_html.value = md(question.text, lang, subs, page.catalog) + note
        self.prompt.value = f'<p class="cd-note">{escape(page.t(PROMPT_KEYS[question.type]))}</p>'
        outcome = self.attempt.outcomes.get(question.id)
        initial = outcome.answer if outcome else self.pending
        self.input = build_input(question, self.attempt.choices(question), lang, initial)
        self.answer_area.children = [self.input.widget]
        if outcome is None:
            self.feedback.value = ""
            self.check_button.description = page.t("check")
            self.body.children = [
                self.question_html,
                self.prompt,
                self.answer_area,
                self.message,
                self.check_button,
            ]
        else:
            self.input.disable()
            self.feedback.value = self.feedback_html(question, outcome)
            last = self.attempt.position == total - 1
            self.next_button.description = page.t("finish" if last else "next")
            self.body.children = [
                self.question_html,
                self.answer_area,
                self.feedback,
                self.message,
                self.next_button,
            ]

    def feedback_html(self, question: Question, outcome: Outcome) -> str:
        page, lang = self.page, self.page.lang
        subs = page.substitutions()
        parts = [f'<div class="cd-feedback cd-{outcome.verdict}" role="status" aria-live="polite">']
        parts.append(f"<p><strong>{verdict_label(page, outcome.verdict)}</strong></p>")
        for fb in outcome.feedback:
            parts.append(md(fb, lang, subs, page.catalog))
        parts.append(f"<p><strong>{escape(page.t('explanation'))}</strong></p>")
        parts.append(md(question.explanation, lang, subs, page.catalog))
        parts.append(citations(question.rules, page.catalog, lang))
        parts.append("</div>")
        return "".join(parts)

    def render_results(self) -> None:
        page, lang = self.page, self.page.lang
        a = self.attempt
        verdict = practice.verdict(a, lang, page.t("passed"), page.t("failed"))
        summary = w.HTML(
            f'<div class="cd-feedback cd-{practice.state(a)}" role="status">'
            f"<p><strong>{escape(page.t('score'))}: {number(a.score)} / {len(a.questions)}"
            f" ({a.fraction:.0%})</strong> — {escape(verdict)}</p>"
            + practice.pass_mark_note(
                a, f"<p class='cd-note'>{escape(page.t('pass_mark'))}: {a.pass_mark:.0%}</p>"
            )
            + "</div>"
        )
        items = []
        for item in a.review(lang):
            state = item.outcome.verdict if item.outcome else "wrong"
            yours = escape(item.your_answer or page.t("no_answer"))
            items.append(
                f'<div class="cd-card cd-feedback cd-{state}">'
                f"<p><strong>{verdict_label(page, state)}</strong></p>"
                f"{md(item.question.text, lang, page.substitutions(), page.catalog)}"
                f"<p><strong>{escape(page.t('your_answer'))}:</strong> {yours}</p>"
                f"<p><strong>{escape(page.t('right_answer'))}:</strong> {escape(item.correct_answer)}</p>"
                f"{md(item.explanation, lang, page.substitutions(), page.catalog)}"
                f"{citations(item.rules, page.catalog, lang)}</div>"
            )
        review = w.HTML(
            f'<div class="cd-review"><h3>{escape(page.t("review"))}</h3>{"".join(items)}</div>',
            layout=w.Layout(width="100%"),
        )
        self.retry_button.description = page.t("retry_missed")
        self.restart_button.description = page.t("restart")
        buttons: list[w.Widget] = [self.restart_button]
        if a.missed():
            buttons.insert(0, self.retry_button)
        else:
            buttons.insert(0, w.HTML(f"<p>{escape(page.t('all_correct'))}</p>"))
        self.body.children = [summary, *buttons, review, self.message]
