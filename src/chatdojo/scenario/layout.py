"""Place a scenario's steps in layers (by distance from the start) for the trainer map.

Layers run top to bottom and rows start at the left edge, so on a phone the
start and the first choices are in view before any sideways scrolling; within
a layer, steps are ordered by the mean position of the steps leading to them
(one barycentre pass), which removes most edge crossings in small graphs.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from chatdojo.scenario.model import Scenario
from chatdojo.scenario.paths import successors

NODE_W = 156
NODE_H = 52
GAP_X = 24
GAP_Y = 64
MARGIN = 16


@dataclass(frozen=True)
class Box:
    step_id: str
    layer: int
    x: float  # left edge
    y: float  # top edge

    @property
    def cx(self) -> float:
        return self.x + NODE_W / 2


def layers(scenario: Scenario) -> list[list[str]]:
    """Steps grouped by fewest choices from the start; unreachable steps form a last layer."""
    depth: dict[str, int] = {}
    if scenario.start in scenario.steps:
        depth[scenario.start] = 0
        queue = deque([scenario.start])
        while queue:
            here = queue.popleft()
            for nxt in successors(scenario, here):
                if nxt not in depth:
                    depth[nxt] = depth[here] + 1
                    queue.append(nxt)
    count = max(depth.values(), default=-1) + 1
    out: list[list[str]] = [[] for _ in range(count)]
    for step_id, d in depth.items():
        out[d].append(step_id)
    stray = [s for s in scenario.steps if s not in depth]
    if stray:
        out.append(stray)
    return out


def _order(scenario: Scenario, grouped: list[list[str]]) -> list[list[str]]:
    position: dict[str, float] = {}
    ordered: list[list[str]] = []
    preds: dict[str, list[str]] = {s: [] for s in scenario.steps}
    for step_id in scenario.steps:
        for nxt in successors(scenario, step_id):
            preds[nxt].append(step_id)
    for layer in grouped:

        def key(step_id: str, layer: list[str] = layer) -> tuple[float, int]:
            known = [position[p] for p in preds[step_id] if p in position]
            mean = sum(known) / len(known) if known else float(len(position))
            return (mean, layer.index(step_id))

        row = sorted(layer, key=key)
        for index, step_id in enumerate(row):
            position[step_id] = index
        ordered.append(row)
    return ordered


def place(scenario: Scenario) -> tuple[dict[str, Box], float, float]:
    """Boxes by step id, with the total width and height of the drawing."""
    grouped = _order(scenario, layers(scenario))
    widest = max((len(row) for row in grouped), default=1)
    total_w = MARGIN * 2 + widest * NODE_W + (widest - 1) * GAP_X
    boxes: dict[str, Box] = {}
    for depth, row in enumerate(grouped):
        for index, step_id in enumerate(row):
            x = MARGIN + index * (NODE_W + GAP_X)
            y = MARGIN + depth * (NODE_H + GAP_Y)
            boxes[step_id] = Box(step_id, depth, x, y)
    total_h = MARGIN * 2 + len(grouped) * NODE_H + max(len(grouped) - 1, 0) * GAP_Y
    return boxes, total_w, total_h
