"""Months as integers and the baseline/current windows compared.

A month is ``year * 12 + (month - 1)`` internally: adding 12 is "one year later",
which keeps the year-over-year pairing a one-line, vectorizable operation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chatdojo.i18n import MONTHS_EN
from chatdojo.paper.errors import LocalizedError

MONTH_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
COMPACT_RE = re.compile(r"^(\d{4})(\d{2})$")
DATE_RE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/]\d{1,2}(?:[ T].*)?$")
ERA_RE = re.compile(r"^(令和|平成|R|H)\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})\s*月?$", re.IGNORECASE)
ERA_START = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988}  # era year 1 = start + 1
RANGE_SEP = ".."


def month_index(year: int, month: int) -> int:
    """Integer month so that +12 means the same month one year later."""
    return year * 12 + (month - 1)


def parse_month(text: str) -> int | None:
    """Parse ``YYYY-MM`` (also ``YYYY/MM``, ``YYYY年MM月``, ``YYYYMM``, ``YYYY-MM-DD``, ``R6.11``).

    Returns ``None`` when the text is not a month, so callers can report the row.
    """
    text = text.strip()
    era = ERA_RE.match(text)
    if era:  # 和暦 such as R6.11 or 令和6年11月, common in municipal spreadsheets
        year = ERA_START[era.group(1).lower()] + (1 if era.group(2) == "元" else int(era.group(2)))
        month = int(era.group(3))
        return month_index(year, month) if 1 <= month <= 12 else None
    for pattern in (MONTH_RE, COMPACT_RE, DATE_RE):
        match = pattern.match(text)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if 1 <= month <= 12 and 1900 <= year <= 2999:
                return month_index(year, month)
            return None
    return None


def format_month(index: int) -> str:
    """``YYYY-MM`` for an integer month."""
    year, month0 = divmod(int(index), 12)
    return f"{year:04d}-{month0 + 1:02d}"


MONTH_NAMES_EN = MONTHS_EN


def format_month_en(index: int) -> str:
    """``November 2024`` for reading aloud."""
    year, month0 = divmod(int(index), 12)
    return f"{MONTH_NAMES_EN[month0]} {year}"


def format_month_ja(index: int) -> str:
    """``2024年11月`` for reading aloud."""
    year, month0 = divmod(int(index), 12)
    return f"{year}年{month0 + 1}月"


@dataclass(frozen=True)
class MonthRange:
    """An inclusive run of consecutive months, e.g. 2024-11..2024-12."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise LocalizedError(
                "range ends ({end}) before it starts ({start})",
                end=format_month(self.end),
                start=format_month(self.start),
            )

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(range(self.start, self.end + 1))

    def __len__(self) -> int:
        return self.end - self.start + 1

    def shift(self, months: int) -> MonthRange:
        return MonthRange(self.start + months, self.end + months)

    def label(self) -> str:
        """``2024-11..2024-12`` (or one month alone)."""
        if self.start == self.end:
            return format_month(self.start)
        return f"{format_month(self.start)}{RANGE_SEP}{format_month(self.end)}"

    def label_en(self) -> str:
        if self.start == self.end:
            return format_month_en(self.start)
        return f"{format_month_en(self.start)} to {format_month_en(self.end)}"

    def label_ja(self) -> str:
        if self.start == self.end:
            return format_month_ja(self.start)
        return f"{format_month_ja(self.start)}〜{format_month_ja(self.end)}"


def parse_range(text: str) -> MonthRange:
    """Parse ``YYYY-MM..YYYY-MM`` or a single ``YYYY-MM``; ValueError says what is expected."""
    raw = text.strip()
    parts = raw.split(RANGE_SEP) if RANGE_SEP in raw else [raw, raw]
    start, end = (parse_month(p) for p in parts) if len(parts) == 2 else (None, None)
    if start is None or end is None:
        raise LocalizedError(
            "'{text}' is not a month range; write YYYY-MM..YYYY-MM, e.g. 2024-11..2024-12",
            text=text,
        )
    return MonthRange(start, end)


def default_windows(months: set[int], max_len: int = 12) -> tuple[MonthRange, MonthRange] | None:
    """Latest run of months that each have data one year earlier (at most 12).

    This is "the latest period against the same months one year earlier": with 24
    months of data it compares the last 12 with the 12 before; with data for only
    Nov–Dec of two years it compares those two months. ``None`` if the latest month
    has no year-earlier counterpart.
    """
    if not months:
        return None
    max_len = min(max_len, 12)  # longer windows would overlap their own baseline
    end = max(months)
    if end - 12 not in months:
        return None
    start = end
    while start - 1 in months and start - 13 in months and end - start + 2 <= max_len:
        start -= 1
    current = MonthRange(start, end)
    return current.shift(-12), current


def resolve_windows(
    months: set[int], baseline: MonthRange | None, current: MonthRange | None
) -> tuple[MonthRange, MonthRange] | None:
    """Fill in a missing window by shifting the other one by a year."""
    if baseline is None and current is None:
        return default_windows(months)
    if baseline is None:
        assert current is not None
        baseline = current.shift(-12)
    if current is None:
        current = baseline.shift(12)
    return baseline, current
