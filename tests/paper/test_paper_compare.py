"""Year-over-year windows, per-department tables and the read-aloud summary."""

from __future__ import annotations

import pytest
from paper_helpers import month_span, raw_totals, write_csv

from chatdojo.paper.compare import compare
from chatdojo.paper.io import read_usage
from chatdojo.paper.narrative import comparison_summary, summary_text
from chatdojo.paper.periods import default_windows, month_index, parse_range


def test_default_compares_last_twelve_months_with_the_twelve_before(paper_data):
    """With 24 months of data, is the latest year compared with the year before it?"""
    result = compare(read_usage(paper_data / "sample_usage_sjis.csv"))
    assert result.current.label() == "2024-04..2025-03"
    assert result.baseline.label() == "2023-04..2024-03"
    path = paper_data / "sample_usage_sjis.csv"
    base = raw_totals(path, month_span("2023-04", "2024-03"), "cp932")
    cur = raw_totals(path, month_span("2024-04", "2025-03"), "cp932")
    assert (result.figures["baseline_sheets"], result.figures["baseline_cost"]) == base
    assert (result.figures["current_sheets"], result.figures["current_cost"]) == cur
    assert result.figures["sheets_ratio"] == pytest.approx(cur[0] / base[0])


def test_default_with_only_two_months_a_year_compares_those_months(tmp_path):
    """For Nov–Dec of two years (as in 003 §5), are just those two months compared?"""
    rows = [["部署", "年月", "枚数", "金額"]] + [
        ["地域保健課", m, s, c]
        for m, s, c in [
            ("2022-11", 10000, 21000),
            ("2022-12", 9950, 22286),
            ("2023-11", 5600, 10500),
            ("2023-12", 5572, 11143),
        ]
    ]
    result = compare(read_usage(write_csv(tmp_path / "nd.csv", rows)))
    assert result.figures["sheets_saved"] == 10000 + 9950 - 5600 - 5572
    windows = default_windows(
        {month_index(2022, 11), month_index(2022, 12), month_index(2023, 11), month_index(2023, 12)}
    )
    assert windows is not None
    assert (windows[0].label(), windows[1].label()) == ("2022-11..2022-12", "2023-11..2023-12")


def test_default_window_stops_at_a_gap():
    """Is the current window only the run of months that each have a year-earlier partner?"""
    months = {month_index(2023, m) for m in range(1, 13)} | {
        month_index(2024, m) for m in (1, 2, 5, 6)
    }
    base, cur = default_windows(months)
    assert cur.label() == "2024-05..2024-06" and base.label() == "2023-05..2023-06"
    assert default_windows({month_index(2024, 1)}) is None


def test_explicit_current_range_infers_the_baseline(paper_data):
    """Given only --current, is the baseline the same months a year earlier, summed correctly?"""
    path = paper_data / "sample_usage_sjis.csv"
    result = compare(read_usage(path), current=parse_range("2024-11..2025-03"))
    assert result.baseline.label() == "2023-11..2024-03"
    assert (
        result.figures["baseline_sheets"]
        == raw_totals(path, month_span("2023-11", "2024-03"), "cp932")[0]
    )
    assert result.figures["annualized_sheets_saved"] == pytest.approx(
        result.figures["sheets_saved"] * 12 / 5
    )


def test_department_and_month_tables_add_up_to_the_totals(paper_data):
    """Do the per-department and per-month tables sum to the headline totals?"""
    result = compare(read_usage(paper_data / "sample_usage.csv"))
    for table in (result.by_department, result.by_month):
        assert table["current_sheets"].sum() == result.figures["current_sheets"]
        assert table["baseline_cost"].sum() == pytest.approx(result.figures["baseline_cost"])
        assert (table["sheets_ratio"] + table["sheets_reduction_rate"]).round(9).eq(1).all()
    assert len(result.by_department) == 6 and len(result.by_month) == 12
    assert result.by_color is not None
    assert result.by_color["current_sheets"].sum() == result.figures["current_sheets"]


def test_rows_for_several_copiers_add_up(tmp_path):
    """Are two rows for the same department and month (two machines) added, not rejected?"""
    rows = [
        ["部署", "年月", "枚数", "金額"],
        ["A", "2023-11", 60, 100],
        ["A", "2023-11", 40, 100],
        ["A", "2024-11", 30, 50],
    ]
    result = compare(read_usage(write_csv(tmp_path / "two.csv", rows)))
    assert result.figures["baseline_sheets"] == 100 and result.figures["sheets_saved"] == 70


def test_summary_names_ratio_and_reduction_in_both_languages(paper_data):
    """Does the read-aloud summary say 対前年比 and 削減率 (ratio / reduction rate) with the figures?"""
    result = compare(read_usage(paper_data / "sample_usage.csv"), staff=100)
    ja = comparison_summary(result, "ja")
    en = comparison_summary(result, "en")
    assert "対前年比" in ja and "削減率" in ja and "△" not in ja
    assert f"{round(result.figures['sheets_saved']):,}枚減りました" in ja
    assert "year-on-year ratio" in en and "reduction rate" in en and "April 2024" in en
    assert "1人あたり" in ja and "per person" in en


def test_summary_says_increase_when_usage_grew():
    """If more was printed this year, does the summary say it went up rather than a negative saving?"""
    from chatdojo.paper.calculations import headline_figures

    figures = headline_figures(100, 130, 200, 260, months=12)
    assert "増えました" in summary_text(figures, "ja", months=12)
    assert "up 30" in summary_text(figures, "en", months=12)
