"""``chatdojo export FORMAT ...``: one command, one sub-command per format.

Each module in ``SUBCOMMAND_MODULES`` exposes ``register(subparsers)`` and adds its
own sub-command (heavy imports stay inside its ``run``). A module not built yet is
left out of ``--help``.
"""

from __future__ import annotations

import importlib
import sys
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


def clean_catalog() -> Any | None:
    """The content to export, or None after listing its errors (nothing half-broken goes out)."""
    from chatdojo.content.catalog import load_catalog

    catalog = load_catalog()
    if catalog.errors:
        for error in catalog.errors[:20]:
            print(error, file=sys.stderr)
        print("content has errors: fix them first (chatdojo check)", file=sys.stderr)
        return None
    return catalog
