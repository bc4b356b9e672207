"""Excel workbook: the authoring template, filled in or empty (openpyxl).

Sheets: ``説明`` (instructions in Japanese), ``questions`` (the row layout of
``chatdojo.formats.sheet``), ``rules`` (the columns of data/rules.csv) and a hidden
``lists`` sheet holding the drop-down values (row kind, type, kind, profiles).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from chatdojo.formats.messages import ImportFailed, Problems
from chatdojo.formats.model import (
    KINDS,
    MAX_FILE_BYTES,
    RULE_COLUMNS,
    TYPES,
    Exchange,
    Loss,
    Options,
)
from chatdojo.formats.sheet import (
    COLUMNS,
    KEYS,
    ROW_KINDS,
    RowReader,
    bank_rows,
    header_key,
    header_row,
)

NAME = "xlsx"
SUFFIXES = (".xlsx",)
QUESTIONS_SHEET = "questions"
RULES_SHEET = "rules"
MAX_ROWS = 200_000
INSTRUCTIONS = """\
ChatDojo 問題・規程テンプレート

このブックに問題と規程を書き、次のコマンドで組織パックに取り込みます。
  chatdojo import このファイル.xlsx --into パックのフォルダ
取り込むと quizzes/<問題集ID>.md（問題）と data/rules.csv（規程）が書かれます。
同じファイルをもう一度取り込んでも、変わった問題だけが書き換わります。
エラーは「ファイル名!シート名!セル」（例: town.xlsx!questions!E12）で示されます。

■ questions シート（1行目は見出し。消さないでください）
・最初に「bank」行: ID（問題集ID、例 aisho-logochat）、日本語・英語（題名）、トピック、
  ガイド、出題数、合格ライン（0〜1、例 0.8）。
・続けて「question」行を1問につき1行: ID（例 ai-001）、問題の形式、問題の種別、規程ID、
  日本語・英語（問題文）、解説（日本語・英語）。
・問題の形式ごとの書き方
  single（1つ選ぶ）/ multiple（いくつでも選ぶ）: question 行の下に「option」行を選択肢の数だけ。
    正解の選択肢の「正解」列に ○。フィードバック列には、その選択肢を選んだ人への説明。
  truefalse（正誤）: question 行の「正解」に TRUE か FALSE。フィードバック（日本語・英語）は
    「正しい」と答えた人へ、不正解のフィードバック列は「誤り」と答えた人へ。
  matching（組み合わせ）: 「target」行（ID と選ぶ対象）を並べ、続けて「pair」行
    （日本語・英語に問い、「正解」に target の ID、フィードバック）。
  ordering（並べ替え）: 「step」行を正しい順に3つ以上。
  numeric（数値）: question 行の「正解」に数値、「許容誤差」、単位、フィードバック
    （正解のとき）と不正解のフィードバック。
・問題の種別: situation（場面で判断）/ recall（知識）/ calculation（計算）。
・規程ID: rules シートか data/rules.csv の ID を半角カンマ「,」で区切って書きます。
・対象プロファイル: その組織だけに出す問題なら組織の ID（例 aisho-town）。
・条件: 方針に合うときだけ出す問題に「after_hours: allowed」のように。複数は「;」で区切ります。
・注記: 他の組織の規程による問題に、誰の規程かを書きます。「source」と書くと自動の注記になります。
・日本語と英語は両方とも必要です。

■ rules シート: data/rules.csv と同じ列（id, source, article, topic, summary_ja, summary_en）。

