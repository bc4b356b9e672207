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
import re
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Serve  # noqa: E402  (the e2e tests' server)

WALK = [
    "home.ipynb",
    "communication-method.ipynb",
    "chat-etiquette.ipynb",
    "advisor.ipynb",
    "scenarios.ipynb",
    "paper_dashboard.ipynb",
    "progress.ipynb",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--parallel", type=int, default=5)
    parser.add_argument("--wait", type=float, default=120, help="seconds to wait for the count")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cd-close-"))
    server = Serve(f"sqlite:///{folder / 'b.db'}", folder / "serve.log", home=ROOT, pool=1)
    url = server.url
    try:
        server.start(timeout=180)
        before = server.steady_kernels(120)
        peak = before
        started = time.monotonic()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
                peak = max(peak, server.kernels())
                for page in batch:
                    page.close(run_before_unload=True)
                print(f"{opened} pages opened and closed, {server.kernels()} kernels", flush=True)
            walk_seconds = time.monotonic() - started
            closed_at = time.monotonic()
            after = server.kernels()
            while after > before and time.monotonic() - closed_at < args.wait:
                time.sleep(1)
                after = server.kernels()
            back_in = time.monotonic() - closed_at
            context.close()
            browser.close()
        text = server.log.read_text(errors="replace")
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
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
