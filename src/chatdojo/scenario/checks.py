"""Graph checks on a parsed scenario: targets exist, every step is reachable and can finish.

``check_graph`` returns whether the engine can run the scenario safely (every
step was read, the start and every choice target exist); other problems are
reported but do not stop a trainer from trying the rest. When a step block
could not be read, only that block's own error is shown: reporting choices
that lead to it as "missing" would bury the real problem.
"""

from __future__ import annotations

from chatdojo.content.checker import Checker
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.paths import can_finish, reachable
from chatdojo.scenario.rubric import check_rubric


def check_graph(scenario: Scenario, chk: Checker) -> bool:
    sound = True
    steps = scenario.steps
    if scenario.start not in steps:
        sound = False
        if scenario.complete:
            line = scenario.key_lines.get("start", scenario.line)
            chk.error(line, f"start step '{scenario.start}' does not exist")
    for step in steps.values():
        for choice in step.choices:
            if choice.next not in steps:
                sound = False
                if scenario.complete:  # else the target may be the step that could not be read
                    chk.error(
                        choice.next_line,
                        f"choice '{choice.id}' of step '{step.id}' leads to missing step '{choice.next}'",
                    )
    if not sound or not scenario.complete:
        return False

    seen = reachable(scenario)
    for step in steps.values():
        if step.id not in seen:
            chk.error(
                step.line,
                f"step '{step.id}' cannot be reached from the start step '{scenario.start}'",
            )
    endings = scenario.endings
    if not endings:
        chk.error(scenario.line, "scenario has no ending (a step with 'ending:')")
        return True
    finishing = can_finish(scenario)
    for step in steps.values():
        if step.ending is None and step.id not in finishing:
            chk.error(step.line, f"no ending can be reached from step '{step.id}'")
    best = [s for s in endings if s.ending is not None and s.ending.best]
    if not best:
        chk.error(scenario.line, "scenario has no best ending (mark one ending with 'best: true')")
    top = max(endings, key=lambda s: s.ending.score if s.ending else -1)
    for step in best:
        if step.ending and top.ending and step.ending.score < top.ending.score:
            chk.error(
                step.line,
                f"best ending '{step.id}' scores {step.ending.score}, "
                f"less than ending '{top.id}' ({top.ending.score})",
            )
    check_rubric(scenario, chk)
    return True
