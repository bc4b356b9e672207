"""Issue 22 item 3: a workbook whose merged cells explode is refused quickly (no server needed).

The red team's file: a small usage table whose sheet declares one merge, ``A1:XFD8000``.
Filling it used to write 16,384 cells on each of 8,000 rows after the row and cell
checks (37 s and 1.2 GB in a kernel). Now every filled cell counts against the limits
before anything is filled, and the parse runs in a memory-capped child process.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.io import read_usage


def merge_bomb(rows: int = 7999, ref: str = "A1:XFD8000") -> bytes:
    """A two-column table of ``rows`` rows plus one merge written into the sheet XML."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet("Sheet1")
    ws.append(["部署", "年月"])
    for i in range(rows):
        ws.append([f"課{i % 40}", f"2024-{i % 12 + 1:02d}"])
    plain = io.BytesIO()
    book.save(plain)
    block = f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = body.replace(b"</sheetData>", block, 1)
            dst.writestr(item, body)
    return out.getvalue()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("ref", ["A1:XFD8000", "A1:CC1"])
def test_merge_bomb_refused_within_five_seconds(ref: str):
    """Is a forged merge (over 8,000 filled rows, or one row too wide) refused in < 5 s, naming sheet and range?"""
    data = merge_bomb(ref=ref)
    assert len(data) < 100_000  # the red team's file was 86 KB
    started = time.monotonic()
    with pytest.raises(PaperInputError) as info:
        read_usage(data, name="bomb.xlsx")
    assert time.monotonic() - started < 5
    en, ja = info.value.render("en"), info.value.render("ja")
    assert "bomb.xlsx: row 1: merged cells " in en and "on sheet 'Sheet1'" in en, en
    assert "シート「Sheet1」の結合セル" in ja, ja
    assert "Traceback" not in en + ja


def test_damaged_merge_is_a_plain_message():
    """Is a merge openpyxl cannot parse (reversed ref) a plain message, not a traceback?"""
    with pytest.raises(PaperInputError) as info:
        read_usage(merge_bomb(rows=20, ref="XFD8000:A1"), name="bad.xlsx")
    assert "cannot open as an Excel .xlsx workbook (ValueError)" in info.value.render("en")
    assert "Excel（.xlsx）のブックとして開けません" in info.value.render("ja")
