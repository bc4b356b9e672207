"""Single choice: exactly one option is correct."""

from __future__ import annotations

from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import Text, pick
from chatdojo.quiz.model import Question
from chatdojo.quiz.types.base import as_choice_id, parse_choices


class SingleChoice:
    name = "single"
    label: Text = {"ja": "単一選択", "en": "Single choice"}
    keys = frozenset({"options"})

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        choices = parse_choices(data, chk)
        if choices is None:
            return None
        n_correct = sum(c.correct for c in choices)
        if n_correct != 1:
            what = "no correct option" if n_correct == 0 else f"{n_correct} correct options"
            chk.error(
                data.line_of("options"), f"single-choice question has {what} (needs exactly 1)"
            )
            return None
        return {"choices": choices}

    def normalize(self, question: Question, raw: Any) -> str:
        return as_choice_id(question, raw)

    def score(self, question: Question, answer: str) -> float:
        return 1.0 if question.choice(answer).correct else 0.0

    def feedback(self, question: Question, answer: str) -> tuple[Text, ...]:
        fb = question.choice(answer).feedback
        return (fb,) if fb else ()

    def correct_answer(self, question: Question) -> str:
        return next(c.id for c in question.choices if c.correct)

    def describe(self, question: Question, answer: str, lang: str) -> str:
        return pick(question.choice(answer).text, lang)


TYPE = SingleChoice()
