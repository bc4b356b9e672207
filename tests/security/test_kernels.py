"""Issue 22, items 8 and 9: kernels of pages that never connect, and errors from a kernel."""

from __future__ import annotations

import asyncio
import os
import queue
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

from chatdojo.kernel_logging import PLAIN_ERROR
from chatdojo.webguard.kernels import KernelWatch


class FakeKernels:
    """The part of Voila's kernel manager the watch uses."""

    def __init__(self) -> None:
        self.running: list[str] = []
        self.shut: list[str] = []

    async def start_kernel(self, **_kw: object) -> str:
        kernel_id = f"k{len(self.running) + len(self.shut)}"
        self.running.append(kernel_id)
        return kernel_id

    def list_kernel_ids(self) -> list[str]:
        return list(self.running)

    async def shutdown_kernel(self, kernel_id: str) -> None:
        self.running.remove(kernel_id)
        self.shut.append(kernel_id)


def test_kernels_whose_page_never_connects_are_culled_and_capped_per_address():
    """Is a page's kernel shut down when its websocket never opens, a connected or pooled one
    kept, and does an address with too many kernels starting get refused?"""

    async def run() -> None:
        manager = FakeKernels()
        watch = KernelWatch(cap=2, grace=0.05)
        watch.watch(manager)
        pooled = await manager.start_kernel()  # the preheated pool: outside any page

        async def page(address: str) -> str:
            token = watch.page_started(address)
            try:
                return await manager.start_kernel()
            finally:
                watch.page_sent(token)

        guessed, opened = await page("192.0.2.5"), await page("192.0.2.5")
        assert watch.full("192.0.2.5") and not watch.full("192.0.2.6")
        watch.opened(opened)  # this page's browser connected
        assert not watch.full("192.0.2.5")
        assert await watch.cull(manager) == 0  # within the grace period
        await asyncio.sleep(0.06)
        assert await watch.cull(manager) == 1
        assert manager.shut == [guessed] and set(manager.running) == {pooled, opened}

    asyncio.run(run())


def test_a_forged_widget_value_sends_no_traceback_to_the_page(tmp_path: Path):
    """Does {"index": 99} on a Dropdown publish a plain message, with the traceback only in
    the server's log (was: the full traceback with install paths)?"""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:
        km, kc = start_new_kernel(kernel_name="python3", stderr=err, env=env)
    try:
        kc.execute_interactive(
            "from chatdojo.kernel_logging import route_kernel_logs; route_kernel_logs()\n"
            "import ipywidgets as w; d = w.Dropdown(options=['a', 'b'])",
            timeout=60,
        )
        reply = kc.execute_interactive("d.model_id", timeout=30, output_hook=lambda m: None)
        assert reply["content"]["status"] == "ok"
        kc.execute("print(d.model_id)")
        comm_id = ""
        while not comm_id:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "stream":
                comm_id = msg["content"]["text"].strip()
        forged = {"method": "update", "state": {"index": 99}, "buffer_paths": []}
        kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": comm_id, "data": forged}))
        published = []
        while True:
            try:
                published.append(kc.get_iopub_msg(timeout=3))
            except queue.Empty:
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    errors = [m["content"] for m in published if m["msg_type"] == "error"]
    assert errors, "the forged value raised nothing: the check below would prove nothing"
    text = str([m["content"] for m in published])
    assert "site-packages" not in text and "TraitError" not in text
    assert errors[0]["traceback"] == [PLAIN_ERROR]
    assert "TraitError" in log.read_text(encoding="utf-8")  # the operator still sees it


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
