"""``chatdojo export site -o DIR``: the closed-network edition as static files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

EPILOG = """\
examples:
  chatdojo export site -o /srv/www/chatdojo
  chatdojo export site --profile kusatsu-city -o site/
  chatdojo export site --pack aisho --profile aisho-town -o site-aisho/

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
    from chatdojo.commands.export import add_content_options

    add_content_options(p)
    p.add_argument(
        "--collect",
        metavar="URL",
        help="address of a chatdojo serve that keeps the results (learners enter their resume code)",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.commands.export import run_export

    return run_export("site", args, lambda catalog: write(catalog, args))


def write(catalog: Any, args: argparse.Namespace) -> str:
    from chatdojo.scorm.data import ExportError
    from chatdojo.site.build import build_site, clear

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise ExportError(
            f"{out} はファイルです。書き出し先のフォルダーを指定してください / "
            f"{out} is a file, not a folder"
        )
    clear(out)
    written = build_site(catalog, out, profile_id=args.profile, collect=args.collect)
    size = sum(p.stat().st_size for p in written)
    return f"{out}: {len(written)} files, {size:,} bytes; open {out / 'index.html'} over HTTP"
