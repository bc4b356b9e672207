"""``chatdojo import FILE... --into PACK``: questions and rules from a spreadsheet or Moodle.

The format is told by each file's content: Excel (.xlsx), CSV (UTF-8 with or without
BOM, or CP932), Moodle XML or GIFT. Banks are written as PACK/quizzes/<bank>.md and
rules merged into PACK/data/rules.csv; nothing is written if any file has a problem.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatdojo.formats.markdown import WriteResult


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "import",
        help="read questions and rules from Excel, CSV, Moodle XML or GIFT into a pack",
        description="Read FILE(s) and write the pack's Markdown banks (PACK/quizzes/<bank>.md, "
        "one block per question; unchanged questions are left as they are) and rules "
        "(PACK/data/rules.csv). The format is recognised from the content. Problems are "
        "reported as file.xlsx!sheet!C12 or file.csv:12:C with what to do, in Japanese "
        "(--lang en for English), and nothing is written until every file reads cleanly. "
        "See docs/formats.md.",
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help=".xlsx, .csv, Moodle .xml or GIFT .txt"
    )
    parser.add_argument(
        "--into", required=True, type=Path, metavar="PACK", help="the pack folder to write into"
    )
    parser.add_argument(
        "--lang", default="ja", choices=("ja", "en"), help="language of the messages (default ja)"
    )
    parser.add_argument(
        "--file-lang",
        default="ja",
        choices=("ja", "en"),
        help="language of the texts in a Moodle XML or GIFT file (default ja)",
    )
    parser.add_argument(
        "--bank", metavar="ID", help="bank id for a Moodle/GIFT file (default: the file name)"
    )
    parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from chatdojo.content.catalog import default_root
    from chatdojo.formats.exchange import import_into, known_rules
    from chatdojo.formats.messages import ImportFailed
    from chatdojo.formats.model import Options

    lang = args.lang
    for path in args.files:
        if not path.is_file():
            msg = f"{path}: ファイルがありません" if lang == "ja" else f"{path}: no such file"
            print(f"chatdojo import: {msg}", file=sys.stderr)
            return 2
    pack: Path = args.into
    options = Options(
        lang=args.file_lang,
        bank_id=args.bank or "",
        known_rules=known_rules(pack, default_root()),
    )
    try:
        report = import_into(args.files, pack, options, dry_run=args.dry_run, lang=lang)
    except ImportFailed as failed:
        if args.json:
            print(
                json.dumps(
                    {"ok": False, "errors": [str(p) for p in failed.problems]}, ensure_ascii=False
                )
            )
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        tail = (
            "件の問題があります。何も書き込んでいません"
            if lang == "ja"
            else " problem(s); nothing written"
        )
        print(f"{len(failed.problems)}{tail}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"chatdojo import: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback to the user
        what = "読み込めませんでした" if lang == "ja" else "could not read the file(s)"
        print(f"chatdojo import: {what} ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    losses = [loss.as_dict() for loss in report.losses]
    if args.json:
        print(
            json.dumps(
                {
                    "ok": True,
                    "dry_run": args.dry_run,
                    "banks": [
                        {
                            "path": str(r.path),
                            "status": r.status,
                            "added": r.added,
                            "changed": r.changed,
                            "kept": r.kept,
                        }  # fmt: skip
                        for r in report.written
                    ],
                    "rules": {
                        "path": str(report.rules_path or ""),
                        "added": report.rules_added,
                        "changed": report.rules_changed,
                    },  # fmt: skip
                    "not_carried": losses,
                    "notes": report.notes,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for note in report.notes:
            print(note)
        for r in report.written:
            print(_describe(r, lang))
        if report.rules_path:
            added, changed = len(report.rules_added), len(report.rules_changed)
            print(
                f"{report.rules_path}: 規程 追加 {added} 件・変更 {changed} 件"
                if lang == "ja"
                else f"{report.rules_path}: rules added {added}, changed {changed}"
            )
        print(
            ("次に: chatdojo check --pack " if lang == "ja" else "Next: chatdojo check --pack ")
            + str(pack)
        )
        if not (pack / "pack.yml").is_file():
            print(
                f"{pack}/pack.yml がありません。chatdojo init {pack} --org ID --name 名称 で"
                "パックにしてください"
                if lang == "ja"
                else f"{pack}/pack.yml is missing: make it a pack with "
                f"chatdojo init {pack} --org ID --name NAME",
                file=sys.stderr,
            )
    for loss in report.losses:
        label = "取り込めなかったもの" if lang == "ja" else "not carried"
        print(f"{label}: {loss.where}: {loss.what}: {loss.detail}", file=sys.stderr)
    return 0


def _describe(result: WriteResult, lang: str) -> str:
    status = {"created": "新規作成", "updated": "更新", "unchanged": "変更なし"}
    word = status.get(result.status, result.status) if lang == "ja" else result.status
    parts = [f"{result.path}: {word}"]
    if result.added:
        parts.append(("追加 " if lang == "ja" else "added ") + ", ".join(result.added[:20]))
    if result.changed:
        parts.append(("変更 " if lang == "ja" else "changed ") + ", ".join(result.changed[:20]))
    if result.kept:
        parts.append(
            ("ファイルになく残した問題 " if lang == "ja" else "kept (not in file) ")
            + ", ".join(result.kept[:20])
        )
    return "; ".join(parts)
