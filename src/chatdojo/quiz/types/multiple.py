"""Multiple choice: any number of correct options, with partial credit.

Score = (correct picks - wrong picks) / number of correct options, never below 0,
so ticking everything earns nothing.
"""

from __future__ import annotations

from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import Text, pick
from chatdojo.quiz.model import AnswerError, Question
from chatdojo.quiz.types.base import as_choice_id, parse_choices


class MultipleChoice:
    name = "multiple"
    label: Text = {"ja": "複数選択", "en": "Multiple choice"}
    keys = frozenset({"options"})

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        choices = parse_choices(data, chk)
        if choices is None:
            return None
        if not any(c.correct for c in choices):
            chk.error(data.line_of("options"), "multiple-choice question has no correct option")
            return None
        return {"choices": choices}

    def normalize(self, question: Question, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str) or not isinstance(raw, list | tuple | set | frozenset):
            raise AnswerError("a list of option ids is expected")
        if len(raw) > len(question.choices):
            raise AnswerError("too many options")
        ids = [as_choice_id(question, item) for item in raw]
        if len(set(ids)) != len(ids):
            raise AnswerError("an option was given twice")
        order = [c.id for c in question.choices]
        return tuple(sorted(ids, key=order.index))

    def score(self, question: Question, answer: tuple[str, ...]) -> float:
        n_correct = sum(c.correct for c in question.choices)
        right = sum(question.choice(a).correct for a in answer)
        wrong = len(answer) - right
        return max(0.0, (right - wrong) / n_correct)

    def feedback(self, question: Question, answer: tuple[str, ...]) -> tuple[Text, ...]:
        picked = set(answer)
        out: list[Text] = []
        for choice in question.choices:
            # Show feedback for what was picked and for correct options that were missed.
            if choice.feedback and (choice.id in picked or choice.correct):
                out.append(choice.feedback)
        return tuple(out)

    def correct_answer(self, question: Question) -> tuple[str, ...]:
        return tuple(c.id for c in question.choices if c.correct)

    def describe(self, question: Question, answer: tuple[str, ...], lang: str) -> str:
        return " / ".join(pick(question.choice(a).text, lang) for a in answer) or "-"


TYPE = MultipleChoice()
