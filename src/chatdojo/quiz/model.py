"""The question model shared by every question type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chatdojo.i18n import Text


class AnswerError(ValueError):
    """A submitted answer does not fit the question (validated server-side)."""


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    correct: bool = False
    feedback: Text | None = None


@dataclass(frozen=True)
class Pair:
    """One row of a matching question: ``prompt`` is matched to target ``answer``."""

    id: str
    prompt: Text
    answer: str
    feedback: Text | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    explanation: Text
    rules: tuple[str, ...]
    bank: str = ""
    path: str = ""
    line: int = 1
    profiles: tuple[str, ...] = ()
    policy_note: Text | None = None
    choices: tuple[Choice, ...] = ()
    pairs: tuple[Pair, ...] = ()
    number: float | None = None
    tolerance: float = 0.0
    unit: Text | None = None
    kind: str = ""
    when: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def choice(self, choice_id: str) -> Choice:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise AnswerError(f"unknown option {choice_id!r} for question {self.id}")

    def applies_to(self, profile_id: str | None, policies: dict[str, str] | None = None) -> bool:
        """Does this question hold under the trainer's chosen organization profile?"""
        if profile_id is None:
            return True
        if self.profiles and profile_id not in self.profiles:
            return False
        return all((policies or {}).get(k) == v for k, v in self.when.items())


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
