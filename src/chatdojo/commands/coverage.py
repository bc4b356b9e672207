"""``chatdojo coverage``: every rule must be checked by a question or a scenario step."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

RULES = "data/rules.csv"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "coverage",
        help="list rules that no question or scenario step checks",
        description="Report how many rules of data/rules.csv are checked by content, how "
        "often (depth) and what kinds of question each bank asks. Exit 1 when any rule is "
        "uncovered, the content has errors, or a --min-* threshold is not met.",
    )
    parser.add_argument("--root", type=Path, help="content root (default: this repository)")
    from chatdojo.commands.pack import add_pack_option

    add_pack_option(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON {rules, covered, uncovered, depth, kinds, giveaways}",
    )
    parser.add_argument(
        "--min-depth",
        type=int,
        default=0,
        metavar="N",
        help="fail when a rule is cited by fewer than N questions + scenario steps",
    )
    parser.add_argument(
        "--min-situation",
        type=float,
        default=0.0,
        metavar="F",
        help="fail when a bank's share of 'situation' questions is below F (e.g. 0.75)",
    )
    parser.add_argument(
        "--giveaways",
        action="store_true",
        help="fail when answers can be guessed without knowing a rule: the key is the longest "
        "option in over 40%% of a bank's single-choice questions, true/false keys outside "
        "40-60%% true, matching without a spare option, multiple choice with all or all but "
        "one option correct (see chatdojo.content.giveaways)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.commands.pack import apply_pack_option
    from chatdojo.content.catalog import load_catalog
    from chatdojo.coverage import compute_coverage

    apply_pack_option(args)
    cat = load_catalog(args.root)
    cov = compute_coverage(cat)
    problems: list[str] = []
    for rule_id in cov.uncovered:
        rule = cat.rules[rule_id]
        problems.append(
            f"{_display(cat.root, Path(rule.path or RULES))}:{rule.line}: rule {rule_id} "
            f"({rule.citation}) "
            "is not checked by any question or scenario"
        )
    if args.min_depth > 1:
        for rule_id in cov.rules_below(args.min_depth):
            users = cov.by_rule.get(rule_id, ())
            if not users:
                continue  # already reported as not checked at all
            rule = cat.rules[rule_id]
            problems.append(
                f"{_display(cat.root, Path(rule.path or RULES))}:{rule.line}: rule {rule_id} "
                f"({rule.citation}) is checked "
                f"{len(users)} time(s), fewer than {args.min_depth}: {', '.join(users)}"
            )
    if args.min_situation > 0:
        for bank_id, counts in cov.kinds.items():
            share = cov.situation_share(bank_id)
            if share < args.min_situation:
                bank = cat.banks[bank_id]
                problems.append(
                    f"{_display(cat.root, bank.path)}:"
                    f"{bank.line}: bank {bank_id} has {share:.0%} situation questions "
                    f"({counts.get('situation', 0)} of {sum(counts.values())}), "
                    f"below {args.min_situation:.0%}"
                )
    from chatdojo.content import giveaways

    banks = {bank_id: bank.questions for bank_id, bank in cat.banks.items()}
    if args.giveaways:
        problems.extend(giveaways.violations(banks))
    if args.json:
        report = cov.as_dict() | {"giveaways": giveaways.report(banks)}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for line in problems:
            print(line)
        print(
            f"coverage: {cov.covered}/{cov.rules} rules ({cov.fraction:.0%}); "
            f"depth min {cov.min_depth}, {len(cov.rules_below(2))} rule(s) below 2"
        )
    return 1 if problems or cat.errors else 0


def _display(root: Path, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
