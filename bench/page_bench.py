"""Benchmark: N learners opening a self-paced module page at once, against bare Voila.

For each N, starts bare Voila (`voila` serving a notebook with two widgets, with the
executor timeouts `chatdojo serve` sets) and then `chatdojo serve`, both fresh and without
preheated kernels (the order alternates from one N to the next), and opens N pages together
in headless Chromium (one browser context each, 375 px). Reported per N and server: p50 / p95 / max
seconds from navigation until the first widget is visible, the mean resident memory
of the kernels once every page is up, and the CPU seconds per page spent by the server with
its kernels and by the browser (both share the machine's cores).

Targets (issue 20): ChatDojo's p95 within 1.15× of bare Voila's in the same run, and at
most 60 MiB per kernel.

Single runs on two shared cores vary by as much as the gap being measured (the same N = 30
pair gave 0.99× and 1.59× in one afternoon), so ``--rounds R`` runs each N R times, swapping
which server goes first every time, and reports every pair's ratio and their median.

usage: python bench/page_bench.py [--sizes 10,30,60] [--rounds 1] [--page chat-etiquette.ipynb]
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
from dataclasses import dataclass
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


EXECUTOR = ["--VoilaExecutor.startup_timeout=300", "--VoilaExecutor.iopub_timeout=30"]


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


def tree_cpu(pid: int, skip: set[int] = frozenset()) -> float:  # type: ignore[assignment]
    """CPU seconds (user + system) used so far by a process and its living descendants,
    leaving out the trees rooted at ``skip``."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    skipped: set[int] = set()
    for p in procs:
        if p.pid in skip:
            try:
                skipped |= {p.pid, *(c.pid for c in p.children(recursive=True))}
            except psutil.Error:
                skipped.add(p.pid)
    total = 0.0
    for p in procs:
        if p.pid in skipped:
            continue
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            continue
    return total


TIMEOUT = 300.0  # seconds a page may take before it counts as not up


def open_together(url: str, n: int, server_pid: int | None = None) -> list[float]:
    """Seconds until each of ``n`` pages opened at once shows its first widget."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    times: list[float] = [float("inf")] * n
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
            left = max(1.0, TIMEOUT - (time.perf_counter() - start))
            try:
                page.locator(".jupyter-widgets").first.wait_for(timeout=left * 1000)
            except PlaywrightTimeout:
                continue  # counted as not up (inf), reported in the table
            times[i] = time.perf_counter() - start
        if server_pid is not None:  # the browser's CPU: every descendant but the server's tree
            CLIENT_CPU.append(tree_cpu(os.getpid(), {server_pid}))
        browser.close()
    return times


CLIENT_CPU: list[float] = []


class BareVoila:
    """Bare Voila serving the two-widget notebook, with ``chatdojo serve``'s executor timeouts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/voila/render/bare.ipynb"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        # The timeouts `chatdojo serve` sets (server.py): with Voila's defaults (IOPub 4 s) a
        # loaded machine drops a page's output and the page never shows a widget, which is
        # what stopped bare Voila's N = 30 run before.
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "voila", "--no-browser", f"--port={self.port}",
             "--Voila.ip=127.0.0.1", *EXECUTOR, str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.folder,
        )  # fmt: skip
        wait_http(f"http://127.0.0.1:{self.port}/", self.proc, 90)

    def stop(self) -> None:
        if self.proc is not None:
            stop_tree(self.proc)


