"""The real scenarios in quizzes/scenarios/: they load cleanly and every best path works."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatdojo.content.catalog import load_catalog
from chatdojo.i18n import LANGS
from chatdojo.scenario.model import Scenario
from chatdojo.views.page import Page
from chatdojo.views.scenario_view import ScenarioView

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = load_catalog(ROOT)
SCENARIOS: dict[str, Scenario] = CATALOG.scenarios  # type: ignore[assignment]


def test_do_the_real_scenarios_load_without_errors() -> None:
    """Does every file in quizzes/scenarios/ load with no problem reported?"""
    errors = [str(e) for e in CATALOG.errors if e.path.startswith("quizzes/scenarios/")]
    assert errors == []
    files = sorted(
        p.stem for p in (ROOT / "quizzes" / "scenarios").glob("*.md") if p.name != "README.md"
    )
    assert sorted(SCENARIOS) == files


def test_are_there_at_least_ten_scenarios() -> None:
    """Are at least ten scenarios available?"""
    assert len(SCENARIOS) >= 10


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_is_each_scenario_big_enough(scenario_id: str) -> None:
    """Has each scenario at least 5 steps, 3 endings, one best ending, and rules on every step?"""
    scenario = SCENARIOS[scenario_id]
    assert len(scenario.steps) >= 5
    assert len(scenario.endings) >= 3
    assert sum(1 for s in scenario.endings if s.ending and s.ending.best) == 1
    assert all(step.rules for step in scenario.steps.values())
    assert all(set(step.text) == set(LANGS) for step in scenario.steps.values())


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_does_clicking_the_best_path_reach_the_best_ending(scenario_id: str) -> None:
    """Does clicking the best path's buttons, in both languages, reach the best ending?"""
    scenario = SCENARIOS[scenario_id]
    for lang in LANGS:
        view = ScenarioView(Page(catalog=CATALOG, lang=lang), scenario)
        for step_id, choice_id in scenario.best_path[:-1]:
            assert view.run.current.id == step_id
            view.choice_buttons[choice_id].click()
        assert view.run.ending is not None and view.run.ending.best
        assert "cd-missing" not in view.story.value  # every {{ fact }} was filled in


def test_does_coverage_count_scenario_steps() -> None:
    """Does ``chatdojo coverage`` see the rules the scenario steps teach?"""
    from chatdojo.coverage import compute_coverage

    cov = compute_coverage(CATALOG)
    taught = {r for s in SCENARIOS.values() for rules in s.rule_map().values() for r in rules}
    for rule_id in taught:
        assert any("/" in item for item in cov.by_rule[rule_id])


def _ending(scenario_id: str, step_id: str):
    scenario = load_catalog().scenarios[scenario_id]
    ending = scenario.steps[step_id].ending  # type: ignore[attr-defined]
    assert ending is not None
    return ending


def test_do_scores_follow_the_harm_rubric_in_the_reviewed_cases() -> None:
    """The three cases of the review: does more harm now always score lower?"""
    # A 30-minute delay in reporting a person trapped in a flooded car (harm to people)
    # scores below a private-SNS slip made after phoning correctly (a leak).
    late, sns = _ending("after-hours-urgent", "end-late"), _ending("after-hours-urgent", "end-sns")
    assert (late.harm, sns.harm) == ("people", "leak") and late.score < sns.score
    # Class II figures reaching a child's classmates (a leak) score below a procedural slip.
    screen = _ending("telework-files", "end-screen")
    slip = _ending("telework-files", "end-unsanitized")
    assert (screen.harm, slip.harm) == ("leak", "rule") and screen.score < slip.score
    # A summary passed round another section (a leak) scores below keeping an accidental
    # screenshot that is then deleted (a breach of 003 §4's written rule, nothing leaked).
    summary = _ending("screenshot-request", "end-summary")
    kept = _ending("screenshot-request", "end-kept")
    assert (summary.harm, kept.harm) == ("leak", "rule") and summary.score < kept.score


def test_does_every_ending_carry_a_harm_within_its_band() -> None:
    """Is every ending of every scenario scored by the rubric (harm and band)?"""
    from chatdojo.scenario.rubric import BANDS

    for scenario in load_catalog().scenarios.values():
        for step in scenario.endings:  # type: ignore[attr-defined]
            low, high = BANDS[step.ending.harm]
            assert low <= step.ending.score <= high, (scenario.id, step.id)
