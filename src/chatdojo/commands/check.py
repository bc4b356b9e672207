"""``chatdojo check``: validate content and report every problem as ``path:line: message``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="validate guides, quizzes, scenarios, rules and profiles",
        description=(
            "Validate content and print every problem as path:line: message. "
            "PATH may be a content root (a folder with guidance/, quizzes/, data/) or files "
            "inside one; default: this repository. Exit 1 if anything is wrong."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path)
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead")
    parser.set_defaults(run=run)


def collect(paths: list[Path]) -> dict[str, object]:
    from chatdojo.content.catalog import find_root, load_catalog

    if not paths:
        return load_catalog(use_cache=False).summary()
    totals: dict[str, object] = {
        "guides": 0,
        "questions": 0,
        "scenarios": 0,
        "rules": 0,
        "errors": [],
    }
    roots: dict[Path, list[Path]] = {}
    errors: list[str] = []
    for path in paths:
        if not path.exists():
            errors.append(f"{path}:1: no such file or folder")
            continue
        roots.setdefault(find_root(path), []).append(path.resolve())
    for root, wanted in roots.items():
        cat = load_catalog(root, use_cache=False)
        whole = any(w == root for w in wanted)
        for error in cat.errors:
            full = (root / error.path).resolve()
            if whole or any(full == w or w in full.parents for w in wanted):
                errors.append(str(error))
        summary = cat.summary()
        for key in ("guides", "questions", "scenarios", "rules"):
            totals[key] = int(totals[key]) + int(summary[key])  # type: ignore[call-overload]
    totals["errors"] = errors
    return totals


def run(args: argparse.Namespace) -> int:
    summary = collect(list(args.paths))
    errors = list(summary["errors"])  # type: ignore[call-overload]
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for error in errors:
            print(error, file=sys.stderr)
        if errors:
            print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        else:
            print(
                f"OK: {summary['guides']} guides, {summary['questions']} questions, "
                f"{summary['scenarios']} scenarios, {summary['rules']} rules."
            )
    return 1 if errors else 0
