"""Every page, in Japanese and English, on a 375-px phone: renders, no traceback, no sideways
scroll, nothing fetched from another host and nothing blocked by the Content-Security-Policy
(issue 9, item 8).

The pages are opened ``WORKERS`` at a time (``tests/e2e/pool.py``); each test waits for
its own page's checks and fails with their message.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import page_in
from .pool import Jobs, params, started

pytestmark = pytest.mark.e2e

WORKERS = 3
NOTEBOOKS = sorted(
    p.name for p in (Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb")
)


@pytest.fixture(scope="module")
def rendered(request: pytest.FixtureRequest, server: str):
    with started(
        request, lambda item: (partial(check_page, **params(item)), (server,)), WORKERS
    ) as jobs:
        yield jobs


# Japanese, the default, is opened on every page by the page audit (test_page_audit.py), which
# then switches to English in the page; here each page is opened straight into English.
@pytest.mark.parametrize("lang", ["en"])
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_page_renders_on_a_phone(rendered: Jobs, request, notebook: str, lang: str) -> None:
    """Does the page render in this language at 375 px, without errors, horizontal scrolling,
    requests to another host or CSP blocks, and take keyboard focus?"""
    rendered.result(request)


def check_page(browser, server: str, notebook: str, lang: str) -> None:
    with page_in(browser) as phone:
        checks_on_a_phone(phone, server, notebook, lang)


def checks_on_a_phone(phone, server: str, notebook: str, lang: str) -> None:
    requests: list[str] = []
    console: list[str] = []
    phone.on("request", lambda r: requests.append(r.url))
    phone.on("websocket", lambda ws: requests.append(ws.url))
    phone.on("console", lambda m: console.append(m.text))
    phone.goto(f"{server}/voila/render/{notebook}?lang={lang}")
    phone.wait_for_selector(".cd-app")
    phone.wait_for_load_state("networkidle")
    text = phone.locator("body").inner_text()
    assert "Traceback" not in text and "Error" not in text.split("\n")[0]
    assert (
        phone.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).count()
        == 0
    )
    active = phone.locator(".cd-lang .mod-active").inner_text()
    assert active == ("English" if lang == "en" else "日本語")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        "page scrolls sideways"
    )
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement && document.activeElement !== document.body")
    own = urlsplit(server).netloc
    assert any(urlsplit(u).scheme == "ws" for u in requests), "no kernel websocket"
    elsewhere = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own
    ]
    assert elsewhere == []
    assert [text for text in console if "Content Security Policy" in text] == []
