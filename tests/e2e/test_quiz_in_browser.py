"""End to end: the real server, the real browser, a learner on a phone."""

from __future__ import annotations

import re

import pytest

from .conftest import answer_question

pytestmark = pytest.mark.e2e

VERDICT_JA = re.compile("正解|一部正解|不正解")
VERDICT_EN = re.compile("Correct|Partly correct|Not quite")


def answer_current_question(page) -> None:
    """Give some answer to whatever question type is showing (an ordering question is
    submitted in the order shown)."""
    page.wait_for_selector(".cd-check")
    answer_question(page)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_home_to_quiz_in_japanese_and_english(server: str, phone) -> None:
    """Can a learner go from the home page to the quiz, answer in Japanese, switch to English, answer again?"""
    phone.goto(server + "/")
    assert phone.url.endswith("/voila/render/home.ipynb")
    phone.wait_for_selector(".cd-module")
    html = phone.content()
    assert "Traceback" not in html and "from chatdojo" not in html  # sources stripped
    assert no_horizontal_scroll(phone)
    phone.locator('.cd-module[data-module="communication-method"] a').click()
    phone.wait_for_selector(".cd-guide h1")
    assert "連絡手段" in phone.locator(".cd-guide h1").inner_text()
    assert no_horizontal_scroll(phone)

    phone.get_by_role("button", name="確認テスト").click()
    phone.wait_for_selector(".cd-check")
    assert phone.get_by_text(re.compile(r"問題 1 / \d+")).is_visible()
    answer_current_question(phone)
    feedback = phone.locator(".cd-feedback").first
    feedback.wait_for()
    assert VERDICT_JA.search(feedback.inner_text())
    assert "解説" in feedback.inner_text()

    phone.get_by_role("button", name="English").click()
    phone.get_by_text("Explanation").first.wait_for()
    assert VERDICT_EN.search(phone.locator(".cd-feedback").first.inner_text())
    phone.locator(".cd-next").click()
    phone.get_by_text(re.compile(r"Question 2 of \d+")).wait_for()
    answer_current_question(phone)
    phone.get_by_text("Explanation").first.wait_for()
    assert VERDICT_EN.search(phone.locator(".cd-feedback").first.inner_text())
    assert no_horizontal_scroll(phone)


def test_quiz_by_keyboard_alone(server: str, phone) -> None:
    """Can a choice question be answered with the keyboard only (Tab, arrows, Enter)?"""
    phone.goto(server + "/voila/render/communication-method.ipynb?lang=en")
    phone.wait_for_selector(".cd-switch")
    phone.get_by_role("button", name="Self-check quiz").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_selector(".cd-check")
    for _ in range(12):  # move on until a radio-button question shows
        if phone.locator(".cd-choices input[type=radio]").count():
            break
        answer_current_question(phone)
        phone.locator(".cd-next").click()
        phone.wait_for_selector(".cd-check")
    else:
        pytest.fail("no single-choice question in the first 12")
    phone.locator(".cd-choices input[type=radio]").first.focus()
    phone.keyboard.press("Space")
    for _ in range(30):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.closest('.cd-check') !== null"):
            break
    else:
        pytest.fail("the Check button cannot be reached with Tab")
    phone.keyboard.press("Enter")
    phone.locator(".cd-feedback").first.wait_for()
    assert VERDICT_EN.search(phone.locator(".cd-feedback").first.inner_text())
