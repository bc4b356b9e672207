"""The catalog loader for scenarios (registered in ``chatdojo.content.extensions``).

Reads every ``quizzes/scenarios/**/*.md``, checks each graph, its rule ids and
profile facts, and the scenario ids across files and guides.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from chatdojo.content.catalog import Catalog, check_refs, report_duplicates
from chatdojo.content.checker import Checker
from chatdojo.content.errors import ErrorSink
from chatdojo.scenario.checks import check_graph
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.parse import parse_scenario

SCENARIO_FOLDER = Path("quizzes") / "scenarios"


def scenario_files(folder: Path) -> list[Path]:
    """Scenario files of a folder and its sub-folders; README.md files are documentation."""
    return sorted(p for p in folder.rglob("*.md") if p.name.lower() != "readme.md")


def load_scenario_files(
    paths: Iterable[Path], catalog: Catalog, sink: ErrorSink
) -> dict[str, Scenario]:
    """Parse and check scenario files against a catalog's rules and profiles.

    Returns the scenarios the engine can run; a scenario whose start or choice
    targets are missing is reported and left out, so no learner meets a dead link.
    """
    parsed: list[tuple[Scenario, bool]] = []
    for path in paths:
        scenario = parse_scenario(path, sink)
        if scenario is None:
            continue
        sound = check_graph(scenario, Checker(sink, path))
        check_refs(catalog, path, scenario.references, sink)
        parsed.append((scenario, sound))
    report_duplicates(((s.id, s.path, s.line) for s, _ in parsed), "scenario", sink)
    out: dict[str, Scenario] = {}
    for scenario, sound in sorted(parsed, key=lambda item: (item[0].order, item[0].id)):
        if sound:
            out.setdefault(scenario.id, scenario)
    return out


def load_scenarios(catalog: Catalog, sink: ErrorSink) -> None:
    roots = catalog.content_roots()
    paths = [p for root in roots for p in scenario_files(root / SCENARIO_FOLDER)]
    catalog.scenarios = load_scenario_files(paths, catalog, sink)  # type: ignore[assignment]
    named = {path.stem for path in paths}
    for guide in catalog.guides.values():
        for scenario_id in guide.scenarios:
            if scenario_id not in named:
                sink.add(
                    guide.path,
                    guide.line,
                    f"guide names scenario '{scenario_id}', which does not exist",
                )
