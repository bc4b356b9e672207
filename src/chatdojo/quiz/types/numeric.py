"""Numeric: a number within a tolerance (e.g. sheets saved by a paperless meeting)."""

from __future__ import annotations

from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import Text, pick
from chatdojo.quiz.model import Question
from chatdojo.quiz.types.base import as_number


class Numeric:
    name = "numeric"
    label: Text = {"ja": "数値入力", "en": "Numeric"}
    keys = frozenset({"answer", "tolerance", "unit", "feedback_correct", "feedback_wrong"})

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        answer = chk.number(data, "answer")
        tolerance = chk.number(data, "tolerance", required=False, minimum=0) or 0.0
        unit = chk.text(data, "unit", required=False)
        right = chk.text(data, "feedback_correct")
        wrong = chk.text(data, "feedback_wrong")
        if answer is None or right is None or wrong is None:
            return None
        return {
            "number": answer,
            "tolerance": tolerance,
            "unit": unit,
            "extra": {"feedback_correct": right, "feedback_wrong": wrong},
        }

    def normalize(self, question: Question, raw: Any) -> float:
        return as_number(raw)

    def score(self, question: Question, answer: float) -> float:
        target = question.number if question.number is not None else float("nan")
        return 1.0 if abs(answer - target) <= question.tolerance + 1e-9 else 0.0

    def feedback(self, question: Question, answer: float) -> tuple[Text, ...]:
        key = "feedback_correct" if self.score(question, answer) else "feedback_wrong"
        return (question.extra[key],)

    def correct_answer(self, question: Question) -> float:
        return question.number if question.number is not None else float("nan")

    def describe(self, question: Question, answer: float, lang: str) -> str:
        text = f"{answer:,.10g}"
        return f"{text} {pick(question.unit, lang)}".strip()


TYPE = Numeric()
