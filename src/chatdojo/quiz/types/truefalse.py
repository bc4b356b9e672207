"""True/false: a statement and whether it holds, with feedback for each reply.

Scored, explained and described like a single choice between "true" and "false".
"""

from __future__ import annotations

from typing import Any

from chatdojo.content.checker import Checker
from chatdojo.content.yamlines import LineDict
from chatdojo.i18n import UI, Text
from chatdojo.quiz.model import AnswerError, Choice, Question
from chatdojo.quiz.types.single import SingleChoice


class TrueFalse(SingleChoice):
    name = "truefalse"
    label: Text = {"ja": "正誤", "en": "True / false"}
    keys = frozenset({"answer", "feedback_true", "feedback_false"})

    def parse(self, data: LineDict, chk: Checker) -> dict[str, Any] | None:
        answer = data.get("answer")
        if not isinstance(answer, bool):
            chk.error(
                data.line_of("answer"),
                "true/false question needs 'answer: true' or 'answer: false'",
            )
        if_true = chk.text(data, "feedback_true")
        if_false = chk.text(data, "feedback_false")
        if not isinstance(answer, bool) or if_true is None or if_false is None:
            return None
        choices = (
            Choice("true", UI["true"], answer is True, if_true),
            Choice("false", UI["false"], answer is False, if_false),
        )
        return {"choices": choices}

    def normalize(self, question: Question, raw: Any) -> str:
        if raw is True or raw == "true":
            return "true"
        if raw is False or raw == "false":
            return "false"
        raise AnswerError("true or false is expected")


TYPE = TrueFalse()
