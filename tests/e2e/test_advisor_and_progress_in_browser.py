"""End to end: the advisor answers a situation; a learner starts, gets a resume code, and is recorded."""

from __future__ import annotations

import re

import pytest

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
    """Does starting on the progress page give a resume code whose module links record the quiz?"""
    phone.goto(server + "/voila/render/progress.ipynb?lang=en")
    phone.locator(".cd-form input").first.fill("Hanako 1234")
    phone.get_by_role("button", name="Start").click()
    code = phone.locator(".cd-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    phone.locator("a[href*='communication-method.ipynb']").first.click()
    phone.wait_for_selector(".cd-switch")
    assert "learner=" in phone.url
    phone.get_by_role("button", name="Self-check quiz").click()
    phone.get_by_text(re.compile("Saving results to Hanako 1234")).wait_for()
