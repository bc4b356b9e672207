"""The question model: what a question bank's ```question block becomes.

It belongs to the content layer (banks build it); the quiz engine scores it
(``chatdojo.quiz``, which re-exports these names from ``chatdojo.quiz.model``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

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


class QuestionParser(Protocol):
    """The part of a question type the content layer needs to read a bank."""

    name: str
    keys: frozenset[str]

    def parse(self, data: Any, chk: Any) -> dict[str, Any] | None: ...
