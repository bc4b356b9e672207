"""The registry of question types, in the order authors usually need them."""

from __future__ import annotations

from chatdojo.quiz.types import matching, multiple, numeric, ordering, single, truefalse
from chatdojo.quiz.types.base import QuestionType

QUESTION_TYPES: dict[str, QuestionType] = {
    module.TYPE.name: module.TYPE
    for module in (single, multiple, truefalse, matching, ordering, numeric)
}


def get_type(name: str) -> QuestionType:
    return QUESTION_TYPES[name]
