"""``chatdojo export xlsx|csv|moodle|gift BANK... -o FILE``: banks in exchange formats.

BANK is a bank id (looked up in the content root and the --pack folders) or the
path of a bank's Markdown file. What a format cannot carry is listed on stderr
(and under "not_carried" with --json); nothing is dropped silently.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DESCRIPTIONS = {
    "xlsx": (
        "write banks as the Excel authoring template, filled in",
        "Write BANK(s) as the Excel template (instructions sheet in Japanese, frozen header, "
        "drop-down lists). Edit it and read it back with 'chatdojo import FILE --into PACK'; "
        "importing the file unchanged changes nothing. --template writes an empty template "
        "with one example of each question type.",
    ),
    "csv": (
        "write banks as CSV (UTF-8 with BOM, opens in Excel)",
        "Write BANK(s) in the questions layout of the template as one CSV file.",
    ),
    "moodle": (
        "write banks as Moodle XML (one language per file)",
        "Write BANK(s) as Moodle XML for a Moodle question bank: multichoice, truefalse, "
        "matching, numerical and ordering, with per-option and general feedback. One "
        "language per file (--lang). ChatDojo's kind, rules and profiles travel as tags.",
    ),
    "gift": (
        "write banks as GIFT text (one language per file; no ordering type)",
        "Write BANK(s) as Moodle GIFT text. GIFT has no ordering type and no unit: such "
        "questions and fields are listed as not exported. One language per file (--lang).",
    ),
}


def register(sub: argparse._SubParsersAction) -> None:
    from chatdojo.commands.pack import add_pack_option

    for name, (short, long) in DESCRIPTIONS.items():
        parser = sub.add_parser(name, help=short, description=long)
        parser.add_argument(
            "banks", nargs="*", metavar="BANK", help="bank id or path to quizzes/<bank>.md"
        )
        parser.add_argument(
            "-o", "--output", required=True, type=Path, metavar="FILE", help="file to write"
        )
        add_pack_option(parser)  # as serve and check: --pack DIR ..., else $CHATDOJO_PACKS
        if name in ("moodle", "gift"):
            parser.add_argument("--lang", default="ja", choices=("ja", "en"),
                                help="language of the texts written (default ja)")  # fmt: skip
            parser.add_argument("--profile", metavar="ID",
                                help="only the questions shown under this organization profile, "
                                "with its facts filled in (for a Moodle quiz; not for a round "
                                "trip back into ChatDojo)")  # fmt: skip
        if name == "xlsx":
            parser.add_argument(
                "--template", action="store_true", help="an empty template with examples"
            )
        if name in ("xlsx", "csv"):
            parser.add_argument("--rules", type=Path, metavar="CSV",
                                help="also write these rules (default: the pack's data/rules.csv "
                                "for a bank in a pack)")  # fmt: skip
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.set_defaults(run=run, export_format=name)


def find_bank(ref: str, packs: list[Path]) -> Path | None:
    path = Path(ref)
    if path.suffix == ".md" and path.is_file():
        return path
    from chatdojo.content.catalog import default_root
    from chatdojo.content.packs import pack_dirs_from_env

    for folder in [*packs, *pack_dirs_from_env(), default_root()]:
        candidate = folder / "quizzes" / f"{ref}.md"
        if candidate.is_file():
            return candidate
    return None


def run(args: argparse.Namespace) -> int:
    from chatdojo.commands.pack import apply_pack_option
    from chatdojo.content.catalog import default_root
    from chatdojo.formats.exchange import export
    from chatdojo.formats.model import BankReadError, Options
    from chatdojo.formats.templates import write_template

    fmt = args.export_format
    args.pack = apply_pack_option(args)
    if getattr(args, "template", False):
        write_template(args.output, _profiles(args.pack))
        print(f"{args.output}")
        return 0
    if not args.banks:
        print(f"chatdojo export {fmt}: name at least one BANK (id or .md path)", file=sys.stderr)
        return 2
    paths = []
    for ref in args.banks:
        found = find_bank(ref, args.pack)
        if found is None:
            print(
                f"chatdojo export {fmt}: 問題集が見つかりません / no such bank: {ref}",
                file=sys.stderr,
            )
            return 2
        paths.append(found)
    rules = getattr(args, "rules", None)
    if rules is None and fmt in ("xlsx", "csv"):
        home = paths[0].resolve().parent.parent
        if home != default_root().resolve() and (home / "data" / "rules.csv").is_file():
            rules = home / "data" / "rules.csv"
    options = Options(lang=getattr(args, "lang", "ja"), profiles=_profiles(args.pack))
    profile = None
    if getattr(args, "profile", None):
        from chatdojo.content.catalog import load_catalog

        catalog = load_catalog(packs=args.pack or None)
        profile = catalog.profiles.get(args.profile)
        if profile is None:
            known = ", ".join(sorted(catalog.profiles))
            print(f"chatdojo export {fmt}: プロファイルがありません / unknown profile "
                  f"{args.profile!r} (known: {known})", file=sys.stderr)  # fmt: skip
            return 2
    try:
        losses = export(fmt, paths, args.output, options, rules, profile)
    except BankReadError as exc:
        print(f"chatdojo export {fmt}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"chatdojo export {fmt}: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 1
    if fmt in ("moodle", "gift"):
        other = "en" if options.lang == "ja" else "ja"
        from chatdojo.formats.model import Loss

        losses.insert(0, Loss("*", f"text.{other}", "one language per file: export again with "
                              f"--lang {other} for the other"))  # fmt: skip
    if args.json:
        print(json.dumps({"output": str(args.output), "banks": [str(p) for p in paths],
                          "not_carried": [x.as_dict() for x in losses]}, ensure_ascii=False, indent=2))  # fmt: skip
    else:
        print(str(args.output))
        if fmt == "csv" and rules is not None:
            from chatdojo.formats.csvfile import rules_path

            print(str(rules_path(args.output)))
    for loss in losses:
        print(
            f"not carried / 書き出せないもの: {loss.where}: {loss.what}: {loss.detail}",
            file=sys.stderr,
        )
    return 0


def _profiles(packs: list[Path]) -> list[str]:
    from chatdojo.content.catalog import default_root

    folders = [default_root(), *packs]
    return sorted({p.stem for f in folders for p in (f / "data" / "profiles").glob("*.yml")})
