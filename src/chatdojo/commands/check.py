"""``chatdojo check``: validate content and report every problem as ``path:line: message``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="validate guides, quizzes, scenarios, rules and profiles",
        description=(
            "Validate content and print every problem as path:line: message. "
            "PATH may be a content root (a folder with guidance/, quizzes/, data/) or files "
            "inside one; default: this repository. Exit 1 if anything is wrong, "
            "2 if a PATH is not inside any content root."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path)
    from chatdojo.commands.pack import add_pack_option

    add_pack_option(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON summary instead")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat checks still being phased in (warnings, e.g. a missing 'kind') as errors",
    )
    parser.set_defaults(run=run)


class OutsideRoot(ValueError):
    """A PATH given to ``chatdojo check`` is not inside any content root."""


def collect(paths: list[Path]) -> dict[str, object]:
    from chatdojo.content.catalog import find_root, is_content_root, load_catalog
    from chatdojo.content.packs import ENV, PACK_FILE, pack_dirs_from_env

    packs = [p for p in paths if (p / PACK_FILE).is_file()]
    if packs:  # `chatdojo check PACK`: the pack over the shipped content
        os.environ[ENV] = os.pathsep.join(str(p.resolve()) for p in [*pack_dirs_from_env(), *packs])
        paths = [p for p in paths if p not in packs]
    if not paths:
        return load_catalog(use_cache=False).summary()
    totals: dict[str, object] = {
        "guides": 0,
        "questions": 0,
        "scenarios": 0,
        "rules": 0,
        "errors": [],
        "warnings": [],
    }
    roots: dict[Path, list[Path]] = {}
    errors: list[str] = []
    warnings: list[str] = []
    for path in paths:
        if not path.exists():
            errors.append(f"{path}:1: no such file or folder")
            continue
        root = find_root(path)
        if not is_content_root(root):
            raise OutsideRoot(
                f"{path}: not inside a content root (a folder with data/rules.csv, "
                "guidance/ and quizzes/); nothing was checked"
            )
        roots.setdefault(root, []).append(path.resolve())
    for root, wanted in roots.items():
        cat = load_catalog(root, use_cache=False)
        whole = any(w == root for w in wanted)
        for found, into in ((cat.errors, errors), (cat.warnings, warnings)):
            for error in found:
                full = (root / error.path).resolve()
                if whole or any(full == w or w in full.parents for w in wanted):
                    into.append(str(error))
        summary = cat.summary()
        for key in ("guides", "questions", "scenarios", "rules"):
            totals[key] = int(totals[key]) + int(summary[key])  # type: ignore[call-overload]
    totals["errors"] = errors
    totals["warnings"] = warnings
    return totals


def run(args: argparse.Namespace) -> int:
    from chatdojo.commands.pack import apply_pack_option

    apply_pack_option(args)
    if args.strict:
        os.environ["CHATDOJO_STRICT"] = "1"
    try:
        summary = collect(list(args.paths))
    except OutsideRoot as exc:
        print(f"chatdojo check: {exc}", file=sys.stderr)
        return 2
    errors = list(summary["errors"])  # type: ignore[call-overload]
    warnings = list(summary.get("warnings") or [])  # type: ignore[call-overload]
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for error in errors:
            print(error, file=sys.stderr)
        if errors:
            print(f"{len(errors)} problem(s) found.", file=sys.stderr)
        else:
            print(
                f"OK: {summary['guides']} guides, {summary['questions']} questions, "
                f"{summary['scenarios']} scenarios, {summary['rules']} rules."
            )
        where = summary.get("root")
        if where:
            packs = list(summary.get("packs") or [])  # type: ignore[call-overload]
            print(
                f"checked: {where}" + (f" + packs: {', '.join(packs)}" if packs else ""),
                file=sys.stderr,
            )
    return 1 if errors else 0
