"""The advisor page driven without a browser: set widget values, click, read the engine's state."""

from __future__ import annotations

import dataclasses

import ipywidgets as w
import pytest

from chatdojo.advisor import FLAG_NAMES
from chatdojo.views.advisor_view import AdvisorView, advisor
from chatdojo.views.page import Page


@pytest.fixture
def page(catalog, open_profile):
    cat = dataclasses.replace(catalog, profiles={**catalog.profiles, open_profile.id: open_profile})
    return Page(catalog=cat, lang="ja", profile_id="default")


@pytest.fixture
def view(page) -> AdvisorView:
    return advisor(page).view


def test_builds_with_one_yes_no_question_per_flag(view):
    """Does the page ask one yes/no question per situation flag, all answered 'no' at first?"""
    assert view.problems == []
    assert set(view.toggles) == set(FLAG_NAMES)
    for toggle in view.toggles.values():
        assert isinstance(toggle, w.ToggleButtons)
        assert [label for label, _ in toggle.options] == ["はい", "いいえ"]
        assert toggle.value is False
    assert view.recommendation.method == "chat"
    assert "data-method='chat'" in view.result.value


def test_answers_change_the_recommendation(view):
    """Does answering 'yes' to the outside-party question switch the advice to e-mail?"""
    view.toggles["external"].value = True
    assert view.recommendation.method == "mail"
    assert "data-method='mail'" in view.result.value
    view.toggles["meeting"].value = True
    assert view.recommendation.method == "web_meeting"
    assert "003 §2" in view.result.value


def test_personal_data_shows_a_warning(view):
    """Is the personal-data warning shown on the page, with chat last?"""
    view.toggles["personal_data"].value = True
    assert view.recommendation.ranking[-1] == "chat"
    assert "cd-warnings" in view.result.value and "003 §3" in view.result.value


def test_reset_sets_every_answer_back(view):
    """Does the reset button answer every question 'no' again?"""
    view.toggles["urgent"].value = True
    view.toggles["after_hours"].value = True
    view.reset_button.click()
    assert all(t.value is False for t in view.toggles.values())
    assert view.recommendation.method == "chat"


def test_language_switch_keeps_the_answers(view):
    """After switching to English, are the answers kept and the page in English?"""
    view.toggles["urgent"].value = True
    view.page.set(lang="en")
    assert view.toggles["urgent"].value is True
    assert [label for label, _ in view.toggles["urgent"].options] == ["Yes", "No"]
    assert "Recommended method" in view.result.value
    assert "Does it have to reach them right away?" in view.labels["urgent"].value
    assert view.toggles["urgent"].tooltips[0].endswith("Yes")


def test_profile_switch_changes_after_hours_advice(view):
    """Does choosing an organization that allows after-hours contact drop the hold-back warning?"""
    view.toggles["after_hours"].value = True
    assert view.recommendation.warnings
    view.page.set(profile_id="open")
    assert view.recommendation.warnings == []
    assert any("After-hours rule (allowed)" in r["en"] for r in view.recommendation.reasons)


def test_situation_quiz_round(view):
    """In quiz mode, does a pick show beside the advisor's answer, then move on to the next situation?"""
    view.mode.value = "quiz"
    assert view.content.children == (view.quiz_box,)
    assert view.check_button in view.quiz_box.children
    view.check_button.click()  # nothing picked yet
    assert "cd-error" in view.message.value and view.quiz.answers == {}
    view.choice.value = "mail"
    view.check_button.click()
    answer = view.quiz.answers["sit-01"]
    assert answer.chosen == "mail" and not answer.matches
    assert "cd-yours" in view.feedback.value and "cd-advised" in view.feedback.value
    assert view.choice.disabled
    view.next_button.click()
    assert view.quiz.position == 1 and view.choice.value is None and not view.choice.disabled


def test_situation_quiz_to_the_end(view):
    """Answering everything as the advisor would, does the result say all matched, and can I restart?"""
    view.mode.value = "quiz"
    while not view.quiz.finished:
        view.choice.value = view.quiz.current.expected
        view.check_button.click()
        view.next_button.click()
    total = len(view.quiz.items)
    assert view.quiz.score == total
    assert f"{total} 問中 {total} 問" in view.quiz_head.value
    view.restart_button.click()
    assert view.quiz.position == 0


def test_broken_table_is_shown_not_raised(tmp_path, catalog):
    """With a broken table, does the page open and name the file and line instead of failing?"""
    (tmp_path / "data").mkdir()
    good = (catalog.root / "data" / "communication_methods.csv").read_text(encoding="utf-8")
    (tmp_path / "data" / "communication_methods.csv").write_text(
        good.replace(",×,", ",?,", 1), encoding="utf-8"
    )
    cat = dataclasses.replace(catalog, root=tmp_path)
    view = AdvisorView(Page(catalog=cat))
    assert any(p.startswith("data/communication_methods.csv:5:") for p in view.problems)
    assert view.recommendation is None
    assert any(
        "communication_methods.csv:5" in getattr(c, "value", "") for c in view.widget.children
    )


def test_no_raw_content_markup(view):
    """Is content text escaped (no stray tags from the data in the result)?"""
    view.toggles["needs_agreement"].value = True
    assert "<script" not in view.result.value
    assert "決裁" in view.result.value
