"""End to end: a trainer runs a live session; a participant joins on a phone and answers."""

from __future__ import annotations

import json
import re

import pytest

from chatdojo.cli import main

pytestmark = pytest.mark.e2e


def test_participant_answer_reaches_trainer_dashboard(
    server: str, server_db: str, browser, phone, capsys
) -> None:
    """Does a participant's answer, given on a phone, appear live on the trainer's dashboard?"""
    assert (
        main(
            [
                "session",
                "create",
                "--quiz",
                "communication-method",
                "--db",
                server_db,
                "--base-url",
                server,
                "--json",
            ]
        )
        == 0
    )
    created = json.loads(capsys.readouterr().out)
    assert set(created) >= {"code", "join_url", "dashboard_url", "token"}

    trainer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    trainer = trainer_context.new_page()
    trainer.set_default_timeout(60_000)
    trainer.goto(created["dashboard_url"] + "&lang=en")
    trainer.wait_for_selector(".cd-app")
    trainer.get_by_role("button", name="Start").click()

    phone.goto(created["join_url"] + "&lang=en")
    phone.wait_for_selector(".cd-form input")
    phone.locator(".cd-form input").fill("<b>Ken</b>")
    phone.get_by_role("button", name="Join").click()
    phone.get_by_text("Joined as <b>Ken</b>").wait_for()  # markup shown as text, not rendered
    phone.wait_for_selector(
        ".cd-check, .cd-choices, .cd-match-row, .cd-order-row, .widget-text input"
    )
    if phone.locator(".cd-choices input[type=radio]").count():
        phone.locator(".cd-choices input[type=radio]").first.check()
    elif phone.locator(".cd-choices input[type=checkbox]").count():
        phone.locator(".cd-choices input[type=checkbox]").first.check()
    elif phone.locator(".cd-match-row select").count():
        for select in phone.locator(".cd-match-row select").all():
            select.select_option(index=1)
    elif phone.locator(".cd-app .widget-text input").count():
        phone.locator(".cd-app .widget-text input").last.fill("1")
    phone.get_by_role("button", name="Submit").click()
    phone.locator(".cd-feedback").first.wait_for()

    trainer.get_by_text(re.compile(r"1 joined")).wait_for()
    trainer.get_by_text(re.compile(r"answers: 1")).first.wait_for()
    assert "<b>Ken</b>" in trainer.locator("body").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    trainer_context.close()
