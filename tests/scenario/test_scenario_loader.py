"""The loader: one broken file per error kind, each reported as an exact ``path:line: message``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from chatdojo.content.catalog import Catalog
from chatdojo.content.errors import ErrorSink
from chatdojo.scenario.loader import load_scenario_files, scenario_files

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
BROKEN = FILES / "broken"

CASES = [
    (
        "missing-step.md",
        "files/broken/missing-step.md:20: choice 'lost' of step 'start' leads to missing step 'nowhere'",
    ),
    (
        "unreachable-step.md",
        "files/broken/unreachable-step.md:21: step 'island' cannot be reached from the start step 'start'",
    ),
    ("dead-end.md", "files/broken/dead-end.md:24: no ending can be reached from step 'waiting'"),
    (
        "no-best-ending.md",
        "files/broken/no-best-ending.md:2: scenario has no best ending (mark one ending with 'best: true')",
    ),
    (
        "unknown-rule.md",
        "files/broken/unknown-rule.md:14: unknown rule id '999-9-99' (not in data/rules.csv)",
    ),
    (
        "missing-english.md",
        "files/broken/missing-english.md:14: 'text' is missing its English text (en)",
    ),
    (
        "duplicate-step.md",
        "files/broken/duplicate-step.md:21: duplicate step id 'start' (first on line 11)",
    ),
]


def _load(paths: list[Path], catalog: Catalog) -> tuple[dict, list[str]]:
    sink = ErrorSink(HERE)
    scenarios = load_scenario_files(paths, catalog, sink)
    return scenarios, [str(e) for e in sink.sorted()]


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_is_each_broken_file_reported_at_its_line(
    fixture_catalog: Catalog, name: str, expected: str
) -> None:
    """Is each kind of mistake reported once, at the line that has it?"""
    _, errors = _load([BROKEN / name], fixture_catalog)
    assert errors == [expected]


def test_are_duplicate_scenario_ids_reported(fixture_catalog: Catalog) -> None:
    """Are two files with the same scenario id (in different folders) reported at the second?"""
    scenarios, errors = _load(scenario_files(BROKEN / "duplicate-ids"), fixture_catalog)
    assert errors == [
        "files/broken/duplicate-ids/b/same.md:2: duplicate scenario id 'same' "
        "(first in files/broken/duplicate-ids/a/same.md:2)"
    ]
    assert list(scenarios) == ["same"]


def test_is_a_scenario_with_a_missing_target_kept_from_learners(fixture_catalog: Catalog) -> None:
    """Is a scenario whose choice leads nowhere left out, so the engine never meets a dead link?"""
    scenarios, _ = _load([BROKEN / "missing-step.md"], fixture_catalog)
    assert scenarios == {}


def test_does_the_valid_fixture_load_cleanly(fixture_catalog: Catalog) -> None:
    """Does a correct file load with no problems and its steps in order?"""
    scenarios, errors = _load([FILES / "valid" / "walk.md"], fixture_catalog)
    assert errors == []
    walk = scenarios["walk"]
    assert list(walk.steps) == ["start", "detour", "middle", "end-best", "end-ok", "end-bad"]
    assert walk.allow_back is True
    assert walk.step("start").choice("good").feedback == {"ja": "よい判断", "en": "Good call"}


def test_is_an_unknown_profile_fact_reported(fixture_catalog: Catalog, tmp_path: Path) -> None:
    """Is a ``{{ fact }}`` that no profile defines reported at its line?"""
    text = (FILES / "valid" / "walk.md").read_text(encoding="utf-8")
    path = tmp_path / "walk.md"
    path.write_text(
        text.replace("{{ report_lost_device_to }}に", "{{ no_such_fact }}に"), encoding="utf-8"
    )
    sink = ErrorSink(tmp_path)
    load_scenario_files([path], fixture_catalog, sink)
    assert [str(e) for e in sink.sorted()] == [
        "walk.md:16: unknown profile fact '{{ no_such_fact }}'"
    ]


def edited_walk_errors(catalog: Catalog, tmp_path: Path, old: str, new: str) -> list[str]:
    """The problems of the valid fixture with ``old`` replaced by ``new`` once."""
    text = (FILES / "valid" / "walk.md").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "walk.md"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    sink = ErrorSink(tmp_path)
    load_scenario_files([path], catalog, sink)
    return [str(e) for e in sink.sorted()]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  score: 60\n",
            "  score: 160\n",
            "walk.md:73: 'score' must be a whole number from 0 to 100",
        ),
        (
            "id: walk\n",
            "id: walked\n",
            "walk.md:2: scenario id 'walked' must match the file name 'walk'",
        ),
        ("start: start\n", "start: begin\n", "walk.md:6: start step 'begin' does not exist"),
        (
            "  harm: inefficiency\n",
            "  harm: leak\n",
            "walk.md:69: ending 'end-ok' has harm 'leak', so its score must be 10-39 (it is 60); "
            "see docs/scenario-format.md",
        ),
        (
            "  harm: inefficiency\n",
            "  harm: boredom\n",
            "walk.md:74: 'harm' must be one of: none, inefficiency, rule, leak, people",
        ),
        (
            "  harm: inefficiency\n",
            "",
            "walk.md:73: missing 'harm' (one of: none, inefficiency, rule, leak, people)",
        ),
        (
            "allow_back: true\n",
            "allow_back: yes please\n",
            "walk.md:7: 'allow_back' must be true or false",
        ),
    ],
)
def test_are_bad_fields_reported(
    fixture_catalog: Catalog, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    """Are a score out of range, a wrong id, a missing start and a non-boolean allow_back reported?"""
    assert edited_walk_errors(fixture_catalog, tmp_path, old, new) == [expected]


def test_is_an_unreadable_step_reported_once(fixture_catalog: Catalog, tmp_path: Path) -> None:
    """Is a step with broken YAML reported at its line, without "missing step" errors for choices leading to it?"""
    text = (FILES / "valid" / "walk.md").read_text(encoding="utf-8")
    path = tmp_path / "walk.md"
    path.write_text(
        text.replace("text: {ja: 二つ目の場面, en: The second scene}", "text: {ja: 二つ目: 場面}"),
        encoding="utf-8",
    )
    sink = ErrorSink(tmp_path)
    scenarios = load_scenario_files([path], fixture_catalog, sink)
    errors = [str(e) for e in sink.sorted()]
    assert len(errors) == 1 and errors[0].startswith("walk.md:44: step: bad YAML")
    assert scenarios == {}


def test_does_more_harm_never_score_higher(fixture_catalog: Catalog, tmp_path: Path) -> None:
    """Is an ending that does more harm but scores at least as high as a milder one reported,
    even when both scores sit in their bands (a leak at 39 vs. a rule breach at 40 is fine)?"""
    from chatdojo.content.checker import Checker
    from chatdojo.scenario.rubric import check_rubric

    scenario = _load([FILES / "valid" / "walk.md"], fixture_catalog)[0]["walk"]
    sink = ErrorSink(tmp_path)
    check_rubric(scenario, Checker(sink, tmp_path / "walk.md"))
    assert sink.sorted() == []
    ends = {s.id: s for s in scenario.endings}
    ok = ends["end-ok"]
    worse = replace(ok, ending=replace(ok.ending, harm="rule", score=100))
    scenario.steps["end-ok"] = worse
    check_rubric(scenario, Checker(sink, tmp_path / "walk.md"))
    messages = [e.message for e in sink.sorted()]
    assert any(
        "ending 'end-ok' has harm 'rule', so its score must be 40-59 (it is 100)" in m
        for m in messages
    )
    assert (
        "ending 'end-ok' (harm 'rule', score 100) scores at least as high as 'end-best' "
        "(harm 'none', score 100), which does less harm"
    ) in messages


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # W1/W2/M6 of the content review: a broken rule scored as lost time
            "  harm: inefficiency\n  breaks: []\n",
            "  harm: inefficiency\n  breaks: [003-2-02]\n",
            "walk.md:69: ending 'end-ok' breaks 003-2-02, so its harm must be 'rule' or worse "
            "(it is 'inefficiency')",
        ),
        (
            "  score: 60\n  harm: inefficiency\n",
            "  score: 50\n  harm: rule\n",
            "walk.md:69: ending 'end-ok' has harm 'rule': name the rule ids its path broke in 'breaks'",
        ),
        (
            "  harm: inefficiency\n  breaks: []\n",
            "  harm: inefficiency\n",
            "walk.md:73: missing 'breaks' (the rule ids its path broke; 'breaks: []' when none)",
        ),
        (
            "  harm: people\n  breaks: []\n",
            "  harm: people\n  breaks: [no-such-rule]\n",
            "walk.md:86: unknown rule id 'no-such-rule' (not in data/rules.csv)",
        ),
    ],
)
def test_are_broken_rules_stated_and_scored_as_breaches(
    fixture_catalog: Catalog, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    """Must an ending name the rules its path broke, and is a breach never scored as lost time?"""
    assert expected in edited_walk_errors(fixture_catalog, tmp_path, old, new)


def test_does_a_breach_never_score_above_an_ending_that_breaks_nothing(
    fixture_catalog: Catalog, tmp_path: Path
) -> None:
    """Two endings with the same harm: is the one that broke a rule refused a higher score?"""
    from chatdojo.content.checker import Checker
    from chatdojo.scenario.rubric import check_rubric

    scenario = _load([FILES / "valid" / "walk.md"], fixture_catalog)[0]["walk"]
    ends = {s.id: s for s in scenario.endings}
    bad, ok = ends["end-bad"], ends["end-ok"]
    # end-bad (people, 0, breaks nothing); a second 'people' ending that broke a rule scores 5
    scenario.steps["end-ok"] = replace(
        ok, ending=replace(ok.ending, harm="people", score=5, breaks=("003-2-03",))
    )
    sink = ErrorSink(tmp_path)
    check_rubric(scenario, Checker(sink, tmp_path / "walk.md"))
    assert [e.message for e in sink.sorted()] == [
        "ending 'end-ok' breaks 003-2-03 but scores 5, above 'end-bad' (0), "
        "which breaks no rule and does no more harm"
    ]
    # the same scores the other way round are fine
    scenario.steps["end-bad"] = replace(bad, ending=replace(bad.ending, score=5))
    scenario.steps["end-ok"] = replace(
        ok, ending=replace(ok.ending, harm="people", score=0, breaks=("003-2-03",))
    )
    sink = ErrorSink(tmp_path)
    check_rubric(scenario, Checker(sink, tmp_path / "walk.md"))
    assert sink.sorted() == []
