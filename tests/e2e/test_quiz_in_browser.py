"""End to end: the real server, the real browser, a learner on a phone."""

from __future__ import annotations

import re
import time

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


FULL_WIDTH = str.maketrans(
    "ABCDEFGHJKMNPQRSTUVWXYZ23456789-",
    "ＡＢＣＤＥＦＧＨＪＫＭＮＰＱＲＳＴＵＶＷＸＹＺ２３４５６７８９－",
)


def test_full_width_code_kept_choice_and_pressed_toggles(server: str, server_db: str, browser):
    """A wrong full-width code stays typed, a right one resumes; a chosen language survives
    reload and an old ?lang= (Back); the toggles say which is pressed."""
    from chatdojo.store import codes, learners
    from chatdojo.store.db import open_store

    from .conftest import page_in

    store = open_store(server_db)
    try:
        _info, code = learners.create_learner(store, "全角 花子")
    finally:
        store.close()
    with page_in(browser) as page:
        page.goto(server + "/voila/render/home.ipynb")
        page.wait_for_selector(".cd-resume-form", state="attached")
        assert page.evaluate("document.documentElement.lang") == "ja"  # Accept-Language: ja-JP
        pressed = page.locator(".cd-lang button[aria-pressed=true]")
        assert pressed.inner_text() == "日本語"
        page.locator(".cd-not-kept summary").click()
        field = page.locator(".cd-resume-form input[name=code]")
        field.fill("ＺＺＺＺ－ＺＺＺＺ－ＺＺＺＺ")
        page.locator(".cd-resume-form button").click()
        page.wait_for_url(re.compile("learner_status=unknown"))
        field = page.locator(".cd-resume-form input[name=code]")
        field.wait_for()  # visible: the script opened its <details>
        # polled from here, not wait_for_function: the page's CSP (no 'unsafe-eval') can refuse
        # a string predicate while the page is loading
        deadline = time.monotonic() + 10
        while field.input_value() == "" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert field.input_value() == "ＺＺＺＺ－ＺＺＺＺ－ＺＺＺＺ"  # not cleared
        field.fill(codes.format_resume_code(code).translate(FULL_WIDTH).lower())
        page.locator(".cd-resume-form button").click()
        page.wait_for_url(re.compile("learner_status=resumed"))
        page.get_by_text("全角 花子").first.wait_for()

        page.get_by_role("button", name="English").click()
        page.locator("html[lang=en]").wait_for(state="attached")
        page.wait_for_url(re.compile("lang=en"))
        assert page.locator(".cd-lang button[aria-pressed=true]").inner_text() == "English"
        page.reload()
        page.wait_for_selector(".cd-lang")
        assert page.evaluate("document.documentElement.lang") == "en"
        page.goto(server + "/voila/render/home.ipynb?lang=ja")  # an older address (Back)
        page.wait_for_selector(".cd-lang")
        assert page.evaluate("document.documentElement.lang") == "en"


def test_the_loading_spinner_turns_in_steps_and_stands_still_for_less_motion(server, browser):
    """Does the page's spinner turn in eight steps (a smooth turn redraws every frame while
    the page waits: bench/RESULTS.md) and stand still when the phone asks for less motion?"""
    from .conftest import page_in

    probe = """() => {
        const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('class', 'spinner');
        document.body.appendChild(svg);
        const style = getComputedStyle(svg);
        const seen = [style.animationName, style.animationTimingFunction];
        svg.remove();
        return seen;
    }"""
    with page_in(browser) as page:
        page.goto(server + "/voila/render/chat-etiquette.ipynb")
        page.wait_for_selector(".cd-guide")
        assert page.evaluate(probe) == ["rotation", "steps(8)"]
        page.emulate_media(reduced_motion="reduce")
        assert page.evaluate(probe)[0] == "none"


def test_loading_screen_in_the_pages_language(browser):
    """Do Voila's "Running ...", "Executing 1 of 2" and "Loading widget..." read in Japanese
    on a ja page?"""
    from importlib.resources import files

    from .conftest import page_in

    script = (
        files("chatdojo")
        .joinpath("share/voila/templates/chatdojo/static/chatdojo-a11y.js")
        .read_text(encoding="utf-8")
    )
    with page_in(browser) as page:
        page.set_content(
            '<div id="loading"><span id="loading_text">Running ...</span></div><div id="out"></div>'
        )
        page.add_script_tag(content=script)
        assert page.inner_text("#loading_text") == "ページを開いています…"
        assert page.get_attribute("#loading_text", "lang") == "ja"
        page.evaluate(
            """() => {
            document.getElementById('loading_text').innerHTML = 'Executing 1 of 2';
            const w = document.createElement('div');
            w.className = 'jupyter-widgets';
            w.textContent = 'Loading widget...';
            document.getElementById('out').appendChild(w);
        }"""
        )
        page.wait_for_function("!document.body.innerText.includes('Executing')")
        text = page.inner_text("body")
        assert "ページを準備しています（1 / 2）" in text and "表示を準備しています" in text
        assert "Loading widget" not in text
