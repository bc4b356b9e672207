"""The scoring rubric of scenario endings (docs/scenario-format.md, "Scoring").

Every ending names the worst thing that happened on its path, its ``harm``:

    people > leak > rule > inefficiency > none

harm to people (someone's safety, health or dignity), a leak of information to
anyone who should not have it, a breach of a written rule, lost time or effort,
nothing. The score must lie in the harm's band, so an ending with more harm
always scores below one with less, whatever path led there. Each ending also names
the written rules its path broke (``breaks``): a path that broke a rule is at least
``rule`` harm and never scores above one that broke none with the same or less harm.
"""

from __future__ import annotations

from chatdojo.content.checker import Checker
from chatdojo.scenario.model import Scenario

# Most severe last; the index is the severity.
HARMS = ("none", "inefficiency", "rule", "leak", "people")
BANDS: dict[str, tuple[int, int]] = {
    "none": (90, 100),
    "inefficiency": (60, 89),
    "rule": (40, 59),
    "leak": (10, 39),
    "people": (0, 9),
}


def severity(harm: str) -> int:
    return HARMS.index(harm) if harm in HARMS else -1


def check_rubric(scenario: Scenario, chk: Checker) -> None:
    """Each ending's score lies in its harm's band; more harm never scores higher."""
    endings = [s for s in scenario.endings if s.ending is not None and s.ending.harm in BANDS]
    for step in endings:
        ending = step.ending
        assert ending is not None
        low, high = BANDS[ending.harm]
        if not low <= ending.score <= high:
            chk.error(
                step.line,
                f"ending '{step.id}' has harm '{ending.harm}', so its score must be "
                f"{low}-{high} (it is {ending.score}); see docs/scenario-format.md",
            )
        if ending.best and ending.harm != "none":
            chk.error(step.line, f"best ending '{step.id}' must have harm 'none'")
        if ending.breaks and severity(ending.harm) < severity("rule"):
            chk.error(
                step.line,
                f"ending '{step.id}' breaks {', '.join(ending.breaks)}, so its harm must be "
                f"'rule' or worse (it is '{ending.harm}')",
            )
        if ending.harm == "rule" and not ending.breaks:
            chk.error(
                step.line,
                f"ending '{step.id}' has harm 'rule': name the rule ids its path broke in 'breaks'",
            )
    for worse in endings:
        for better in endings:
            a, b = worse.ending, better.ending
            assert a is not None and b is not None
            if severity(a.harm) > severity(b.harm) and a.score >= b.score:
                chk.error(
                    worse.line,
                    f"ending '{worse.id}' (harm '{a.harm}', score {a.score}) scores at least "
                    f"as high as '{better.id}' (harm '{b.harm}', score {b.score}), "
                    "which does less harm",
                )
            elif (
                b.breaks
                and not a.breaks
                and severity(a.harm) <= severity(b.harm)
                and b.score > a.score
            ):
                chk.error(
                    better.line,
                    f"ending '{better.id}' breaks {', '.join(b.breaks)} but scores {b.score}, "
                    f"above '{worse.id}' ({a.score}), which breaks no rule and does no more harm",
                )
