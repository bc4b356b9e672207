"""Printing: a guide prints whole with a page per section, the quiz review and the certificate print.

Chromium's own print layout (``emulate_media("print")`` and ``page.pdf()``);
pages are counted in the PDF itself, so no PDF tool is needed.
"""

from __future__ import annotations

import re

import pytest

from .conftest import answer_question

pytestmark = pytest.mark.e2e


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(90_000)
    yield page
    context.close()


def test_a_guide_prints_whole_a_page_per_section(server: str, desk) -> None:
    """Does the printed guide hold every section, each starting a page, without the controls?"""
    desk.goto(f"{server}/voila/render/communication-method.ipynb?lang=ja")
    desk.wait_for_selector(".cd-guide h1")
    sections = desk.locator(".cd-guide h2").count()
    assert sections >= 3
    desk.emulate_media(media="print")
    assert not desk.locator(".cd-lang").is_visible()
    assert not desk.locator(".cd-switch").is_visible()
    pages = pdf_pages(desk.pdf(format="A4"))
    # the title page plus one page (or more) per section; the screen shows one screenful
    assert pages >= sections + 1, (pages, sections)


def test_the_quiz_review_prints(server: str, desk) -> None:
    """Does the review after a quiz print on as many pages as it needs, without the buttons?"""
    desk.goto(f"{server}/voila/render/chat-etiquette.ipynb?lang=en&seed=7")
    desk.wait_for_selector(".cd-switch")
    desk.locator(".cd-switch button").nth(1).click()
    for _ in range(20):
        desk.wait_for_selector(".cd-check, .cd-restart")
        if desk.locator(".cd-restart").count():
            break
        answer_question(desk)
        desk.locator(".cd-next").click()
    desk.wait_for_selector(".cd-review")
    cards = desk.locator(".cd-review .cd-card").count()
    desk.emulate_media(media="print")
    assert not desk.locator(".cd-restart").is_visible()
    assert desk.locator(".cd-review .cd-card").last.is_visible()
    assert pdf_pages(desk.pdf(format="A4")) >= max(2, cards // 4)


def test_the_certificate_prints_what_it_shows(server: str, server_db: str, desk) -> None:
    """Does printing the certificate page put the certificate itself on the first page?"""
    from chatdojo.content.catalog import load_catalog
    from chatdojo.store.db import open_store
    from chatdojo.store.learners import create_learner, record_answer

    store = open_store(server_db)
    learner, code = create_learner(store, "印刷 花子")
    for guide in load_catalog().guides.values():
        if guide.quiz:
            record_answer(
                store,
                learner.id,
                guide.quiz,
                "q",
                "a",
                1.0,
                attempt=f"print-{guide.quiz}",
                finished=(guide.quiz, 1.0, True),
            )
    desk.goto(f"{server}/voila/render/progress.ipynb?lang=ja&learner={code}")
    desk.wait_for_selector(".cd-certificate")
    desk.emulate_media(media="print")
    box = desk.locator(".cd-certificate").bounding_box()
    assert box is not None and box["height"] > 150
    assert box["y"] < 200  # at the top of the printed page, not below a screenful
    assert "印刷 花子" in desk.locator(".cd-certificate").inner_text()
    visible = desk.evaluate(
        "() => { const r = document.querySelector('.cd-certificate').getBoundingClientRect();"
        " const el = document.elementFromPoint(r.left + r.width / 2, r.top + 40);"
        " return !!el && !!el.closest('.cd-certificate'); }"
    )
    assert visible
    assert pdf_pages(desk.pdf(format="A4")) == 1  # the certificate alone, no blank pages
