"""Spreadsheet problems name their cell and say the fix, in Japanese or English."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from chatdojo.formats import csvfile, xlsx
from chatdojo.formats.exchange import import_into
from chatdojo.formats.messages import ImportFailed, Problems
from chatdojo.formats.model import Options
from chatdojo.formats.sheet import KEYS, header_row
from chatdojo.formats.templates import write_template

RULES = ["003-2-01", "003-2-02", "003-3-01", "005-4-01"]


def _csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_row())
    for row in rows:
        writer.writerow([row.get(k, "") for k in KEYS])
    return buffer.getvalue()


BANK = {"row": "bank", "id": "town", "ja": "町の問題", "en": "Town questions", "topic": "town"}
QUESTION = {
    "row": "question", "id": "tw-001", "type": "truefalse", "kind": "situation",
    "rules": "003-2-01", "ja": "業務連絡はチャットで行う。", "en": "Work messages go by chat.",
    "correct": "○", "feedback_ja": "正解", "feedback_en": "Right", "feedback2_ja": "違います",
    "feedback2_en": "No", "explanation_ja": "チャットです。", "explanation_en": "Chat it is.",
}  # fmt: skip


def _read_csv(path: Path, lang: str = "ja") -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        csvfile.read(path, Problems(lang), Options(known_rules=list(RULES)))
    return [str(p) for p in failed.value.problems]


def test_cp932_csv_is_read_and_the_choice_is_said(tmp_path: Path) -> None:
    path = tmp_path / "town.csv"
    path.write_bytes(_csv([BANK, QUESTION]).encode("cp932"))
    exchange = csvfile.read(path, Problems(), Options(known_rules=list(RULES)))
    assert exchange.banks[0].questions[0]["text"]["ja"] == "業務連絡はチャットで行う。"
    assert any("CP932" in note for note in exchange.notes)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_csv_with_and_without_bom(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "town.csv"
    path.write_bytes(bom + _csv([BANK, QUESTION]).encode("utf-8"))
    exchange = csvfile.read(path, Problems(), Options(known_rules=list(RULES)))
    assert exchange.banks[0].questions[0]["answer"] is True
    assert any(("BOM" in n) == bool(bom) for n in exchange.notes)


def test_unreadable_encoding_names_the_line_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "town.csv"
    path.write_bytes(_csv([BANK]).encode("utf-8") + b"question,\x81\xff\xfe\n")
    problems = _read_csv(path)
    assert problems[0].startswith("town.csv:3: ")
    assert "CSV UTF-8" in problems[0]


def test_fullwidth_space_comma_and_colon_are_named_at_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "town.csv"
    rows = [
        BANK,
        {**QUESTION, "id": "tw-001", "rules": "003-2-01　003-2-02"},
        {**QUESTION, "id": "tw-002", "rules": "003-2-01，003-2-02"},
        {**QUESTION, "id": "tw-003", "when": "after_hours：allowed"},
    ]
    path.write_text(_csv(rows), encoding="utf-8")
    problems = _read_csv(path)
    assert problems[0].startswith("town.csv:3:E (rules: 規程ID")
    assert "全角スペース" in problems[0]
    assert problems[1].startswith("town.csv:4:E") and "半角カンマ" in problems[1]
    assert problems[2].startswith("town.csv:5:G") and "全角コロン" in problems[2]


def test_unknown_rule_lists_the_nearest_ids_in_english(tmp_path: Path) -> None:
    path = tmp_path / "town.csv"
    path.write_text(_csv([BANK, {**QUESTION, "rules": "003-2-10"}]), encoding="utf-8")
    problems = _read_csv(path, lang="en")
    assert len(problems) == 1
    assert problems[0].startswith("town.csv:3:E")
    assert "rule id '003-2-10' is not known. Nearest: " in problems[0]
    assert "003-2-01" in problems[0] and "005-4-01" not in problems[0]


def test_missing_english_text_in_a_workbook_names_the_cell(tmp_path: Path) -> None:
    book = tmp_path / "town.xlsx"
    write_template(book)
    wb = load_workbook(book)
    ws = wb["questions"]
    en_col = KEYS.index("en") + 1
    ws.cell(row=3, column=en_col).value = None  # row 3: the first question
    wb.save(book)
    with pytest.raises(ImportFailed) as failed:
        xlsx.read(book, Problems(), Options(known_rules=["town-1-01"]))
    first = str(failed.value.problems[0])
    assert first.startswith("town.xlsx!questions!I3: ")
    assert "英語の文" in first


def test_nothing_is_written_when_a_file_has_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "town.csv"
    path.write_text(_csv([BANK, {**QUESTION, "rules": "nope"}]), encoding="utf-8")
    pack = tmp_path / "pack"
    with pytest.raises(ImportFailed):
        import_into([path], pack, Options(known_rules=list(RULES)))
    assert not pack.exists()


def test_template_has_drop_downs_frozen_header_and_japanese_instructions(tmp_path: Path) -> None:
    book = tmp_path / "template.xlsx"
    write_template(book, ["default", "aisho-town"])
    wb = load_workbook(book)
    assert wb.sheetnames[:3] == ["説明", "questions", "rules"]
    assert "chatdojo import" in wb["説明"]["A4"].value
    ws = wb["questions"]
    assert ws.freeze_panes == "B2"
    ranges = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(ranges) == {"A2:A5000", "C2:C5000", "D2:D5000", "F2:F5000"}
    types = {ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)} - {None, ""}
    assert types == {"single", "multiple", "truefalse", "matching", "ordering", "numeric"}
    profiles = [c.value for c in wb["lists"]["D"][1:] if c.value]
    assert profiles == ["default", "aisho-town"]


def test_bounds_refuse_an_oversized_cell_and_a_zip_bomb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "town.csv"
    path.write_text(_csv([BANK, {**QUESTION, "ja": "あ" * 20_000}]), encoding="utf-8")
    assert any("長すぎ" in p for p in _read_csv(path))
    bomb = tmp_path / "bomb.xlsx"
    import zipfile

    monkeypatch.setattr(xlsx, "MAX_FILE_BYTES", 1000)  # inflated limit: 20 x this
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/big.xml", b"0" * 20_001)
    assert bomb.stat().st_size < 1000
    with pytest.raises(ImportFailed) as failed:
        xlsx.read(bomb, Problems(), Options())
    assert "大きすぎ" in str(failed.value)


def test_excel_cp932_rules_csv_is_merged_into_the_pack_as_utf8(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "data").mkdir(parents=True)
    (pack / "data" / "rules.csv").write_text(
        "id,source,article,topic,summary_ja,summary_en\n"
        "005-2-01,005,第2条,town,古い要約,Old summary\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "rules.csv"
    sheet.write_bytes(
        (
            "id,source,article,topic,summary_ja,summary_en\r\n"
            "005-2-01,005,第2条,town,新しい要約,New summary\r\n"
            '005-3-01,005,第3条,town,管理する者,"Who manages it, and how"\r\n'
        ).encode("cp932")
    )
    report = import_into([sheet], pack, Options(known_rules=[]))
    assert (report.rules_added, report.rules_changed) == (["005-3-01"], ["005-2-01"])
    assert any("CP932" in note for note in report.notes)
    text = (pack / "data" / "rules.csv").read_text(encoding="utf-8")
    assert "新しい要約" in text and '"Who manages it, and how"' in text


def test_cli_import_fails_with_the_problems_in_english(tmp_path: Path) -> None:
    from chatdojo.cli import main

    path = tmp_path / "town.csv"
    path.write_text(_csv([BANK, {**QUESTION, "en": ""}]), encoding="utf-8")
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["import", str(path), "--into", str(tmp_path / "pack"), "--lang", "en"])
    assert code == 1
    assert "town.csv:3:I (en: 英語): the English text (en) is empty" in err.getvalue()
    assert "nothing written" in err.getvalue()
    assert not (tmp_path / "pack").exists()


def test_broken_files_give_a_message_not_a_traceback(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("row,id,ja,en\nbank,x," + "a" * 200_000 + ",b\n", encoding="utf-8")
    assert "ファイルを読めません" in _read_csv(huge)[0]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportFailed) as failed:
        xlsx.read(broken, Problems("en"), Options())
    assert "broken.xlsx: cannot read the file" in str(failed.value)


@pytest.mark.parametrize("bank_id", ["../../outside", "Town", "a/b", "x.md"])
def test_a_bank_id_never_becomes_a_path_outside_the_pack(tmp_path: Path, bank_id: str) -> None:
    path = tmp_path / "town.csv"
    path.write_text(_csv([{**BANK, "id": bank_id}, QUESTION]), encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_into([path], tmp_path / "pack", Options(known_rules=list(RULES)))
    assert "town.csv:2:B" in str(failed.value) and "問題集ID" in str(failed.value)
    assert not (tmp_path / "pack").exists() and not (tmp_path / "outside.md").exists()
