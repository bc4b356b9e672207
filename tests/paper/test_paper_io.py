"""Reading CSV (UTF-8, BOM, CP932) and Excel, column names and mappings."""

from __future__ import annotations

import datetime as dt

import pytest
from paper_helpers import raw_totals, write_csv

from chatdojo.paper.compare import compare
from chatdojo.paper.io import decode_csv, read_usage
from chatdojo.paper.periods import format_month, parse_month, parse_range

ROWS = [
    ["部署", "年月", "枚数", "金額"],
    ["地域保健課", "2022-11", 10000, 21000],
    ["地域保健課", "2022-12", 9950, 22286],
    ["地域保健課", "2023-11", 5600, 10500],
    ["地域保健課", "2023-12", 5572, 11143],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_each_office_encoding_is_detected_without_asking(tmp_path, encoding):
    """Are UTF-8, UTF-8 with BOM and Shift_JIS (CP932) files all read with intact names?"""
    path = write_csv(tmp_path / "usage.csv", ROWS, encoding=encoding)
    usage = read_usage(path)
    assert usage.encoding == encoding
    assert set(usage.frame["department"]) == {"地域保健課"}
    assert usage.frame["sheets"].sum() == sum(r[2] for r in ROWS[1:])


def test_cp932_specific_characters_survive(tmp_path):
    """Do CP932-only characters such as ① and ㈱ come through from a Shift_JIS file?"""
    rows = [ROWS[0], ["第①係", "2023-11", 1, 2], ["㈱受託", "2023-12", 3, 4]]
    usage = read_usage(write_csv(tmp_path / "sjis.csv", rows, encoding="cp932"))
    assert usage.encoding == "cp932"
    assert list(usage.frame["department"]) == ["第1係", "(株)受託"]  # NFKC-normalised for grouping


def test_decode_reports_the_row_of_undecodable_bytes():
    """Does a byte sequence valid in neither encoding name its row?"""
    from chatdojo.paper.errors import PaperInputError

    with pytest.raises(PaperInputError) as info:
        decode_csv(b"a,b\n1,2\n" + b"\x82\x20\n", "x.csv")
    assert "row 3" in str(info.value)


def test_english_headers_and_loose_spelling(tmp_path):
    """Are 'Department', ' Sheets ' and full-width 'ｃｏｓｔ' recognised as template columns?"""
    rows = [["Department", "Month", " Sheets ", "ｃｏｓｔ"], ["A", "2024-01", "1,200", "¥3,000"]]
    usage = read_usage(write_csv(tmp_path / "en.csv", rows))
    assert usage.frame.loc[0, "sheets"] == 1200 and usage.frame.loc[0, "cost"] == 3000


def test_tab_separated_text_is_accepted(tmp_path):
    """Is a tab-separated export read like a CSV?"""
    path = tmp_path / "tabs.csv"
    path.write_text("部署\t年月\t枚数\t金額\nA\t2024-01\t5\t10\n", encoding="utf-8")
    assert read_usage(path).frame.loc[0, "sheets"] == 5


def test_blank_lines_do_not_shift_row_numbers(tmp_path):
    """After a blank line, is an error still reported on the spreadsheet's own row?"""
    from chatdojo.paper.errors import PaperInputError

    path = tmp_path / "gap.csv"
    path.write_text("部署,年月,枚数,金額\nA,2024-01,5,10\n\nA,2024-02,x,10\n", encoding="utf-8")
    with pytest.raises(PaperInputError, match="row 4, column 枚数"):
        read_usage(path)


def test_excel_workbook_with_dates_and_blank_rows(tmp_path):
    """Does an .xlsx with date-typed months and a blank row read, with true row numbers in errors?"""
    from openpyxl import Workbook

    from chatdojo.paper.errors import PaperInputError

    book = Workbook()
    sheet = book.active
    sheet.append(["部署", "年月", "枚数", "金額"])
    sheet.append(["A", dt.datetime(2023, 11, 1), 100, 250])
    sheet.append([None, None, None, None])
    sheet.append(["A", "2024-11", 60, 150])
    good = tmp_path / "good.xlsx"
    book.save(good)
    usage = read_usage(good)
    assert usage.encoding == "xlsx"
    assert sorted(format_month(m) for m in usage.frame["month"]) == ["2023-11", "2024-11"]
    assert compare(usage).figures["sheets_saved"] == 40
    sheet.append(["A", "2024-12", -3, 1])
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    with pytest.raises(PaperInputError, match=r"bad\.xlsx: row 5, column 枚数"):
        read_usage(bad)


def test_uploaded_bytes_are_read_with_their_name(paper_data):
    """Can the dashboard pass bytes plus a file name and get the same result as a path?"""
    data = (paper_data / "sample_usage_sjis.csv").read_bytes()
    from_bytes = read_usage(data, name="upload.csv")
    from_path = read_usage(paper_data / "sample_usage_sjis.csv")
    assert from_bytes.source == "upload.csv"
    assert from_bytes.frame.drop(columns="row").equals(from_path.frame.drop(columns="row"))


def test_copier_counter_mapping_gives_the_same_sheets_as_the_template(paper_data):
    """Does the example copier-counter export, read through its YAML mapping, match the sample's sheets?"""
    counter = read_usage(
        paper_data / "sample_copier_counter.csv", mapping=paper_data / "mapping_copier_counter.yml"
    )
    template = read_usage(paper_data / "sample_usage.csv")
    assert counter.frame["sheets"].sum() == template.frame["sheets"].sum()
    assert counter.has_color_split
    # unit_cost in the mapping prices every sheet: mono 1.6 yen, colour 10 yen
    expected = counter.frame["mono_sheets"].sum() * 1.6 + counter.frame["color_sheets"].sum() * 10
    assert counter.frame["cost"].sum() == pytest.approx(expected)


def test_mapping_as_a_plain_dict(tmp_path):
    """Can a dict mapping rename other headers (e.g. 所属コード→ignored, 部署名称→department)?"""
    rows = [["部署名称", "対象", "使用数", "請求額"], ["A", "2024/01", 7, 20]]
    mapping = {"部署名称": "department", "対象": "month", "使用数": "枚数", "請求額": "金額"}
    usage = read_usage(write_csv(tmp_path / "m.csv", rows), mapping=mapping)
    assert usage.frame.loc[0, "sheets"] == 7
    assert usage.header("sheets") == "使用数"


def test_sample_files_agree_across_encodings(paper_data):
    """Do the UTF-8 colour-split sample and the Shift_JIS totals sample give the same figures?"""
    a = compare(read_usage(paper_data / "sample_usage.csv"))
    b = compare(read_usage(paper_data / "sample_usage_sjis.csv"))
    assert a.json_figures() == b.json_figures()
    sheets, cost = raw_totals(
        paper_data / "sample_usage_sjis.csv", {format_month(m) for m in a.current.months}, "cp932"
    )
    assert a.figures["current_sheets"] == sheets and a.figures["current_cost"] == cost


def test_template_is_utf8_with_bom_and_has_the_four_columns(paper_data):
    """Is template.csv UTF-8 with BOM and headed 部署,年月,枚数,金額?"""
    raw = (paper_data / "template.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == "部署,年月,枚数,金額"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11", "2024-11"),
        ("2024/1", "2024-01"),
        ("2024年11月", "2024-11"),
        ("202411", "2024-11"),
        ("2024-11-30", "2024-11"),
        ("R6.11", "2024-11"),
        ("令和元年5月", "2019-05"),
        ("H30/4", "2018-04"),
    ],
)
def test_month_spellings(text, expected):
    """Are the month spellings found in municipal spreadsheets (incl. 和暦) understood?"""
    assert format_month(parse_month(text)) == expected


@pytest.mark.parametrize("text", ["12月", "2024-13", "R6.13", "", "abc"])
def test_non_months_are_rejected(text):
    """Are month-less or impossible values rejected rather than guessed?"""
    assert parse_month(text) is None


def test_parse_range_explains_the_expected_form():
    """Does a malformed range say to write YYYY-MM..YYYY-MM?"""
    assert len(parse_range("2023-11..2024-02")) == 4
    with pytest.raises(ValueError, match="YYYY-MM..YYYY-MM"):
        parse_range("November")
    with pytest.raises(ValueError, match="before it starts"):
        parse_range("2024-02..2023-11")
