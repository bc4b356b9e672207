"""Summarize a print-job log to monthly per-department usage, without a loop per row.

Copier servers export one row per job; a year of a city office is millions of rows.
The summary is a single ``np.bincount`` over a combined (department, month) key, so
1M rows take well under a second on a 2-core machine (see bench/paper_bench.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chatdojo.paper.columns import COLOR_VALUES, normalize
from chatdojo.paper.errors import MAX_ISSUES, IssueCollector
from chatdojo.paper.periods import format_month

JOB_COLUMNS = ("department", "date", "sheets", "color", "duplex")
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "両面", "duplex", "on", "はい"})
EPOCH_MONTH = 1970 * 12  # datetime64[M] counts months from 1970-01


def _flags(values: pd.Series, truthy: frozenset[str]) -> np.ndarray:
    """Booleans from bool columns (fast path) or words such as カラー / 両面 / yes."""
    if pd.api.types.is_bool_dtype(values):
        return values.to_numpy(dtype=bool)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    lookup = np.array([normalize(u) in truthy for u in uniques] + [False], dtype=bool)
    return lookup[codes]  # code -1 (missing) picks the trailing False


def _month_keys(dates: pd.Series, collector: IssueCollector) -> np.ndarray:
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce", format="mixed")
    bad = np.flatnonzero(dates.isna().to_numpy())
    for pos in bad[:MAX_ISSUES]:
        collector.add("not a date; write YYYY-MM-DD", row=int(pos) + 2, column="date")
    collector.uncounted(len(bad) - MAX_ISSUES)
    filled = dates.fillna(pd.Timestamp("1970-01-01"))
    return filled.to_numpy(dtype="datetime64[ns]").astype("datetime64[M]").astype(np.int64)


def summarize_job_log(log: pd.DataFrame, source: str = "job log") -> pd.DataFrame:
    """Monthly totals per department: sheets, mono/colour, duplex sheets and job count.

    ``log`` needs columns department, date, sheets, color, duplex (bool or words).
    Returns columns department, month (YYYY-MM), sheets, mono_sheets, color_sheets,
    duplex_sheets, jobs, sorted by department then month.
    """
    collector = IssueCollector(source)
    missing = [c for c in JOB_COLUMNS if c not in log.columns]
    for name in missing:
        collector.add("required column '{name}' is missing", row=1, column=name, name=name)
    collector.raise_if_any()

    sheets = pd.to_numeric(log["sheets"], errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(~(sheets >= 0))  # catches NaN and negatives in one comparison
    for pos in bad[:MAX_ISSUES]:
        collector.add("sheets must be a number 0 or more", row=int(pos) + 2, column="sheets")
    collector.uncounted(len(bad) - MAX_ISSUES)
    months = _month_keys(log["date"], collector)

    dept_codes, dept_names = pd.factorize(log["department"], sort=True)
    bad = np.flatnonzero(dept_codes < 0)
    for pos in bad[:MAX_ISSUES]:
        collector.add("empty department", row=int(pos) + 2, column="department")
    collector.uncounted(len(bad) - MAX_ISSUES)
    collector.raise_if_any()
    first = int(months.min()) if len(months) else 0
    span = int(months.max()) - first + 1 if len(months) else 1
    key = dept_codes.astype(np.int64) * span + (months - first)
    size = len(dept_names) * span
    color = _flags(log["color"], COLOR_VALUES | {"true", "1", "yes"})
    duplex = _flags(log["duplex"], TRUE_WORDS)

    jobs = np.bincount(key, minlength=size)
    total = np.bincount(key, weights=sheets, minlength=size)
    color_sheets = np.bincount(key, weights=sheets * color, minlength=size)
    duplex_sheets = np.bincount(key, weights=sheets * duplex, minlength=size)
    used = np.flatnonzero(jobs)
    dept_idx, month_off = np.divmod(used, span)
    month_labels = [format_month(EPOCH_MONTH + first + m) for m in range(span)]
    return pd.DataFrame(
        {
            "department": np.asarray(dept_names)[dept_idx],
            "month": np.asarray(month_labels)[month_off],
            "sheets": total[used].astype(np.int64),
            "mono_sheets": (total[used] - color_sheets[used]).astype(np.int64),
            "color_sheets": color_sheets[used].astype(np.int64),
            "duplex_sheets": duplex_sheets[used].astype(np.int64),
            "jobs": jobs[used],
        }
    )


def to_usage_table(summary: pd.DataFrame, unit_cost: dict[str, float]) -> pd.DataFrame:
    """Template layout (部署, 年月, 枚数, 金額) priced from a contract's yen per sheet."""
    cost = summary["mono_sheets"] * unit_cost.get("mono", 0.0) + summary[
        "color_sheets"
    ] * unit_cost.get("color", 0.0)
    return pd.DataFrame(
        {
            "部署": summary["department"],
            "年月": summary["month"],
            "枚数": summary["sheets"],
            "金額": cost.round(0),
        }
    )
