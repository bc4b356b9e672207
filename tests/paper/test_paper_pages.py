"""The two paper pages driven without a browser: shared header, language switch, downloads."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import warnings
from html import escape, unescape
from pathlib import Path

import ipywidgets as w
import pytest
from paper_helpers import DATA, FILES, write_csv

from chatdojo.content.catalog import load_catalog
from chatdojo.paper import charts, downloads
from chatdojo.paper.case_study import case_003
from chatdojo.views.page import UNEXPECTED, Page
from chatdojo.views.paper_case_view import CaseStudyView, case_study_page
from chatdojo.views.paper_dashboard import PaperDashboard
from chatdojo.views.paper_page import paper_dashboard_page

REPO = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LINK = re.compile(r'<a class="cd-download" download="([^"]+)" href="([^"]+)"')


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO / "tests" / "fixtures" / "base")


def make_page(catalog, lang: str = "ja") -> Page:
    return Page.from_request(catalog, {"lang": lang})


def upload(dash: PaperDashboard, path: Path, name: str | None = None) -> None:
    data = path.read_bytes()
    dash.upload.value = (
        {
            "name": name or path.name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime(2025, 1, 1),
        },
    )


def links(html: str) -> dict[str, bytes]:
    """Filename → decoded bytes of every download link in the HTML."""
    out = {}
    for name, href in LINK.findall(html):
        head, _, payload = unescape(href).partition(",")
        assert head.startswith("data:") and head.endswith(";base64")
        out[name] = base64.b64decode(payload, validate=True)
    return out


def all_widgets(widget: w.Widget) -> list[w.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found.extend(all_widgets(child))
    return found


@pytest.fixture(scope="module")
def uploaded(catalog):
    """One English dashboard page after uploading the sample (drawing the files takes a moment)."""
    page = make_page(catalog, "en")
    view = paper_dashboard_page(page)
    upload(view.dashboard, DATA / "sample_usage.csv")
    return page, view


# -- dashboard page -------------------------------------------------------------


def test_dashboard_page_has_the_shared_header_and_no_second_language_switch(catalog):
    """Is there exactly one language switch (the header's), with the dashboard following it?"""
    view = paper_dashboard_page(make_page(catalog, "ja"))
    assert "cd-app" in view._dom_classes
    toggles = [
        x for x in all_widgets(view) if isinstance(x, w.ToggleButtons) and x.value in ("ja", "en")
    ]
    assert len(toggles) == 1 and "cd-lang" in toggles[0]._dom_classes
    assert view.dashboard.language not in all_widgets(view)
    assert view.dashboard.calculate.description == "計算する"


def test_page_language_switch_relabels_the_dashboard(catalog):
    """Does page.set(lang='en') relabel the dashboard, and back to Japanese again?"""
    page = make_page(catalog, "ja")
    dash = paper_dashboard_page(page).dashboard
    page.set(lang="en")
    assert dash.lang == "en" and dash.calculate.description == "Calculate"
    assert dash.mode.options[0][0] == "From a file"
    page.set(lang="ja")
    assert dash.calculate.description == "計算する"


def test_page_language_switch_rewrites_results_and_files(catalog):
    """After a typed calculation, does flipping the page language rewrite summary and downloads?"""
    page = make_page(catalog, "ja")
    dash = paper_dashboard_page(page).dashboard
    dash.mode.value = "typed"
    dash.typed["baseline_sheets"].value = 19950
    dash.typed["current_sheets"].value = 11172
    dash.calculate.click()
    assert "対前年比" in dash.summary.value
    assert all(f.filename.endswith(("_ja.xlsx", "_ja.pptx", "_ja_totals.png")) for f in dash.files)
    page.set(lang="en")
    assert "year-on-year ratio" in dash.summary.value and "対前年比" not in dash.summary.value
    assert "Downloads" in dash.downloads_title.value
    assert {f.filename for f in dash.files} == {
        "paper_report_typed_en.xlsx",
        "paper_report_typed_en.pptx",
        "paper_report_typed_en_totals.png",
    }


def test_upload_offers_three_downloads_that_open(uploaded):
    """After an upload, are there Excel, PowerPoint and PNG links that decode to openable files?"""
    from openpyxl import load_workbook
    from pptx import Presentation

    _page, view = uploaded
    dash = view.dashboard
    assert dash.alert.layout.display == "none"
    files = links(dash.downloads.value)
    assert sorted(files) == [
        "paper_report_2024-04_to_2025-03_en.pptx",
        "paper_report_2024-04_to_2025-03_en.xlsx",
        "paper_report_2024-04_to_2025-03_en_monthly.png",
    ]
    book = load_workbook(io.BytesIO(files["paper_report_2024-04_to_2025-03_en.xlsx"]))
    assert book.sheetnames == ["Figures", "Monthly", "Departments", "Notes"]
    deck = Presentation(io.BytesIO(files["paper_report_2024-04_to_2025-03_en.pptx"]))
    assert len(deck.slides) == 4 and deck.slides[0].shapes.title.text == "Paper-savings report"
    assert files["paper_report_2024-04_to_2025-03_en_monthly.png"].startswith(PNG_SIGNATURE)
    assert "Excel workbook" in dash.downloads.value and "Downloads" in dash.downloads_title.value


def test_download_names_are_plain_ascii(uploaded):
    """Are the offered filenames ASCII letters, digits and ._- only?"""
    _page, view = uploaded
    for file in view.dashboard.files:
        assert re.fullmatch(r"[A-Za-z0-9._-]+", file.filename), file.filename
    assert downloads.safe_name('報告<script>.."x', "xlsx") == "script_to_x.xlsx"
    assert downloads.safe_name("日本語", "png") == "paper_report.png"


def test_typed_figures_also_offer_openable_files(catalog):
    """Do typed-in figures give a one-sheet-plus-notes workbook and three slides?"""
    from openpyxl import load_workbook
    from pptx import Presentation

    dash = paper_dashboard_page(make_page(catalog, "ja")).dashboard
    dash.mode.value = "typed"
    for key, value in {"baseline_sheets": 19950, "current_sheets": 11172}.items():
        dash.typed[key].value = value
    dash.months.value = 2
    dash.calculate.click()
    files = links(dash.downloads.value)
    book = load_workbook(io.BytesIO(files["paper_report_typed_ja.xlsx"]))
    assert book.sheetnames == ["数値", "説明"]
    assert book["数値"]["B4"].value == 19950
    deck = Presentation(io.BytesIO(files["paper_report_typed_ja.pptx"]))
    assert len(deck.slides) == 3
    assert files["paper_report_typed_ja_totals.png"].startswith(PNG_SIGNATURE)


def test_markup_in_user_data_is_shown_as_text(catalog, tmp_path):
    """Is a department or file name that looks like HTML escaped everywhere it appears?"""
    rows = [["部署", "年月", "枚数", "金額"]]
    for month in ("2023-11", "2023-12", "2024-11", "2024-12"):
        rows.append(['<img src=x onerror="alert(1)">課', month, 100, 300])
    path = write_csv(tmp_path / "x.csv", rows)
    dash = paper_dashboard_page(make_page(catalog, "ja")).dashboard
    upload(dash, path, name='<b onclick="x">.csv')
    assert dash.alert.layout.display == "none"
    for html in (dash.departments.value, dash.summary.value, dash.downloads.value):
        assert "<img src=x" not in html and "<b onclick" not in html
    assert "&lt;img src=x" in dash.departments.value
    upload(dash, FILES / "text_in_count.csv", name="<i>bad</i>.csv")
    assert "&lt;i&gt;bad&lt;/i&gt;" in dash.alert.value and "<i>bad" not in dash.alert.value


def test_a_failing_callback_shows_a_message_not_a_traceback(catalog, monkeypatch):
    """If the calculation itself crashes, does the click still return and show an alert?"""
    dash = paper_dashboard_page(make_page(catalog, "en")).dashboard

    def boom() -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(dash, "run", boom)
    dash.calculate.click()  # must not raise
    assert dash.alert.layout.display == "block"
    assert "Traceback" not in dash.alert.value
    assert "disk on fire" not in dash.alert.value  # the exception's text stays in the server log
    assert escape(UNEXPECTED["en"]) in dash.alert.value


def test_failing_downloads_keep_the_results(catalog, monkeypatch):
    """If the files cannot be made, are the figures still shown with a plain notice?"""

    def boom(*_args, **_kwargs):
        raise OSError("no space left")

    monkeypatch.setattr(downloads, "comparison_files", boom)
    dash = paper_dashboard_page(make_page(catalog, "en")).dashboard
    upload(dash, DATA / "sample_usage.csv")
    assert dash.summary.value and dash.alert.layout.display == "none"
    assert "could not be made" in dash.downloads.value and dash.files == []


def test_standalone_dashboard_keeps_its_own_switch():
    """Does build_dashboard-style use (no page) still show its own language switch?"""
    dash = PaperDashboard("en")
    assert dash.language in all_widgets(dash) and dash.language.value == "en"


# -- case study page ------------------------------------------------------------


@pytest.fixture
def case_page(catalog):
    page = make_page(catalog, "ja")
    view = case_study_page(page)
    return page, view.case_view


def test_case_page_shows_both_readings_cost_and_projection_in_japanese(case_page):
    """Does the Japanese page show 19,950 and 15,675, ¥2.47 a sheet, the cost and 19 million?"""
    _page, view = case_page
    text = view.explanation.value + view.costs.value
    for figure in ("19,950", "11,172", "15,675", "6,897", "8,778", "2.47円", "43,286円"):
        assert figure in text, figure
    assert "対前年比" in text and "削減率" in text
    assert "003 §5" in text and "003 §1" in text
    assert "19,000,000" in text and "8,360,000" in text and "10,640,000" in text
    assert "予測ではなく" in view.costs.value  # the caveat


def test_case_page_switches_every_label_to_english(case_page):
    """After page.set(lang='en'), are texts, table, inputs and link all in English?"""
    page, view = case_page
    page.set(lang="en")
    text = view.explanation.value + view.costs.value + view.whatif.value
    assert "year-on-year ratio" in text and "reduction rate" in text and "¥2.47" in text
    assert "読み方" not in text and "削減率（" not in text
    assert view.k.description == "Departments taking part" and view.n.description
    assert [label for label, _ in view.reading.options] == ["A (cautious)", "B (larger)"]
    assert "lang=en" in view.link.value and "dashboard" in view.link.value
    assert 'alt="Bar chart' in view.chart.value


def test_what_if_follows_the_inputs(case_page):
    """Do k, n and the reading drive the what-if, with k never above n?"""
    _page, view = case_page
    view.n.value, view.k.value = 10, 5
    assert "4,180,000" in view.whatif.value  # 19 M × 5/10 × 44%
    view.reading.value = "B"
    assert "5,320,000" in view.whatif.value  # 19 M × 5/10 × 56%
    view.n.value = 2
    assert view.k.value == 2 and view.k.max == 2
    assert "10,640,000" in view.whatif.value
    view.k.value = 0
    assert re.search(r">0<", view.whatif.value)


def test_case_chart_is_a_png_without_missing_glyphs():
    """Is the chart a real PNG in both languages, drawn without any missing-glyph warning?"""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pngs = {
            lang: charts.png_bytes(charts.case_chart(case_003(), lang)) for lang in ("ja", "en")
        }
    assert not [m for m in caught if "missing from" in str(m.message)]
    assert all(p.startswith(PNG_SIGNATURE) for p in pngs.values()) and pngs["ja"] != pngs["en"]


def test_case_view_reports_failures_inside_the_page(catalog, monkeypatch):
    """If re-rendering fails on a language flip, does the page show an alert instead of raising?"""
    page = make_page(catalog, "ja")
    view = CaseStudyView(page)

    def boom(*_args, **_kwargs):
        raise ValueError("bad figure")

    monkeypatch.setattr("chatdojo.views.paper_case_view.explanation_html", boom)
    page.set(lang="en")  # must not raise
    assert 'role="alert"' in view.alert.value and "bad figure" not in view.alert.value
    assert escape(UNEXPECTED["en"]) in view.alert.value  # in the language just switched to


# -- notebooks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notebook", "call"),
    [
        ("paper_dashboard.ipynb", "paper_dashboard_page()"),
        ("paper_case_study.ipynb", "case_study_page()"),
    ],
)
def test_notebooks_are_thin_pages(notebook, call):
    """Is each notebook an import and one call, with no markdown (Voila would show one language)?"""
    cells = json.loads((REPO / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    assert [c["cell_type"] for c in cells] == ["code", "code"]
    assert "".join(cells[0]["source"]).startswith("from chatdojo.views.paper_")
    assert "".join(cells[1]["source"]).strip() == call
