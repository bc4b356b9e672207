"""Benchmark: N learners opening a self-paced module page at once, against bare Voila.

Starts bare Voila (`voila` serving a notebook with two widgets) and `chatdojo serve`, both
without preheated kernels, and for each N opens N pages together in headless Chromium
(one browser context each, 375 px): bare Voila's notebook, then ChatDojo's module page,
alternating so both meet the same machine. Reported per N and server: p50 / p95 / max
seconds from navigation until the first widget is visible, and the mean resident memory
of the kernels once every page is up.

Targets (issue 20): ChatDojo's p95 within 1.15× of bare Voila's in the same run, and at
most 60 MiB per kernel.

usage: python bench/page_bench.py [--sizes 10,30,60] [--page chat-etiquette.ipynb]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Serve, free_port, wait_http  # noqa: E402

BARE = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": [
                "import ipywidgets as w\n",
                "from IPython.display import display\n",
                "display(w.VBox([w.Button(description='OK'), w.Text(value='bare')]))\n",
            ],
        }
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def kernels_rss(proc: subprocess.Popen) -> list[float]:
    out = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                out.append(child.memory_info().rss / 2**20)
        except psutil.Error:
            continue
    return out


def open_together(url: str, n: int) -> list[float]:
    """Seconds until each of ``n`` pages opened at once shows its first widget."""
    from playwright.sync_api import sync_playwright

    times: list[float] = [float("nan")] * n
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = []
        for _ in range(n):
            ctx = browser.new_context(viewport={"width": 375, "height": 740})
            pages.append(ctx.new_page())
        start = time.perf_counter()
        for page in pages:
            page.goto(url, wait_until="commit", timeout=300_000)
        for i, page in enumerate(pages):
            page.locator(".jupyter-widgets").first.wait_for(timeout=300_000)
            times[i] = time.perf_counter() - start
        browser.close()
    return times


def settle(proc: subprocess.Popen, seconds: float = 90) -> None:
    """Wait until the server's kernels are gone (pages closed), so runs do not overlap."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and kernels_rss(proc):
        time.sleep(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30,60")
    parser.add_argument("--page", default="chat-etiquette.ipynb")
    args = parser.parse_args()
    # Every simulated learner comes from 127.0.0.1: lift the per-address cap on pages starting
    # at once (a hall's phones have addresses of their own), as bare Voila has none.
    os.environ["CHATDOJO_KERNELS_PER_ADDRESS"] = "10000"
    tmp = Path(tempfile.mkdtemp(prefix="page-bench-"))
    (tmp / "bare").mkdir()
    (tmp / "bare" / "bare.ipynb").write_text(json.dumps(BARE), encoding="utf-8")
    port = free_port()
    bare = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voila",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            str(tmp / "bare"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp,
    )
    bare_url = f"http://127.0.0.1:{port}/voila/render/bare.ipynb"
    ours = Serve(f"sqlite:///{tmp / 'bench.db'}", tmp / "serve.log", pool=0)
    rows = []
    try:
        wait_http(f"http://127.0.0.1:{port}/", bare, 90)
        ours.start(ready="/room")
        assert ours.proc is not None
        for n in (int(s) for s in args.sizes.split(",")):
            for name, url, proc in (
                ("bare Voila", bare_url, bare),
                ("ChatDojo", f"{ours.url}/voila/render/{args.page}", ours.proc),
            ):
                rss: list[float] = []
                sampler_stop = threading.Event()

                def sample(proc=proc, rss=rss, stop=sampler_stop) -> None:
                    while not stop.wait(0.5):
                        now = kernels_rss(proc)
                        if len(now) >= len(rss):
                            rss[:] = now

                sampler = threading.Thread(target=sample, daemon=True)
                sampler.start()
                times = open_together(url, n)
                sampler_stop.set()
                sampler.join()
                rows.append(
                    f"| {n} | {name} | {statistics.median(times):.1f} | {pct(times, 95):.1f} | "
                    f"{max(times):.1f} | {statistics.mean(rss) if rss else float('nan'):.0f} |"
                )
                print(rows[-1], flush=True)
                settle(proc)
    finally:
        ours.stop()
        bare.terminate()
        bare.wait(20)
    print(f"\n{os.cpu_count()} cores; N pages opened together; seconds to the first widget\n")
    print("| N | server | p50 (s) | p95 (s) | max (s) | MiB per kernel |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
