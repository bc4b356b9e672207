"""End to end: a room plays a scenario in Chromium (the session's server, no kernel per phone).

A console, a projector and two phones (one Japanese, one English, the English one
by keyboard only) vote at each step; the projector shows no vote and no feedback
before the reveal; the room follows the majority and reaches the best ending.
Screenshots go to ``test-artifacts/scenario-room/``.
"""

from __future__ import annotations

import json

import pytest

from chatdojo.cli import main
from chatdojo.content.catalog import load_catalog

from .conftest import REPO

pytestmark = pytest.mark.e2e

SCENARIO = "screenshot-request"  # start -> ask-owner -> end-best: two votes to the best ending
SHOTS = REPO / "test-artifacts" / "scenario-room"


def shown_order(page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def test_a_room_votes_its_way_through_a_scenario(server, server_db, browser, capsys):
    """Do two phones vote, the projector stay silent until the reveal, the room follow the majority?"""
    base, db = server, server_db
    argv = ["session", "create", "--scenario", SCENARIO, "--paced", "--time-limit", "120"]
    assert main([*argv, "--db", db, "--base-url", base, "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    scenario = load_catalog(REPO).scenarios[SCENARIO]
    SHOTS.mkdir(parents=True, exist_ok=True)
    contexts = []

    def tab(width: int, height: int):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    try:
        console = tab(800, 900)
        console.goto(created["dashboard_url"] + "&lang=ja")
        screen = tab(1920, 1080)
        screen.goto(created["screen_url"] + "?lang=ja")
        phones = {}
        for lang, name in (("ja", "花子"), ("en", "Ken")):
            page = tab(375, 740)
            page.goto(f"{created['join_url']}?lang={lang}")
            page.locator("#nickname").fill(name)
            page.locator("form button[type=submit]").click()
            page.locator("#live .wait").wait_for()
            phones[lang] = page
        screen.get_by_text("参加者 2 人").wait_for()
        console.locator("[data-action=start]").click()

        for page in phones.values():
            page.locator("form.answer[data-q='1:start']").wait_for()
        screen.locator(".stage.scenario .qtext").wait_for()
        start = scenario.steps["start"]
        phones["ja"].screenshot(path=str(SHOTS / "phone-ja-step.png"), full_page=True)
        order_ja = shown_order(phones["ja"], "form.answer .choice span")
        assert order_ja == shown_order(screen, ".stage.scenario .options li")  # one seeded order
        assert sorted(order_ja) == sorted(c.text["ja"] for c in start.choices)

        phones["ja"].locator("input[value='ask-owner']").check()
        phones["ja"].locator("form.answer button[type=submit]").click()
        en = phones["en"]  # keyboard: focus the choice, Space picks it, Enter on the button votes
        en.locator("input[value='ask-owner']").focus()
        en.keyboard.press("Space")
        en.locator("form.answer button[type=submit]").focus()
        en.keyboard.press("Enter")
        en.get_by_text("Vote received").wait_for()
        screen.get_by_text("投票 2 / 2").wait_for()
        shown = screen.locator("#live").inner_text()
        assert screen.locator(".votes, .vote-feedback").count() == 0 and "★" not in shown
        assert not any(c.feedback["ja"][:15] in shown for c in start.choices)
        screen.screenshot(path=str(SHOTS / "projector-step-before-reveal.png"))
        en.screenshot(path=str(SHOTS / "phone-en-voted.png"), full_page=True)

        console.locator("[data-action=reveal]").click()
        screen.locator(".votes li.lead").wait_for()
        lead = screen.locator(".votes li.lead").inner_text()
        assert start.choice("ask-owner").text["ja"] in lead and "2票" in lead
        assert (
            start.choice("screenshot-line").feedback["ja"] in screen.locator("#live").inner_text()
        )
        screen.screenshot(path=str(SHOTS / "projector-step-revealed.png"))
        phones["ja"].locator(".votes").wait_for()
        phones["ja"].screenshot(path=str(SHOTS / "phone-ja-revealed.png"), full_page=True)
        console.screenshot(path=str(SHOTS / "console-revealed.png"), full_page=True)

        console.locator("[data-action=follow].primary").click()  # the room's choice
        for page in phones.values():
            page.locator("form.answer[data-q='2:ask-owner']").wait_for()
        for page in phones.values():
            page.locator("input[value='delete']").check()
            page.locator("form.answer button[type=submit]").click()
        screen.get_by_text("投票 2 / 2").wait_for()
        console.locator("[data-action=reveal]").click()
        console.locator("[data-action=follow].primary").click()

        screen.locator(".scenario-end").wait_for()
        end = screen.locator("#live").inner_text()
        assert "問題は起きませんでした" in end and "得点 100 / 100" in end
        assert end.count("多数決（2票 / 2票）") == 2  # both steps by the room's majority
        screen.screenshot(path=str(SHOTS / "projector-ending.png"))
        en.get_by_text("Nothing went wrong").wait_for()
        assert (
            "Your votes: 2 of 2 kept the best ending in reach" in en.locator("#live").inner_text()
        )
        en.screenshot(path=str(SHOTS / "phone-en-ending.png"), full_page=True)
        for page in (*phones.values(), screen):
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        for context in contexts:
            context.close()


@pytest.mark.audit
def test_scenario_room_pages_pass_the_audit(server, server_db, browser, capsys):
    """The page audit on a scenario room: a step, the votes and the ending, phones ja/en, projector."""
    from .audit.checks import HEIGHTS, PHONE, PROJECTOR, Auditor

    base, db = server, server_db
    argv = ["session", "create", "--scenario", SCENARIO, "--db", db, "--base-url", base, "--json"]
    assert main(argv) == 0
    created = json.loads(capsys.readouterr().out)
    contexts = []

    def tab(width: int):
        context = browser.new_context(viewport={"width": width, "height": HEIGHTS.get(width, 900)})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    try:
        console = tab(800)
        console.goto(created["dashboard_url"] + "&lang=ja")
        screen = tab(PROJECTOR)
        projector = Auditor(screen, "scenario-room-screen", "ja", widths=(PROJECTOR,))
        screen.goto(created["screen_url"] + "?lang=ja")
        phones = []
        for lang in ("ja", "en"):
            page = tab(PHONE)
            page.goto(f"{created['join_url']}?lang={lang}")
            page.locator("#nickname").fill("監査" if lang == "ja" else "Audit")
            page.locator("form button[type=submit]").click()
            page.locator("#live .wait").wait_for()
            phones.append(
                (page, Auditor(page, f"scenario-room-phone-{lang}", lang, widths=(PHONE,)))
            )
        screen.get_by_text("参加者 2 人").wait_for()
        console.locator("[data-action=start]").click()
        screen.locator(".stage.scenario .qtext").wait_for()
        projector.check("step", axe=True)
        projector.check_fit("step")  # 1280x720, 1366x768, 1024x768: no scrolling
        for page, auditor in phones:
            page.locator("form.answer").wait_for()
            auditor.check("step", axe=True, focus=True)
            page.locator("input[value='ask-owner']").check()
            page.locator("form.answer button[type=submit]").click()
        screen.get_by_text("投票 2 / 2").wait_for()
        console.locator("[data-action=reveal]").click()
        screen.locator(".votes").wait_for()
        projector.check("votes", axe=True)
        projector.check_fit("votes")  # 1280x720, 1366x768, 1024x768: no scrolling
        for page, auditor in phones:
            page.locator(".votes").wait_for()
            auditor.check("votes", axe=True)
        console.locator("[data-action=follow].primary").click()
        screen.locator(".stage.scenario .qtext").wait_for()
        console.locator("[data-action=reveal]").click()
        console.locator("[data-action=follow][data-choice$='|keep']").click()  # the trainer's pick
        screen.locator(".scenario-end").wait_for()
        projector.check("ending", axe=True)
        projector.check_fit("ending")  # 1280x720, 1366x768, 1024x768: no scrolling
        for page, auditor in phones:
            page.locator(".ending").wait_for()
            auditor.check("ending", axe=True)
        problems = [str(p) for _, a in phones for p in a.problems] + list(
            map(str, projector.problems)
        )
        problems += [f"other host: {url}" for _, a in phones for url in a.requests]
        assert not problems, "\n".join(problems)
    finally:
        for context in contexts:
            context.close()
