"""Job-log summarization: vectorized monthly totals per department."""

from __future__ import annotations

import pandas as pd
import pytest

from chatdojo.paper.errors import PaperInputError
from chatdojo.paper.joblog import summarize_job_log, to_usage_table
from chatdojo.paper.sample import sample_job_log


def _reference(log: pd.DataFrame) -> dict[tuple[str, str], list[int]]:
    """Slow, obvious loop to check the fast path against."""
    out: dict[tuple[str, str], list[int]] = {}
    for rec in log.itertuples(index=False):
        key = (str(rec.department), pd.Timestamp(rec.date).strftime("%Y-%m"))
        totals = out.setdefault(key, [0, 0, 0, 0])
        totals[0] += rec.sheets
        totals[1] += rec.sheets if rec.color else 0
        totals[2] += rec.sheets if rec.duplex else 0
        totals[3] += 1
    return out


def test_summary_matches_a_plain_loop_on_random_jobs():
    """Do the vectorized totals equal a row-by-row loop on 3,000 random jobs?"""
    log = sample_job_log(3000, seed=11, departments=5)
    summary = summarize_job_log(log)
    expected = _reference(log)
    got = {
        (r.department, r.month): [r.sheets, r.color_sheets, r.duplex_sheets, r.jobs]
        for r in summary.itertuples(index=False)
    }
    assert got == expected
    assert (summary["mono_sheets"] + summary["color_sheets"] == summary["sheets"]).all()


def test_words_for_colour_and_duplex_are_understood():
    """Are カラー/モノクロ and 両面/片面 words read like booleans?"""
    log = pd.DataFrame(
        {
            "department": ["総務課", "総務課", "総務課", "財政課"],
            "date": ["2024-11-01", "2024-11-30", "2024-12-01", "2024-11-15"],
            "sheets": [10, 5, 7, 3],
            "color": ["カラー", "モノクロ", "color", "mono"],
            "duplex": ["両面", "片面", "yes", "no"],
        }
    )
    s = summarize_job_log(log).set_index(["department", "month"])
    assert s.loc[
        ("総務課", "2024-11"), ["sheets", "color_sheets", "duplex_sheets", "jobs"]
    ].tolist() == [15, 10, 10, 2]
    assert s.loc[("総務課", "2024-12"), "color_sheets"] == 7
    assert s.loc[("財政課", "2024-11"), "mono_sheets"] == 3


def test_bad_job_rows_are_reported_by_row():
    """Are a negative sheet count and an unreadable date reported with their rows?"""
    log = pd.DataFrame(
        {
            "department": ["A", "A", "A"],
            "date": ["2024-01-02", "someday", "2024-01-03"],
            "sheets": [1, 2, -4],
            "color": [False] * 3,
            "duplex": [True] * 3,
        }
    )
    with pytest.raises(PaperInputError) as info:
        summarize_job_log(log, source="jobs.csv")
    text = str(info.value)
    assert "jobs.csv: row 3, column date" in text and "jobs.csv: row 4, column sheets" in text


def test_missing_job_columns_are_named():
    """Does a log without a duplex column say so?"""
    with pytest.raises(PaperInputError, match="duplex"):
        summarize_job_log(pd.DataFrame({"department": [], "date": [], "sheets": [], "color": []}))


def test_summary_converts_to_the_usage_template():
    """Can a job-log summary be priced into 部署,年月,枚数,金額 for the report?"""
    log = sample_job_log(500, seed=3, departments=2)
    table = to_usage_table(summarize_job_log(log), {"mono": 2.0, "color": 10.0})
    assert list(table.columns) == ["部署", "年月", "枚数", "金額"]
    expected = (log["sheets"] * log["color"].map({True: 10.0, False: 2.0})).sum()
    assert table["金額"].sum() == pytest.approx(expected, abs=len(table))
