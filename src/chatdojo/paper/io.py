"""Read a paper-usage table (CSV or .xlsx) into one tidy frame, or say exactly what to fix.

Offices save CSV from Excel as Shift_JIS (CP932) or UTF-8 with or without BOM, and
nobody knows which; we try UTF-8 strictly, then CP932, and only ask when neither fits.
Row numbers in messages are the spreadsheet's (header = row 1), never pandas' index.
"""

from __future__ import annotations

import io as _io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from chatdojo.paper import columns as cols
from chatdojo.paper.cells import build_frame
from chatdojo.paper.errors import IssueCollector, PaperInputError

CSV_ENCODINGS = ("utf-8-sig", "cp932")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class UsageData:
    """Rows as read: department, month (int), sheets, cost, mono/colour split, row number."""

    frame: pd.DataFrame
    source: str
    encoding: str  # "utf-8", "utf-8-sig", "cp932" or "xlsx"
    has_color_split: bool
    column_names: dict[str, str] = field(default_factory=dict)  # field -> header as written

    def header(self, field_key: str) -> str:
        """The user's own header for a field, for messages."""
        return self.column_names.get(field_key, cols.TEMPLATE_JA.get(field_key, field_key))


def decode_csv(data: bytes, source: str) -> tuple[str, str]:
    """Text and encoding name; PaperInputError names the first row that neither decodes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PaperInputError.single(
            source,
            "file is UTF-16 ('Unicode text'); save it as 'CSV UTF-8' or 'CSV (comma delimited)'",
        )
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        utf8_row = data[: exc.start].count(b"\n") + 1
    sjis: str | None
    try:
        sjis = data.decode("cp932")
    except UnicodeDecodeError:
        sjis = None
    # CP932 maps a few stray bytes (0x80, 0xA0, 0xFD-0xFF) to control/private characters:
    # text containing them is not really Shift_JIS.
    if sjis is not None and not any(ch in sjis for ch in "\x00\x80\uf8f0\uf8f1\uf8f2\uf8f3"):
        return sjis, "cp932"
    raise PaperInputError.single(
        source,
        "text is neither UTF-8 nor Shift_JIS (CP932); open it in Excel and save as 'CSV UTF-8'",
        row=utf8_row,
    )


def _read_bytes(source: str | Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), name or "upload"
    path = Path(source)
    try:
        return path.read_bytes(), name or str(source)
    except OSError as exc:
        raise PaperInputError.single(
            name or str(source), f"cannot open file: {exc.strerror}"
        ) from None


def _table_from_csv(data: bytes, source: str) -> tuple[list[str], pd.DataFrame, str]:
    import csv

    text, encoding = decode_csv(data, source)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    records = list(csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter))
    if not records or not any(cell.strip() for cell in records[0]):
        raise PaperInputError.single(
            source,
            "file is empty or row 1 has no headers; start from data/paper/template.csv",
            row=1,
        )
    headers = records[0]
    width = len(headers)
    collector = IssueCollector(source)
    for number, record in enumerate(records[1:], start=2):
        if len(record) > width and any(c.strip() for c in record[width:]):
            collector.add(
                f"row has {len(record)} cells but the header has {width}; check for a stray comma",
                row=number,
            )
    collector.raise_if_any()
    body = pd.DataFrame(
        [(r + [""] * width)[:width] for r in records[1:]], dtype=object, columns=range(width)
    )
    body.index = body.index + 2  # spreadsheet row numbers
    return headers, body, encoding


def _table_from_xlsx(data: bytes, source: str) -> tuple[list[str], pd.DataFrame, str]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise PaperInputError.single(
            source, f"cannot open as an Excel .xlsx workbook ({type(exc).__name__})"
        ) from None
    try:
        rows = list(book.worksheets[0].iter_rows(min_row=1, values_only=True))
    finally:
        book.close()
    if not rows:
        raise PaperInputError.single(
            source, "the first sheet is empty; start from data/paper/template.csv"
        )
    headers = ["" if h is None else str(h) for h in rows[0]]
    body = pd.DataFrame(
        [list(r) + [None] * (len(headers) - len(r)) for r in rows[1:]], dtype=object
    )
    body.index = body.index + 2
    return headers, body, "xlsx"


def read_usage(
    source: str | Path | bytes,
    *,
    mapping: Mapping[str, Any] | cols.ColumnMapping | str | Path | None = None,
    name: str | None = None,
) -> UsageData:
    """Read and validate a usage table; raise PaperInputError listing every problem found."""
    data, label = _read_bytes(source, name)
    if isinstance(mapping, str | Path):
        mapping = cols.load_mapping(mapping)
    elif not isinstance(mapping, cols.ColumnMapping):
        mapping = cols.parse_mapping(mapping)
    suffix = Path(label).suffix.lower()
    if suffix == ".xls":
        raise PaperInputError.single(label, "old .xls format; save it as .xlsx or CSV")
    reader = (
        _table_from_xlsx
        if suffix in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04"
        else _table_from_csv
    )
    headers, body, encoding = reader(data, label)
    collector = IssueCollector(label)
    found = cols.resolve_headers(headers, mapping, collector)
    collector.raise_if_any()
    body = body[~body.map(lambda v: v is None or str(v).strip() == "").all(axis=1)]
    if body.empty:
        raise PaperInputError.single(label, "no data rows under the header", row=2)
    frame = build_frame(body, headers, found, mapping, collector)
    split = bool(frame["mono_sheets"].notna().all())
    names = {key: headers[pos] for key, pos in found.items()}
    return UsageData(frame, label, encoding, split, names)
