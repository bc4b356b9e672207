"""One learner's walk through a scenario: choose, go back, finish, review.

Every choice is checked here, not in the widgets: a client can send any
choice id, so an unknown one raises ``ScenarioError``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from chatdojo.scenario.model import Choice, Ending, Scenario, Step


class ScenarioError(ValueError):
    """A move that the scenario does not allow (unknown choice, back at the start, ...)."""


@dataclass(frozen=True)
class ReviewItem:
    """One step of the path taken, with what was chosen there and what it cost."""

    step: Step
    choice: Choice | None
    best_before: int | None
    best_after: int | None

    @property
    def rules(self) -> tuple[str, ...]:
        return self.step.rules

    @property
    def kept_best(self) -> bool:
        """Did this choice keep the highest score in reach (True for the ending itself)?"""
        return self.choice is None or self.best_after == self.best_before


@dataclass
class ScenarioRun:
    """One walk; ``seed`` fixes the order the choices are shown in at every step."""

    scenario: Scenario
    taken: list[tuple[str, str]] = field(default_factory=list)
    backs: int = 0
    seed: int = 0

    def choices(self, step: Step | None = None) -> list[Choice]:
        """The step's choices in this run's shuffled order (the same each visit).

        Authors tend to write the best choice first; shown in file order, the
        first button would always lead to the best ending.
        """
        step = step or self.current
        shown = list(step.choices)
        random.Random(f"{self.scenario.id}\x00{step.id}\x00{self.seed}").shuffle(shown)
        return shown

    def order(self) -> dict[str, list[str]]:
        """Every step's choice ids in the order this run shows them (for the map's numbers)."""
        return {
            step_id: [c.id for c in self.choices(step)]
            for step_id, step in self.scenario.steps.items()
        }

    @property
    def current(self) -> Step:
        if not self.taken:
            return self.scenario.step(self.scenario.start)
        step_id, choice_id = self.taken[-1]
        choice = self.scenario.step(step_id).choice(choice_id)
        assert choice is not None  # only validated choices are stored
        return self.scenario.step(choice.next)

    @property
    def finished(self) -> bool:
        return self.current.ending is not None

    @property
    def ending(self) -> Ending | None:
        return self.current.ending

    @property
    def score(self) -> int | None:
        """The ending's score once finished, else None."""
        ending = self.current.ending
        return ending.score if ending is not None else None

    @property
    def path(self) -> tuple[Step, ...]:
        """Every step visited on the current path, the current one last."""
        steps = [self.scenario.step(step_id) for step_id, _ in self.taken]
        return (*steps, self.current)

    @property
    def last_choice(self) -> Choice | None:
        if not self.taken:
            return None
        step_id, choice_id = self.taken[-1]
        return self.scenario.step(step_id).choice(choice_id)

    @property
    def position(self) -> int:
        """1-based number of the current step on the path."""
        return len(self.taken) + 1

    @property
    def can_back(self) -> bool:
        return self.scenario.allow_back and bool(self.taken)

    def choose(self, choice_id: object) -> Choice:
        step = self.current
        if step.ending is not None:
            raise ScenarioError(f"scenario '{self.scenario.id}' is finished; no more choices")
        choice = step.choice(choice_id) if isinstance(choice_id, str) else None
        if choice is None:
            raise ScenarioError(f"unknown choice {choice_id!r} at step '{step.id}'")
        self.taken.append((step.id, choice.id))
        return choice

    def back(self) -> Step:
        if not self.scenario.allow_back:
            raise ScenarioError(f"scenario '{self.scenario.id}' does not allow going back")
        if not self.taken:
            raise ScenarioError("already at the start")
        self.taken.pop()
        self.backs += 1
        return self.current

    def restart(self) -> None:
        self.taken.clear()
        self.backs = 0

    def review(self) -> list[ReviewItem]:
        """The path taken, each step with its choice and the best score before and after it."""
        best = self.scenario.best_scores
        items = []
        for step_id, choice_id in self.taken:
            step = self.scenario.step(step_id)
            choice = step.choice(choice_id)
            after = best.get(choice.next) if choice else None
            items.append(ReviewItem(step, choice, best.get(step_id), after))
        end = self.current
        items.append(ReviewItem(end, None, best.get(end.id), best.get(end.id)))
        return items

    @classmethod
    def replay(cls, scenario: Scenario, choice_ids: list[str], seed: int = 0) -> ScenarioRun:
        """Rebuild a run from its choices (e.g. after a reconnect); invalid ids raise."""
        run = cls(scenario, seed=seed)
        for choice_id in choice_ids:
            run.choose(choice_id)
        return run
