"""Shared fixtures: the real rule catalogue and profiles, and a small valid scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatdojo.content.catalog import Catalog
from chatdojo.content.errors import ErrorSink
from chatdojo.content.profiles import load_profiles
from chatdojo.content.rules import load_rules
from chatdojo.scenario.loader import load_scenario_files
from chatdojo.scenario.model import Scenario

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FILES = HERE / "files"


@pytest.fixture(scope="session")
def fixture_catalog() -> Catalog:
    """A catalog rooted at tests/scenario with the real rules and profiles and walk.md loaded."""
    sink = ErrorSink(ROOT)
    cat = Catalog(
        root=HERE,
        rules=load_rules(ROOT / "data" / "rules.csv", sink),
        profiles=load_profiles(ROOT / "data" / "profiles", sink),
    )
    cat.scenarios = load_scenario_files([FILES / "valid" / "walk.md"], cat, ErrorSink(HERE))  # type: ignore[assignment]
    return cat


@pytest.fixture()
def walk(fixture_catalog: Catalog) -> Scenario:
    return fixture_catalog.scenarios["walk"]  # type: ignore[return-value]
