"""``chatdojo paper report``: paper-saving figures from a usage table.

Only argparse is imported here; pandas and friends load inside ``run_report`` so
``chatdojo --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EPILOG = """\
examples:
  chatdojo paper report data/paper/sample_usage.csv
  chatdojo paper report usage.csv --current 2024-11..2024-12 --out report/
  chatdojo paper report counter.csv --mapping data/paper/mapping_copier_counter.yml --json

対前年比 (ratio to last year) = this year / last year; 削減率 (reduction rate) = 1 - ratio.
"""


def register(subparsers: Any) -> None:
    """Add ``paper`` with its ``report`` sub-command."""
    paper = subparsers.add_parser(
        "paper",
        help="paper-saving figures from a usage table",
        description="Paper-savings analytics for managers (copier sheets and cost).",
    )
    sub = paper.add_subparsers(dest="paper_command", metavar="SUBCOMMAND")
    paper.set_defaults(run=lambda _args: (paper.print_help(), 2)[1])
    report = sub.add_parser(
        "report",
        help="compare a period with the same months a year earlier",
        description="Read a CSV/xlsx usage table (部署,年月,枚数,金額) and report the saving.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("input", metavar="INPUT", help="CSV (UTF-8 or Shift_JIS) or .xlsx file")
    report.add_argument("--out", metavar="DIR", help="write Excel, PowerPoint and PNG files here")
    report.add_argument("--baseline", metavar="YYYY-MM..YYYY-MM", help="last-year months")
    report.add_argument("--current", metavar="YYYY-MM..YYYY-MM", help="this-year months")
    report.add_argument("--mapping", metavar="FILE", help="YAML column mapping for other layouts")
    report.add_argument("--json", action="store_true", help="print the figures as JSON")
    report.add_argument("--lang", choices=("ja", "en"), default="ja", help="language (default ja)")
    report.add_argument(
        "--co2-factor", type=float, metavar="KG", help="kg CO2 per kg of paper (default 0.942)"
    )
    report.add_argument("--staff", type=int, metavar="N", help="head count for per-person figures")
    report.set_defaults(run=run_report)


def _display_width(text: str) -> int:
    """Terminal columns: full-width Japanese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def run_report(args: argparse.Namespace) -> int:
    """Read, compare, print and optionally export; 1 with a plain message on bad input."""
    from chatdojo.paper import fmt
    from chatdojo.paper.compare import compare
    from chatdojo.paper.errors import PaperInputError
    from chatdojo.paper.io import read_usage
    from chatdojo.paper.labels import figure_label
    from chatdojo.paper.narrative import comparison_summary
    from chatdojo.paper.periods import parse_range

    windows = {}
    for name in ("baseline", "current"):
        text = getattr(args, name)
        try:
            windows[name] = parse_range(text) if text else None
        except ValueError as exc:
            return _fail(f"--{name}: {exc}")
    if args.staff is not None and args.staff <= 0:
        return _fail("--staff: must be a positive number of people")
    if args.co2_factor is not None and args.co2_factor < 0:
        return _fail("--co2-factor: must be 0 or more")
    try:
        usage = read_usage(args.input, mapping=args.mapping)
        result = compare(usage, co2_factor=args.co2_factor, staff=args.staff, **windows)
    except PaperInputError as exc:
        return _fail(str(exc))

    written = []
    if args.out:
        from chatdojo.paper.export import export_report

        try:
            written = export_report(result, args.out, lang=args.lang)
        except OSError as exc:
            return _fail(f"{args.out}: cannot write the report: {exc.strerror or exc}")

    if args.json:
        print(json.dumps(result.json_figures(), ensure_ascii=False, indent=2))
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
        return 0
    print(comparison_summary(result, args.lang))
    print()
    labels = {k: figure_label(k, args.lang) for k in result.figures}
    width = max(_display_width(t) for t in labels.values())
    for key, value in result.figures.items():
        pad = " " * (width - _display_width(labels[key]))
        print(f"  {labels[key]}{pad}  {fmt.figure(key, value, args.lang)}")
    for path in written:
        print(f"wrote {path}")
    return 0