■ よくあるエラー
・全角スペース「　」、全角カンマ「，」「、」、全角コロン「：」は ID や区切りに使えません。
・規程IDが見つからないときは、近いIDが示されます。
・CSV で保存するときは「CSV UTF-8（コンマ区切り）」を選んでください（CP932 も読めます）。
"""


def write(exchange: Exchange, out: Path, options: Options) -> list[Loss]:
    out.write_bytes(to_bytes(exchange, options.profiles))
    return []


def to_bytes(exchange: Exchange, profiles: Sequence[str] = ()) -> bytes:
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = "説明"
    for i, line in enumerate(INSTRUCTIONS.splitlines(), start=1):
        info.cell(row=i, column=1, value=line)
    info.column_dimensions["A"].width = 110
    info["A1"].font = Font(bold=True, size=14)
    questions = wb.create_sheet(QUESTIONS_SHEET)
    questions.append(header_row())
    for bank in exchange.banks:
        for row in bank_rows(bank):
            _append(questions, row)
    _dress(questions, [c[0] for c in COLUMNS], [f"{ja} / {en}" for _k, ja, en in COLUMNS])
    rules = wb.create_sheet(RULES_SHEET)
    rules.append(list(RULE_COLUMNS))
    for rule in exchange.rules:
        _append(rules, [rule.get(key, "") for key in RULE_COLUMNS])
    _dress(rules, list(RULE_COLUMNS), list(RULE_COLUMNS))
    lists = wb.create_sheet("lists")
    lists.sheet_state = "hidden"
    columns = {"row": ROW_KINDS, "type": TYPES, "kind": KINDS, "profiles": tuple(profiles) or ("",)}
    for col, (key, values) in enumerate(columns.items(), start=1):
        lists.cell(row=1, column=col, value=key)
        for r, value in enumerate(values, start=2):
            lists.cell(row=r, column=col, value=value)
        letter = get_column_letter(col)
        target = get_column_letter(KEYS.index(key) + 1)
        dv = DataValidation(
            type="list",
            formula1=f"=lists!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=key != "profiles",  # several profiles: "a, b" is allowed
            errorTitle="ChatDojo",
            error="一覧から選んでください / choose from the list",
        )
        dv.add(f"{target}2:{target}5000")
        questions.add_data_validation(dv)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _append(ws: Worksheet, row: list[Any]) -> None:
    """A row of values; text that looks like a formula (``=…``) stays text."""
    ws.append(row)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def _dress(ws: Worksheet, keys: list[str], notes: list[str]) -> None:
    ws.freeze_panes = "B2" if ws.title == QUESTIONS_SHEET else "A2"
    ws.row_dimensions[1].height = 32  # two lines: "rules 規程ID（,区切り）" wraps, not cut off
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, key in enumerate(keys, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(notes[col - 1], "ChatDojo")
        wide = key in ("ja", "en") or key.endswith(("_ja", "_en"))
        ws.column_dimensions[get_column_letter(col)].width = 40 if wide else 14


def read(path: Path, problems: Problems, options: Options) -> Exchange:
    known_rules = options.known_rules
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(path.name, "too_big", size=size, limit=MAX_FILE_BYTES)
        problems.raise_if_any()
    _check_zip(path, problems)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        problems.add(path.name, "bad_file", detail=type(exc).__name__)
        problems.raise_if_any()
        raise
    exchange = Exchange()
    try:
        if RULES_SHEET in wb.sheetnames:
            exchange.rules = _rules(path, wb[RULES_SHEET], problems)
        if QUESTIONS_SHEET in wb.sheetnames:
            ws = wb[QUESTIONS_SHEET]
            columns: dict[str, int] = {}
            locate = _locator(path, ws.title, columns)
            reader = RowReader(problems, locate, _with(known_rules, exchange))
            exchange.banks = reader.read(_rows(path, ws, columns, problems))
    except ImportFailed:
        raise
    except Exception as exc:  # a broken sheet inside a valid zip
        problems.add(path.name, "bad_file", detail=type(exc).__name__)
    finally:
        wb.close()
    problems.raise_if_any()
    return exchange


def _with(known: Sequence[str] | None, exchange: Exchange) -> list[str] | None:
    if known is None:
        return None
    return [*known, *(r.get("id", "") for r in exchange.rules)]


def _check_zip(path: Path, problems: Problems) -> None:
    """A workbook is a zip: refuse a bomb before openpyxl inflates it."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        problems.add(path.name, "bad_file", detail="not an .xlsx (zip) file")
        problems.raise_if_any()
        return
    if total > 20 * MAX_FILE_BYTES:
        problems.add(path.name, "too_big", size=total, limit=20 * MAX_FILE_BYTES)
        problems.raise_if_any()


def _locator(path: Path, sheet: str, columns: dict[str, int]) -> Any:
    def locate(row: int, key: str) -> str:
        col = columns.get(key, 1)
        return f"{path.name}!{sheet}!{get_column_letter(col)}{row}"

    return locate


def _rows(
    path: Path, ws: Any, columns: dict[str, int], problems: Problems
) -> Iterator[tuple[int, dict[str, Any]]]:
    for rownum, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if rownum > MAX_ROWS:
            problems.add(f"{path.name}!{ws.title}!A{rownum}", "too_many", limit=MAX_ROWS)
            return
        if rownum == 1:
            for col, cell in enumerate(values, start=1):
                key = header_key(cell)
                if key in KEYS:
                    columns[key] = col
            missing = [k for k in ("row", "id", "ja", "en") if k not in columns]
            if missing:
                problems.add(f"{path.name}!{ws.title}!A1", "no_headers", columns=", ".join(missing))
                return
            continue
        yield (
            rownum,
            {k: values[c - 1] if c - 1 < len(values) else None for k, c in columns.items()},
        )


def _rules(path: Path, ws: Any, problems: Problems) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    header: list[str] = []
    for rownum, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if rownum > MAX_ROWS:
            break
        cells = ["" if v is None else str(v).strip() for v in values]
        if rownum == 1:
            header = [c.lower() for c in cells]
            missing = [c for c in RULE_COLUMNS if c not in header]
            if missing:
                problems.add(f"{path.name}!{ws.title}!A1", "no_headers", columns=", ".join(missing))
                return []
            continue
        if not any(cells):
            continue
        row = {
            key: cells[header.index(key)] if header.index(key) < len(cells) else ""
            for key in RULE_COLUMNS
        }
        if "\u3000" in row["id"]:
            problems.add(f"{path.name}!{ws.title}!A{rownum}", "fullwidth_space", value=row["id"])
        out.append(row)
    return out
