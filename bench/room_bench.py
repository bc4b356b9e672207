"""Benchmark: a room of phones opening the live-session page at once.

Starts `chatdojo serve` (pool 2, as `make serve`). Server side: N clients request the
live page together (plain HTTP, so the client costs nothing); Voila starts or takes a
kernel, runs the notebook and sends the page: the time until every response has
arrived, and the memory of the kernels that serve them, size a training room. Client
side: one headless Chromium tab (375 px) measures time until the join form is usable.

usage: python bench/room_bench.py [--sizes 1,10,30] [--write]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
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


def kernel_rss_mib() -> tuple[int, float]:
    """Number of ipykernel processes and their total resident memory (MiB)."""
    count, total = 0, 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"ipykernel_launcher" not in cmd:
                continue
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
                    count += 1
        except OSError:
            continue
    return count, total


def open_room(url: str, n: int) -> list[float]:
    """n clients request the page at once; seconds until each full response arrived."""
    from concurrent.futures import ThreadPoolExecutor

    start = time.perf_counter()

    def fetch(_: int) -> float:
        with urllib.request.urlopen(url, timeout=600) as response:
            body = response.read()
        if b"jupyter-widgets" not in body and b"application/vnd.jupyter.widget-view" not in body:
            raise RuntimeError("the page came back without its widgets")
        return time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=n) as pool:
        return sorted(pool.map(fetch, range(n)))


def one_phone(url: str) -> float:
    """Seconds until a real browser tab shows a usable join form."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 740})
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(".cd-form input", timeout=120_000)
        elapsed = time.perf_counter() - start
        browser.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,20")
    parser.add_argument("--write", action="store_true", help="record results in bench/RESULTS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    port = free_port()
    db = Path(tempfile.mkdtemp()) / "room.db"
    env = {**os.environ, "CHATDOJO_HOME": str(ROOT), "CHATDOJO_DB": f"sqlite:///{db}"}
    cmd = [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(port), "--pool", "2"]
    server = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    rows: list[tuple[int, float, float, int, float]] = []
    tab = 0.0
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/voila/render/live.ipynb", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(8)  # let the preheated pools fill
        tab = one_phone(base + "/voila/render/live.ipynb?lang=ja")
        print(f"one browser tab: join form usable after {tab:.1f} s", flush=True)
        for n in sizes:
            time.sleep(5)  # let the pool refill
            times = open_room(base + "/voila/render/live.ipynb?lang=ja", n)
            kernels, rss = kernel_rss_mib()
            rows.append((n, statistics.median(times), max(times), kernels, rss))
            print(
                f"{n:3d} phones: median {statistics.median(times):5.1f} s, "
                f"all in {max(times):5.1f} s; {kernels} kernels alive, {rss:,.0f} MiB",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.write:
        write(rows, tab)
    return 0


def write(rows: list[tuple[int, float, float, int, float]], tab: float) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    head = "## Room of phones (live page)"
    before = text.split(head)[0].rstrip() + "\n\n"
    after = ""
    if head in text:
        rest = text.split(head, 1)[1]
        nxt = rest.find("\n## ")
        after = rest[nxt:] if nxt >= 0 else ""
    lines = [
        head,
        "",
        f"Measured {date.today()} with `bench/room_bench.py` on {os.cpu_count()} cores: `chatdojo serve --pool 2`;"
        " N clients request the live page at once; time until each page (kernel started or taken from the"
        " pool, notebook run, page sent) has arrived; memory of all kernels alive afterwards (kernels of"
        f" earlier rows included). One real Chromium tab had a usable join form after {tab:.1f} s.",
        "",
        "| phones | median (s) | all ready (s) | kernels | kernels' memory (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *[f"| {n} | {med:.1f} | {mx:.1f} | {k} | {rss:,.0f} |" for n, med, mx, k, rss in rows],
        "",
        "Each open tab holds one Python kernel (~65 MiB); the pool hides the first two start-ups."
        " Kernels start one after another on 2 cores, so a room's last phone waits about"
        " (room size) × (one start-up) / cores.",
    ]
    path.write_text(before + "\n".join(lines) + "\n" + after, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
