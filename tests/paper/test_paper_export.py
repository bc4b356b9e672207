"""Excel, PowerPoint and PNG exports open cleanly and appear all-or-nothing."""

from __future__ import annotations

import pytest
from paper_helpers import DATA

from chatdojo.paper import export
from chatdojo.paper.compare import compare
from chatdojo.paper.io import read_usage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def result():
    return compare(read_usage(DATA / "sample_usage.csv"), staff=50)


@pytest.fixture(scope="module")
def exported(result, tmp_path_factory):
    """One full export shared by the read-back tests (charts take a moment to draw)."""
    out = tmp_path_factory.mktemp("export") / "out"
    return {
        p.suffix if p.suffix != ".png" else p.stem: p for p in export.export_report(result, out)
    }


def test_excel_workbook_reopens_with_figures_and_a_native_chart(result, exported):
    """Does the .xlsx reopen with openpyxl, hold the headline figures and a bar chart?"""
    from openpyxl import load_workbook

    book = load_workbook(exported[".xlsx"])
    assert book.sheetnames == ["数値", "月別", "部署別", "説明"]
    values = [row[1] for row in book["数値"].iter_rows(min_row=4, values_only=True)]
    assert values == [pytest.approx(v) for v in result.figures.values()]
    assert len(book["数値"]._charts) == 1
    assert book["月別"].max_row == len(result.by_month) + 1
    notes = " ".join(str(r[0]) for r in book["説明"].iter_rows(values_only=True) if r[0])
    assert "対前年比" in notes and "削減率" in notes and "BioResources" in notes


def test_english_workbook_uses_english_sheet_names(result, tmp_path):
    """Does lang='en' give English sheet names and labels?"""
    from openpyxl import load_workbook

    paths = export.export_report(result, tmp_path, lang="en", formats=("xlsx",))
    book = load_workbook(paths[0])
    assert book.sheetnames[0] == "Figures"
    labels = [row[0] for row in book["Figures"].iter_rows(min_row=4, values_only=True)]
    assert any("year-on-year ratio" in label for label in labels)


def test_slides_reopen_with_title_figures_charts_and_notes(result, exported):
    """Does the .pptx reopen with python-pptx: 4 slides, two chart pictures, summary in notes?"""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    deck = Presentation(str(exported[".pptx"]))
    slides = list(deck.slides)
    assert len(slides) == 4
    assert slides[0].shapes.title.text == "紙の削減効果レポート"
    pictures = [
        s for slide in slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert len(pictures) == 2
    table_text = " ".join(
        cell.text
        for s in slides[1].shapes
        if s.has_table
        for row in s.table.rows
        for cell in row.cells
    )
    assert "対前年比" in table_text and "削減率" in table_text
    assert f"{round(result.figures['sheets_saved']):,}" in table_text
    assert "削減率" in slides[2].notes_slide.notes_text_frame.text


def test_png_charts_are_real_images(exported):
    """Are the three PNG files real PNG images of a sensible size, all in the one folder?"""
    pngs = [p for key, p in exported.items() if key.startswith("paper_report_")]
    assert sorted(p.name for p in pngs) == [
        "paper_report_departments.png",
        "paper_report_monthly.png",
        "paper_report_totals.png",
    ]
    assert len({p.parent for p in exported.values()}) == 1
    for path in pngs:
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000


def test_failure_part_way_leaves_out_untouched(result, tmp_path, monkeypatch):
    """If making the slides fails after the workbook was written, is nothing moved into --out?"""

    def boom(*_args, **_kwargs):
        raise RuntimeError("disk full while writing slides")

    monkeypatch.setattr(export, "write_pptx", boom)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        export.export_report(result, out, formats=("xlsx", "pptx"))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # the staging folder is cleaned up too

    out.mkdir()
    (out / "keep.txt").write_text("earlier report", encoding="utf-8")
    with pytest.raises(RuntimeError):
        export.export_report(result, out, formats=("xlsx", "pptx"))
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_unknown_format_is_refused_before_writing(result, tmp_path):
    """Is a typo in formats refused without creating anything?"""
    with pytest.raises(ValueError, match="pdf"):
        export.export_report(result, tmp_path / "x", formats=("pdf",))
    assert not (tmp_path / "x").exists()
