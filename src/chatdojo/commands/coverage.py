"""``chatdojo coverage``: every rule must be checked by a question or a scenario step."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "coverage",
        help="list rules that no question or scenario step checks",
        description="Report how many rules of data/rules.csv are checked by content. "
        "Exit 1 when any rule is uncovered (or the content has errors).",
    )
    parser.add_argument("--root", type=Path, help="content root (default: this repository)")
    parser.add_argument(
        "--json", action="store_true", help="print JSON {rules, covered, uncovered}"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.content.catalog import load_catalog
    from chatdojo.coverage import compute_coverage

    cat = load_catalog(args.root)
    cov = compute_coverage(cat)
    if args.json:
        print(json.dumps(cov.as_dict(), ensure_ascii=False, indent=2))
    else:
        for rule_id in cov.uncovered:
            rule = cat.rules[rule_id]
            print(
                f"data/rules.csv:{rule.line}: rule {rule_id} ({rule.citation}) is not checked by any question or scenario"
            )
        print(f"coverage: {cov.covered}/{cov.rules} rules ({cov.fraction:.0%})")
    return 1 if cov.uncovered or cat.errors else 0
