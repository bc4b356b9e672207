"""Uploads are bounded: bytes, rows, columns, unpacked size and seconds, with a clear message."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from chatdojo.cli import main
from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.io import read_usage
from chatdojo.paper.limits import LIMITS, Limits

HEADER = "部署,年月,枚数,金額\n"


def _csv(rows: int) -> bytes:
    lines = [
        f"課{i % 50},{2023 + (i // 50) % 2}-{(i // 100) % 12 + 1:02d},10,20" for i in range(rows)
    ]
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows: int, *, padding: int = 0) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet("使用量")
    ws.append(["部署", "年月", "枚数", "金額"])
    for i in range(rows):
        ws.append([f"課{i % 50}", f"2024-{i % 12 + 1:02d}", 10, 20])
    buffer = io.BytesIO()
    book.save(buffer)
    if not padding:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/padding.bin", b"\0" * padding)  # compresses to almost nothing
    return out.getvalue()


def _error(data: bytes, name: str, lang: str = "en", **kw: object) -> str:
    with pytest.raises(PaperInputError) as info:
        read_usage(data, name=name, **kw)
    return info.value.render(lang)


def test_too_many_bytes_refused_before_parsing():
    """Is a file over the byte limit refused with the limit named, in both languages?"""
    data = b"x" * (LIMITS.max_bytes + 1)
    assert "the limit is 5 MB" in _error(data, "big.csv")
    assert "上限は5 MB" in _error(data, "big.csv", "ja")


def test_too_many_rows_in_csv_and_xlsx():
    """Are a CSV and a workbook with more rows than the limit refused, naming the limit?"""
    small = Limits(max_rows=1000)
    for data, name in ((_csv(1500), "rows.csv"), (_xlsx(1500), "rows.xlsx")):
        assert "more than 1,000 rows" in _error(data, name, limits=small)
    assert "上限の1,000行" in _error(_xlsx(1500), "rows.xlsx", "ja", limits=small)
    read_usage(_xlsx(900), name="ok.xlsx", limits=small)  # just under: no complaint about size


def test_too_many_columns():
    """Is a row with more columns than the limit refused with its row number?"""
    wide = (HEADER.strip() + "," * 80 + "x\n").encode()
    assert "row 1: row has 84 columns; the limit is 60" in _error(wide, "wide.csv")


def test_workbook_that_unpacks_too_far_is_refused_before_opening():
    """Is a zip whose parts unpack beyond the limit refused (a zip bomb), whatever it holds?"""
    data = _xlsx(10, padding=3 * 1024 * 1024)
    assert len(data) < 100_000
    text = _error(data, "bomb.xlsx", limits=Limits(max_unzipped=2 * 1024 * 1024))
    assert "unpacks to 3" in text and "the limit is 2 MB" in text


def test_reading_stops_after_the_time_limit():
    """Does a read that runs past the time limit stop with a message naming the seconds?"""
    text = _error(_csv(5000), "slow.csv", "ja", limits=Limits(seconds=0))
    assert "0秒以上" in text


def test_forged_sheet_dimension_does_not_pad_rows():
    """Does a sheet claiming A1:XFD1048576 still read only the cells it has?"""
    data = _xlsx(24)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = body.replace(b"<sheetData", b'<dimension ref="A1:XFD1048576"/><sheetData', 1)
            dst.writestr(item, body)
    usage = read_usage(out.getvalue(), name="forged.xlsx")
    assert len(usage.frame) == 24


def test_cli_applies_the_same_limits(tmp_path, capsys):
    """Does `chatdojo paper report` refuse an oversized file with the message, in Japanese?"""
    path = tmp_path / "big.csv"
    path.write_bytes(_csv(10) + b"#" * LIMITS.max_bytes)
    assert main(["paper", "report", str(path), "--lang", "ja"]) == 1
    err = capsys.readouterr().err
    assert "上限は5 MB" in err and "Traceback" not in err


def test_sheet_without_dimension_gets_one_so_openpyxl_does_not_prescan_it():
    """Does a sheet lacking <dimension> get one (openpyxl would parse it all before row 1)?"""
    from openpyxl.worksheet._reader import WorkSheetParser

    from chatdojo.paper.tables import with_dimensions

    data = _xlsx(30)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = re.sub(rb"<dimension[^>]*/>", b"", body)
                assert b"dimension" not in body
            dst.writestr(item, body)
    stripped = out.getvalue()
    fixed = with_dimensions(stripped)
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        name = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
        with archive.open(name) as handle:
            assert WorkSheetParser(handle, []).parse_dimensions() is not None
    assert len(read_usage(stripped, name="nodim.xlsx").frame) == 30
    book = (Path(__file__).parent / "files" / "office_book.xlsx").read_bytes()
    assert with_dimensions(book) is book  # has its dimensions: the bytes are passed through
