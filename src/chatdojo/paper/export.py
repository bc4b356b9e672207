"""Excel, PowerPoint and PNG exports, written all-or-nothing.

Everything is written into a private temporary folder first and moved into the
output folder only after every file was produced, so a failure never leaves a
half-written workbook where a manager might pick it up and forward it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from chatdojo.cellsafety import defuse
from chatdojo.paper import calculations as calc
from chatdojo.paper import charts, slides
from chatdojo.paper.compare import Comparison
from chatdojo.paper.labels import (
    RATIO_EN,
    RATIO_JA,
    REDUCTION_EN,
    REDUCTION_JA,
    column_label,
    figure_label,
    ui,
)
from chatdojo.paper.narrative import comparison_summary

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = ("xlsx", "pptx", "png")
STEM = "paper_report"


def export_report(
    comparison: Comparison,
    out_dir: str | Path,
    *,
    lang: str = "ja",
    formats: tuple[str, ...] = FORMATS,
    stem: str = STEM,
) -> list[Path]:
    """Write the requested files into ``out_dir``; returns their final paths."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(sorted(unknown))}")
    out = Path(out_dir)
    staging_parent = out.parent if out.parent.is_dir() else None
    staging = Path(tempfile.mkdtemp(prefix=".paper-export-", dir=staging_parent))
    try:
        needs_png = "png" in formats or "pptx" in formats
        pngs = write_pngs(comparison, staging, lang=lang, stem=stem) if needs_png else {}
        written = list(pngs.values()) if "png" in formats else []
        if "xlsx" in formats:
            written.append(write_xlsx(comparison, staging / f"{stem}.xlsx", lang=lang))
        if "pptx" in formats:
            written.append(write_pptx(comparison, staging / f"{stem}.pptx", pngs, lang=lang))
        out.mkdir(parents=True, exist_ok=True)
        final = []
        for path in written:
            target = out / path.name
            if _same_fs(path, out):
                os.replace(path, target)  # atomic on one file system
            else:
                shutil.move(str(path), str(target))
            final.append(target)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _same_fs(a: Path, b: Path) -> bool:
    return a.stat().st_dev == b.stat().st_dev


def write_pngs(
    comparison: Comparison, folder: Path, *, lang: str, stem: str = STEM
) -> dict[str, Path]:
    """Monthly, department and totals charts as PNG files."""
    figures = {
        "monthly": charts.monthly_chart(comparison, lang),
        "departments": charts.department_chart(comparison, lang),
        "totals": charts.totals_chart(comparison.figures, lang),
    }
    paths = {}
    for name, fig in figures.items():
        path = folder / f"{stem}_{name}.png"
        path.write_bytes(charts.png_bytes(fig))
        paths[name] = path
    return paths


def _number_format(key: str) -> str:
    if key == "payback_years":
        return "0.0"
    if "ratio" in key or "rate" in key:
        return "0.0%"
    if key.endswith("kg_saved"):
        return "#,##0.0"
    return "#,##0"


