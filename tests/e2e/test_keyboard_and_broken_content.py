"""End to end: scenarios by keyboard; a broken content file on a real server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from e2e.conftest import REPO, Serve

pytestmark = pytest.mark.e2e


def test_scenario_by_keyboard(server: str, phone) -> None:
    """Can a scenario be played with Tab and Enter alone, step after step?"""
    # seed 0 shows a first choice that leads on to a second step (choices are shuffled)
    phone.goto(f"{server}/voila/render/scenarios.ipynb?lang=en&scenario=lost-phone&seed=0")
    phone.wait_for_selector(".cd-choice")
    progress = phone.locator(".cd-scenario").inner_text()
    for _ in range(40):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.closest('.cd-choice') !== null"):
            break
    else:
        pytest.fail("no scenario choice can be reached with Tab")
    phone.keyboard.press("Enter")
    phone.wait_for_function(
        "before => document.querySelector('.cd-scenario').innerText !== before", arg=progress
    )
    assert "Step 2" in phone.locator(".cd-scenario").inner_text()


@pytest.fixture
def broken_server(tmp_path: Path):
    """A server whose content has one broken question bank."""
    root = tmp_path / "site"
    for folder in ("guidance", "quizzes", "data", "notebooks"):
        shutil.copytree(REPO / folder, root / folder)
    bank = root / "quizzes" / "chat-etiquette.md"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("type: single", "type: essay", 1), encoding="utf-8")
    server = Serve(f"sqlite:///{tmp_path / 'b.db'}", tmp_path / "serve.log", home=root, pool=0)
    try:
        yield server.start().url
    finally:
        server.stop()


def test_broken_file_is_named_and_the_rest_works(broken_server: str, phone) -> None:
    """Does the page name the broken file and line, with no traceback, while other modules still work?"""
    phone.goto(broken_server + "/voila/render/home.ipynb?lang=en")
    alert = phone.locator(".cd-error[role=alert]")
    alert.wait_for()
    assert "quizzes/chat-etiquette.md:" in alert.inner_text()
    assert "unknown question type 'essay'" in alert.inner_text()
    assert "Traceback" not in phone.locator("body").inner_text()
    phone.goto(broken_server + "/voila/render/communication-method.ipynb?lang=en")
    phone.get_by_role("button", name="Self-check quiz").click()
    phone.wait_for_selector(".cd-check")
