"""Workbooks that explode when read: forged merges and memory, refused quickly and politely."""

from __future__ import annotations

import io
import sys
import time
import zipfile

import pytest

from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.io import read_usage
from chatdojo.paper.limits import Limits


def usage_xlsx(
    rows: int, merges: tuple[str, ...] = (), sheet: str = "使用量", width: int = 4
) -> bytes:
    """A plain usage table with the given merge refs written into its sheet XML.

    openpyxl's own ``merge_cells`` makes an object per merged cell, so a bomb is written
    as an attacker would: straight into ``<mergeCells>``.
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.append(["部署", "年月", "枚数", "金額"][:width])
    for i in range(rows):
        row = [f"課{i % 40}", f"20{23 + i % 2}-{i % 12 + 1:02d}", 100 * (i % 9), 200 * (i % 9)]
        ws.append(row[:width])
    buffer = io.BytesIO()
    book.save(buffer)
    if not merges:
        return buffer.getvalue()
    cells = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    block = f'</sheetData><mergeCells count="{len(merges)}">{cells}</mergeCells>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = body.replace(b"</sheetData>", block, 1)
            dst.writestr(item, body)
    return out.getvalue()


def _refusal(data: bytes, name: str, **kw: object) -> PaperInputError:
    with pytest.raises(PaperInputError) as info:
        read_usage(data, name=name, **kw)
    return info.value


def test_red_team_merge_bomb_is_refused_within_five_seconds():
    """Is the red team's ~86 KB workbook with a merge A1:XFD8000 refused in < 5 s, naming it?"""
    data = usage_xlsx(7999, ("A1:XFD8000",), width=2)
    assert 60_000 < len(data) < 100_000
    started = time.monotonic()
    error = _refusal(data, "bomb.xlsx")
    assert time.monotonic() - started < 5
    en, ja = error.render("en"), error.render("ja")
    assert "merged cells A1:XFD8000 on sheet '使用量'" in en and "16,384" in en, en
    assert "シート「使用量」の結合セル A1:XFD8000" in ja and "上限は60列" in ja, ja
    assert "Traceback" not in en + ja


def test_merged_cells_count_against_the_cell_limit():
    """Does a merge within the column limit still count every cell it fills?"""
    small = Limits(max_cells=1000)
    plain = usage_xlsx(199)  # 200 rows x 4 cells = 800 cells: accepted
    assert len(read_usage(plain, name="ok.xlsx", limits=small).frame) == 199
    error = _refusal(usage_xlsx(199, ("B2:D100",)), "merge.xlsx", limits=small)
    assert "merged cells B2:D100 on sheet '使用量'" in error.render("en")
    assert "2: merged cells" in error.render("en")  # row of the merge's top-left cell
    assert "上限の1,000個" in error.render("ja")


@pytest.mark.skipif(sys.platform == "win32", reason="no RLIMIT_AS on Windows")
def test_reader_memory_is_capped():
    """Is the parse run under an address-space cap, and a breach reported, not crashed?"""
    tight = Limits(max_memory=48 * 1024 * 1024)  # below what the reader process already maps
    error = _refusal(usage_xlsx(3000), "big.xlsx", limits=tight)
    assert "needed more than 48 MB of memory" in error.render("en")
    assert "48 MBを超えるメモリ" in error.render("ja")


def test_reader_runs_in_another_process(monkeypatch):
    """Is the workbook parsed outside the calling process (so a blow-up cannot take it down)?"""
    from chatdojo.paper import tables

    def fail(*args: object, **kw: object) -> None:
        raise AssertionError("parsed in the calling process")

    monkeypatch.setattr(tables, "from_xlsx", fail)
    assert len(read_usage(usage_xlsx(5), name="ok.xlsx").frame) == 5


@pytest.mark.parametrize(
    ("child", "expected"),
    [
        ("import time; time.sleep(60)", "reading the file took longer than 0.5 seconds"),
        ("raise MemoryError", "needed more than 1 MB of memory"),
        ("import os; os._exit(3)", "cannot open as an Excel .xlsx workbook (reader stopped)"),
    ],
)
def test_a_stuck_or_dead_reader_becomes_a_message(monkeypatch, child, expected):
    """Is a reader that hangs killed at the deadline, and one that dies reported plainly?"""
    from chatdojo.paper import workbook

    monkeypatch.setattr(workbook, "CHILD", ("-c", child))
    monkeypatch.setattr(workbook, "GRACE", 0.5)
    started = time.monotonic()
    error = _refusal(
        usage_xlsx(3), "stuck.xlsx", limits=Limits(seconds=0.5, max_memory=1024 * 1024)
    )
    assert time.monotonic() - started < 10
    assert expected in error.render("en")
