"""``chatdojo export scorm MODULE -o FILE.zip``: a module as a SCORM 1.2 package for an LMS."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

EPILOG = """\
examples:
  chatdojo export scorm chat-etiquette -o chat-etiquette.zip
  chatdojo export scorm paper-saving --profile kusatsu-city --mastery 80 -o paper.zip
  chatdojo export scorm mobile-devices --lang en --count 8 --seed 3 -o mobile-en.zip
  chatdojo export scorm aisho-town --pack aisho --profile aisho-town -o aisho.zip

The zip holds imsmanifest.xml (SCORM 1.2, one SCO) and one static page with the
module's guide and quiz; upload it to the LMS as a SCORM package (docs/lms.md).
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "scorm",
        help="one module as a SCORM 1.2 package (zip) for an LMS",
        description="Write a module's guide and quiz as a SCORM 1.2 package.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from chatdojo.commands.export import add_content_options

    p.add_argument("module", metavar="MODULE", help="module id, e.g. chat-etiquette")
    add_content_options(p)
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language (default ja)")
    p.add_argument("--count", type=int, metavar="N", help="questions to draw (default: the bank's)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the draw (default 0)")
    p.add_argument(
        "--mastery",
        type=float,
        metavar="PERCENT",
        help="mastery score 0-100: the LMS records passed/failed (else completed)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip", help="where to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.commands.export import run_export

    return run_export("scorm", args, lambda catalog: write(catalog, args))


def write(catalog: Any, args: argparse.Namespace) -> str:
    from chatdojo.scorm.package import build_package, write_package

    data = build_package(
        catalog,
        args.module,
        profile_id=args.profile,
        lang=args.lang,
        count=args.count,
        seed=args.seed,
        mastery=args.mastery,
    )
    out = Path(args.output)
    write_package(data, out)
    return f"{out}: SCORM 1.2 package, {len(data):,} bytes"
