"""SCORM export and the static page (issue 18): export every module, package sizes, and how
soon the static module page is usable in Chromium with a mid-range phone's CPU (4x throttling).

Prints a Markdown section for bench/RESULTS.md. Run: .venv/bin/python bench/scorm_bench.py
"""

from __future__ import annotations

import functools
import io
import statistics
import sys
import tempfile
import threading
import time
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
RUNS = 5


def export_all() -> tuple[float, dict[str, int], bytes]:
    from chatdojo.content.catalog import load_catalog
    from chatdojo.scorm.package import build_package

    start = time.perf_counter()
    catalog = load_catalog()
    sizes: dict[str, int] = {}
    largest = b""
    for module in sorted(catalog.guides):
        data = build_package(catalog, module, mastery=80)
        sizes[module] = len(data)
        largest = max(largest, data, key=len)
    return time.perf_counter() - start, sizes, largest


def usable_ms(package: bytes, throttle: float) -> list[tuple[float, float]]:
    """Per run: ms from navigation start until the page is ready (guide shown, script done,
    the page's own performance mark), and ms from a tap on the quiz tab to its first
    question drawn (measured in the page from the click event's time stamp)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            zf.extractall(folder)

        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        out = []
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            for _ in range(RUNS):
                context = browser.new_context(viewport={"width": 375, "height": 800})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                page.goto(url)
                page.wait_for_selector("#cd-app[data-ready='1']")
                page.click(".cd-tab >> nth=1")
                page.wait_for_selector(".cd-check")
                ready, tab = page.evaluate(
                    "[performance.getEntriesByName('cd-ready')[0].startTime,"
                    " performance.getEntriesByName('cd-tab-quiz')[0].duration]"
                )
                out.append((ready, tab))
                context.close()
            browser.close()
        server.shutdown()
    return out


def main() -> int:
    seconds, sizes, largest = export_all()
    plain = usable_ms(largest, 1)
    slow = usable_ms(largest, 4)
    worst = max(sizes.values())
    print("## SCORM export and the static module page (issue 18)\n")
    print(
        f"Measured {time.strftime('%Y-%m-%d')} with `bench/scorm_bench.py` on 2 shared cores, "
        f"Python {sys.version.split()[0]}, Debian Chromium headless at 375x800.\n"
    )
    print("| what | measured | target |\n| --- | ---: | ---: |")
    print(
        f"| export all {len(sizes)} modules as SCORM (catalogue load included) | {seconds:.2f} s | ≤ 10 s |"
    )
    print(
        f"| largest package ({max(sizes, key=lambda k: sizes[k])}) | {worst / 1024:.0f} KiB | ≤ 2 MiB |"
    )
    for label, runs in (("no throttling", plain), ("4× CPU throttling", slow)):
        ready = [r for r, _ in runs]
        tab = [t for _, t in runs]
        print(
            f"| static page ready after navigation start, {label}, median (max) of {RUNS} "
            f"| {statistics.median(ready):.0f} ms ({max(ready):.0f}) | ≤ 1,000 ms |"
        )
        print(
            f"| tap on the quiz tab to the first question drawn, {label}, median (max) "
            f"| {statistics.median(tab):.0f} ms ({max(tab):.0f}) | - |"
        )
    print()
    print(
        "Package sizes: " + ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in sorted(sizes.items()))
    )
    ok = (
        seconds <= 10
        and worst <= 2 * 1024 * 1024
        and statistics.median([r for r, _ in slow]) <= 1000
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
