"""The engine: branching, back, endings, score, review, and rejected choices."""

from __future__ import annotations

import dataclasses

import pytest

from chatdojo.scenario import ScenarioError, ScenarioRun
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.paths import best_path, can_finish, longest_path, reachable


def test_does_a_choice_lead_to_the_step_it_names(walk: Scenario) -> None:
    """Does choosing move the run to the choice's next step, and record the path?"""
    run = ScenarioRun(walk)
    assert run.current.id == "start"
    choice = run.choose("good")
    assert choice.next == "middle"
    assert run.current.id == "middle"
    assert [s.id for s in run.path] == ["start", "middle"]
    assert run.position == 2
    assert run.last_choice is choice
    assert not run.finished and run.score is None


def test_does_an_ending_finish_the_run_with_its_score(walk: Scenario) -> None:
    """Does reaching an ending finish the run with the ending's score?"""
    run = ScenarioRun.replay(walk, ["good", "ok"])
    assert run.finished
    assert run.score == 60
    assert run.ending is not None and not run.ending.best


@pytest.mark.parametrize(
    ("choices", "score"),
    [(["good", "best"], 100), (["good", "ok"], 60), (["bad"], 0), (["detour", "give-up"], 0)],
)
def test_does_each_branch_end_where_it_should(
    walk: Scenario, choices: list[str], score: int
) -> None:
    """Does every branch of the fixture end with its own score?"""
    assert ScenarioRun.replay(walk, choices).score == score


@pytest.mark.parametrize("bad", ["nope", "", None, 3, ["good"], "GOOD"])
def test_is_an_unknown_choice_rejected_without_changing_state(walk: Scenario, bad: object) -> None:
    """Is a choice id the current step does not offer rejected, leaving the run as it was?"""
    run = ScenarioRun(walk)
    run.choose("good")
    with pytest.raises(ScenarioError):
        run.choose(bad)
    assert run.current.id == "middle"
    assert run.taken == [("start", "good")]


def test_is_a_choice_from_another_step_rejected(walk: Scenario) -> None:
    """Is a real choice id of a different step rejected (no skipping ahead)?"""
    run = ScenarioRun(walk)
    with pytest.raises(ScenarioError, match="unknown choice 'best' at step 'start'"):
        run.choose("best")


def test_is_choosing_after_the_end_rejected(walk: Scenario) -> None:
    """Is any choice after an ending refused?"""
    run = ScenarioRun.replay(walk, ["bad"])
    with pytest.raises(ScenarioError, match="finished"):
        run.choose("good")


def test_does_back_undo_the_last_choice(walk: Scenario) -> None:
    """Does back() return to the previous step and count the step back?"""
    run = ScenarioRun.replay(walk, ["good", "ok"])
    assert run.back().id == "middle"
    assert not run.finished
    run.choose("best")
    assert run.score == 100
    assert run.backs == 1


def test_is_back_refused_at_the_start_or_when_not_allowed(walk: Scenario) -> None:
    """Is back() refused at the start, and always when the scenario disallows it?"""
    run = ScenarioRun(walk)
    assert not run.can_back
    with pytest.raises(ScenarioError, match="start"):
        run.back()
    strict = dataclasses.replace(walk, allow_back=False)
    run = ScenarioRun.replay(strict, ["good"])
    assert not run.can_back
    with pytest.raises(ScenarioError, match="does not allow"):
        run.back()


def test_can_a_loop_be_walked_and_reviewed(walk: Scenario) -> None:
    """Can a learner go round a loop (detour and back to the start) and still finish?"""
    run = ScenarioRun.replay(walk, ["detour", "return", "good", "best"])
    assert [s.id for s in run.path] == ["start", "detour", "start", "middle", "end-best"]
    assert run.score == 100


def test_does_the_review_show_which_choices_lost_points(walk: Scenario) -> None:
    """Does the review list each step, its choice, and whether it kept the best score in reach?"""
    review = ScenarioRun.replay(walk, ["good", "ok"]).review()
    assert [(i.step.id, i.choice.id if i.choice else None) for i in review] == [
        ("start", "good"),
        ("middle", "ok"),
        ("end-ok", None),
    ]
    assert [i.kept_best for i in review] == [True, False, True]
    assert (review[1].best_before, review[1].best_after) == (100, 60)
    assert review[1].rules == ("003-2-02", "003-2-03")


def test_does_restart_clear_the_path(walk: Scenario) -> None:
    """Does restart() bring the run back to the start step?"""
    run = ScenarioRun.replay(walk, ["good", "best"])
    run.restart()
    assert run.current.id == "start" and run.taken == [] and run.backs == 0


def test_are_the_graph_answers_right(walk: Scenario) -> None:
    """Are reachability, best path, best scores and the longest path right for the fixture?"""
    assert reachable(walk) == set(walk.steps)
    assert can_finish(walk) == set(walk.steps)
    assert best_path(walk) == (("start", "good"), ("middle", "best"), ("end-best", None))
    assert walk.best_scores["detour"] == 100
    assert longest_path(walk) == 3
    assert walk.rule_map()["middle"] == ("003-2-02", "003-2-03")
