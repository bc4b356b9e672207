"""The question model shared by every question type, and what one answer earned.

``Question`` and its parts live in the content layer (``chatdojo.content.questions``),
which builds them from question banks; they are re-exported here for the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chatdojo.content.questions import AnswerError, Choice, Pair, Question
from chatdojo.i18n import Text

__all__ = ["AnswerError", "Choice", "Outcome", "Pair", "Question"]


@dataclass(frozen=True)
class Outcome:
    """What one answer earned, with the feedback to show."""

    question_id: str
    answer: Any
    score: float
    feedback: tuple[Text, ...] = ()

    @property
    def correct(self) -> bool:
        return self.score >= 0.999

    @property
    def verdict(self) -> str:
        if self.correct:
            return "correct"
        return "partly" if self.score > 0 else "wrong"
