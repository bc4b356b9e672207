"""Benchmark: how long a trainer's action on one process takes to reach a phone on another.

Two `chatdojo serve` processes on one PostgreSQL (run under scripts/with-postgres.sh, as
`make test` and `make cluster` do). The trainer's console talks to process A, one phone's
event stream to process B, and another phone's to A. For each of the session's questions
the trainer presses "next"; reported is the time from the response to that request until
each phone's stream carries the new question: B's delay is the cross-process signalling
(B polls the room's version every 0.25 s), A's is the same-process path (A wakes its
streams itself).

usage: bash scripts/with-postgres.sh .venv/bin/python bench/cluster_signal_bench.py [--steps 20]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from e2e.cluster import Cluster  # noqa: E402

XSRF = re.compile(r'name="_xsrf" value="([^"]+)"|data-xsrf="([^"]+)"')


def token(html: str) -> str:
    found = XSRF.search(html)
    assert found, html[:200]
    return found.group(1) or found.group(2)


class Watcher(threading.Thread):
    """A phone on ``base`` whose stream notes when each question first arrives."""

    def __init__(self, base: str, code: str, name: str) -> None:
        super().__init__(daemon=True)
        self.http = httpx.Client(base_url=base, follow_redirects=True, timeout=None)
        page = self.http.get(f"/room/{code}")
        self.http.post(f"/room/{code}/join", data={"nickname": name, "_xsrf": token(page.text)})
        self.code, self.seen = code, {}

    def run(self) -> None:
        try:
            with self.http.stream("GET", f"/room/{self.code}/events?as=phone&lang=ja") as res:
                for line in res.iter_lines():
                    if line.startswith("data: "):
                        html = json.loads(line[6:]).get("html", "")
                        q = re.search(r'data-q="([^"]+)"', html)
                        if q:
                            self.seen.setdefault(q.group(1), time.perf_counter())
        except httpx.HTTPError:  # the servers stop at the end of the run
            return


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    db = os.environ.get("CHATDOJO_TEST_PG_URL")
    if not db:
        print("run under scripts/with-postgres.sh", file=sys.stderr)
        return 2
    cluster = Cluster(db, Path(tempfile.mkdtemp(prefix="signal-bench-")), n=2, pool=0).start()
    a, b = (s.url for s in cluster.servers)
    try:
        from chatdojo.cli import main as cli

        out = Path(tempfile.mkdtemp()) / "session.json"
        argv = ["session", "create", "--quiz", "communication-method", "--count", str(args.steps)]
        argv += ["--seed", "1", "--paced", "--db", db, "--base-url", a, "--json"]
        sys.stdout, saved = out.open("w"), sys.stdout
        try:
            cli(argv)
        finally:
            sys.stdout.close()
            sys.stdout = saved
        created = json.loads(out.read_text())
        code = created["code"]
        on_a, on_b = Watcher(a, code, "on-a"), Watcher(b, code, "on-b")
        on_a.start()
        on_b.start()
        trainer = httpx.Client(base_url=a, follow_redirects=True, timeout=30)
        html = trainer.get(f"/room/{code}/trainer?token={created['token']}").text
        xsrf = token(html)
        delays: dict[str, list[float]] = {"same process": [], "other process": []}
        for step in range(args.steps):
            action = "start" if step == 0 else "next"
            res = trainer.post(
                f"/room/{code}/control", data={"action": action}, headers={"X-XSRFToken": xsrf}
            )
            assert res.status_code == 200, res.text[:200]
            sent = time.perf_counter()
            before = set(on_a.seen) | set(on_b.seen)
            deadline = sent + 10
            while time.perf_counter() < deadline:
                new_a = [k for k in on_a.seen if k not in before]
                new_b = [k for k in on_b.seen if k not in before]
                if new_a and new_b:
                    delays["same process"].append(on_a.seen[new_a[0]] - sent)
                    delays["other process"].append(on_b.seen[new_b[0]] - sent)
                    break
                time.sleep(0.005)
            time.sleep(0.3)
        print("| phone's stream on | steps | p50 (s) | p95 (s) | max (s) |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for where, values in delays.items():
            print(
                f"| {where} | {len(values)} | {statistics.median(values):.3f} | "
                f"{pct(values, 95):.3f} | {max(values):.3f} |"
            )
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
