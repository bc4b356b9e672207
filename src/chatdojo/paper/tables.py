"""Raw rows from a CSV or .xlsx file, bounded by ``limits`` while they are read.

Only the first ``max_rows`` data rows (plus a few title rows) are ever held; a file
with more is refused as soon as the reader passes the limit. Workbooks are checked
before opening: total uncompressed size of the zip members and the number of sheets.
Merged cells (a department name merged over its months) are counted against the
limits, then filled in from the top-left cell so every row carries its department
(``paper.merges``). ``paper.workbook`` runs ``from_xlsx`` in a memory-limited process.
"""

from __future__ import annotations

import csv
import io as _io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from chatdojo.paper import merges
from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.limits import LIMITS, Deadline, Limits, mib

HEADER_SCAN = 15  # title rows an office export may put above the header
Row = list[object]


@dataclass
class RawTable:
    """Rows as the spreadsheet shows them (``rows[0]`` is row 1), and where they came from."""

    rows: list[Row]
    encoding: str
    sheet: str | None = None
    sheets: tuple[str, ...] = ()


def too_big(source: str, size: int, limits: Limits = LIMITS) -> PaperInputError:
    return PaperInputError.single(
        source,
        "the file is {size}; the limit is {limit}. A usage table is much smaller: "
        "check that this is the right file",
        size=mib(size) if size >= 1024 * 1024 else f"{size / 1024:.0f} KB",
        limit=mib(limits.max_bytes),
    )


def check_size(source: str, size: int, limits: Limits = LIMITS) -> None:
    if size > limits.max_bytes:
        raise too_big(source, size, limits)


def bounded_rows(
    rows: Iterable[Iterable[object]], source: str, limits: Limits, deadline: Deadline
) -> list[Row]:
    """At most ``max_rows`` + HEADER_SCAN rows of at most ``max_columns`` cells; else an error."""
    out: list[Row] = []
    cells = 0
    cap = limits.max_rows + HEADER_SCAN
    for number, row in enumerate(rows, start=1):
        if number % 2000 == 0:
            deadline.check()
        values = list(row)
        while values and (values[-1] is None or values[-1] == ""):
            values.pop()
        if len(values) > limits.max_columns:
            raise PaperInputError.single(
                source,
                "row has {n} columns; the limit is {limit}",
                row=number,
                n=len(values),
                limit=limits.max_columns,
            )
        cells += len(values)
        if number > cap or cells > limits.max_cells:
            raise PaperInputError.single(
                source,
                "more than {limit} rows; a usage table has one row per department and month. "
                "Split the file by year",
                limit=f"{limits.max_rows:,}",
            )
        out.append(values)
    while out and not out[-1]:
        out.pop()
    return out


def from_csv(text: str, encoding: str, source: str, limits: Limits, deadline: Deadline) -> RawTable:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter)
    return RawTable(bounded_rows(reader, source, limits, deadline), encoding)


def _check_zip(data: bytes, source: str, limits: Limits) -> None:
    """Refuse a workbook whose parts unpack to more than ``max_unzipped`` (a zip bomb)."""
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PaperInputError.single(
            source, "cannot open as an Excel .xlsx workbook; save it again from Excel"
        ) from None
    if unpacked > limits.max_unzipped:
        raise PaperInputError.single(
            source,
            "the workbook unpacks to {size}; the limit is {limit}. "
            "Save only the usage table in a new workbook",
            size=mib(unpacked),
            limit=mib(limits.max_unzipped),
        )


SHEET_DATA_RE = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b")


def with_dimensions(data: bytes) -> bytes:
    """The workbook with a ``<dimension>`` in every sheet that lacks one.

    openpyxl parses a whole sheet just to find its size when the element is missing,
    before the first row is handed over (so no row or time check could stop it). The
    size is then ignored anyway (``reset_dimensions``).
    """
    with zipfile.ZipFile(_io.BytesIO(data)) as archive:
        needs = []
        for info in archive.infolist():
            name = info.filename
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(info) as handle:
                head = handle.read(65536)
            match = SHEET_DATA_RE.search(head)
            if match is None or b"dimension" not in head[: match.start()]:
                needs.append(name)
        if not needs:
            return data
        out = _io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as copy:
            for info in archive.infolist():
                body = archive.read(info)
                if info.filename in needs:
                    body = SHEET_DATA_RE.sub(
                        lambda m: b'<%sdimension ref="A1"/>%s' % (m.group(1), m.group(0)),
                        body,
                        count=1,
                    )
                copy.writestr(info, body)
    return out.getvalue()


def _sheet_rows(sheet: object) -> Iterator[tuple[object, ...]]:
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # ignore a declared size (a forged A1:XFD1048576 would pad every row)
    return sheet.iter_rows(values_only=True)  # type: ignore[attr-defined]


def from_xlsx(
    data: bytes,
    source: str,
    limits: Limits,
    deadline: Deadline,
    *,
    sheet: str | None = None,
    looks_like_usage: object = None,
) -> RawTable:
    """Rows of the chosen sheet, or of the first sheet whose top rows hold a usage header."""
    import openpyxl

    _check_zip(data, source, limits)
    data = with_dimensions(data)
    deadline.check()
    try:
        book = openpyxl.load_workbook(_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise PaperInputError.single(
            source, "cannot open as an Excel .xlsx workbook ({kind})", kind=type(exc).__name__
        ) from None
    try:
        names = tuple(book.sheetnames)
        if len(names) > limits.max_sheets:
            raise PaperInputError.single(
                source,
                "the workbook has {n} sheets; the limit is {limit}",
                n=len(names),
                limit=limits.max_sheets,
            )
        if sheet is not None and sheet not in names:
            raise PaperInputError.single(
                source,
                "there is no sheet '{sheet}'; sheets: {names}",
                sheet=sheet,
                names=", ".join(names),
            )
        chosen = sheet
        if chosen is None:
            chosen = names[0] if names else None
            if callable(looks_like_usage) and len(names) > 1:
                for name in names:
                    top = []
                    for i, row in enumerate(_sheet_rows(book[name])):
                        if i >= HEADER_SCAN:
                            break
                        top.append(list(row)[: limits.max_columns])
                    if looks_like_usage(top):
                        chosen = name
                        break
        if chosen is None:
            raise PaperInputError.single(source, "the workbook has no sheets")
        ws = book[chosen]
        rows = bounded_rows(_sheet_rows(ws), source, limits, deadline)
        path = getattr(ws, "_worksheet_path", None)
    finally:
        book.close()
    ranges = merges.merged_ranges(data, path)
    merges.check_merges(rows, ranges, source, chosen, limits)
    merges.fill_merged(rows, ranges, deadline)
    return RawTable(rows, "xlsx", chosen, names)
