"""Ordering: put steps (e.g. of a paperless meeting) in sequence.

Steps are written in the correct order; score = share of steps in their place.
"""

from __future__ import annotations

from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict, line_of
from chatdojo.i18n import Text, pick
from chatdojo.quiz.model import AnswerError, Choice, Question


class Ordering:
    name = "ordering"
    label: Text = {"ja": "並べ替え", "en": "Ordering"}
    keys = frozenset({"steps"})

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        raw = data.get("steps")
        if not isinstance(raw, list) or len(raw) < 3:
            chk.error(
                data.line_of("steps"),
                "ordering question needs 'steps' (at least three, in the right order)",
            )
            return None
        steps: list[Choice] = []
        for index, item in enumerate(raw):
            step = chk.mapping(item, "a step", line_of(raw, index, data.line_of("steps")))
            if step is None:
                return None
            chk.unknown_keys(step, {"text"}, "an ordering step")
            text = chk.text(step, "text")
            if text is None:
                return None
            steps.append(Choice(f"s{index + 1}", text, True))
        return {"choices": tuple(steps)}

    def normalize(self, question: Question, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str) or not isinstance(raw, list | tuple):
            raise AnswerError("a list of step ids is expected")
        ids = tuple(raw)
        expected = {c.id for c in question.choices}
        if len(ids) != len(expected) or set(ids) != expected:
            raise AnswerError("every step must be placed exactly once")
        return ids

    def score(self, question: Question, answer: tuple[str, ...]) -> float:
        right = sum(a == c.id for a, c in zip(answer, question.choices, strict=True))
        return right / len(question.choices)

    def feedback(self, question: Question, answer: tuple[str, ...]) -> tuple[Text, ...]:
        return ()

    def correct_answer(self, question: Question) -> tuple[str, ...]:
        return tuple(c.id for c in question.choices)

    def describe(self, question: Question, answer: tuple[str, ...], lang: str) -> str:
        return " → ".join(pick(question.choice(a).text, lang) for a in answer)


TYPE = Ordering()
