"""Kernel-side logs reach the server's stderr, not the page (issue 9, item 5).

A page receives exactly what the kernel publishes on iopub (Voila relays it over the
websocket), so these tests run a real ipykernel and read its iopub messages.
"""

from __future__ import annotations

import os
import queue
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

SECRET = "SECRET-db-path-/srv/chatdojo/results.db"
LOG_AN_EXCEPTION = f"""
import logging
try:
    1 / 0
except ZeroDivisionError:
    logging.getLogger("chatdojo").exception("store failed: {SECRET}")
import warnings
warnings.warn("{SECRET}-warning")
"""


def run_in_kernel(code: str, stderr_file: Path) -> str:
    """Everything the kernel publishes on iopub while running ``code``, as text."""
    # As under `chatdojo serve`: ipykernel captures fd 2 too unless it sees pytest.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    with stderr_file.open("w") as err:
        km, kc = start_new_kernel(kernel_name="python3", stderr=err, env=env)
    try:
        msg_id = kc.execute(code)
        published = []
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=60)
            except queue.Empty:
                pytest.fail("kernel did not finish")
            if msg["msg_type"] != "execute_input":  # the code echo, which Voila drops
                published.append(str(msg["content"]))
            if (
                msg["parent_header"].get("msg_id") == msg_id
                and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"
            ):
                break
        reply = kc.get_shell_msg(timeout=60)
        assert reply["content"]["status"] == "ok", reply["content"]
        return "\n".join(published)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_without_routing_a_kernel_log_reaches_the_page(tmp_path: Path) -> None:
    """Control: is the leak real (the check below would catch it)?"""
    published = run_in_kernel(LOG_AN_EXCEPTION, tmp_path / "stderr.txt")
    assert SECRET in published


def test_routed_kernel_logs_go_to_the_server_log_only(tmp_path: Path) -> None:
    """Does a log.exception (traceback, paths) stay off the page and reach the server log?"""
    code = (
        "from chatdojo.kernel_logging import route_kernel_logs\n"
        "assert route_kernel_logs() and route_kernel_logs()\n" + LOG_AN_EXCEPTION
    )
    stderr_file = tmp_path / "stderr.txt"
    published = run_in_kernel(code, stderr_file)
    assert SECRET not in published
    assert "ZeroDivisionError" not in published
    server_log = stderr_file.read_text(encoding="utf-8")
    assert f"store failed: {SECRET}" in server_log
    assert "ZeroDivisionError" in server_log
    assert f"{SECRET}-warning" in server_log
    assert server_log.count(f"store failed: {SECRET}") == 1  # one handler, even if called twice


def test_route_kernel_logs_is_a_no_op_outside_a_kernel() -> None:
    """Outside a kernel stderr already is the terminal: nothing to change."""
    from chatdojo.kernel_logging import route_kernel_logs

    assert route_kernel_logs() is False
