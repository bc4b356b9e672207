"""``chatdojo paper report``: paper-saving figures from a usage table.

Only argparse is imported here; pandas and friends load inside ``run_report`` so
``chatdojo --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from chatdojo.i18n import Strings

EPILOG = """\
examples:
  chatdojo paper report data/paper/sample_usage.csv
  chatdojo paper report usage.csv --current 2024-11..2024-12 --out report/
  chatdojo paper report counter.csv --mapping data/paper/mapping_copier_counter.yml --json
  chatdojo paper report usage.xlsx --initial-cost 3000000 --running-cost 4160000 --json

対前年比 (year-on-year ratio) = this year / last year; 削減率 (reduction rate) = 1 - ratio.
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
    report.add_argument(
        "--sheet", metavar="NAME", help="workbook sheet to read (default: the one with usage data)"
    )
    report.add_argument(
        "--initial-cost",
        type=float,
        metavar="YEN",
        help="one-off purchase of the replacement (tablets, system), for net saving and payback",
    )
    report.add_argument(
        "--running-cost",
        type=float,
        metavar="YEN_PER_YEAR",
        help="yearly running cost of the replacement (licences, network)",
    )
    report.set_defaults(run=run_report)


def _display_width(text: str) -> int:
    """Terminal columns: full-width Japanese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


OPTION_ERRORS = Strings.load("commands.paper")


def _option_error(key: str, lang: str, **params: object) -> int:
    return _fail(OPTION_ERRORS[key][lang].format(**params))


def run_report(args: argparse.Namespace) -> int:
    """Read, compare, print and optionally export; 1 with a plain message on bad input."""
    from chatdojo.paper import fmt
    from chatdojo.paper.compare import compare
    from chatdojo.paper.errors import LocalizedError, PaperInputError
    from chatdojo.paper.io import read_usage
    from chatdojo.paper.labels import figure_label
    from chatdojo.paper.narrative import comparison_summary
    from chatdojo.paper.periods import parse_range

    lang = args.lang
    windows = {}
    for name in ("baseline", "current"):
        text = getattr(args, name)
        try:
            windows[name] = parse_range(text) if text else None
        except LocalizedError as exc:
            return _fail(f"--{name}: {exc.text(lang)}")
    if args.staff is not None and args.staff <= 0:
        return _option_error("staff", lang)
    if args.co2_factor is not None and not args.co2_factor >= 0:
        return _option_error("co2", lang)
    for name in ("initial_cost", "running_cost"):
        value = getattr(args, name)
        if value is not None and not 0 <= value < 1e13:  # also refuses nan and inf
            return _option_error("cost", lang, name=name.replace("_", "-"))
    try:
        usage = read_usage(args.input, mapping=args.mapping, sheet=args.sheet)
        result = compare(
            usage,
            co2_factor=args.co2_factor,
            staff=args.staff,
            initial_cost=args.initial_cost,
            running_cost=args.running_cost,
            **windows,
        )
    except PaperInputError as exc:
        return _fail(exc.render(lang))
    for note in usage.notes:
        where = note.location(lang)
        print(f"{usage.source}: {where}: {note.text(lang)}", file=sys.stderr)

    written = []
    if args.out:
        from chatdojo.paper.export import export_report

        try:
            written = export_report(result, args.out, lang=args.lang)
        except OSError as exc:
            return _option_error("write", lang, out=args.out, reason=exc.strerror or exc)

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
