"""Benchmark: importing 1,000 questions from Excel and CSV into a pack.

usage: python bench/import_bench.py [--questions N] [--repeat N]
Target (issue 17): 1,000 questions import in 5 s or less, from reading the file to
the Markdown bank written. The questions are the shipped banks' questions repeated
with new ids, so every type and field is in the mix.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(count: int) -> object:
    from chatdojo.formats.model import Bank, Exchange, read_bank

    pool = [
        q for path in sorted((ROOT / "quizzes").glob("*.md")) for q in read_bank(path).questions
    ]
    questions = []
    for index in range(count):
        q = copy.deepcopy(pool[index % len(pool)])
        q["id"] = f"bench-{index + 1:05d}"
        questions.append(q)
    meta = {"id": "bench", "title": {"ja": "ベンチ", "en": "Bench"}, "topic": "bench"}
    return Exchange(banks=[Bank(meta, questions)])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from chatdojo.formats import FORMATS
    from chatdojo.formats.exchange import import_into, known_rules
    from chatdojo.formats.model import Options

    exchange = build(args.questions)
    rules = known_rules(ROOT / "no-pack", ROOT)
    print(f"{args.questions} questions, best of {args.repeat}")
    worst_best = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, suffix in (("xlsx", ".xlsx"), ("csv", ".csv")):
            source = Path(tmp) / f"bench{suffix}"
            FORMATS[fmt].write(exchange, source, Options())  # type: ignore[arg-type]
            times = []
            for run in range(args.repeat):
                pack = Path(tmp) / f"pack-{fmt}-{run}"
                start = time.perf_counter()
                report = import_into([source], pack, Options(known_rules=list(rules)))
                times.append(time.perf_counter() - start)
                assert len(report.written[0].added) == args.questions
            best = min(times)
            worst_best = max(worst_best, best)
            size = source.stat().st_size / 1024
            print(
                f"{fmt:5} {size:8.0f} KiB  best {best:6.2f} s  all {', '.join(f'{t:.2f}' for t in times)}"
            )
    ok = worst_best <= 5.0
    print(f"target 1,000 questions <= 5 s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
