"""Browser work run a few pages at a time, each worker thread driving its own Chromium.

Playwright's sync API is not thread-safe: one Playwright instance and one browser per
thread is the documented way to drive pages in parallel. On a 2-core machine the
server's kernels are the bottleneck, so a few workers are enough.

A test module using it starts the jobs of all its selected tests in a module fixture
(``started``, in the tests' own order); each test then waits for its own job, so a
failure is still reported by the test it belongs to, with the job's own traceback.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS

Job = tuple[Future, Callable[..., Any], tuple[Any, ...]]
WAIT = 280  # seconds a test waits for its job (pytest's own timeout is 300)


class BrowserPool:
    """``submit(fn, *args)`` runs ``fn(browser, *args)`` on the next free worker."""

    def __init__(self, workers: int) -> None:
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._futures: list[Future] = []
        self._threads = [
            threading.Thread(target=self._work, name=f"browser-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        future: Future = Future()
        self._futures.append(future)
        self._jobs.put((future, fn, args))
        return future

    def _work(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    self._serve(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # no browser in this worker: its jobs fail with the reason
            self._serve(None, exc)

    def _serve(self, browser: Any, broken: BaseException | None = None) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                if broken is not None:
                    raise RuntimeError("this browser worker has no browser") from broken
                future.set_result(fn(browser, *args))
            except BaseException as exc:
                future.set_exception(exc)

    def close(self, timeout: float = 60) -> None:
        """Cancel the jobs not started, let running ones end, stop the workers."""
        for future in self._futures:
            future.cancel()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout)


JobOf = Callable[[pytest.Item], "tuple[Callable[..., Any], tuple[Any, ...]] | None"]


@contextlib.contextmanager
def started(request: pytest.FixtureRequest, job_of: JobOf, workers: int) -> Iterator[Jobs]:
    """The jobs of this module's selected tests (``job_of(item)``), all submitted at once."""
    items = [i for i in request.session.items if getattr(i, "module", None) is request.module]
    wanted = [(item.name, job) for item in items if (job := job_of(item)) is not None]
    pool = BrowserPool(max(1, min(workers, len(wanted))))
    try:
        yield Jobs({name: pool.submit(fn, *args) for name, (fn, args) in wanted})
    finally:
        pool.close()


class Jobs(dict[str, Future]):
    def result(self, request: pytest.FixtureRequest) -> Any:
        """What the calling test's job returned (its exception, raised here)."""
        return self[request.node.name].result(timeout=WAIT)


def params(item: pytest.Item) -> dict[str, Any]:
    callspec = getattr(item, "callspec", None)
    return dict(callspec.params) if callspec else {}
