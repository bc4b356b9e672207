"""Benchmark: a room of phones opening the live-session page at once.

Starts `chatdojo serve` (pool 2, as `make serve`), then N headless Chromium pages open
the live page together; measures the time until every page shows its join form, and
the memory of the kernels that serve them. A Voila page runs one Python kernel per
open browser tab, so this is what sizes a training room on a given machine.

usage: python bench/room_bench.py [--sizes 1,10,20] [--write]
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


def open_room(browser, url: str, n: int) -> list[float]:
    """Open n pages at once; seconds until each shows the join form."""
    contexts = [browser.new_context(viewport={"width": 375, "height": 740}) for _ in range(n)]
    pages = [c.new_page() for c in contexts]
    start = time.perf_counter()
    for page in pages:
        page.goto(url, wait_until="commit")
    done: list[float] = []
    for page in pages:
        page.wait_for_selector(".cd-form input", timeout=300_000)
        done.append(time.perf_counter() - start)
    for c in contexts:
        c.close()
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,20")
    parser.add_argument("--write", action="store_true", help="record results in bench/RESULTS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    port = free_port()
    db = Path(tempfile.mkdtemp()) / "room.db"
    env = {**os.environ, "CHATDOJO_HOME": str(ROOT), "CHATDOJO_DB": f"sqlite:///{db}"}
    cmd = [sys.executable, "-m", "chatdojo.cli", "serve", "--port", str(port), "--pool", "2"]
    server = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    rows = []
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/voila/render/live.ipynb", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(5)  # let the preheated pool fill
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for n in sizes:
                times = open_room(browser, base + "/voila/render/live.ipynb?lang=ja", n)
                kernels, rss = kernel_rss_mib()
                rows.append((n, statistics.median(times), max(times), kernels, rss))
                print(
                    f"{n:3d} phones: median {statistics.median(times):5.1f} s, all in {max(times):5.1f} s; "
                    f"{kernels} kernels, {rss:,.0f} MiB",
                    flush=True,
                )
                time.sleep(10)  # closed tabs shut their kernels down
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.write:
        write(rows)
    return 0


def write(rows: list[tuple[int, float, float, int, float]]) -> None:
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
        f"Measured {date.today()} with `bench/room_bench.py` on {os.cpu_count()} cores: `chatdojo serve --pool 2`,"
        " N headless Chromium tabs (375 px) open the live page at once; time until each shows its join form;"
        " memory of all kernels alive at the end.",
        "",
        "| phones | median (s) | all ready (s) | kernels | kernels' memory (MiB) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *[f"| {n} | {med:.1f} | {mx:.1f} | {k} | {rss:,.0f} |" for n, med, mx, k, rss in rows],
        "",
        "Each open tab holds one Python kernel; the pool only hides the first two start-ups.",
    ]
    path.write_text(before + "\n".join(lines) + "\n" + after, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
