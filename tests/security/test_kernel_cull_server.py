"""Issue 22, item 8 against a real ``chatdojo serve``: a page fetched without its websocket.

The server of this module runs with a 5 s grace and one kernel starting per address, so
the whole check takes seconds, not the minute the defaults give.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import psutil
import pytest
from e2e.conftest import Serve

pytestmark = pytest.mark.e2e
PAGE = "/voila/render/home.ipynb"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Serve]:
    folder = tmp_path_factory.mktemp("cull")
    patch = pytest.MonkeyPatch()
    patch.setenv("CHATDOJO_KERNEL_GRACE", "5")
    patch.setenv("CHATDOJO_KERNELS_PER_ADDRESS", "1")
    serve = Serve(f"sqlite:///{folder / 'cull.db'}", folder / "serve.log", pool=0)
    try:
        yield serve.start("/room", timeout=180)
    finally:
        serve.stop(timeout=10)
        patch.undo()


def kernels(serve: Serve) -> int:
    assert serve.proc is not None
    children = psutil.Process(serve.proc.pid).children(recursive=True)
    return sum(1 for c in children if "ipykernel" in " ".join(c.cmdline()))


def test_a_page_without_its_websocket_loses_its_kernel_and_caps_its_address(server):
    """Is a second page from the same address refused while the first page's kernel waits for
    its websocket, and is that kernel shut down once the grace period is over?"""
    before = kernels(server)
    first = httpx.get(server.url + PAGE, timeout=120)
    assert first.status_code == 200 and kernels(server) == before + 1
    second = httpx.get(server.url + PAGE, timeout=30)
    assert second.status_code == 429 and "Please wait" in second.text
    assert "少しお待ちください" in second.text and second.headers["retry-after"]
    deadline = time.monotonic() + 20  # grace 5 s + one check every 5 s + shutdown
    while kernels(server) > before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert kernels(server) == before
