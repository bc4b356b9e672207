"""The situation quiz: the learner picks a method, then compares it with the advisor's.

A pick counts as matching when it scores as high as the advisor's first choice
(e.g. phone and face-to-face are equally right for an urgent call); otherwise
the learner sees where their pick ranked and why the advisor chose differently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from chatdojo.advisor.engine import Recommendation
from chatdojo.advisor.situation import Situation
from chatdojo.advisor.situations import SituationItem
from chatdojo.advisor.table import METHOD_IDS

Advisor = Callable[[Situation], Recommendation]


@dataclass(frozen=True)
class Comparison:
    item: SituationItem
    chosen: str
    advice: Recommendation

    @property
    def matches(self) -> bool:
        scores = self.advice.scores
        return scores.get(self.chosen) == scores.get(self.advice.method)

    @property
    def rank(self) -> int:
        """1-based place of the learner's pick in the advisor's ranking."""
        return self.advice.ranking.index(self.chosen) + 1


@dataclass
class SituationQuiz:
    items: Sequence[SituationItem]
    advisor: Advisor
    profile: str = "default"
    position: int = 0
    answers: dict[str, Comparison] = field(default_factory=dict)

    @property
    def current(self) -> SituationItem | None:
        return self.items[self.position] if self.position < len(self.items) else None

    @property
    def finished(self) -> bool:
        return self.position >= len(self.items)

    @property
    def score(self) -> int:
        return sum(1 for c in self.answers.values() if c.matches)

    def answer(self, method_id: str) -> Comparison:
        """Record the learner's pick for the current situation (``ValueError`` if invalid)."""
        item = self.current
        if item is None:
            raise ValueError("the quiz is finished")
        if method_id not in METHOD_IDS:
            raise ValueError(f"unknown method '{method_id}'")
        if item.id in self.answers:
            return self.answers[item.id]
        comparison = Comparison(item, method_id, self.advisor(item.situation(self.profile)))
        self.answers[item.id] = comparison
        return comparison

    def advance(self) -> None:
        item = self.current
        if item is not None and item.id in self.answers:
            self.position += 1

    def restart(self) -> None:
        self.position = 0
        self.answers.clear()
