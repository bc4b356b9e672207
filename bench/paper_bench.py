"""Benchmark: job-log summarization (chatdojo.paper.joblog) at 10k, 100k and 1M rows.

Run:  .venv/bin/python bench/paper_bench.py [--write] [--only jobs|uploads]

Also measures the upload limits (``paper_upload_bench``): hostile and real-sized
files read by ``read_usage``, each in a fresh process for its peak memory.

Times ``summarize_job_log`` (best of 3) on synthetic job logs in two shapes:
"typed" (datetime64 dates, categorical departments, bool flags, as after parsing)
and "text" (string dates and names, as read straight from a CSV). Reports rows/s
and the growth exponent between 100k and 1M rows (1.0 = linear). The target is
1M typed rows in under 1 s on the project's 2-core machine. ``--write`` replaces
the "## Paper job-log summarization" section of bench/RESULTS.md, leaving any other
sections alone.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import time
from pathlib import Path

import pandas as pd

from chatdojo.paper.joblog import summarize_job_log
from chatdojo.paper.sample import sample_job_log

SIZES = (10_000, 100_000, 1_000_000)
HEADING = "## Paper job-log summarization"
RESULTS = Path(__file__).with_name("RESULTS.md")
TARGET_SECONDS = 1.0


def best_of(log: pd.DataFrame, repeats: int = 3) -> float:
    """Fastest of ``repeats`` runs: the least disturbed by other load on the machine."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        summarize_job_log(log)
        times.append(time.perf_counter() - start)
    return min(times)


def as_text(log: pd.DataFrame) -> pd.DataFrame:
    """The same log as a CSV reader would hand it over: strings everywhere."""
    return log.assign(
        department=log["department"].astype(str),
        date=log["date"].dt.strftime("%Y-%m-%d"),
        color=log["color"].map({True: "カラー", False: "モノクロ"}),
        duplex=log["duplex"].map({True: "両面", False: "片面"}),
    )


def run() -> list[dict[str, float | int | str]]:
    rows = []
    for size in SIZES:
        typed = sample_job_log(size)
        for shape, log in (("typed", typed), ("text", as_text(typed))):
            seconds = best_of(log)
            rows.append(
                {"shape": shape, "rows": size, "seconds": seconds, "rows_per_s": size / seconds}
            )
    return rows


def exponent(rows: list[dict], shape: str) -> float:
    """Growth exponent of time vs rows from 100k to 1M (1.0 = linear)."""
    t = {r["rows"]: r["seconds"] for r in rows if r["shape"] == shape}
    return math.log(t[1_000_000] / t[100_000]) / math.log(10)


def to_markdown(rows: list[dict]) -> str:
    lines = [
        HEADING,
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `bench/paper_bench.py` on {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, pandas {pd.__version__}; best of 3 runs each.",
        "",
        "| input shape | rows | best time (s) | rows/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['shape']} | {r['rows']:,} | {r['seconds']:.4f} | {r['rows_per_s']:,.0f} |"
        )
    lines.append("")
    for shape in ("typed", "text"):
        k = exponent(rows, shape)
        # Below 1.0 means fixed overhead still shows at 100k rows; above 1.2 would be a problem.
        verdict = "linear" if 0.8 <= k <= 1.2 else ("at most linear" if k < 0.8 else "super-linear")
        one_m = next(r["seconds"] for r in rows if r["shape"] == shape and r["rows"] == 1_000_000)
        target = "meets" if one_m < TARGET_SECONDS else "misses"
        lines.append(
            f"- {shape}: growth exponent 100k→1M = {k:.2f} ({verdict}); 1M rows in {one_m:.3f} s"
            f" ({target} the {TARGET_SECONDS:g} s target)."
        )
    lines += [
        "",
        '"typed" = datetime64 dates, categorical departments, bool flags; "text" = strings as read'
        " from a CSV (date parsing dominates). The machine may be shared, so figures vary run to run.",
        "",
    ]
    return "\n".join(lines)


def write_section(markdown: str, path: Path = RESULTS, heading: str = HEADING) -> None:
    """Replace only this benchmark's section; other engineers' sections stay as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: markdown + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + markdown + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"update {RESULTS.name}")
    parser.add_argument("--only", choices=("jobs", "uploads"), help="run one of the two benchmarks")
    args = parser.parse_args()
    if args.only != "uploads":
        markdown = to_markdown(run())
        print(markdown)
        if args.write:
            write_section(markdown)
            print(f"updated {RESULTS}")
    if args.only != "jobs":
        from paper_upload_bench import UPLOAD_HEADING, upload_markdown

        markdown = upload_markdown()
        print(markdown)
        if args.write:
            write_section(markdown, heading=UPLOAD_HEADING)
            print(f"updated {RESULTS}")


if __name__ == "__main__":
    main()
