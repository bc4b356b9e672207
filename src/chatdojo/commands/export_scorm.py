"""``chatdojo export scorm MODULE -o FILE.zip``: a module as a SCORM 1.2 package for an LMS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EPILOG = """\
examples:
  chatdojo export scorm chat-etiquette -o chat-etiquette.zip
  chatdojo export scorm paper-saving --profile kusatsu-city --mastery 80 -o paper.zip
  chatdojo export scorm mobile-devices --lang en --count 8 --seed 3 -o mobile-en.zip

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
    p.add_argument("module", metavar="MODULE", help="module id, e.g. chat-etiquette")
    p.add_argument("--profile", default="default", help="organization profile (default: default)")
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
    from chatdojo.commands.export import clean_catalog
    from chatdojo.scorm.data import ExportError
    from chatdojo.scorm.manifest import ManifestError
    from chatdojo.scorm.package import build_package, write_package

    catalog = clean_catalog()
    if catalog is None:
        return 1
    try:
        data = build_package(
            catalog,
            args.module,
            profile_id=args.profile,
            lang=args.lang,
            count=args.count,
            seed=args.seed,
            mastery=args.mastery,
        )
    except (ExportError, ManifestError) as exc:
        print(f"chatdojo export scorm: {exc}", file=sys.stderr)
        return 2
    out = Path(args.output)
    try:
        write_package(data, out)
    except OSError as exc:
        print(f"chatdojo export scorm: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"{out}: SCORM 1.2 package, {len(data):,} bytes")
    return 0
