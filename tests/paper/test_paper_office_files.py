"""Usage tables as offices export them: units in headers, synonyms, totals, yen signs, eras."""

from __future__ import annotations

import csv
import io

import pytest
from paper_helpers import DATA, FILES

from chatdojo.paper.compare import compare
from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.io import read_usage

DEPARTMENTS = ("総務課", "財政課", "市民課")


def expected(fy: int) -> tuple[int, int]:
    """Independent reference: the generator's formula summed by hand for one fiscal year."""
    sheets = cost = 0
    for i in range(len(DEPARTMENTS)):
        for month in range(1, 13):
            base = 9000 + i * 1500 + month * 37
            n = base if fy == 2023 else base * 7 // 10
            sheets += n
            cost += n * 26 // 10
    return sheets, cost


def _totals(name: str, **kw: object) -> tuple[object, object]:
    usage = read_usage(FILES / name, **kw)
    result = compare(usage)
    return usage, result


@pytest.mark.parametrize(
    "name",
    ["office_cp932.csv", "office_backslash_yen.csv", "office_utf8_bom.csv", "office_book.xlsx"],
)
def test_office_exports_read_to_the_same_totals(name):
    """Does every office shape give FY2023 vs FY2024 totals equal to the generator's own sums?"""
    usage, result = _totals(name)
    base_sheets, base_cost = expected(2023)
    cur_sheets, cur_cost = expected(2024)
    assert result.figures["baseline_sheets"] == base_sheets
    assert result.figures["current_sheets"] == cur_sheets
    assert result.figures["baseline_cost"] == base_cost
    assert result.figures["current_cost"] == cur_cost
    assert len(usage.frame) == 72


def test_total_row_is_left_out_and_reported():
    """Is the 合計 row left out, with a note naming its row, in both languages?"""
    usage = read_usage(FILES / "office_cp932.csv")
    assert usage.encoding == "cp932" and usage.header_row == 3
    assert [n.row for n in usage.notes] == [76]
    assert "合計" in usage.notes[0].text("ja") and "left out" in usage.notes[0].text("en")
    assert usage.column_names["cost"] == "金額（円）"
    assert usage.column_names["department"] == "所属"


def test_subtotal_and_total_words():
    """Are 小計 and Total rows left out too?"""
    assert [n.row for n in read_usage(FILES / "office_backslash_yen.csv").notes] == [74]
    assert len(read_usage(FILES / "office_utf8_bom.csv").notes) == 1


def test_workbook_sheet_title_rows_merged_cells_and_dates():
    """Does a workbook's usage sheet (not the first) load past title rows, merged cells and dates?"""
    usage = read_usage(FILES / "office_book.xlsx")
    assert usage.sheet == "使用量" and usage.sheets == ("説明", "使用量")
    assert usage.header_row == 3
    assert usage.frame["department"].value_counts().to_dict() == dict.fromkeys(DEPARTMENTS, 24)
    assert [n.row for n in usage.notes] == [76]


def test_workbook_sheet_can_be_chosen():
    """Does naming a sheet read that one, and naming a missing one say which exist?"""
    with pytest.raises(PaperInputError) as info:
        read_usage(FILES / "office_book.xlsx", sheet="説明")
    assert "部署" in info.value.render("ja")
    with pytest.raises(PaperInputError) as info:
        read_usage(FILES / "office_book.xlsx", sheet="nope")
    assert "説明, 使用量" in info.value.render("ja")


def test_heisei_to_reiwa_months():
    """Do H30.4 … H31.4 and R1.5 … R2.3 line up as FY2018 vs FY2019?"""
    result = compare(read_usage(FILES / "office_heisei.csv"))
    assert result.baseline.label() == "2018-04..2019-03"
    assert result.current.label() == "2019-04..2020-03"
    assert result.figures["sheets_saved"] == 3 * 12 * 1000


def test_triangle_minus_is_read_as_a_negative_number():
    """Is △500 read as -500 (refused as negative), not as 'not a number'?"""
    with pytest.raises(PaperInputError) as info:
        read_usage(FILES / "office_minus.csv")
    text = info.value.render("en")
    assert "'△500' is negative" in text and "'▲20' is negative" in text
    assert "not a number" not in text


def test_copier_counter_with_a3_and_a4_counters():
    """Are A4 and A3 counters added, A3 weighted as two A4 sheets, cost charged per count?"""
    usage = read_usage(FILES / "counter_a3a4.csv", mapping=DATA / "mapping_copier_counter_a3a4.yml")
    with (FILES / "counter_a3a4.csv").open(encoding="utf-8-sig") as handle:
        records = [
            r
            for r in csv.DictReader(handle)
            if r["集計年月"] == "202404" and r["設置部署"] == "総務課"
        ]
    mono = sum(int(r["白黒A4"]) + 2 * int(r["白黒A3"]) for r in records)
    color = sum(int(r["カラーA4"]) + 2 * int(r["カラーA3"]) for r in records)
    counts_cost = sum(
        1.6 * (int(r["白黒A4"]) + int(r["白黒A3"])) + 10 * (int(r["カラーA4"]) + int(r["カラーA3"]))
        for r in records
    )
    frame = usage.frame
    row = frame[(frame["department"] == "総務課") & (frame["month"] == 2024 * 12 + 3)]
    assert row["mono_sheets"].sum() == mono and row["color_sheets"].sum() == color
    assert row["cost"].sum() == pytest.approx(counts_cost)


def test_header_with_units_and_synonyms_in_a_small_csv(tmp_path):
    """Are 部署名/年月/使用枚数（枚）/費用(円) recognised with units and full-width brackets?"""
    text = "部署名,年月,使用枚数（枚）,費用(円)\n総務課,2023-04,10,20\n総務課,2024-04,5,10\n"
    path = tmp_path / "u.csv"
    path.write_text(text, encoding="utf-8")
    result = compare(read_usage(path))
    assert result.figures["sheets_saved"] == 5


def test_messages_in_japanese_name_file_row_and_column(tmp_path):
    """Is every message in Japanese on request, with file, row and column?"""
    path = tmp_path / "bad.csv"
    path.write_text("部署,年月,枚数,金額\n総務課,2024-13,abc,\n", encoding="utf-8")
    with pytest.raises(PaperInputError) as info:
        read_usage(path)
    ja = info.value.render("ja")
    lines = ja.splitlines()
    assert len(lines) == 3 and all(line.startswith(f"{path}: 2行目・列「") for line in lines)
    assert "「abc」は数値ではありません" in ja and "空欄" in ja and "年月として読めません" in ja
    assert not any(word in ja for word in ("row", "column", "not a"))


def test_every_template_in_the_source_has_a_japanese_form():
    """Does each message template used by the paper package have a Japanese translation?"""
    import ast
    from pathlib import Path

    import chatdojo.paper as paper_pkg
    from chatdojo.paper.messages import JA

    package = Path(paper_pkg.__file__).parent
    missing = []
    for path in package.glob("*.py"):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name not in ("add", "single", "issue", "LocalizedError") or not node.args:
                continue
            for arg in node.args[:2]:
                for text in _strings(arg):
                    sentence = any(ch.isalpha() for ch in text) and " " in text
                    if sentence and text.isascii() and text not in JA:
                        missing.append((path.name, text))
    assert not missing


def _strings(node):
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.JoinedStr):
        return ["<f-string>"]
    return []


def test_csv_reader_ignores_io_module_name():
    """(guard) The test module's own csv/io imports are the standard library ones."""
    assert csv.DictReader and io.StringIO
