"""Graph questions about a scenario, answered on its steps and choices.

Scenarios may loop ("try again" leads back to an earlier step), so nothing
here assumes the graph is acyclic. Graphs are small (tens of steps), so plain
searches are enough.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any, Protocol


class Scenario(Protocol):
    """What these searches read of a scenario (``chatdojo.scenario.model.Scenario``).

    A protocol, so the model can call these searches without the two modules
    importing each other.
    """

    @property
    def start(self) -> str: ...
    @property
    def steps(self) -> Mapping[str, Any]: ...
    @property
    def endings(self) -> list[Any]: ...


SEARCH_BUDGET = 200_000  # longest-path search stops here on a pathological graph


def successors(scenario: Scenario, step_id: str) -> list[str]:
    """Existing steps a step's choices lead to, in choice order, without repeats."""
    step = scenario.steps.get(step_id)
    if step is None:
        return []
    out: list[str] = []
    for choice in step.choices:
        if choice.next in scenario.steps and choice.next not in out:
            out.append(choice.next)
    return out


def reachable(scenario: Scenario) -> set[str]:
    """Steps some path from the start step reaches (the start itself included)."""
    if scenario.start not in scenario.steps:
        return set()
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        for nxt in successors(scenario, queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def predecessors(scenario: Scenario) -> dict[str, set[str]]:
    preds: dict[str, set[str]] = {step_id: set() for step_id in scenario.steps}
    for step_id in scenario.steps:
        for nxt in successors(scenario, step_id):
            preds[nxt].add(step_id)
    return preds


def distances_to(scenario: Scenario, targets: set[str]) -> dict[str, int]:
    """Fewest choices from each step to any of ``targets`` (steps that cannot reach one are absent)."""
    preds = predecessors(scenario)
    dist = {t: 0 for t in targets if t in scenario.steps}
    queue = deque(dist)
    while queue:
        here = queue.popleft()
        for prev in preds[here]:
            if prev not in dist:
                dist[prev] = dist[here] + 1
                queue.append(prev)
    return dist


def can_finish(scenario: Scenario) -> set[str]:
    """Steps from which at least one ending can be reached."""
    return set(distances_to(scenario, {s.id for s in scenario.endings}))


def best_scores(scenario: Scenario) -> dict[str, int]:
    """The highest ending score still in reach from each step."""
    scores = {s.id: s.ending.score for s in scenario.endings if s.ending is not None}
    changed = True
    while changed:
        changed = False
        for step in scenario.steps.values():
            if step.ending is not None:
                continue
            options = [scores[n] for n in successors(scenario, step.id) if n in scores]
            if options and max(options) > scores.get(step.id, -1):
                scores[step.id] = max(options)
                changed = True
    return scores


def best_path(scenario: Scenario) -> tuple[tuple[str, str | None], ...]:
    """The shortest walk from the start to a best ending as (step id, choice id) pairs.

    The ending comes last with choice ``None``; empty when no best ending is in reach.
    """
    best = {s.id for s in scenario.endings if s.ending is not None and s.ending.best}
    dist = distances_to(scenario, best)
    here = scenario.start
    if here not in dist:
        return ()
    walk: list[tuple[str, str | None]] = []
    while dist[here] > 0:
        step = scenario.steps[here]
        choice = min(
            (c for c in step.choices if c.next in dist),
            key=lambda c: dist[c.next],
        )
        walk.append((here, choice.id))
        here = choice.next
    walk.append((here, None))
    return tuple(walk)


def longest_path(scenario: Scenario) -> int:
    """Steps on the longest loop-free walk from the start to an ending (for progress bars)."""
    if scenario.start not in scenario.steps:
        return 0
    best = 0
    budget = SEARCH_BUDGET
    on_path: set[str] = set()

    def walk(step_id: str, depth: int) -> None:
        nonlocal best, budget
        budget -= 1
        if budget < 0:
            return
        step = scenario.steps[step_id]
        if step.ending is not None:
            best = max(best, depth)
            return
        on_path.add(step_id)
        for nxt in successors(scenario, step_id):
            if nxt not in on_path:
                walk(nxt, depth + 1)
        on_path.discard(step_id)

    walk(scenario.start, 1)
    return best or len(reachable(scenario))
