"""Blank usage tables to fill in (CSV and Excel), in Japanese or English headers.

The CSV is UTF-8 with a byte-order mark so Excel opens the Japanese headers
correctly; the workbook's first sheet is the table to fill in and a second sheet
shows a worked example and the accepted spellings.
"""

from __future__ import annotations

import io

from chatdojo.paper.labels import check_lang

HEADERS = {"ja": ["部署", "年月", "枚数", "金額"], "en": ["department", "month", "sheets", "cost"]}
EXAMPLE = [
    ["総務課", "2024-04", 5600, 10500],
    ["総務課", "2025-04", 4100, 7700],
    ["市民課", "2024-04", 8200, 15300],
    ["市民課", "2025-04", 7900, 14800],
]
NOTES = {
    "ja": [
        "1行に1部署・1か月。前年の同じ月の行も入れてください（比較に使います）。",
        "年月: 2024-04、2024/4、2024年4月、R6.4、令和6年4月 のどれでも読めます。",
        "枚数: その月に複合機で使った枚数。金額: その月の使用料＋用紙代（円）。",
        "「9,426」「24,507円」「¥24,507」のような書き方や、合計の行があってもかまいません。",
    ],
    "en": [
        "One row per department and month. Include the same months a year earlier (for the comparison).",
        "Month: 2024-04, 2024/4, 2024年4月, R6.4 or 令和6年4月 are all read.",
        "Sheets: copier sheets used that month. Cost: that month's copier fee plus paper, in yen.",
        'Numbers such as "9,426", "24,507円" or "¥24,507" and a total row are fine.',
    ],
}


def template_csv(lang: str = "ja") -> bytes:
    """The header row only, UTF-8 with BOM and CRLF, as Excel writes CSV."""
    return (",".join(HEADERS[check_lang(lang)]) + "\r\n").encode("utf-8-sig")


def template_xlsx(lang: str = "ja") -> bytes:
    """Sheet 1: the empty table; sheet 2: a worked example and the notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    check_lang(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = "使用量" if lang == "ja" else "Usage"
    sheet.append(HEADERS[lang])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (18, 12, 12, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    example = book.create_sheet("記入例" if lang == "ja" else "Example")
    for line in NOTES[lang]:
        example.append([line])
    example.append([])
    example.append(HEADERS[lang])
    for row in EXAMPLE:
        example.append(row)
    example.column_dimensions["A"].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
