"""The widgets, driven without a browser: click buttons, set values, assert on the engine's state."""

from __future__ import annotations

import ipywidgets as w
import pytest

from chatdojo.content.catalog import Catalog
from chatdojo.views.page import Page
from chatdojo.views.scenario_view import ScenariosPage, ScenarioView, scenarios_page


@pytest.fixture()
def page(fixture_catalog: Catalog) -> Page:
    return Page(catalog=fixture_catalog)


def _open(page: Page, scenario_id: str = "walk", **params: str) -> ScenarioView:
    frame = scenarios_page(page, params={"scenario": scenario_id, **params})
    controller: ScenariosPage = frame.controller  # type: ignore[attr-defined]
    assert controller.view is not None
    return controller.view


def test_does_the_query_parameter_open_the_scenario(page: Page) -> None:
    """Does ``?scenario=walk`` open the walkthrough directly, at the start step?"""
    view = _open(page)
    assert view.run.current.id == "start"
    assert "練習用の分岐" in view.title.value
    assert sorted(view.choice_buttons) == ["bad", "detour", "good"]


def test_does_clicking_a_choice_move_the_engine(page: Page) -> None:
    """Does clicking a choice button advance the run and show that choice's feedback?"""
    view = _open(page)
    view.choice_buttons["good"].click()
    assert view.run.current.id == "middle"
    assert "よい判断" in view.story.value
    assert "場面 2 / 最長 3" in view.progress_label.value
    view.choice_buttons["best"].click()
    assert view.run.finished and view.run.score == 100
    assert view.choice_buttons == {}
    assert "得点 100 / 100" in view.story.value
    assert "003 §2" in view.story.value  # rule citations in the review


def test_are_choice_buttons_full_width_and_tall(page: Page) -> None:
    """Are choice buttons full width and at least 44 px tall (touch targets)?"""
    view = _open(page)
    for button in view.choice_buttons.values():
        assert button.layout.width == "100%"
        assert button.layout.min_height == "44px"


def test_are_profile_facts_filled_into_button_labels(page: Page) -> None:
    """Is ``{{ report_lost_device_to }}`` replaced by the profile's value in a plain button label?"""
    view = _open(page)
    label = view.choice_buttons["good"].description
    assert "{{" not in label
    assert label.startswith(page.substitutions()["report_lost_device_to"])


def test_is_a_forged_choice_rejected_by_the_engine(page: Page) -> None:
    """Is a choice id that no button offers refused, with a message and no change of state?"""
    view = _open(page)
    assert view.choose("end-best") is False
    assert view.run.current.id == "start"
    assert "unknown choice" in view.message.value


def test_does_the_back_button_undo_a_choice(page: Page) -> None:
    """Does the back button appear after a choice and take the run one step back?"""
    view = _open(page)
    assert view.back_button not in view.nav.children
    view.choice_buttons["good"].click()
    assert view.back_button in view.nav.children
    view.back_button.click()
    assert view.run.current.id == "start"
    assert view.run.backs == 1


def test_does_restart_begin_again(page: Page) -> None:
    """Does the restart button clear the path after an ending?"""
    view = _open(page)
    view.choice_buttons["bad"].click()
    assert view.run.score == 0
    view.restart_button.click()
    assert view.run.current.id == "start" and not view.run.taken


def test_does_the_language_switch_re_render(page: Page) -> None:
    """Does switching to English re-render the narrative and the choice labels in English?"""
    view = _open(page)
    page.set(lang="en")
    assert "The first scene" in view.story.value
    assert view.choice_buttons["bad"].description == "Do nothing"
    assert view.map_toggle.description == "See the map of all branches"


