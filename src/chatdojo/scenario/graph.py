"""The trainer map: a scenario's steps and choices as an SVG graph, best path highlighted.

Hand-built SVG (no graphviz binary); every piece of content goes through
``xml.sax.saxutils`` escaping, so a step text can never inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from chatdojo.i18n import Strings, pick
from chatdojo.scenario.layout import GAP_Y, NODE_H, NODE_W, Box, place
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.text import plain, shorten

BEST = "#0a7a2f"
EDGE = "#8a8a8a"
START = "#1a56db"
LEGEND = Strings.load("scenario.graph")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    choices: tuple[str, ...]  # choice ids that take this edge
    numbers: tuple[int, ...]  # their 1-based positions among the step's buttons
    best: bool


def edges(scenario: Scenario, order: Mapping[str, list[str]] | None = None) -> list[Edge]:
    """One edge per (step, target), naming every choice that takes it.

    ``order`` gives each step's choice ids in the order a learner's page shows
    them (shuffled), so the numbers on the lines match the buttons.
    """
    best_moves = {(s, c) for s, c in scenario.best_path if c is not None}
    grouped: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for step in scenario.steps.values():
        shown = list(step.choices)
        if order and step.id in order:
            rank = {cid: i for i, cid in enumerate(order[step.id])}
            shown.sort(key=lambda c: rank.get(c.id, len(rank)))
        for number, choice in enumerate(shown, start=1):
            if choice.next in scenario.steps:
                grouped.setdefault((step.id, choice.next), []).append((choice.id, number))
    return [
        Edge(
            src,
            dst,
            tuple(c for c, _ in items),
            tuple(n for _, n in items),
            any((src, c) in best_moves for c, _ in items),
        )
        for (src, dst), items in grouped.items()
    ]


def _edge_title(scenario: Scenario, edge: Edge, lang: str, subs: Mapping[str, str]) -> str:
    step = scenario.steps[edge.source]
    parts = []
    for choice_id, number in zip(edge.choices, edge.numbers, strict=True):
        choice = step.choice(choice_id)
        text = plain(pick(choice.text, lang), subs) if choice else ""
        parts.append(f"{number}. {text}")
    return " / ".join(parts)


def _edge_svg(edge: Edge, a: Box, b: Box, right: float, uid: str, title: str) -> str:
    color, width = (BEST, 3) if edge.best else (EDGE, 1.5)
    marker = "best" if edge.best else "edge"
    if b.layer > a.layer:
        x1, y1, x2, y2 = a.cx, a.y + NODE_H, b.cx, b.y
        bend = GAP_Y / 2 * (b.layer - a.layer)
        d = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{y1 + bend:.0f} {x2:.0f},{y2 - bend:.0f} {x2:.0f},{y2 - 2:.0f}"
        lx, ly = (x1 + x2) / 2, (y1 + y2) / 2 + 4
    elif b.layer == a.layer:  # sideways: bow down through the gap below the layer
        x1, y1 = a.cx + (12 if b.x > a.x else -12), a.y + NODE_H
        x2, y2 = b.cx + (-12 if b.x > a.x else 12), b.y + NODE_H
        dip = y1 + GAP_Y * 0.6
        d = f"M{x1:.0f},{y1:.0f} C{x1:.0f},{dip:.0f} {x2:.0f},{dip:.0f} {x2:.0f},{y2 + 2:.0f}"
        lx, ly = (x1 + x2) / 2, y1 + GAP_Y * 0.45 + 4
    else:  # a loop back up: go round the right-hand side
        x1, y1, x2, y2 = a.x + NODE_W, a.y + NODE_H / 2, b.x + NODE_W, b.y + NODE_H / 2
        d = f"M{x1:.0f},{y1:.0f} C{right:.0f},{y1:.0f} {right:.0f},{y2:.0f} {x2 + 2:.0f},{y2:.0f}"
        lx, ly = right - 10, (y1 + y2) / 2
    label = escape(",".join(map(str, edge.numbers)))
    classes = "cd-map-edge cd-best" if edge.best else "cd-map-edge"
    return (
        f'<g class="{classes}" data-from={quoteattr(edge.source)} data-to={quoteattr(edge.target)}>'
        f"<title>{escape(title)}</title>"
        f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{width}" marker-end="url(#{uid}-{marker})"/>'
        f'<text x="{lx:.0f}" y="{ly:.0f}" font-size="12" font-weight="bold" text-anchor="middle" fill="{color}" stroke="#fff" stroke-width="3" '
        f'paint-order="stroke">{label}</text></g>'
    )


def _node_svg(
    scenario: Scenario,
    box: Box,
    lang: str,
    subs: Mapping[str, str],
    best: set[str],
    visited: set[str],
    number: int = 0,
) -> str:
    step = scenario.steps[box.step_id]
    text = plain(pick(step.text, lang), subs)
    ending = step.ending
    fill, stroke, width = "#fff", EDGE, 1.5
    # labels in the page's language: internal step ids never reach the picture
    head = pick(LEGEND["step"], lang).format(n=number)
    if step.id == scenario.start:
        head = pick(LEGEND["start"], lang)
    if ending is not None:
        fill = "#eefaf1" if ending.best else ("#fff7e6" if ending.score >= 50 else "#fdeeee")
        mark = "★" if ending.best else "●"
        head = pick(LEGEND["ending"], lang).format(mark=mark, score=ending.score)
    if step.id == scenario.start:
        stroke, width = START, 2.5
    if step.id in best:
        stroke, width = BEST, 3
    classes = ["cd-map-step"]
    if ending is not None:
        classes.append("cd-map-ending")
    if step.id in best:
        classes.append("cd-best")
    ring = ""
    if step.id in visited:
        classes.append("cd-visited")
        ring = (
            f'<rect x="{box.x - 4:.0f}" y="{box.y - 4:.0f}" width="{NODE_W + 8}" height="{NODE_H + 8}" '
            f'rx="11" fill="none" stroke="{START}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
    return (
        f'<g class="{" ".join(classes)}" data-step={quoteattr(step.id)}>'
        f"<title>{escape(head)}: {escape(text)}</title>{ring}"
        f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="8" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        f'<text x="{box.x + 8:.0f}" y="{box.y + 20:.0f}" font-size="12" font-weight="bold">'
        f"{escape(shorten(head, 24))}</text>"
        f'<text x="{box.x + 8:.0f}" y="{box.y + 40:.0f}" font-size="11">{escape(shorten(text, 23))}</text></g>'
    )


def _legend(y: float, lang: str) -> str:
    items = [
        (BEST, "", LEGEND["best"]),
        (START, ' stroke-dasharray="5 3"', LEGEND["visited"]),
    ]
    out = []
    for index, (color, dash, label) in enumerate(items):
        x = 16 + index * 150
        out.append(
            f'<line x1="{x}" y1="{y:.0f}" x2="{x + 28}" y2="{y:.0f}" stroke="{color}" stroke-width="3"{dash}/>'
            f'<text x="{x + 34}" y="{y + 4:.0f}" font-size="12">{escape(pick(label, lang))}</text>'
        )
    return "".join(out)


def scenario_svg(
    scenario: Scenario,
    lang: str = "ja",
    substitutions: Mapping[str, str] | None = None,
    visited: Iterable[str] = (),
    order: Mapping[str, list[str]] | None = None,
) -> str:
    """The map as one ``<svg>`` element; ``visited`` steps get a dashed ring."""
    subs = dict(substitutions or {})
    boxes, width, height = place(scenario)
    flow = edges(scenario, order)
    loops = any(boxes[e.target].layer < boxes[e.source].layer for e in flow)
    right = width + 24
    if loops:
        width += 48
    height += 28
    uid = "cd-map-" + "".join(ch if ch.isalnum() else "-" for ch in scenario.id)
    best = {s for s, _ in scenario.best_path}
    seen = set(visited)
    title = f"{pick(LEGEND['map'], lang)}: {pick(scenario.title, lang)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cd-map" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label={quoteattr(title)} '
        f'font-family="sans-serif">',
        f"<title>{escape(title)}</title><defs>",
    ]
    for name, color in (("edge", EDGE), ("best", BEST)):
        parts.append(
            f'<marker id="{uid}-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
            f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
        )
    parts.append("</defs>")
    for edge in sorted(flow, key=lambda e: e.best):  # best edges drawn last, on top
        tip = _edge_title(scenario, edge, lang, subs)
        parts.append(_edge_svg(edge, boxes[edge.source], boxes[edge.target], right, uid, tip))
    reading = sorted(boxes.values(), key=lambda b: (b.layer, b.x))
    numbers = {b.step_id: n for n, b in enumerate(reading, start=1)}
    for box in boxes.values():
        parts.append(_node_svg(scenario, box, lang, subs, best, seen, numbers[box.step_id]))
    parts.append(_legend(height - 14, lang))
    parts.append("</svg>")
    return "".join(parts)
