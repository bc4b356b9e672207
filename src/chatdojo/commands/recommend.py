"""``chatdojo recommend``: which communication method fits a situation (003 §2, §3)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatdojo.advisor.engine import Recommendation
    from chatdojo.advisor.table import Method

# (option, Situation field, help); the flags are the advisor's yes/no questions.
FLAGS: tuple[tuple[str, str, str], ...] = (
    ("--external", "external", "the other side is outside the organization (e.g. a vendor)"),
    ("--urgent", "urgent", "it must reach them right away"),
    ("--meeting", "meeting", "it is a meeting or discussion"),
    ("--offsite", "offsite", "they are at another site (e.g. an outside facility)"),
    ("--needs-record", "needs_record", "the exchange must be kept on record"),
    ("--personal-data", "personal_data", "it involves personal data"),
    ("--after-hours", "after_hours", "it is outside working hours"),
    ("--needs-agreement", "needs_agreement", "the organization must formally agree (kessai)"),
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "recommend",
        help="which communication method fits a situation",
        description=(
            "Rank face-to-face, web meeting, phone, e-mail and chat for a situation, with "
            "the reasons (citing guide 003) and any warnings. Describe the situation with "
            "the flags below; none means a non-urgent matter between staff."
        ),
    )
    for option, dest, text in FLAGS:
        parser.add_argument(option, dest=dest, action="store_true", help=text)
    parser.add_argument(
        "--profile",
        default=None,
        metavar="NAME",
        help="organization profile whose rules apply (default: $CHATDOJO_PROFILE or default)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.advisor import (
        Situation,
        TableError,
        UnknownProfile,
        find_profile,
        read_table,
        recommend,
    )

    profile_id = args.profile or os.environ.get("CHATDOJO_PROFILE") or "default"
    try:
        profile = find_profile(profile_id)
    except UnknownProfile as exc:
        print(f"chatdojo recommend: {exc}", file=sys.stderr)
        return 2
    try:
        methods = read_table()
    except TableError as exc:
        print(exc, file=sys.stderr)
        return 1
    flags = {dest: bool(getattr(args, dest)) for _option, dest, _text in FLAGS}
    situation = Situation(**flags, profile=profile_id)
    result = recommend(situation, profile, methods=methods)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(describe(result, methods))
    return 0


def describe(result: Recommendation, methods: Mapping[str, Method]) -> str:
    """The recommendation as plain text, Japanese line first, English below it."""
    best = methods[result.method].name
    lines = [f"おすすめ / Recommended: {best['ja']} / {best['en']}", "", "順位 / Ranking:"]
    top = result.scores[result.method]
    for n, method_id in enumerate(result.ranking, start=1):
        name = methods[method_id].name
        tie = (
            "  (1位と同点 / tied with the first)"
            if n > 1 and result.scores[method_id] == top
            else ""
        )
        lines.append(f"  {n}. {name['ja']} / {name['en']}{tie}")
    for heading, items in (
        ("理由 / Reasons:", result.reasons),
        ("注意 / Warnings:", result.warnings),
    ):
        if not items:
            continue
        lines += ["", heading]
        for item in items:
            lines += [f"  - {item['ja']}", f"    {item['en']}"]
    return "\n".join(lines)
