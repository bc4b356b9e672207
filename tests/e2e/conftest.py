"""A real `chatdojo serve` and Debian's headless Chromium, shared by the end-to-end tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chatdojo serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer in {timeout}s")


class Serve:
    """One ``chatdojo serve`` on a free port, its output appended to ``log``.

    Used by the session's server, the tests that need a server of their own (its
    process, a broken content tree, a kill -9) and ``bench/kernel_close_bench.py``.
    """

    def __init__(self, db: str, log: Path, *, home: Path = REPO, pool: int = 1) -> None:
        self.port, self.db, self.log, self.home, self.pool = free_port(), db, log, home, pool
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready: str = "/voila/render/home.ipynb", timeout: float = 90) -> Serve:
        """Start (again, on the same port) and wait until ``ready`` answers."""
        self.launch()
        return self.wait_ready(ready, timeout)

    def launch(self, args: list[str] | None = None, env: dict[str, str] | None = None) -> Serve:
        """Start the process (with extra ``serve`` arguments and environment) without waiting."""
        environ = {**os.environ, "CHATDOJO_HOME": str(self.home), "CHATDOJO_DB": self.db}
        environ.update(env or {})
        argv = [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(self.port)]
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                [*argv, "--pool", str(self.pool), *(args or [])],
                cwd=self.home,
                env=environ,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        return self

    def wait_ready(self, ready: str = "/voila/render/home.ipynb", timeout: float = 90) -> Serve:
        assert self.proc is not None
        wait_http(self.url + ready, self.proc, timeout)
        return self

    def kill(self) -> None:
        """kill -9: no goodbye to anyone."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self, timeout: float = 20) -> None:
        """Terminate; a server that does not end in time is killed with its kernels."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            for child in self._children():
                child.kill()
            self.proc.kill()
            self.proc.wait(10)

    def _children(self) -> list[psutil.Process]:
        assert self.proc is not None
        try:
            return psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def kernels(self) -> int:
        """Kernel processes the server has running now."""
        count = 0
        for child in self._children():
            try:
                count += any("ipykernel" in part for part in child.cmdline())
            except psutil.Error:
                continue
        return count

    def steady_kernels(self, seconds: float = 90, still: float = 5) -> int:
        """The kernel count once it has not changed for ``still`` s (a pool may be refilling)."""
        deadline = time.monotonic() + seconds
        last, since = self.kernels(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.kernels()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= still:
                break
        return last

    def rss(self) -> int:
        assert self.proc is not None
        return psutil.Process(self.proc.pid).memory_info().rss


@pytest.fixture(scope="session")
def server_db(tmp_path_factory) -> str:
    """The results database the test server uses (tests may create sessions in it)."""
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'e2e.db'}"


@pytest.fixture(scope="session")
def server(tmp_path_factory, server_db: str) -> Iterator[str]:
    """The server most browser tests share, preheating two home kernels as ``chatdojo serve``
    does by default (the audit opens home in both languages at once).

    Ready when it answers ``/room`` (no kernel): asking for the home page would take a
    preheated kernel and leave the first tests waiting for the pool to refill.
    """
    serve = Serve(server_db, tmp_path_factory.mktemp("serve") / "serve.log", pool=2)
    try:
        yield serve.start(ready="/room").url
    finally:
        serve.stop()


@contextlib.contextmanager
def page_in(browser, width: int = 375, height: int = 740) -> Iterator[Any]:
    """A page of its own context (own cookies) with this viewport, closed afterwards."""
    # ja-JP like the people it is for: pages follow Accept-Language until a language is chosen
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1, locale="ja-JP"
    )
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
    finally:
        context.close()


@pytest.fixture
def phone(browser):
    """A page in a 375-px-wide phone viewport."""
    with page_in(browser) as page:
        yield page


QUESTION = ".cd-choices input, .cd-match-row select, .cd-order-row, .cd-quiz .widget-text input"


def answer_question(page) -> None:
    """Give some answer to whatever quiz question shows (the first option, a 1, the order
    shown), then press Check."""
    page.wait_for_selector(QUESTION)
    if page.locator(".cd-choices input[type=radio]").count():
        page.locator(".cd-choices input[type=radio]").first.check()
    elif page.locator(".cd-choices input[type=checkbox]").count():
        page.locator(".cd-choices input[type=checkbox]").first.check()
    elif page.locator(".cd-match-row select").count():
        for select in page.locator(".cd-match-row select").all():
            select.select_option(index=1)
    elif page.locator(".cd-quiz .widget-text input").count():
        page.locator(".cd-quiz .widget-text input").fill("1")
    page.locator(".cd-check").click()
