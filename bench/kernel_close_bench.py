"""Benchmark: do closed pages give their kernels back? (issue 9, item 7)

Starts `chatdojo serve --pool 1` on a throwaway SQLite database, then headless Chromium
opens N pages (a walk through the app: home, guides, quizzes, advisor, paper, progress),
--parallel tabs at a time; each tab waits until its page is usable and is then closed as
a person closes a tab (unload runs, Voila's page sends its shutdown request). Reported:
kernels before, at the peak and after; seconds from the last close until the kernels
alive are back to the count before (the preheated pool); kernels shut down and shutdown
requests refused with 403 (from the server log).

usage: python bench/kernel_close_bench.py [--pages 50] [--parallel 5] [--wait 120]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WALK = [
    "home.ipynb",
    "communication-method.ipynb",
    "chat-etiquette.ipynb",
    "advisor.ipynb",
    "scenarios.ipynb",
    "paper_dashboard.ipynb",
    "progress.ipynb",
]
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


def kernels(pid: int) -> int:
    count = 0
    for child in psutil.Process(pid).children(recursive=True):
        try:
            count += any("ipykernel" in part for part in child.cmdline())
        except psutil.Error:
            continue
    return count


def steady(pid: int, seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    last, since = kernels(pid), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(1)
        now = kernels(pid)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= 5:
            break
    return last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--parallel", type=int, default=5)
    parser.add_argument("--wait", type=float, default=120, help="seconds to wait for the count")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cd-close-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = folder / "serve.log"
    env = {**os.environ, "CHATDOJO_HOME": str(ROOT), "CHATDOJO_DB": f"sqlite:///{folder / 'b.db'}"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(port), "--pool", "1"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(url + "/voila/render/home.ipynb", timeout=120).read()
                break
            except OSError:
                time.sleep(1)
        before = steady(proc.pid)
        peak = before
        started = time.monotonic()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 375, "height": 740})
            opened = 0
            while opened < args.pages:
                batch = []
                for _ in range(min(args.parallel, args.pages - opened)):
                    page = context.new_page()
                    page.set_default_timeout(300_000)
                    page.goto(f"{url}/voila/render/{WALK[opened % len(WALK)]}", wait_until="commit")
                    batch.append(page)
                    opened += 1
                for page in batch:
                    page.wait_for_selector(".cd-app")
                peak = max(peak, kernels(proc.pid))
                for page in batch:
                    page.close(run_before_unload=True)
                print(f"{opened} pages opened and closed, {kernels(proc.pid)} kernels", flush=True)
            walk_seconds = time.monotonic() - started
            closed_at = time.monotonic()
            after = kernels(proc.pid)
            while after > before and time.monotonic() - closed_at < args.wait:
                time.sleep(1)
                after = kernels(proc.pid)
            back_in = time.monotonic() - closed_at
            context.close()
            browser.close()
        text = log.read_text(errors="replace")
        ok = len(re.findall(r"Kernel shutdown: ", text))
        refused = len(re.findall(r"403 POST /voila/api/shutdown/", text))
        print(
            f"pages {args.pages} (parallel {args.parallel}) in {walk_seconds:.0f} s; kernels before "
            f"{before}, peak {peak}, after {after}; back to {before} in "
            f"{back_in:.1f} s{'' if after <= before else ' (NOT reached)'}; "
            f"kernels shut down {ok}, shutdown requests refused (403) {refused}"
        )
        return 0 if after <= before else 1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
