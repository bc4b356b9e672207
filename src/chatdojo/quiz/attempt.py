"""One learner's pass through a quiz: draw, shuffle, answer, score, review, retry.

Pure Python and deterministic for a seed, so the same attempt can be rebuilt
on another device or after a server restart.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chatdojo.i18n import Text
from chatdojo.quiz.model import AnswerError, Choice, Outcome, Question
from chatdojo.quiz.types import get_type


class AnswerFinal(AnswerError):
    """The question was already checked in this attempt: its outcome stays as it is."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(f"question {outcome.question_id!r} is already answered")
        self.outcome = outcome


def draw(pool: Sequence[Question], n: int | None, seed: int) -> list[Question]:
    """N questions from a pool in a seeded random order (all of them when n is None)."""
    rng = random.Random(seed)
    picked = list(pool)
    rng.shuffle(picked)
    return picked if n is None else picked[: max(0, n)]


def shuffled_choices(question: Question, seed: int) -> list[Choice]:
    """Options in a seeded order; true/false and ordering keep theirs fixed or are scrambled."""
    choices = list(question.choices)
    if question.type == "truefalse":
        return choices
    rng = random.Random(f"{seed}:{question.id}")
    rng.shuffle(choices)
    if question.type == "ordering" and len(choices) > 1 and choices == list(question.choices):
        choices.append(choices.pop(0))  # never present an ordering already solved
    return choices


@dataclass(frozen=True)
class ReviewItem:
    question: Question
    outcome: Outcome | None
    your_answer: str
    correct_answer: str
    explanation: Text
    rules: tuple[str, ...]


@dataclass
class Attempt:
    questions: list[Question]
    seed: int = 0
    pass_mark: float = 0.8
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    position: int = 0
    practice: bool = False  # "retry only what I missed": never a pass, never counted
    key: str = field(default_factory=lambda: uuid.uuid4().hex)  # one stored row per question

    @classmethod
    def start(
        cls,
        pool: Sequence[Question],
        *,
        n: int | None = None,
        seed: int = 0,
        pass_mark: float = 0.8,
    ) -> Attempt:
        return cls(questions=draw(pool, n, seed), seed=seed, pass_mark=pass_mark)

    @property
    def current(self) -> Question | None:
        return self.questions[self.position] if self.position < len(self.questions) else None

    @property
    def finished(self) -> bool:
        return self.position >= len(self.questions)

    def choices(self, question: Question) -> list[Choice]:
        return shuffled_choices(question, self.seed)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise AnswerError(f"question {question_id!r} is not part of this attempt")

    def answer(self, question_id: str, raw: Any) -> Outcome:
        """Score one answer, once.

        Raises AnswerError for anything that does not fit the question, and
        AnswerFinal (an AnswerError) when the question was already checked:
        a checked answer is final whatever a client sends afterwards.
        """
        question = self.question(question_id)
        if (done := self.outcomes.get(question.id)) is not None:
            raise AnswerFinal(done)
        qtype = get_type(question.type)
        answer = qtype.normalize(question, raw)
        outcome = Outcome(
            question_id=question.id,
            answer=answer,
            score=qtype.score(question, answer),
            feedback=qtype.feedback(question, answer),
        )
        self.outcomes[question.id] = outcome
        return outcome

    def advance(self) -> None:
        if not self.finished:
            self.position += 1

    @property
    def score(self) -> float:
        return sum(o.score for o in self.outcomes.values())

    @property
    def fraction(self) -> float:
        return self.score / len(self.questions) if self.questions else 0.0

    @property
    def passed(self) -> bool:
        """Whether this attempt passes the quiz; a practice attempt never does."""
        return not self.practice and bool(self.questions) and self.fraction + 1e-9 >= self.pass_mark

    def review(self, lang: str) -> list[ReviewItem]:
        items: list[ReviewItem] = []
        for question in self.questions:
            qtype = get_type(question.type)
            outcome = self.outcomes.get(question.id)
            yours = qtype.describe(question, outcome.answer, lang) if outcome else ""
            right = qtype.describe(question, qtype.correct_answer(question), lang)
            items.append(
                ReviewItem(question, outcome, yours, right, question.explanation, question.rules)
            )
        return items

    def missed(self) -> list[Question]:
        return [q for q in self.questions if not (o := self.outcomes.get(q.id)) or not o.correct]

    def retry_missed(self) -> Attempt:
        """Practice: a new attempt with only the questions not fully right, in a fresh order.

        It is labelled practice (``practice=True``): it never passes and is not
        counted as an attempt at the quiz.
        """
        retry = Attempt.start(self.missed(), seed=self.seed + 1, pass_mark=self.pass_mark)
        retry.practice = True
        return retry
