"""The one command-line entry point, ``chatdojo``.

Each sub-command lives in its own module under ``chatdojo.commands`` (or a
feature package) exposing ``register(subparsers)``; heavy imports happen inside
the command's ``run`` so ``chatdojo --help`` stays instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Ordered registry of sub-command modules; each has register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "chatdojo.commands.check",
    "chatdojo.commands.coverage",
    "chatdojo.commands.serve",
    "chatdojo.commands.recommend",
    "chatdojo.commands.paper",
    "chatdojo.commands.session",
    "chatdojo.commands.learners",
    "chatdojo.commands.init",
    "chatdojo.commands.pack",
    "chatdojo.commands.export",
    "chatdojo.commands.importer",
)

DESCRIPTION = """\
ChatDojo: training apps (Voila) on the operating rules for business chat,
groupware and cloud systems in Japanese municipalities and councils.

Typical use:
  chatdojo init DIR --org ID --name 名称   make an organization pack
  chatdojo check --pack DIR      validate every guide, quiz, scenario and table
  chatdojo serve                 start the training app at http://127.0.0.1:8866
  chatdojo coverage              list rules that no question or scenario checks
  chatdojo recommend --urgent    which communication method fits a situation
  chatdojo paper report FILE     paper-saving figures from a usage table
  chatdojo import FILE --into DIR   questions/rules from Excel, CSV, Moodle XML, GIFT
  chatdojo export xlsx BANK -o FILE  a bank as the Excel template (also csv, moodle, gift)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chatdojo",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from chatdojo import __version__

    parser.add_argument("--version", action="version", version=f"chatdojo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a feature not built yet stays out of --help
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 0 if args.command is None else 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
