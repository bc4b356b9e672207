"""End to end: a manager on a phone uploads a usage table and takes the files away."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "paper" / "sample_usage.csv"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_dashboard_upload_summary_chart_and_downloads(server: str, phone, tmp_path) -> None:
    """Does uploading the sample in English show the figures, a chart and working downloads at 375 px?"""
    from openpyxl import load_workbook

    from chatdojo.paper.compare import compare
    from chatdojo.paper.io import read_usage

    expected = compare(read_usage(SAMPLE)).figures
    phone.goto(server + "/voila/render/paper_dashboard.ipynb?lang=en")
    upload = phone.locator(".cd-paper-dashboard .widget-upload")
    upload.wait_for()
    assert phone.locator(".cd-lang .mod-active").inner_text() == "English"
    # ipywidgets 8 keeps its <input type=file> out of the DOM; the button opens the chooser
    with phone.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(SAMPLE)

    phone.get_by_text("Summary to read aloud").wait_for()
    text = phone.locator(".cd-paper-dashboard").inner_text()
    for key in ("baseline_sheets", "current_sheets", "sheets_saved"):
        assert f"{round(expected[key]):,}" in text
    assert "year-on-year ratio" in text and "reduction rate" in text
    chart = phone.locator(".cd-paper-dashboard img").first
    chart.scroll_into_view_if_needed()
    assert chart.is_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 100")

    links = phone.locator("a.cd-download")
    links.first.wait_for(timeout=120_000)
    assert links.count() == 3
    names = [links.nth(i).get_attribute("download") for i in range(3)]
    assert [n.rsplit(".", 1)[1] for n in names] == ["xlsx", "pptx", "png"]
    links.first.scroll_into_view_if_needed()
    with phone.expect_download() as download:
        links.first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == names[0]
    assert load_workbook(saved).sheetnames[0] == "Figures"
    assert "Traceback" not in phone.content()
    assert no_horizontal_scroll(phone)


def test_case_study_in_japanese_then_english(server: str, phone) -> None:
    """Does the case study show both readings in Japanese, take typed input, and switch to English?"""
    phone.goto(server + "/voila/render/paper_case_study.ipynb?lang=ja")
    phone.wait_for_selector(".cd-paper-case .cd-chart")
    text = phone.locator(".cd-paper-case").inner_text()
    assert "19,950" in text and "15,675" in text and "対前年比" in text and "削減率" in text
    assert phone.locator(".cd-paper-case .cd-chart").evaluate("img => img.naturalWidth > 100")
    assert no_horizontal_scroll(phone)

    k = phone.locator(".cd-paper-case input[type=number]").first
    k.scroll_into_view_if_needed()
    k.fill("5")
    phone.keyboard.press("Tab")  # the value is sent when the field loses focus
    phone.get_by_text("4,180,000").wait_for()  # 19 M × 5/10 × 44%

    phone.get_by_role("button", name="English").click()
    phone.get_by_text("Both readings, worked back").wait_for()
    assert "4,180,000" in phone.locator(".cd-whatif").inner_text()
    assert no_horizontal_scroll(phone)


def test_too_big_file_is_refused_in_the_page_which_keeps_working(server: str, phone, tmp_path):
    """Is a 12 MB file refused in Japanese before it is sent, and does the page still calculate?"""
    big = tmp_path / "big.csv"
    big.write_bytes("部署,年月,枚数,金額\n".encode() + b"x" * (12 * 1024 * 1024))
    phone.goto(server + "/voila/render/paper_dashboard.ipynb?lang=ja")
    upload = phone.locator(".cd-paper-dashboard .widget-upload")
    upload.wait_for()
    with phone.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(big)
    message = phone.locator(".cd-upload-limit-message")
    message.wait_for(state="visible")
    assert "上限は5 MB" in message.inner_text()

    office = REPO / "tests" / "paper" / "files" / "office_cp932.csv"
    with phone.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(office)
    phone.get_by_text("読み上げ用のまとめ").wait_for(timeout=60_000)
    assert message.is_hidden()
    notes = phone.locator(".cd-paper-dashboard [role=status]").first
    assert "合計" in phone.locator(".cd-paper-dashboard").inner_text()
    assert notes.is_visible()
    assert no_horizontal_scroll(phone)
