"""Scenario walkthroughs for the static site: one page per scenario plus a list page.

Each step's choices are shown in the order of a fixed-seed ``ScenarioRun`` (the app
shuffles them so the best choice is not always first; the map's choice numbers match it).
"""

from __future__ import annotations

from html import escape
from typing import Any

from chatdojo.content.catalog import Catalog
from chatdojo.content.profiles import Profile
from chatdojo.i18n import pick
from chatdojo.scenario.graph import scenario_svg
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.run import ScenarioRun
from chatdojo.scenario.text import plain, shorten
from chatdojo.scorm.data import md, rule_titles
from chatdojo.views.render import citations
from chatdojo.views.scenario_view import TEXTS

SEED = 0  # the choice order of the static pages (and of their maps' numbers)
UI_KEYS = [
    "progress",
    "finished",
    "choose",
    "your_choice",
    "back",
    "restart",
    "to_list",
    "ending",
    "score",
    "best",
    "not_best",
    "review",
    "kept",
    "lost",
    "backs",
    "cite",
    "map_note",
    "map_after",
    "heading",
    "intro",
    "start",
    "steps",
]


def scenario_json(
    scenario: Scenario, catalog: Catalog, lang: str, subs: dict[str, str]
) -> dict[str, Any]:
    titles = rule_titles(catalog, lang)
    run = ScenarioRun(scenario, seed=SEED)
    order = run.order()
    best = scenario.best_scores
    steps: dict[str, Any] = {}
    for step_id, step in scenario.steps.items():
        by_id = {c.id: c for c in step.choices}
        ending = step.ending
        steps[step_id] = {
            "html": md(step.text, lang, subs, titles),
            "short": shorten(plain(pick(step.text, lang), subs), 80),
            "rules": citations(step.rules, catalog, lang),
            "ruleCount": len(step.rules),
            "best": best.get(step_id),
            "choices": [
                {
                    "id": cid,
                    "label": plain(pick(by_id[cid].text, lang), subs),
                    "fb": md(by_id[cid].feedback, lang, subs, titles)
                    if by_id[cid].feedback
                    else None,
                    "next": by_id[cid].next,
                }
                for cid in order[step_id]
            ],
            "ending": None
            if ending is None
            else {
                "score": ending.score,
                "best": ending.best,
                "debrief": md(ending.debrief, lang, subs, titles),
            },
        }
    # every step drawn with the "visited" ring; the page keeps it on the steps of the path
    svg = scenario_svg(scenario, lang, subs, visited=list(scenario.steps), order=order)
    return {
        "id": scenario.id,
        "title": pick(scenario.title, lang),
        "start": scenario.start,
        "allowBack": scenario.allow_back,
        "longest": scenario.longest,
        "steps": steps,
        "map": svg.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1),
    }


def all_scenarios(catalog: Catalog, profile: Profile | None = None) -> list[Scenario]:
    """The catalogue's scenarios in their listed order (the catalogue types them loosely);
    with ``profile``, only those offered under it (a pack's own stays with its town)."""
    found = [
        s
        for s in catalog.scenarios.values()
        if isinstance(s, Scenario)
        and (profile is None or s.applies_to(profile.id, profile.policies))
    ]
    return sorted(found, key=lambda s: (s.order, s.id))


def ui(lang: str) -> dict[str, str]:
    return {key: pick(TEXTS[key], lang) for key in UI_KEYS}


def list_body(catalog: Catalog, lang: str, profile: Profile | None = None) -> str:
    t = ui(lang)
    items = []
    for scenario in all_scenarios(catalog, profile):
        items.append(
            f'<div class="cd-card" data-scenario="{escape(scenario.id)}">'
            f'<a href="scenario-{escape(scenario.id)}.html">{escape(pick(scenario.title, lang))}</a>'
            f'<p class="cd-note">{escape(pick(scenario.summary, lang))}</p></div>'
        )
    return f'<h1>{escape(t["heading"])}</h1><p class="cd-note">{escape(t["intro"])}</p>' + "".join(
        items
    )