def stop_tree(proc: subprocess.Popen) -> None:
    """Stop a server and every kernel it started, so one run's kernels do not weigh on the next."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.Error:
        children = []
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    for child in children:
        try:
            child.kill()
        except psutil.Error:
            continue


@dataclass
class Run:
    n: int
    name: str
    times: list[float]
    rss: list[float]
    server_cpu: float
    client_cpu: float

    @property
    def p95(self) -> float:
        return pct(self.times, 95)

    def row(self, label: str = "") -> str:
        times, n = self.times, self.n
        up = sum(t != float("inf") for t in times)
        rss = statistics.mean(self.rss) if self.rss else float("nan")
        return (
            f"| {label}{n} | {self.name} | {statistics.median(times):.1f} | {self.p95:.1f} | "
            f"{max(times):.1f} | {up}/{n} | {rss:.1f} | "
            f"{self.server_cpu / n:.2f} | {self.client_cpu / n:.2f} |"
        )


def measure(name: str, url: str, proc: subprocess.Popen, n: int) -> Run:
    rss: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.5):
            now = kernels_rss(proc)
            if len(now) >= len(rss):
                rss[:] = now

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    server_before = tree_cpu(proc.pid)
    client_before = tree_cpu(os.getpid(), {proc.pid})  # the bench itself, before a browser
    times = open_together(url, n, proc.pid)
    server_cpu = tree_cpu(proc.pid) - server_before  # the kernels are still alive here
    client_cpu = CLIENT_CPU.pop() - client_before
    stop.set()
    sampler.join()
    return Run(n, name, times, rss, server_cpu, client_cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30,60")
    parser.add_argument("--page", default="chat-etiquette.ipynb")
    parser.add_argument(
        "--rounds", type=int, default=1, help="times each N is run (the order swaps each time)"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=45.0,
        help="seconds of rest before each run: the previous run's browsers and kernels free "
        "several GB, and a run started while the machine reclaims it is slower",
    )
    args = parser.parse_args()
    # Every simulated learner comes from 127.0.0.1: lift the per-address cap on pages starting
    # at once (a hall's phones have addresses of their own), as bare Voila has none.
    os.environ["CHATDOJO_KERNELS_PER_ADDRESS"] = "10000"
    tmp = Path(tempfile.mkdtemp(prefix="page-bench-"))
    (tmp / "bare").mkdir()
    (tmp / "bare" / "bare.ipynb").write_text(json.dumps(BARE), encoding="utf-8")
    rows: list[str] = []
    ratios: dict[int, list[float]] = {}
    # Each run gets freshly started servers (bare Voila keeps a closed page's kernel), and
    # the order alternates from one run to the next so that neither always meets a warmer
    # or busier machine.
    turn = 0
    for n in (int(s) for s in args.sizes.split(",")):
        for round_no in range(1, args.rounds + 1):
            order = ["bare", "ours"] if turn % 2 == 0 else ["ours", "bare"]
            turn += 1
            pair: dict[str, Run] = {}
            for which in order:
                time.sleep(args.pause)
                pair[which] = run_one(which, n, tmp, args.page)
                label = f"{round_no}: " if args.rounds > 1 else ""
                rows.append(pair[which].row(label))
                print(rows[-1], flush=True)
            ratio = pair["ours"].p95 / pair["bare"].p95
            ratios.setdefault(n, []).append(ratio)
            print(f"N = {n}, round {round_no}: p95 ratio {ratio:.2f}x", flush=True)
    print(f"\n{os.cpu_count()} cores; N pages opened together; seconds to the first widget\n")
    first = "round: N" if args.rounds > 1 else "N"
    print(
        f"| {first} | server | p50 (s) | p95 (s) | max (s) | pages up | MiB per kernel "
        "| server CPU-s per page | browser CPU-s per page |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print("\n| N | ChatDojo p95 / bare Voila p95, each round | median |")
    print("| ---: | --- | ---: |")
    for n, values in ratios.items():
        each = ", ".join(f"{v:.2f}×" for v in values)
        print(f"| {n} | {each} | {statistics.median(values):.2f}× |")
    return 0


def run_one(which: str, n: int, tmp: Path, page: str) -> Run:
    """One size on one freshly started server, stopped with its kernels afterwards."""
    if which == "bare":
        bare = BareVoila(tmp / "bare")
        try:
            bare.start()
            assert bare.proc is not None
            return measure("bare Voila", bare.url, bare.proc, n)
        finally:
            bare.stop()
    ours = Serve(f"sqlite:///{tmp / f'bench{n}.db'}", tmp / f"serve{n}.log", pool=0)
    try:
        ours.start(ready="/room")
        assert ours.proc is not None
        return measure("ChatDojo", f"{ours.url}/voila/render/{page}", ours.proc, n)
    finally:
        if ours.proc is not None:
            stop_tree(ours.proc)
        ours.stop()


if __name__ == "__main__":
    sys.exit(main())
