"""Files a dashboard user takes away: built in memory, offered as ``data:`` download links.

A Voila page has no file server for kernel-made files, so each file travels inside
its link as base64. Filenames are plain ASCII and every attribute is escaped, so
nothing a user uploaded (a file name, a department) can end up as markup.
"""

from __future__ import annotations

import base64
import html
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from chatdojo.i18n import Strings
from chatdojo.paper import charts, export
from chatdojo.paper.labels import check_lang

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
}
LABELS = Strings.load("paper.downloads")
HEADING = {"ja": "ダウンロード", "en": "Downloads"}
LINK_STYLE = (
    "display:inline-flex;align-items:center;min-height:44px;padding:8px 14px;"
    "margin:4px 8px 4px 0;border:2px solid #1f6fb2;border-radius:6px;color:#0b4f8a;"
    "background:#f2f7fc;text-decoration:none;font-weight:bold;max-width:100%;"
    "overflow-wrap:anywhere"
)


@dataclass(frozen=True)
class Download:
    """One file: its ASCII name and its bytes."""

    filename: str
    data: bytes

    @property
    def kind(self) -> str:
        return self.filename.rsplit(".", 1)[-1]

    @property
    def href(self) -> str:
        return f"data:{MIME[self.kind]};base64,{base64.b64encode(self.data).decode('ascii')}"


def safe_name(stem: str, kind: str) -> str:
    """``paper_report_2024-04_to_2025-03_ja.xlsx``: letters, digits, ``._-`` only."""
    if kind not in MIME:
        raise ValueError(f"unknown download kind {kind!r}")
    text = stem.replace("..", "_to_")
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text)
    text = re.sub(r"_{2,}", "_", text).strip("._-")[:80] or "paper_report"
    return f"{text}.{kind}"


def comparison_files(comparison: object, lang: str = "ja") -> list[Download]:
    """Workbook, slides and monthly chart for a file-based comparison."""
    check_lang(lang)
    stem = f"paper_report_{comparison.current.label()}_{lang}"  # type: ignore[attr-defined]
    pngs = {
        "monthly": charts.png_bytes(charts.monthly_chart(comparison, lang)),
        "departments": charts.png_bytes(charts.department_chart(comparison, lang)),
    }
    with tempfile.TemporaryDirectory(prefix="paper-dl-") as folder:
        tmp = Path(folder)
        paths = {}
        for name, data in pngs.items():
            paths[name] = tmp / f"{name}.png"
            paths[name].write_bytes(data)
        xlsx = export.write_xlsx(comparison, tmp / "r.xlsx", lang=lang)  # type: ignore[arg-type]
        pptx = export.write_pptx(comparison, tmp / "r.pptx", paths, lang=lang)  # type: ignore[arg-type]
        return [
            Download(safe_name(stem, "xlsx"), xlsx.read_bytes()),
            Download(safe_name(stem, "pptx"), pptx.read_bytes()),
            Download(safe_name(f"{stem}_monthly", "png"), pngs["monthly"]),
        ]


def figures_files(
    figures: dict[str, float | None], lang: str, *, source: str, summary: str
) -> list[Download]:
    """Workbook, slides and the totals chart for typed-in figures."""
    check_lang(lang)
    stem = f"paper_report_typed_{lang}"
    png = charts.png_bytes(charts.totals_chart(figures, lang))
    with tempfile.TemporaryDirectory(prefix="paper-dl-") as folder:
        tmp = Path(folder)
        (tmp / "totals.png").write_bytes(png)
        xlsx = export.write_figures_xlsx(
            figures, tmp / "r.xlsx", lang=lang, source=source, summary=summary
        )
        pptx = export.write_figures_pptx(
            figures, tmp / "r.pptx", tmp / "totals.png", lang=lang, summary=summary
        )
        return [
            Download(safe_name(stem, "xlsx"), xlsx.read_bytes()),
            Download(safe_name(stem, "pptx"), pptx.read_bytes()),
            Download(safe_name(f"{stem}_totals", "png"), png),
        ]


TEMPLATE_LABELS = Strings.load("paper.downloads.templates")


def template_files(lang: str = "ja") -> list[Download]:
    """The blank usage table as Excel and CSV, headers in ``lang``."""
    from chatdojo.paper.template import template_csv, template_xlsx

    check_lang(lang)
    return [
        Download(f"paper_usage_template_{lang}.xlsx", template_xlsx(lang)),
        Download(f"paper_usage_template_{lang}.csv", template_csv(lang)),
    ]


def _size(data: bytes) -> str:
    return f"{max(1, round(len(data) / 1024)):,} KB"


def link_text(file: Download, lang: str) -> str:
    labels = TEMPLATE_LABELS if "_template_" in file.filename else LABELS
    label, size = labels.tr(file.kind, lang), _size(file.data)
    return f"{label}（{size}）" if lang == "ja" else f"{label} ({size})"


def links_html(
    files: list[Download], lang: str, *, heading: str | None = None, css: str = "cd-download"
) -> str:
    """One large link per file; the browser saves it under ``download``'s name."""
    check_lang(lang)
    label = heading or HEADING[lang]
    links = "".join(
        f'<a class="{css}" download="{html.escape(f.filename)}" '
        f'href="{html.escape(f.href)}" style="{LINK_STYLE}">{html.escape(link_text(f, lang))}</a>'
        for f in files
    )
    return (
        f'<div class="cd-downloads" role="group" aria-label="{html.escape(label)}" '
        f'style="display:flex;flex-wrap:wrap">{links}</div>'
    )
