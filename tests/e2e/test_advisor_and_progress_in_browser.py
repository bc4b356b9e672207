"""End to end: the advisor answers a situation; a learner starts, gets a resume code, and is recorded."""

from __future__ import annotations

import re

import pytest

from .conftest import answer_question

pytestmark = pytest.mark.e2e


def test_advisor_recommends_phone_or_in_person_for_urgent(server: str, phone) -> None:
    """Does saying 'urgent' on the advisor page put phone or face-to-face first?"""
    phone.goto(server + "/voila/render/advisor.ipynb?lang=en")
    phone.wait_for_selector(".cd-flag-urgent")
    phone.locator(".cd-flag-urgent").get_by_role("button", name="Yes").click()
    ranking = phone.locator(".cd-ranking li").first
    phone.wait_for_function(
        "() => /Phone|Face-to-face/.test(document.querySelector('.cd-ranking li')?.innerText || '')"
    )
    assert re.search("Phone|Face-to-face", ranking.inner_text())
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_learner_gets_a_code_and_a_module_records_for_them(server: str, phone) -> None:
    """Does starting on the progress page give a resume code that every page then recognises?"""
    phone.goto(server + "/voila/render/progress.ipynb?lang=en")
    phone.locator(".cd-keep-form input[name=name]").fill("Hanako 1234")
    phone.get_by_role("button", name="Start").click()
    code = phone.locator(".cd-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert code.replace("-", "") not in phone.url
    phone.locator("a[href*='communication-method.ipynb']").first.click()
    phone.wait_for_selector(".cd-switch")
    assert "learner=" not in phone.url
    phone.get_by_role("button", name="Self-check quiz").click()
    phone.get_by_text(re.compile("kept in Hanako 1234's progress")).wait_for()


def test_code_from_home_page_records_a_module_without_the_url(server: str, phone) -> None:
    """Issue 11: one tap on home gives a code; a module opened without ?learner= is recorded."""
    phone.goto(server + "/voila/render/home.ipynb?lang=en")
    phone.get_by_text("Your results are not being kept.").wait_for()
    phone.get_by_role("button", name="Keep my results (get a resume code)").click()
    phone.get_by_text(re.compile("Your results are kept in Learner's progress")).wait_for()
    code = phone.locator(".cd-inline-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){2}", code)
    assert code.replace("-", "") not in phone.url
    cookies = {c["name"]: c for c in phone.context.cookies()}
    assert cookies["chatdojo_learner"]["httpOnly"] is True
    assert phone.evaluate("document.cookie").find("chatdojo_learner") == -1
    phone.goto(server + "/voila/render/communication-method.ipynb?lang=en")
    phone.get_by_role("button", name="Self-check quiz").click()
    phone.get_by_text(re.compile("kept in Learner's progress")).wait_for()
    answer_question(phone)
    phone.locator(".cd-quiz .cd-feedback").first.wait_for()
    phone.goto(server + "/voila/render/progress.ipynb?lang=en")
    card = phone.locator(".cd-module[data-module='communication-method']")
    card.get_by_text(re.compile(r"1 question\(s\) answered")).wait_for()
    assert code in phone.locator(".cd-code").inner_text()
