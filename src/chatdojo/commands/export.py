"""``chatdojo export FORMAT ...``: one command, one sub-command per format.

Each module in ``SUBCOMMAND_MODULES`` exposes ``register(subparsers)`` and adds its
own sub-command (heavy imports stay inside its ``run``). A module not built yet is
left out of ``--help``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from typing import Any

SUBCOMMAND_MODULES: tuple[str, ...] = (
    "chatdojo.commands.export_scorm",
    "chatdojo.commands.export_site",
    "chatdojo.commands.export_formats",  # xlsx, csv, moodle, gift
)


def register(subparsers: Any) -> None:
    export = subparsers.add_parser(
        "export",
        help="write modules or banks in other formats (SCORM, static site, Excel, CSV, Moodle XML, GIFT)",
        description="Export ChatDojo content for use outside the app.",
    )
    sub = export.add_subparsers(dest="export_format", metavar="FORMAT")
    export.set_defaults(run=lambda _args: (export.print_help(), 2)[1])
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)


def add_content_options(parser: argparse.ArgumentParser) -> None:
    """``--profile`` and ``--pack`` (repeatable; default ``$CHATDOJO_PACKS``), as serve has them."""
    from chatdojo.commands.pack import add_pack_option

    parser.add_argument(
        "--profile",
        default="default",
        metavar="ID",
        help="organization profile (default: default); a pack's module limited to its "
        "organization needs that profile",
    )
    add_pack_option(parser)


def clean_catalog(args: argparse.Namespace | None = None) -> Any | None:
    """The content to export (with ``args.pack``'s packs), or None after listing its errors
    (nothing half-broken goes out)."""
    from chatdojo.commands.pack import apply_pack_option
    from chatdojo.content.catalog import load_catalog

    if args is not None:
        apply_pack_option(args)
    catalog = load_catalog()
    if catalog.errors:
        for error in catalog.errors[:20]:
            print(error, file=sys.stderr)
        print(
            "内容に誤りがあります。先に直してください (chatdojo check) / "
            "content has errors: fix them first (chatdojo check)",
            file=sys.stderr,
        )
        return None
    return catalog


def run_export(name: str, args: argparse.Namespace, write: Callable[[Any], str]) -> int:
    """Run one export: the clean catalogue, then ``write(catalog)`` (which returns the line
    to print); an export or write error is one line on stderr, never a traceback."""
    from chatdojo.scorm.data import ExportError
    from chatdojo.scorm.manifest import ManifestError

    catalog = clean_catalog(args)
    if catalog is None:
        return 1
    try:
        done = write(catalog)
    except (ExportError, ManifestError) as exc:
        print(f"chatdojo export {name}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = exc.filename or args.output
        print(
            f"chatdojo export {name}: {where} に書き込めません（{exc.strerror}）。フォルダーと"
            f"権限を確かめてください / cannot write {where}: {exc.strerror}",
            file=sys.stderr,
        )
        return 1
    print(done)
    return 0
