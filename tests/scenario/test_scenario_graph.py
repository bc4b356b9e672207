"""The trainer map: well-formed SVG, best path highlighted, content escaped."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from chatdojo.scenario.graph import edges, scenario_svg
from chatdojo.scenario.layout import layers
from chatdojo.scenario.model import Scenario

SVG = "{http://www.w3.org/2000/svg}"


def test_is_the_map_well_formed_svg_with_every_step(walk: Scenario) -> None:
    """Is the map parseable XML with one node per step?"""
    root = ET.fromstring(scenario_svg(walk, "en"))
    assert root.tag == f"{SVG}svg"
    steps = [g.get("data-step") for g in root.iter(f"{SVG}g") if g.get("data-step")]
    assert sorted(steps) == sorted(walk.steps)


def test_is_the_best_path_highlighted(walk: Scenario) -> None:
    """Are exactly the edges and steps of the best path marked as best?"""
    root = ET.fromstring(scenario_svg(walk, "ja"))
    best_edges = {
        (g.get("data-from"), g.get("data-to"))
        for g in root.iter(f"{SVG}g")
        if "cd-best" in (g.get("class") or "") and g.get("data-from")
    }
    assert best_edges == {("start", "middle"), ("middle", "end-best")}
    best_steps = {
        g.get("data-step")
        for g in root.iter(f"{SVG}g")
        if "cd-best" in (g.get("class") or "") and g.get("data-step")
    }
    assert best_steps == {"start", "middle", "end-best"}


def test_are_choices_numbered_and_loops_kept(walk: Scenario) -> None:
    """Is each edge labelled with its buttons' positions, loops included?"""
    by_pair = {(e.source, e.target): e for e in edges(walk)}
    assert by_pair[("start", "detour")].numbers == (3,)
    assert ("detour", "start") in by_pair  # the loop back to the start
    assert layers(walk)[0] == ["start"]


def test_is_content_escaped_in_the_map(walk: Scenario) -> None:
    """Can a step text never inject markup into the SVG?"""
    evil = dataclasses.replace(
        walk.steps["start"], text={"ja": "<script>alert(1)</script>", "en": "a & b </svg>"}
    )
    scenario = dataclasses.replace(walk, steps={**walk.steps, "start": evil})
    for lang in ("ja", "en"):
        svg = scenario_svg(scenario, lang)
        assert "<script>" not in svg and "</svg>" not in svg[:-6]
        ET.fromstring(svg)


def test_are_visited_steps_ringed(walk: Scenario) -> None:
    """Are the steps the learner has visited marked on the map?"""
    root = ET.fromstring(scenario_svg(walk, "ja", visited=["start", "detour"]))
    visited = {
        g.get("data-step") for g in root.iter(f"{SVG}g") if "cd-visited" in (g.get("class") or "")
    }
    assert visited == {"start", "detour"}
