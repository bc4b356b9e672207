"""Branching scenarios: steps, choices and scored endings (pure Python, no widgets).

``model`` holds the data, ``paths`` the graph questions (what is reachable,
which choice keeps the best ending in reach), ``run`` one learner's walk,
``parse``/``checks``/``loader`` read and check ``quizzes/scenarios/*.md`` and
``graph`` draws the trainer map.
"""

from chatdojo.scenario.model import Choice, Ending, Scenario, Step
from chatdojo.scenario.run import ReviewItem, ScenarioError, ScenarioRun

__all__ = ["Choice", "Ending", "ReviewItem", "Scenario", "ScenarioError", "ScenarioRun", "Step"]
