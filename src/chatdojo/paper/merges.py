"""Merged cells of a worksheet: counted against the limits first, then filled in.

A department merged over its months reads as one value per row only after the merge is
filled from its top-left cell. A forged merge (``A1:XFD8000`` in an 86 KB file) would
fill 16,384 cells on every row, so every merge is measured before any cell is written:
its width against ``max_columns`` and the cells it fills, added to the cells already
read, against ``max_cells``. The filling itself checks the deadline as it goes.
"""

from __future__ import annotations

import io as _io
import re
import zipfile
from itertools import accumulate

from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.limits import Deadline, Limits

Row = list[object]
Range = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based)

MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
UNMERGE_HINT = "Unmerge them in Excel (Home > Merge & Center) or copy only the usage table"


def col_index(letters: bytes | str) -> int:
    """0-based column of ``A``, ``Z``, ``AA`` … ``XFD``."""
    n = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        n = n * 26 + (ch - 64)
    return n - 1


def col_letters(index: int) -> str:
    """``A`` for 0, ``XFD`` for 16,383."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def ref(r: Range) -> str:
    """The range as Excel writes it: ``A1:XFD8000``."""
    r1, c1, r2, c2 = r
    return f"{col_letters(c1)}{r1 + 1}:{col_letters(c2)}{r2 + 1}"


def merged_ranges(data: bytes, path: str | None) -> list[Range]:
    """Every merged range of one sheet (its XML part inside the workbook ``data``)."""
    if not path:
        return []
    with zipfile.ZipFile(_io.BytesIO(data)) as archive:
        try:
            xml = archive.read(path.lstrip("/"))
        except KeyError:
            return []
    out = []
    for c1, r1, c2, r2 in MERGE_RE.findall(xml):
        top, bottom = sorted((int(r1) - 1, int(r2) - 1))
        left, right = sorted((col_index(c1), col_index(c2)))
        out.append((max(top, 0), left, bottom, right))
    return out


def _active(rows: list[Row], r: Range) -> bool:
    """Does filling ``r`` write anything (its top-left cell lies inside the rows read)?"""
    r1, c1, _, _ = r
    return r1 < len(rows) and c1 < len(rows[r1])


def check_merges(
    rows: list[Row], ranges: list[Range], source: str, sheet: str | None, limits: Limits
) -> None:
    """Refuse the first merge that would make a row too wide or the sheet too many cells.

    Counted from the ranges alone, before anything is filled: a merge fills only the
    rows that hold something (an empty line ends the table), so its cost is its width
    times the non-empty rows it covers.
    """
    filled_rows = [0, *accumulate(1 if row else 0 for row in rows)]
    cells = sum(len(row) for row in rows)
    name = sheet or "?"
    for r in ranges:
        if not _active(rows, r):
            continue
        r1, c1, r2, c2 = r
        width = c2 + 1
        if width > limits.max_columns:
            raise PaperInputError.single(
                source,
                "merged cells {range} on sheet '{sheet}' reach column {n}; the limit is "
                "{limit} columns. " + UNMERGE_HINT,
                row=r1 + 1,
                range=ref(r),
                sheet=name,
                n=f"{width:,}",
                limit=limits.max_columns,
            )
        height = filled_rows[min(r2, len(rows) - 1) + 1] - filled_rows[r1]
        cells += height * (c2 - c1 + 1)
        if cells > limits.max_cells:
            raise PaperInputError.single(
                source,
                "merged cells {range} on sheet '{sheet}' bring the sheet to more than "
                "{limit} cells. " + UNMERGE_HINT,
                row=r1 + 1,
                range=ref(r),
                sheet=name,
                limit=f"{limits.max_cells:,}",
            )


def fill_merged(rows: list[Row], ranges: list[Range], deadline: Deadline) -> None:
    """Fill each merged range from its top-left cell (call ``check_merges`` first)."""
    for number, r in enumerate(ranges):
        if number % 256 == 0:
            deadline.check()
        if not _active(rows, r):
            continue
        r1, c1, r2, c2 = r
        value = rows[r1][c1]
        for r_ in range(r1, min(r2, len(rows) - 1) + 1):
            row = rows[r_]
            if not row:
                continue  # an empty line stays empty (it ends the table)
            if r_ % 2000 == 0:
                deadline.check()
            if len(row) <= c2:
                row.extend([None] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value
