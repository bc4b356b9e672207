"""The scenario model: a start step, narrative steps with choices, scored endings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from chatdojo.content.references import Reference
from chatdojo.i18n import Text
from chatdojo.scenario import paths


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    next: str
    feedback: Text | None = None
    line: int = 1
    next_line: int = 1  # where a bad 'next' is reported


@dataclass(frozen=True)
class Ending:
    score: int
    best: bool
    debrief: Text
    harm: str = "none"  # the worst outcome on the path: see chatdojo.scenario.rubric
    breaks: tuple[str, ...] = ()  # the written rules its path broke (rule ids), none when empty


@dataclass(frozen=True)
class Step:
    id: str
    text: Text
    rules: tuple[str, ...]
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    line: int = 1  # the line of the step's 'id'
    policy_note: Text | None = None  # whose rule the step teaches; shown under its text
    note_from_source: bool = False  # `policy_note: source`: generated from the cited rules

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True, eq=False)
class Scenario:
    id: str
    title: Text
    summary: Text
    topic: str
    start: str
    allow_back: bool
    steps: dict[str, Step]
    order: int = 100
    path: Path = field(default_factory=Path)
    line: int = 1
    key_lines: dict[str, int] = field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    complete: bool = True  # False when a step block could not be read at all (bad YAML, no id)
    policy_note: Text | None = None  # whose rules the scenario follows; shown at its start
    profiles: tuple[str, ...] = ()  # empty: every organization profile sees it
    when: dict[str, str] = field(default_factory=dict)  # policies a profile must have

    def applies_to(self, profile_id: str | None, policies: dict[str, str] | None = None) -> bool:
        """Is this scenario offered under the chosen organization profile (None: any)?"""
        if profile_id is None:
            return True
        if self.profiles and profile_id not in self.profiles:
            return False
        return all((policies or {}).get(k) == v for k, v in self.when.items())

    def step(self, step_id: str) -> Step:
        return self.steps[step_id]

    @property
    def endings(self) -> list[Step]:
        return [s for s in self.steps.values() if s.ending is not None]

    def rule_map(self) -> dict[str, tuple[str, ...]]:
        """Rule ids taught by each step (read by ``chatdojo coverage``)."""
        return {step.id: step.rules for step in self.steps.values()}

    @cached_property
    def best_scores(self) -> dict[str, int]:
        return paths.best_scores(self)

    @cached_property
    def best_path(self) -> tuple[tuple[str, str | None], ...]:
        return paths.best_path(self)

    @cached_property
    def longest(self) -> int:
        return paths.longest_path(self)
