"""Read a paper-usage table (CSV or .xlsx) into one tidy frame, or say exactly what to fix.

Offices save CSV from Excel as Shift_JIS (CP932) or UTF-8 with or without BOM, and
nobody knows which; we try UTF-8 strictly, then CP932, and only ask when neither fits.
Exports often put a title above the header and a 合計 row at the bottom: the header
is found among the first rows, and total rows are left out and reported.
Row numbers in messages are the spreadsheet's, never pandas' index.
Every read is bounded (``paper.limits``): bytes, rows, cells, unpacked size, seconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from chatdojo.paper import columns as cols
from chatdojo.paper import tables, workbook
from chatdojo.paper.cells import build_frame
from chatdojo.paper.errors import Issue, IssueCollector, PaperInputError, issue
from chatdojo.paper.limits import LIMITS, Deadline, Limits

CSV_ENCODINGS = ("utf-8-sig", "cp932")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
TOTAL_WORDS = frozenset(
    {"計", "合計", "小計", "総計", "総合計", "累計", "total", "subtotal", "sum"}
)
TOTAL_PREFIXES = ("合計", "小計", "総計", "総合計", "total", "subtotal", "grandtotal")


@dataclass(frozen=True)
class UsageData:
    """Rows as read: department, month (int), sheets, cost, mono/colour split, row number."""

    frame: pd.DataFrame
    source: str
    encoding: str  # "utf-8", "utf-8-sig", "cp932" or "xlsx"
    has_color_split: bool
    column_names: dict[str, str] = field(default_factory=dict)  # field -> header as written
    notes: tuple[Issue, ...] = ()  # rows left out on purpose (total rows)
    headers: tuple[str, ...] = ()  # every header of the table, as written
    header_row: int = 1
    sheet: str | None = None
    sheets: tuple[str, ...] = ()

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


def _read_bytes(source: str | Path | bytes, name: str | None, limits: Limits) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        label = name or "upload"
        tables.check_size(label, len(data), limits)
        return data, label
    path = Path(source)
    label = name or str(source)
    try:
        tables.check_size(label, path.stat().st_size, limits)
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise PaperInputError.single(label, "cannot open file: no such file") from None
    except PermissionError:
        raise PaperInputError.single(label, "cannot open file: no permission to read it") from None
    except OSError as exc:
        raise PaperInputError.single(
            label, "cannot open file: {reason}", reason=exc.strerror or str(exc)
        ) from None
    tables.check_size(label, len(data), limits)
    return data, label


def _cell_text(value: object) -> str:
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()


def _headers(row: list[object]) -> list[str]:
    return ["" if h is None else str(h).strip() for h in row]


def _score(row: list[object], mapping: cols.ColumnMapping) -> tuple[int, bool]:
    """How many fields a row's cells name, and whether it is a complete header."""
    return workbook.header_score(row, mapping)


def find_header(rows: list[list[object]], mapping: cols.ColumnMapping) -> int:
    """Index of the header among the first rows: the first complete one, else the best."""
    best, best_score = None, 0
    for index, row in enumerate(rows[: tables.HEADER_SCAN]):
        if not any(_cell_text(v) for v in row):
            continue
        score, complete = _score(row, mapping)
        if complete:
            return index
        if score > best_score:
            best, best_score = index, score
        if best is None and best_score == 0 and index == 0:
            best = index
    if best is not None:
        return best
    return next((i for i, r in enumerate(rows) if any(_cell_text(v) for v in r)), 0)


