"""``chatdojo export site -o DIR``: the closed-network edition as static files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EPILOG = """\
examples:
  chatdojo export site -o /srv/www/chatdojo
  chatdojo export site --profile kusatsu-city -o site/

Copy DIR to any plain web server (or a file share served over HTTP); open DIR/index.html.
Progress stays in each learner's browser; the completion page prints it.
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "site",
        help="every module as a static site for a closed network (no Python on the server)",
        description="Write every module's guide and quiz as static files.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--profile", default="default", help="organization profile (default: default)")
    p.add_argument(
        "--collect",
        metavar="URL",
        help="address of a chatdojo serve that keeps the results (learners enter their resume code)",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.commands.export import clean_catalog
    from chatdojo.scorm.data import ExportError
    from chatdojo.site.build import build_site, clear

    catalog = clean_catalog()
    if catalog is None:
        return 1
    out = Path(args.output)
    try:
        if out.exists() and not out.is_dir():
            print(f"chatdojo export site: {out} is a file, not a folder", file=sys.stderr)
            return 2
        clear(out)
        written = build_site(catalog, out, profile_id=args.profile, collect=args.collect)
    except ExportError as exc:
        print(f"chatdojo export site: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"chatdojo export site: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in written)
    print(f"{out}: {len(written)} files, {size:,} bytes; open {out / 'index.html'} over HTTP")
    return 0