def test_does_the_trainer_map_toggle_show_the_graph(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does the trainer-map toggle show an SVG with the best path highlighted, and hide it again?"""
    monkeypatch.setenv("CHATDOJO_TRAINER_KEY", "k3y")
    view = _open(page, trainer="k3y")
    assert view.map_toggle.description == "講師用マップ"
    assert view.map_html.value == ""
    view.map_toggle.value = True
    assert "<svg" in view.map_html.value
    assert 'class="cd-map-edge cd-best" data-from="start" data-to="middle"' in view.map_html.value
    view.map_toggle.value = False
    assert view.map_html.value == ""


def test_does_the_picker_open_and_close_a_scenario(page: Page) -> None:
    """Does the picker list each scenario, open one on click and come back to the list?"""
    frame = scenarios_page(page, params={})
    controller: ScenariosPage = frame.controller  # type: ignore[attr-defined]
    assert controller.view is None
    assert list(controller.start_buttons) == ["walk"]
    controller.start_buttons["walk"].click()
    assert controller.view is not None
    assert controller.view.widget in controller.content.children
    controller.view.list_button.click()
    assert controller.view is None
    assert all(isinstance(c, w.VBox) for c in controller.content.children)


def test_is_an_unknown_scenario_parameter_shown_as_a_message(page: Page) -> None:
    """Does ``?scenario=nope`` show a plain message and the list instead of failing?"""
    frame = scenarios_page(page, params={"scenario": "nope"})
    controller: ScenariosPage = frame.controller  # type: ignore[attr-defined]
    assert controller.view is None
    assert "nope" in controller.message.value
    assert "walk" in controller.start_buttons


def test_are_the_choices_shuffled_at_every_step(page: Page) -> None:
    """Is the first button not always the same choice (authors write the best one first)?

    The order is fixed by the seed, so going back and forth shows the same order.
    """
    firsts = set()
    for seed in range(30):
        view = _open(page, seed=str(seed))
        order = list(view.choice_buttons)
        assert sorted(order) == ["bad", "detour", "good"]
        firsts.add(order[0])
        again = _open(page, seed=str(seed))
        assert list(again.choice_buttons) == order  # same seed, same order
    assert firsts == {"good", "bad", "detour"}


def test_does_the_first_button_stop_leading_to_the_best_ending() -> None:
    """In the real scenarios, does always pressing the first button miss the best ending somewhere?"""
    from chatdojo.content.catalog import load_catalog
    from chatdojo.scenario import ScenarioRun

    missed = 0
    for scenario in load_catalog().scenarios.values():
        run = ScenarioRun(scenario, seed=7)
        for _ in range(50):
            if run.finished:
                break
            run.choose(run.choices()[0].id)
        missed += run.ending is not None and not run.ending.best
    assert missed >= 3


def test_is_the_map_hidden_from_a_learner_until_the_end(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the trainer's key the map toggle is hidden, and forcing it shows nothing, until an ending."""
    monkeypatch.setenv("CHATDOJO_TRAINER_KEY", "k3y")
    for params in ({}, {"trainer": "wrong"}, {"trainer": ""}):
        view = _open(page, **params)
        assert view.map_toggle.layout.display == "none"
        view.map_toggle.value = True  # a forged widget message
        assert view.map_html.value == ""
    view = _open(page)
    view.choose("bad")
    assert view.run.finished
    assert view.map_toggle.layout.display is None
    view.map_toggle.value = True
    assert "<svg" in view.map_html.value
    view.restart_button.click()
    assert view.map_html.value == "" and view.map_toggle.layout.display == "none"


def test_is_there_no_trainer_without_a_configured_key(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no CHATDOJO_TRAINER_KEY set, an empty ``?trainer=`` does not open the map."""
    monkeypatch.delenv("CHATDOJO_TRAINER_KEY", raising=False)
    view = _open(page, trainer="")
    assert not view.trainer and view.map_toggle.layout.display == "none"


def test_does_the_map_show_no_internal_ids(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    """Are the map's boxes and tooltips labelled in the page's language, never with step ids?"""
    import re

    monkeypatch.setenv("CHATDOJO_TRAINER_KEY", "k3y")
    view = _open(page, trainer="k3y")
    for lang, start in (("ja", "開始"), ("en", "Start")):
        page.set(lang=lang)
        view.map_toggle.value = True
        svg = view.map_html.value
        shown = " ".join(re.findall(r">([^<>]+)<", svg))
        assert start in shown
        for step_id in view.scenario.steps:
            assert not re.search(rf"\b{re.escape(step_id)}\b", shown), (lang, step_id)
        view.map_toggle.value = False


def test_do_the_map_numbers_match_the_shuffled_buttons(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does the number on each line of the map match the button's position on this page?"""
    from chatdojo.scenario.graph import edges

    view = _open(page, seed="3")
    shown = list(view.choice_buttons)
    for edge in edges(view.scenario, view.run.order()):
        if edge.source == view.run.current.id:
            for choice_id, number in zip(edge.choices, edge.numbers, strict=True):
                assert shown[number - 1] == choice_id
