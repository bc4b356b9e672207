"""The dashboard with real office files: templates, column editor, sheets, notes, costs, limits."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re

import pytest
from paper_helpers import DATA, FILES

from chatdojo.paper.io import read_usage
from chatdojo.paper.limits import LIMITS
from chatdojo.views.paper_dashboard import PaperDashboard, build_dashboard


def _upload(dash: PaperDashboard, name: str, data: bytes, size: int | None = None) -> None:
    dash.upload.value = (
        {
            "name": name,
            "type": "",
            "size": len(data) if size is None else size,
            "content": memoryview(data),
            "last_modified": dt.datetime(2025, 1, 1),
        },
    )


def _links(fragment: str) -> dict[str, bytes]:
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', fragment)
    return {name: base64.b64decode(html.unescape(data)) for name, data in found}


@pytest.fixture
def dash() -> PaperDashboard:
    return build_dashboard("ja")


def test_templates_are_offered_and_read_back_when_filled(dash, tmp_path):
    """Are an Excel and a CSV template offered before any upload, and does a filled one read?"""
    from openpyxl import load_workbook

    files = _links(dash.templates.value)
    assert set(files) == {"paper_usage_template_ja.xlsx", "paper_usage_template_ja.csv"}
    assert files["paper_usage_template_ja.csv"].decode("utf-8-sig").strip() == "部署,年月,枚数,金額"
    book = load_workbook(io.BytesIO(files["paper_usage_template_ja.xlsx"]))
    sheet = book.worksheets[0]
    for row in (("総務課", "2024-04", 100, 300), ("総務課", "2025-04", 60, 180)):
        sheet.append(row)
    path = tmp_path / "filled.xlsx"
    book.save(path)
    assert read_usage(path).frame["sheets"].sum() == 160
    assert "必要な列" in dash.needs.value and "5 MB" in dash.needs.value


def test_office_csv_shows_columns_read_and_the_total_row_note(dash):
    """Does a CP932 office export calculate, list its columns and say the 合計 row was left out?"""
    _upload(dash, "使用量.csv", (FILES / "office_cp932.csv").read_bytes())
    assert dash.alert.layout.display == "none", dash.alert.value
    assert dash.notes.layout.display == "block"
    assert "76行目" in dash.notes.value and "合計" in dash.notes.value
    choices = {h: d.value for h, d in dash.columns.choices.items()}
    assert choices == {
        "所属": "department",
        "対象月": "month",
        "使用枚数（枚）": "sheets",
        "金額（円）": "cost",
        "備考": "ignore",
    }
    assert dash.columns.layout.display == "flex"


def test_unrecognised_column_can_be_corrected_on_the_page(dash):
    """Is an unknown header reported in Japanese, then fixed by choosing its meaning?"""
    text = (DATA / "sample_usage.csv").read_text(encoding="utf-8-sig")
    data = text.replace("部署,", "担当係,", 1).encode("utf-8")
    _upload(dash, "renamed.csv", data)
    assert dash.alert.layout.display == "block"
    assert "部署" in dash.alert.value and "row" not in dash.alert.value
    assert set(dash.columns.choices) >= {"担当係", "年月", "枚数", "金額"}
    dash.columns.choices["担当係"].value = "department"
    dash.columns.apply.click()
    assert dash.alert.layout.display == "none", dash.alert.value
    assert "対前年比" in dash.summary.value


def test_workbook_sheet_is_chosen_and_can_be_changed(dash):
    """Does a workbook read its usage sheet, offer the others, and report a wrong choice in Japanese?"""
    _upload(dash, "book.xlsx", (FILES / "office_book.xlsx").read_bytes())
    assert dash.alert.layout.display == "none", dash.alert.value
    assert list(dash.columns.sheet.options) == ["説明", "使用量"]
    assert dash.columns.sheet.value == "使用量"
    dash.columns.sheet.value = "説明"
    assert dash.alert.layout.display == "block" and "必要な列" in dash.alert.value


def test_costs_give_net_saving_and_payback(dash):
    """Do a one-off purchase and a running cost add net saving and payback to summary and figures?"""
    dash.initial_cost.value = 100_000
    dash.running_cost.value = 50_000
    _upload(dash, "sample.csv", (DATA / "sample_usage.csv").read_bytes())
    assert "正味の効果" in dash.summary.value
    assert "正味の削減額" in dash.figures.value and "回収期間" in dash.figures.value


def test_too_big_upload_is_refused_with_the_limit(dash):
    """Is a file over the limit refused by its size, in the page's language, without parsing?"""
    _upload(dash, "huge.csv", b"x", size=LIMITS.max_bytes + 1)
    assert dash.alert.layout.display == "block" and '上限は<span lang="en">5 MB' in dash.alert.value
    english = build_dashboard("en")
    _upload(english, "huge.csv", b"x" * (LIMITS.max_bytes + 1))
    assert 'the limit is <span lang="en">5 MB</span>' in english.alert.value


def test_english_page_gives_english_messages():
    """On the English page, is a bad cell reported in English, naming row and column?"""
    dash = build_dashboard("en")
    _upload(dash, "bad.csv", (FILES / "text_in_count.csv").read_bytes())
    text = re.sub(r"<[^>]+>", "", dash.alert.value)
    assert "row 3, column 枚数" in text and "is not a number" in text
    assert 'column <span lang="ja">枚数</span>' in dash.alert.value


def test_typed_figures_with_costs_give_net_and_payback(dash):
    """Do typed totals plus costs show the net saving and payback (council example)?"""
    dash.mode.value = "typed"
    for key, value in {
        "baseline_sheets": 1_000_000,
        "current_sheets": 400_000,
        "baseline_cost": 12_000_000,
        "current_cost": 3_590_000,
    }.items():
        dash.typed[key].value = value
    dash.initial_cost.value = 10_000_000
    dash.running_cost.value = 4_160_000
    dash.calculate.click()
    assert dash.alert.layout.display == "none", dash.alert.value
    assert "約425万円" in dash.figures.value and "2.4年" in dash.figures.value
    assert "約2.4年で回収" in dash.summary.value