def _per_unique(column: pd.Series, test: Callable[[object], bool]) -> pd.Series:
    """``test`` applied once per distinct value (a usage table repeats its values a lot)."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    flags = np.array([bool(test(u)) for u in uniques] + [bool(test(None))], dtype=bool)
    return pd.Series(flags[codes], index=column.index)


def _is_total(text: str) -> bool:
    key = re.sub(r"\s+", "", text).lower()
    return key in TOTAL_WORDS or key.startswith(TOTAL_PREFIXES)


def _drop_totals(
    body: pd.DataFrame, found: dict[str, int], headers: list[str]
) -> tuple[pd.DataFrame, list[Issue]]:
    """Leave out 合計 / 小計 / Total rows (in the first, department or month column)."""
    positions = sorted({0, found.get("department", 0), found.get("month", 0)})
    mask = pd.Series(False, index=body.index)
    for pos in positions:
        if pos < body.shape[1]:
            mask |= _per_unique(body.iloc[:, pos], lambda v: _is_total(_cell_text(v)))
    notes = []
    for row in body.index[mask]:
        pos = next(
            p
            for p in positions
            if p < body.shape[1] and _is_total(_cell_text(body.at[row, body.columns[p]]))
        )
        notes.append(
            issue(
                "total row '{v}' left out; totals are calculated from the other rows",
                row=int(row),
                column=headers[pos] if pos < len(headers) else None,
                v=_cell_text(body.at[row, body.columns[pos]]),
            )
        )
    return body[~mask], notes


def _load_table(
    data: bytes,
    label: str,
    mapping: cols.ColumnMapping,
    limits: Limits,
    sheet: str | None,
) -> tables.RawTable:
    suffix = Path(label).suffix.lower()
    if suffix == ".xls" or data[:4] == b"\xd0\xcf\x11\xe0":
        raise PaperInputError.single(label, "old .xls format; save it as .xlsx or CSV")
    deadline = Deadline(limits.seconds)
    try:
        if suffix in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
            return workbook.read_xlsx(data, label, limits, deadline, sheet=sheet, mapping=mapping)
        text, encoding = decode_csv(data, label)
        return tables.from_csv(text, encoding, label, limits, deadline)
    except TimeoutError:
        raise PaperInputError.single(
            label,
            "reading the file took longer than {seconds} seconds; "
            "save only the usage table and try again",
            seconds=f"{limits.seconds:g}",
        ) from None


def read_usage(
    source: str | Path | bytes,
    *,
    mapping: Mapping[str, Any] | cols.ColumnMapping | str | Path | None = None,
    name: str | None = None,
    sheet: str | None = None,
    limits: Limits = LIMITS,
) -> UsageData:
    """Read and validate a usage table; raise PaperInputError listing every problem found."""
    data, label = _read_bytes(source, name, limits)
    if isinstance(mapping, str | Path):
        mapping = cols.load_mapping(mapping)
    elif not isinstance(mapping, cols.ColumnMapping):
        mapping = cols.parse_mapping(mapping)
    table = _load_table(data, label, mapping, limits, sheet)
    rows = table.rows
    if not rows or not any(_cell_text(v) for v in rows[0]) and len(rows) == 1:
        raise PaperInputError.single(
            label, "file is empty or row 1 has no headers; start from the template", row=1
        )
    at = find_header(rows, mapping)
    headers = _headers(rows[at])
    header_row = at + 1
    collector = IssueCollector(label)
    found = cols.resolve_headers(headers, mapping, collector, row=header_row)
    if collector:
        try:
            collector.raise_if_any()
        except PaperInputError as exc:
            exc.headers = tuple(headers)
            raise
    width = len(headers)
    for number, record in enumerate(rows[at + 1 :], start=header_row + 1):
        if len(record) > width and any(_cell_text(c) for c in record[width:]):
            collector.add(
                "row has {n} cells but the header has {width}; check for a stray comma",
                row=number,
                n=len(record),
                width=width,
            )
    collector.raise_if_any()
    body = pd.DataFrame(
        [(list(r) + [None] * width)[:width] for r in rows[at + 1 :]],
        dtype=object,
        columns=range(width),
    )
    body.index = body.index + header_row + 1  # spreadsheet row numbers
    empty = pd.Series(True, index=body.index)
    for pos in range(width):
        empty &= _per_unique(body.iloc[:, pos], lambda v: _cell_text(v) == "")
    body = body[~empty]
    body, notes = _drop_totals(body, found, headers)
    if body.empty:
        raise PaperInputError.single(label, "no data rows under the header", row=header_row + 1)
    frame = build_frame(body, headers, found, mapping, collector)
    split = bool(frame["mono_sheets"].notna().all())
    names = {key: headers[pos] for key, pos in found.items()}
    return UsageData(
        frame,
        label,
        table.encoding,
        split,
        names,
        tuple(notes),
        tuple(headers),
        header_row,
        table.sheet,
        table.sheets,
    )
