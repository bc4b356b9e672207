"""The dashboard driven without a browser: set values, click, read the widgets."""

from __future__ import annotations

import datetime as dt
import html
import re

import ipywidgets as w
import pytest
from paper_helpers import DATA, FILES

from chatdojo.paper.compare import compare
from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.io import read_usage
from chatdojo.views.paper_dashboard import PaperDashboard, build_dashboard

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _upload(dash: PaperDashboard, path) -> None:
    data = path.read_bytes()
    dash.upload.value = (
        {
            "name": path.name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2025, 1, 1),
        },
    )


@pytest.fixture
def dash() -> PaperDashboard:
    return build_dashboard("ja")


def test_build_returns_one_widget_in_japanese(dash):
    """Is the dashboard a single ipywidgets widget with Japanese labels and no result yet?"""
    assert isinstance(dash, w.Widget)
    assert "紙の削減効果" in dash.title.value
    assert dash.calculate.description == "計算する"
    assert dash.alert.layout.display == "none" and dash.summary.value == ""


def test_uploading_a_file_shows_summary_chart_and_tables(dash):
    """After an upload, are the summary, chart, figures and department table filled in?"""
    _upload(dash, DATA / "sample_usage_sjis.csv")
    expected = compare(read_usage(DATA / "sample_usage_sjis.csv"))
    assert dash.alert.layout.display == "none"
    assert "対前年比" in dash.summary.value and "削減率" in dash.summary.value
    assert f"{round(expected.figures['sheets_saved']):,}" in dash.figures.value
    assert dash.chart_main.png.startswith(PNG_SIGNATURE) and 'alt="月別' in dash.chart_main.value
    assert dash.chart_departments.layout.display == "block"
    assert "部署別" in dash.departments_title.value
    for name in expected.by_department["department"]:
        assert name in dash.departments.value


def test_language_toggle_switches_labels_and_summary(dash):
    """Does switching to English relabel the controls and rewrite the summary?"""
    _upload(dash, DATA / "sample_usage.csv")
    dash.language.value = "en"
    assert dash.calculate.description == "Calculate"
    assert "year-on-year ratio" in dash.summary.value and "reduction rate" in dash.summary.value
    assert "対前年比" not in dash.summary.value


def test_explicit_periods_are_used_when_typed(dash):
    """With 2024-11..2025-03 typed as current, is that period compared?"""
    dash.current.value = "2024-11..2025-03"
    _upload(dash, DATA / "sample_usage.csv")
    assert "2024年11月〜2025年3月" in dash.summary.value


def test_broken_file_shows_the_cli_message_in_an_alert(dash):
    """Does a broken upload show the same 'row, column' message as the CLI, without a traceback?"""
    path = FILES / "text_in_count.csv"
    _upload(dash, path)
    with pytest.raises(PaperInputError) as info:
        read_usage(path.read_bytes(), name=path.name)
    assert dash.alert.layout.display == "block"
    assert 'role="alert"' in dash.alert.value
    shown = html.unescape(re.sub(r"<[^>]+>", "", dash.alert.value))
    assert info.value.render("ja") in shown
    assert (
        '3行目・列「<span lang="ja">枚数</span>」' in dash.alert.value
    )  # file data keeps its language
    assert "Traceback" not in dash.alert.value
    assert dash.summary.value == "" and dash.chart_main.value == "" and not dash.chart_main.png


def test_fixing_the_input_clears_the_alert(dash):
    """After an error, does a good upload hide the alert again?"""
    _upload(dash, FILES / "bad_month.csv")
    assert dash.alert.layout.display == "block"
    _upload(dash, DATA / "sample_usage.csv")
    assert dash.alert.layout.display == "none" and dash.summary.value


def test_clicking_without_a_file_explains_what_to_do(dash):
    """Does Calculate with no file chosen show a notice instead of failing silently?"""
    dash.calculate.click()
    assert dash.alert.layout.display == "block" and "ファイルが選ばれていません" in dash.alert.value


def test_typed_figures_reproduce_the_003_case(dash):
    """Typing 19,950 → 11,172 sheets: does the dashboard show ratio 56% and reduction 44%?"""
    dash.mode.value = "typed"
    assert dash.typed_box.layout.display == "flex" and dash.file_box.layout.display == "none"
    for key, value in {
        "baseline_sheets": 19950,
        "current_sheets": 11172,
        "baseline_cost": 43286,
        "current_cost": 21643,
    }.items():
        dash.typed[key].value = value
    dash.months.value = 2
    dash.calculate.click()
    assert dash.alert.layout.display == "none"
    assert "前年の56%（対前年比）" in dash.summary.value and "削減率は44%" in dash.summary.value
    assert dash.chart_main.png.startswith(PNG_SIGNATURE)


def test_typed_negative_number_is_an_alert(dash):
    """Is a negative typed figure reported in the alert box, naming the field?"""
    dash.mode.value = "typed"
    dash.typed["baseline_sheets"].value = 100
    dash.typed["current_cost"].value = -5
    dash.calculate.click()
    assert dash.alert.layout.display == "block" and "今年の費用（円）" in dash.alert.value


def test_layout_fits_a_phone_screen(dash):
    """Are the containers full-width with wrapping rows, so 375-px screens need no sideways scroll?"""
    assert dash.layout.width == "100%"
    rows = [c for c in dash.children if isinstance(c, w.Box) and c.layout.flex_flow]
    assert rows and all(r.layout.flex_flow == "row wrap" and r.layout.width == "100%" for r in rows)
    assert dash.chart_main.layout.width == "100%"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_try_the_sample_button_loads_the_sample(lang):
    """Does "try the sample" compute the report of data/paper/sample_usage.csv, in ja and en?"""
    dash = build_dashboard(lang)
    assert (
        dash.sample.description == {"ja": "サンプルデータで試す", "en": "Try the sample data"}[lang]
    )
    dash.sample.click()
    expected = compare(read_usage(DATA / "sample_usage.csv"))
    assert dash.alert.layout.display == "none", dash.alert.value
    assert f"{round(expected.figures['sheets_saved']):,}" in dash.figures.value
    assert dash.chart_main.png.startswith(PNG_SIGNATURE)
    assert "sample_usage.csv" in dash.notes.value and dash.notes.layout.display == "block"
    assert dash.files  # the downloads are offered too


def test_an_upload_after_the_sample_replaces_it(dash):
    """After the sample, does uploading a file compute from the file (not the sample)?"""
    dash.sample.click()
    _upload(dash, FILES / "office_utf8_bom.csv")
    expected = compare(read_usage(FILES / "office_utf8_bom.csv"))
    assert "サンプル" not in dash.notes.value and dash.alert.layout.display == "none"
    assert f"{round(expected.figures['sheets_saved']):,}" in dash.figures.value
