"""Every kind of bad input names the file, the spreadsheet row and the column."""

from __future__ import annotations

import pytest

from chatdojo.paper.compare import compare
from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.io import read_usage

CASES = [
    # file, expected "where", words the message must contain
    ("bad_encoding_utf16.csv", "", "UTF-16"),
    ("bad_encoding_bytes.csv", "row 3", "Shift_JIS"),
    ("misnamed_column.csv", "row 1, column 枚 数", "did you mean '枚数'"),
    ("missing_column.csv", "row 1, column 金額", "missing"),
    ("text_in_count.csv", "row 3, column 枚数", "'たくさん' is not a number"),
    ("negative_count.csv", "row 4, column 枚数", "negative"),
    ("bad_month.csv", "row 5, column 年月", "YYYY-MM"),
    ("unpaired_months.csv", "row 7, column 年月", "no row for 2023-12"),
    ("bad_color.csv", "row 3, column カラー区分", "モノクロ"),
]


def _error(path) -> PaperInputError:
    with pytest.raises(PaperInputError) as info:
        compare(read_usage(path))
    return info.value


@pytest.mark.parametrize(("name", "where", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_error_kind_names_file_row_and_column(paper_files, name, where, words):
    """Does each broken file give one readable line starting 'path: row N, column X:'?"""
    message = str(_error(paper_files / name))
    first = message.splitlines()[0]
    assert first.startswith(f"{paper_files / name}: {where}".rstrip())
    assert words in message
    assert "Traceback" not in message


def test_all_row_errors_are_collected_up_to_twenty(paper_files):
    """With 30 bad rows, are 20 listed (in row order) and the other 10 counted?"""
    error = _error(paper_files / "many_errors.csv")
    lines = str(error).splitlines()
    assert len(error.issues) == 20
    assert [i.row for i in error.issues] == list(range(2, 22))
    assert lines[-1].endswith("and 10 more problem(s) not shown")


def test_several_problems_in_one_row_are_all_reported(tmp_path):
    """Does one row with a bad month, text count and negative cost produce three messages?"""
    path = tmp_path / "multi.csv"
    path.write_text("部署,年月,枚数,金額\nA,2024-99,many,-1\n", encoding="utf-8")
    error = _error(path)
    assert {(i.row, i.column) for i in error.issues} == {(2, "年月"), (2, "枚数"), (2, "金額")}


def test_latest_month_without_last_year_is_explained(tmp_path):
    """If there is no data a year before the latest month, is the user told what to add?"""
    path = tmp_path / "one_year.csv"
    path.write_text("部署,年月,枚数,金額\nA,2024-01,5,10\nA,2024-02,5,10\n", encoding="utf-8")
    message = str(_error(path))
    assert "column 年月" in message and "2023-02" in message


def test_unknown_mapping_field_names_the_mapping_file(tmp_path, paper_files):
    """Does a typo in a YAML mapping point at the mapping file and suggest the field?"""
    mapping = tmp_path / "map.yml"
    mapping.write_text("columns:\n  部署名: departmnt\n", encoding="utf-8")
    with pytest.raises(PaperInputError) as info:
        read_usage(paper_files / "text_in_count.csv", mapping=mapping)
    assert str(info.value).startswith(f"{mapping}: column 部署名: unknown field 'departmnt'")
    assert "did you mean department" in str(info.value)


def test_explicit_ranges_of_unequal_length_are_refused(paper_data):
    """Are a 2-month baseline and a 3-month current refused as not pairing?"""
    from chatdojo.paper.periods import parse_range

    usage = read_usage(paper_data / "sample_usage.csv")
    with pytest.raises(PaperInputError, match="equal length"):
        compare(usage, parse_range("2023-11..2023-12"), parse_range("2024-11..2025-01"))
    with pytest.raises(PaperInputError, match="no rows for 2022-11"):
        compare(usage, current=parse_range("2023-11..2023-12"))
