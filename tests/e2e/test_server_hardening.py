"""Issue 9 against a real `chatdojo serve`: malformed websocket frames, headers, kernel close.

These tests start their own server (they need its process id to read its memory and
count its kernels).
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from .conftest import Serve

pytestmark = pytest.mark.e2e

V1 = "v1.kernel.websocket.jupyter.org"
HOME = "/voila/render/home.ipynb"
# The frame from the issue: an offset count of 2**62 in a 16-byte frame.
V1_BOMB = (2**62).to_bytes(8, "little") + b"\0" * 8
# Legacy framing: a big-endian 32-bit buffer count near 2**31 in a 16-byte frame.
LEGACY_BOMB = (2**31 - 1).to_bytes(4, "big") + b"\0" * 12


@pytest.fixture(scope="module")
def own_server(tmp_path_factory) -> Iterator[Serve]:
    folder = tmp_path_factory.mktemp("hardening")
    server = Serve(f"sqlite:///{folder / 'e2e.db'}", folder / "serve.log")
    try:
        yield server.start("/room", timeout=180)  # ready without using the preheated kernel
    finally:
        server.stop(timeout=10)  # an unguarded server stuck in the frame loop ignores SIGTERM


def get(url: str, timeout: float = 120) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")


def kernel_id(html: str) -> str:
    match = re.search(r'"kernelId": "([0-9a-f-]{36})"', html)
    assert match, "no kernel id in the page"
    return match.group(1)


def answered_within(url: str, seconds: float) -> float:
    start = time.monotonic()
    status, _, _ = get(url, timeout=seconds)
    elapsed = time.monotonic() - start
    assert status == 200
    return elapsed


def wait_for_kernels(server: Serve, target: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while (alive := server.kernels()) > target and time.monotonic() < deadline:
        time.sleep(0.5)
    return alive


def test_closing_pages_ends_their_kernels(own_server: Serve, browser) -> None:
    """After pages are opened and closed, are the kernels alive back to the earlier count within 60 s?"""
    before = own_server.steady_kernels()
    context = browser.new_context()
    try:
        # home takes the preheated kernel (the pool refills), the others start their own
        paths = [HOME, "/voila/render/advisor.ipynb", "/voila/render/progress.ipynb"]
        pages = [context.new_page() for _ in paths]
        for page, path in zip(pages, paths, strict=True):  # opened together
            page.set_default_timeout(120_000)
            page.goto(own_server.url + path, wait_until="commit")
        for page in pages:
            page.wait_for_selector(".cd-app")
        for page in pages:
            page.close(run_before_unload=True)  # the browser's unload beacon ends the kernel
    finally:
        context.close()
    # The pool refills to its size; every page's own kernel must be gone.
    assert wait_for_kernels(own_server, before, 60) <= before


def test_malformed_frames_do_not_freeze_the_server(own_server: Serve) -> None:
    """After the 16-byte v1 frame and a legacy-framed one, does the server answer within 1 s, without growing?"""
    _, _, html = get(own_server.url + HOME)
    channels = (
        own_server.url.replace("http://", "ws://") + f"/api/kernels/{kernel_id(html)}/channels"
    )
    rss_before = own_server.rss()

    with connect(channels, subprotocols=[V1], open_timeout=30) as ws:
        ws.send(V1_BOMB)
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
            ws.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1002

    try:  # a client offering no subprotocol would get legacy framing: refused
        with connect(channels, open_timeout=30) as ws:
            ws.send(LEGACY_BOMB)
            ws.recv(timeout=5)
    except InvalidStatus as exc:
        assert exc.response.status_code == 400
    except (ConnectionClosed, TimeoutError):
        pass

    time.sleep(2)  # an unguarded server would now be looping (and allocating) on the event loop
    static = own_server.url + "/voila/templates/chatdojo/static/chatdojo-page-meta.js"
    # A frozen event loop answers nothing: a static file and the start page's redirect
    # (no kernel involved) must come back within 1 s.
    assert answered_within(static, 1.0) < 1.0
    start = time.monotonic()
    connection = http.client.HTTPConnection(own_server.url[7:], timeout=1.0)
    connection.request("GET", "/")
    assert connection.getresponse().status == 302
    assert time.monotonic() - start < 1.0
    connection.close()
    growth = own_server.rss() - rss_before
    assert growth < 50 * 2**20, f"server grew by {growth / 2**20:.0f} MiB"
    status, _, page = get(own_server.url + HOME)  # and a full page still renders
    assert status == 200 and "kernelId" in page


@pytest.mark.parametrize(
    "path, expected",
    [
        (HOME, 200),
        ("/voila/static/voila.js", 200),
        ("/voila/templates/chatdojo/static/chatdojo-page-meta.js", 200),
        ("/voila/render/no-such-page.ipynb", 404),
        ("/no/such/path", 404),
        ("/voila/files/home.ipynb", 403),
        ("/api/kernels/00000000-0000-0000-0000-000000000000", 404),
    ],
)
def test_security_headers_on_every_kind_of_response(
    own_server: Serve, path: str, expected: int
) -> None:
    """Do pages, static files and error responses all carry the CSP and the other headers?"""
    status, headers, _ = get(own_server.url + path)
    assert status == expected
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    for directive in csp.split(";"):
        # nothing but our own origin (and inline data the page itself makes)
        sources = directive.split()[1:]
        assert all(
            s in ("'self'", "'none'", "'unsafe-inline'", "data:", "blob:")
            or s in (f"ws://{own_server.url[7:]}", f"wss://{own_server.url[7:]}")
            for s in sources
        ), directive


@pytest.mark.parametrize("path", ["/", "/room", "/no/such/path", "/api/kernels"])
def test_no_inline_code_allowed_outside_voila_pages(own_server: Serve, path: str) -> None:
    """Do the live room, redirects and the API get the policy without 'unsafe-inline'?"""
    connection = http.client.HTTPConnection(own_server.url[7:], timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    csp = response.getheader("Content-Security-Policy") or ""
    connection.close()
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.getheader("Referrer-Policy") == "no-referrer"


def test_page_html_names_no_other_host_and_is_not_titled_by_file_name(own_server: Serve) -> None:
    """Does the page load nothing from another host, start in Japanese and not show 'home' as its title?"""
    _, _, html = get(own_server.url + HOME)
    assert '<html lang="ja">' in html
    assert "<title>ChatDojo</title>" in html and "<title>home</title>" not in html
    loaded = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    assert loaded
    assert [u for u in loaded if re.match(r"(?i)(https?:)?//", u)] == []
    assert "fontawesome" not in html.lower() and "font-awesome" not in html.lower()


def test_page_meta_sets_lang_and_title(own_server: Serve, phone) -> None:
    """When a page view renders .cd-page-meta (and re-renders it), do <html lang> and the title follow?"""
    phone.goto(own_server.url + HOME)
    phone.wait_for_selector(".cd-app")
    phone.evaluate(
        """() => {
        const old = document.querySelector('.cd-page-meta');
        if (old) old.remove();
        const span = document.createElement('span');
        span.className = 'cd-page-meta';
        span.hidden = true;
        span.dataset.lang = 'en';
        span.dataset.title = 'Choosing a channel | ChatDojo';
        document.querySelector('.cd-app').appendChild(span);
    }"""
    )
    phone.wait_for_function("document.title === 'Choosing a channel | ChatDojo'")
    assert phone.evaluate("document.documentElement.lang") == "en"
    phone.evaluate(
        """() => { const s = document.querySelector('.cd-page-meta');
                   s.dataset.lang = 'ja'; s.dataset.title = '連絡手段の選び方 | ChatDojo'; }"""
    )
    phone.wait_for_function("document.documentElement.lang === 'ja'")
    assert phone.title() == "連絡手段の選び方 | ChatDojo"