def _figures_sheet(book: Workbook, figures: dict, key: str, value: str, lang: str) -> Worksheet:
    """The first sheet: title, one descriptive row, then every headline figure."""
    from openpyxl.styles import Font

    sheet = book.active
    sheet.title = "数値" if lang == "ja" else "Figures"
    sheet.append([ui("title", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([defuse(key), defuse(value)])
    sheet.append([])
    for name, number in figures.items():
        sheet.append([figure_label(name, lang), number])
        sheet.cell(sheet.max_row, 2).number_format = _number_format(name)
    sheet.column_dimensions["A"].width = 44
    sheet.column_dimensions["B"].width = 16
    return sheet


def write_xlsx(comparison: Comparison, path: Path, *, lang: str = "ja") -> Path:
    """Workbook: figures sheet with a native bar chart, monthly and department sheets, notes."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    period = f"{comparison.baseline.label()} → {comparison.current.label()}"
    sheet = _figures_sheet(book, comparison.figures, ui("period", lang), period, lang)

    tables = (
        ("月別" if lang == "ja" else "Monthly", comparison.by_month),
        ("部署別" if lang == "ja" else "Departments", comparison.by_department),
    )
    for title, table in tables:
        ws = book.create_sheet(title)
        ws.append([column_label(c, lang) for c in table.columns])
        for record in table.itertuples(index=False):
            ws.append([None if v != v else defuse(v) for v in record])  # NaN -> empty cell
        for col_idx, key in enumerate(table.columns, start=1):
            ws.column_dimensions[ws.cell(1, col_idx).column_letter].width = 14
            for row in range(2, ws.max_row + 1):
                ws.cell(row, col_idx).number_format = _number_format(key)

    monthly = book[tables[0][0]]
    chart = BarChart()
    chart.title = ui("chart_monthly", lang)
    chart.y_axis.title = ui("sheets", lang)
    cols = list(comparison.by_month.columns)
    for key in ("baseline_sheets", "current_sheets"):
        idx = cols.index(key) + 1
        chart.add_data(
            Reference(monthly, min_col=idx, min_row=1, max_row=monthly.max_row),
            titles_from_data=True,
        )
    chart.set_categories(Reference(monthly, min_col=2, min_row=2, max_row=monthly.max_row))
    chart.width, chart.height = 18, 8
    sheet.add_chart(chart, "D2")

    notes = book.create_sheet("説明" if lang == "ja" else "Notes")
    for line in _notes(comparison, lang):
        notes.append([defuse(line)])
    notes.column_dimensions["A"].width = 120
    book.save(path)
    return path


def _definitions(lang: str, co2_factor: float) -> list[str]:
    """What each figure means and where the factors come from."""
    if lang == "ja":
        return [
            f"{RATIO_JA}: 今年 ÷ 前年。56% なら「前年の56%まで減った」の意味。",
            f"{REDUCTION_JA}: 1 − 対前年比。44% なら「前年より44%減った」の意味。",
            f"紙の重さ: A4（{calc.A4_WIDTH_M * 1000:.0f}×{calc.A4_HEIGHT_M * 1000:.0f} mm）坪量 {calc.DEFAULT_GSM:g} g/m² で1枚約{calc.paper_kg(1) * 1000:.2f} g。",
            f"CO2係数: 紙1kgあたり {co2_factor:g} kg。出典: {calc.CO2_FACTOR_SOURCE}",
            "年間換算: 比較した月のペースが1年続くと仮定した見込み。まとめでは千枚・万円単位に丸めています。",
            "正味の削減額（年額）: 年間換算の削減額 − 運用費用（年額）。"
            "回収期間: 導入費用 ÷ 正味の削減額（正味がプラスでなければ回収できません）。",
        ]
    return [
        f"{RATIO_EN}: 56% means this year is 56% of last year.",
        f"{REDUCTION_EN}: 44% means 44% less than last year.",
        f"Paper weight: A4 ({calc.A4_WIDTH_M * 1000:.0f}x{calc.A4_HEIGHT_M * 1000:.0f} mm) at {calc.DEFAULT_GSM:g} g/m², about {calc.paper_kg(1) * 1000:.2f} g a sheet.",
        f"CO2 factor: {co2_factor:g} kg per kg of paper. Source: {calc.CO2_FACTOR_SOURCE}",
        "Per year (projected): assumes the pace of the months compared holds for a year;"
        " the summary rounds it to thousands of sheets and ¥10,000.",
        "Net saving per year: cost saved per year − running cost per year."
        " Payback: one-off cost ÷ net saving per year (never, when the net saving is not positive).",
    ]


def _notes(comparison: Comparison, lang: str) -> list[str]:
    """Definitions and sources, so a forwarded file explains itself."""
    source = "入力ファイル" if lang == "ja" else "Input file"
    return [
        *_definitions(lang, comparison.co2_factor),
        f"{source}: {comparison.source}",
        "",
        *comparison_summary(comparison, lang).splitlines(),
    ]


def write_pptx(
    comparison: Comparison, path: Path, pngs: dict[str, Path], *, lang: str = "ja"
) -> Path:
    """Slides: title, key figures table, monthly and department charts; summary in the notes."""
    deck = slides.new_deck()
    summary = comparison_summary(comparison, lang)
    period = (
        f"{comparison.current.label_ja()}（前年同期 {comparison.baseline.label_ja()}）"
        if lang == "ja"
        else f"{comparison.current.label_en()} vs {comparison.baseline.label_en()}"
    )

    slides.title_slide(deck, ui("title", lang), period, summary)
    slides.figures_slide(deck, comparison.figures, summary, lang)
    for name, caption in (("monthly", "chart_monthly"), ("departments", "chart_departments")):
        slides.picture_slide(deck, ui(caption, lang), pngs[name], summary)
    deck.save(str(path))
    return path


def write_figures_xlsx(
    figures: dict[str, float | None],
    path: Path,
    *,
    lang: str = "ja",
    source: str,
    summary: str,
    co2_factor: float = calc.DEFAULT_CO2_KG_PER_KG_PAPER,
) -> Path:
    """Workbook for typed-in totals: the figures sheet and the notes (no monthly detail)."""
    from openpyxl import Workbook

    book = Workbook()
    _figures_sheet(book, figures, "入力" if lang == "ja" else "Input", source, lang)
    notes = book.create_sheet("説明" if lang == "ja" else "Notes")
    for line in [*_definitions(lang, co2_factor), "", *summary.splitlines()]:
        notes.append([defuse(line)])
    notes.column_dimensions["A"].width = 120
    book.save(path)
    return path


def write_figures_pptx(
    figures: dict[str, float | None], path: Path, png: Path, *, lang: str = "ja", summary: str
) -> Path:
    """Slides for typed-in totals: title, key figures, the last-year/this-year chart."""
    deck = slides.new_deck()
    subtitle = summary.splitlines()[0] if summary else ""
    slides.title_slide(deck, ui("title", lang), subtitle, summary)
    slides.figures_slide(deck, figures, summary, lang)
    slides.picture_slide(deck, ui("figures", lang), png, summary)
    deck.save(str(path))
    return path
