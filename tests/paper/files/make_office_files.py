"""Write the office-export fixtures (run from the repository root; output is committed).

    .venv/bin/python tests/paper/files/make_office_files.py

Each file is one shape a municipal office really exports; the numbers are invented
and the same in every file, so each test can compare against ``expected_totals``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).parent
DEPARTMENTS = ("総務課", "財政課", "市民課")


def months() -> list[tuple[int, int]]:
    out = []
    for fy in (2023, 2024):
        for i in range(12):
            month = (3 + i) % 12 + 1
            out.append((fy + (1 if month <= 3 else 0), month))
    return out


def sheets(dept: int, year: int, month: int) -> int:
    fy = year - (1 if month <= 3 else 0)
    base = 9000 + dept * 1500 + month * 37
    return base if fy == 2023 else base * 7 // 10


def cost(n: int) -> int:
    return n * 26 // 10


def rows() -> list[tuple[str, int, int, int, int]]:
    return [
        (dept, year, month, sheets(i, year, month), cost(sheets(i, year, month)))
        for i, dept in enumerate(DEPARTMENTS)
        for year, month in months()
    ]


def reiwa(year: int, month: int) -> str:
    return f"令和{year - 2018}年{month}月"


def write_cp932_office() -> None:
    """CP932, CRLF, title line, 令和 months, quoted "9,426", "24,507円", 備考, 合計 row."""
    lines = [
        "令和5・6年度 コピー用紙使用量（総務部調べ）",
        "",
        "所属,対象月,使用枚数（枚）,金額（円）,備考",
    ]
    total_n = total_y = 0
    for dept, year, month, n, yen in rows():
        note = "会議資料の電子化" if (year, month) == (2024, 4) else ""
        lines.append(f'{dept},{reiwa(year, month)},"{n:,}","{yen:,}円",{note}')
        total_n, total_y = total_n + n, total_y + yen
    lines.append(f',合計,"{total_n:,}","{total_y:,}円",')
    (HERE / "office_cp932.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


def write_cp932_backslash_yen() -> None:
    """Excel-style yen: CP932 has no ¥, so amounts come out as \\24,507 (byte 0x5C)."""
    lines = ["部署名,年月,枚数,費用(円)"]
    for dept, year, month, n, yen in rows():
        lines.append(f'{dept},{year}/{month},{n},"\\{yen:,}"')
    lines.append("小計,,,")
    (HERE / "office_backslash_yen.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


def _fw(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def write_utf8_bom_mixed() -> None:
    """UTF-8 with BOM: 課名/月/カウンター/料金, full-width digits, ￥ and ¥, mixed month spellings."""
    spellings = [
        lambda y, m: f"{y}-{m:02d}",
        lambda y, m: f"{y}/{m}",
        lambda y, m: f"{y}年{m}月",
        lambda y, m: f"R{y - 2018}.{m}",
        lambda y, m: reiwa(y, m),
    ]
    lines = ["課名,月,カウンター,料金"]
    for k, (dept, year, month, n, yen) in enumerate(rows()):
        month_text = spellings[k % len(spellings)](year, month)
        count = _fw(f"{n:,}") if k % 2 else f"{n}枚"
        amount = f"￥{yen:,}" if k % 3 else f"¥{yen}"
        lines.append(f'{dept},{month_text},"{count}","{amount}"')
    lines.append("Total,,,")
    (HERE / "office_utf8_bom.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def write_heisei_csv() -> None:
    """平成 to 令和: FY2018 (H30.4..H31.3) against FY2019 (H31.4, R1.5 … R2.3)."""
    lines = ["部署,年月,枚数,金額"]
    for i, dept in enumerate(DEPARTMENTS):
        for fy in (2018, 2019):
            for k in range(12):
                month = (3 + k) % 12 + 1
                year = fy + (1 if month <= 3 else 0)
                era = (
                    f"H{year - 1988}.{month}"
                    if (year, month) < (2019, 5)
                    else f"R{year - 2018}.{month}"
                )
                n = 5000 + i * 100 - (fy - 2018) * 1000
                lines.append(f"{dept},{era},{n},{n * 3}")
    (HERE / "office_heisei.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_minus_signs() -> None:
    """△ and ▲ are read as minus signs (and then refused as negative counts)."""
    lines = ["部署,年月,枚数,金額", "総務課,2024-04,△500,1000", "総務課,2023-04,▲20,40"]
    (HERE / "office_minus.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_workbook() -> None:
    """説明 sheet first; 使用量 sheet with title rows, merged department cells, Excel dates,
    numbers stored as text and a 合計 row."""
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    notes.title = "説明"
    notes.append(["このブックはコピー用紙の使用量です。"])
    notes.append(["金額は税込です。"])
    ws = book.create_sheet("使用量")
    ws.append(["コピー用紙使用量"])
    ws.append(["作成: 総務課", None, None, "単位: 枚・円"])
    ws.append(["部署名", "年月", "使用枚数（枚）", "金額（円）", "備考"])
    first = ws.max_row + 1
    for i, dept in enumerate(DEPARTMENTS):
        start = ws.max_row + 1
        for year, month in months():
            n = sheets(i, year, month)
            as_text = (year + month) % 2 == 0
            ws.append(
                [
                    dept if (year, month) == months()[0] else None,
                    dt.datetime(year, month, 1),
                    f"{n:,}" if as_text else n,
                    str(cost(n)) if as_text else cost(n),
                    None,
                ]
            )
            ws.cell(ws.max_row, 2).number_format = "yyyy年m月"
        ws.merge_cells(start_row=start, end_row=ws.max_row, start_column=1, end_column=1)
    last = ws.max_row
    ws.append(["合計", None, f"=SUM(C{first}:C{last})", f"=SUM(D{first}:D{last})"])
    book.save(HERE / "office_book.xlsx")


def write_counter_a3a4() -> None:
    """Copier counter export: per machine, mono/colour × A4/A3 counters, no yen column."""
    lines = ["機器番号,設置部署,集計年月,白黒A4,白黒A3,カラーA4,カラーA3"]
    for i, dept in enumerate(DEPARTMENTS):
        for year, month in months():
            n = sheets(i, year, month)
            for machine in (1, 2):
                mono4, mono3 = n // 2 * 8 // 10, n // 2 // 10
                col4, col3 = n // 20, n // 100
                lines.append(
                    f"MFP-{i}{machine},{dept},{year}{month:02d},{mono4},{mono3},{col4},{col3}"
                )
    (HERE / "counter_a3a4.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


if __name__ == "__main__":
    write_cp932_office()
    write_cp932_backslash_yen()
    write_utf8_bom_mixed()
    write_heisei_csv()
    write_minus_signs()
    write_workbook()
    write_counter_a3a4()
