"""Independent reference helpers for the paper tests (uniquely named to avoid clashes)."""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
FILES = HERE / "files"
DATA = HERE.parents[1] / "data" / "paper"


def raw_totals(path: Path, months: set[str], encoding: str = "utf-8-sig") -> tuple[int, int]:
    """Independent reference: sum 枚数 and 金額 with the csv module for the given months."""
    sheets = cost = 0
    with path.open(encoding=encoding, newline="") as handle:
        for record in csv.DictReader(handle):
            if record["年月"] in months:
                sheets += int(record["枚数"])
                cost += int(record["金額"])
    return sheets, cost


def month_span(first: str, last: str) -> set[str]:
    """All YYYY-MM strings from first to last inclusive."""
    y, m = map(int, first.split("-"))
    out = set()
    while f"{y:04d}-{m:02d}" <= last:
        out.add(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path
