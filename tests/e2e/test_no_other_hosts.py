"""Nothing is fetched from another host, and the CSP blocks nothing a page needs (issue 9, item 8)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

NOTEBOOKS = sorted(
    p.name for p in (Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb")
)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_page_loads_only_from_its_own_server(server: str, browser, notebook: str) -> None:
    """Does the page request another host, or trip the Content-Security-Policy?"""
    own = urlsplit(server).netloc
    context = browser.new_context(viewport={"width": 375, "height": 740})
    requests: list[str] = []
    console: list[str] = []
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.on("request", lambda r: requests.append(r.url))
        page.on("websocket", lambda ws: requests.append(ws.url))
        page.on("console", lambda m: console.append(m.text))
        page.goto(f"{server}/voila/render/{notebook}")
        page.wait_for_selector(".cd-app")
        page.wait_for_load_state("networkidle")
        page.close(run_before_unload=True)  # ends the kernel
    finally:
        context.close()
    assert any(urlsplit(u).scheme == "ws" for u in requests), "no kernel websocket"
    elsewhere = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != own
    ]
    assert elsewhere == []
    assert [text for text in console if "Content Security Policy" in text] == []
