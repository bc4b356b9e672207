"""``chatdojo learners``: who completed the training (report) and retention (purge)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "learners",
        help="self-paced learners' records (retention)",
        description="Manage the stored records of self-paced learners.",
    )
    commands = parser.add_subparsers(dest="learners_command", metavar="SUBCOMMAND")
    parser.set_defaults(run=lambda _args: (parser.print_help(), 2)[1])
    purge = commands.add_parser(
        "purge",
        help="delete learners not seen for DAYS days, with their progress and answers",
        description="Delete every learner whose last visit is more than DAYS days ago, with "
        "their progress and answers. Prints how many were removed.",
    )
    purge.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    purge.add_argument(
        "--sessions",
        action="store_true",
        help="also delete live sessions created more than DAYS days ago (nicknames and answers)",
    )
    purge.add_argument("--json", action="store_true", help='print {"learners": N, "sessions": M}')
    purge.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL (default: $CHATDOJO_DB or SQLite in the user data folder)",
    )
    purge.set_defaults(run=run_purge)
    report = commands.add_parser(
        "report",
        help="who has completed the training: one row per learner",
        description="One row per learner: modules passed of all modules with a quiz, whether and "
        "when the whole training was completed, and the best score per module.",
    )
    report.add_argument("--format", choices=("csv", "xlsx", "json"), default="csv")
    report.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    report.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL (default: $CHATDOJO_DB or SQLite in the user data folder)",
    )
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and not args.out:
        print("chatdojo learners report: --format xlsx needs --out FILE", file=sys.stderr)
        return 2
    from chatdojo.content.catalog import load_catalog
    from chatdojo.store.completion import completion_rows
    from chatdojo.store.db import StoreError, open_store

    catalog = load_catalog()
    modules = [
        g.id for g in sorted(catalog.guides.values(), key=lambda g: (g.order, g.id)) if g.quiz
    ]
    try:
        store = open_store(args.db)
        rows = completion_rows(store, modules)
    except StoreError as exc:
        print(f"chatdojo learners: {exc}", file=sys.stderr)
        return 1
    store.close()
    if args.format == "json":
        data = json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    else:
        import pandas as pd

        from chatdojo.store.results import to_csv, to_xlsx_sheets

        frame = pd.DataFrame(rows)
        data = to_csv(frame) if args.format == "csv" else to_xlsx_sheets({"learners": frame})
    if args.out:
        with open(args.out, "wb") as f:
            f.write(data)
        print(f"wrote {len(rows)} learner(s) to {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def run_purge(args: argparse.Namespace) -> int:
    if args.older_than < 0 or args.older_than != args.older_than:
        print("chatdojo learners: --older-than must be 0 or more days", file=sys.stderr)
        return 2
    from chatdojo.store.db import StoreError, open_store
    from chatdojo.store.learners import purge

    try:
        store = open_store(args.db)
        removed = purge(store, args.older_than, sessions=args.sessions)
    except StoreError as exc:
        print(f"chatdojo learners: {exc}", file=sys.stderr)
        return 1
    store.close()
    if args.json:
        print(json.dumps(removed))
    else:
        days = f"{args.older_than:g}"
        print(f"removed {removed['learners']} learner(s) not seen for {days} day(s)")
        if args.sessions:
            print(f"removed {removed['sessions']} session(s) older than {days} day(s)")
    return 0
