"""Benchmark: loading and checking all content, and the CLI's start-up time.

usage: python bench/content_bench.py [--repeat N]
Targets: the whole catalogue loads and checks in under 2 s (a page load pays this once
per kernel); `chatdojo --help` answers in under 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_load(repeat: int) -> tuple[float, float, dict[str, object]]:
    from chatdojo.content.catalog import load_catalog

    times = []
    summary: dict[str, object] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        cat = load_catalog(ROOT)
        times.append(time.perf_counter() - start)
        summary = cat.summary()
    tracemalloc.start()
    load_catalog(ROOT)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), peak / 2**20, summary


def time_help(repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "chatdojo.cli", "--help"], check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_s, peak_mib, summary = time_load(args.repeat)
    help_s = time_help(args.repeat)
    counts = ", ".join(f"{k}={summary[k]}" for k in ("guides", "questions", "scenarios", "rules"))
    print(f"catalogue load+check: best {load_s * 1000:.0f} ms, peak {peak_mib:.1f} MiB ({counts})")
    print(f"chatdojo --help: median {help_s * 1000:.0f} ms")
    ok = load_s < 2.0 and help_s < 0.5
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
