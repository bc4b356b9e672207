"""Turn raw spreadsheet cells into typed columns, reporting every bad cell by row and column.

Parsing is vectorized per column; only the first few bad rows of each check are
listed (the rest are counted) so a 10,000-row mistake still gives a short message.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from chatdojo.paper import columns as cols
from chatdojo.paper.errors import MAX_ISSUES, IssueCollector
from chatdojo.paper.periods import parse_month

NUMBER_NOISE = r"[,\s¥￥\\円枚]"
MINUS_SIGNS = r"^[△▲]"


def as_text(raw: pd.Series) -> pd.Series:
    """Cell values as trimmed NFKC text ('' for empty); Excel dates become YYYY-MM-DD."""
    values = raw.where(raw.notna(), "")
    dates = values.map(lambda v: v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else v)
    return dates.astype(str).str.normalize("NFKC").str.strip()


def _numbers(raw: pd.Series, header: str, collector: IssueCollector, *, whole: bool) -> pd.Series:
    """Parse counts/yen vectorially; every empty, textual, negative or fractional cell is reported."""
    text = as_text(raw)
    cleaned = text.str.replace(NUMBER_NOISE, "", regex=True).str.replace(
        MINUS_SIGNS, "-", regex=True
    )
    values = pd.to_numeric(cleaned, errors="coerce").astype(float)
    problems = [
        (text == "", "empty cell; enter 0 if nothing was used"),
        ((text != "") & values.isna(), "'{v}' is not a number"),
        (values < 0, "'{v}' is negative; counts and amounts must be 0 or more"),
    ]
    if whole:
        problems.append(
            ((values >= 0) & (values % 1 != 0), "'{v}' is not a whole number of sheets")
        )
    for mask, message in problems:
        _report(mask, text, header, message, collector)
    return values


def _report(
    mask: pd.Series, text: pd.Series, header: str, message: str, collector: IssueCollector
) -> None:
    """Add the first few offending rows of one check, counting (not listing) the rest."""
    bad = mask[mask.fillna(False).astype(bool)].index
    for row in bad[:MAX_ISSUES]:
        collector.add(message, row=int(row), column=header, v=text.at[row])
    collector.uncounted(len(bad) - MAX_ISSUES)


def _months(raw: pd.Series, header: str, collector: IssueCollector) -> pd.Series:
    text = as_text(raw)
    uniques = text.unique()
    lookup = {u: parse_month(u) for u in uniques}
    months = text.map(lookup).astype("Float64")
    _report(text == "", text, header, "empty month; write YYYY-MM, e.g. 2024-11", collector)
    _report(
        (text != "") & months.isna(),
        text,
        header,
        "'{v}' is not a month; write YYYY-MM, e.g. 2024-11",
        collector,
    )
    return months


def _colors(raw: pd.Series, header: str, collector: IssueCollector) -> pd.Series:
    text = as_text(raw).str.lower()
    kind = pd.Series(
        np.where(
            text.isin(cols.MONO_VALUES), "mono", np.where(text.isin(cols.COLOR_VALUES), "color", "")
        ),
        index=text.index,
    )
    _report(
        kind == "",
        text,
        header,
        "'{v}' is not a colour type; write モノクロ or カラー (mono or color)",
        collector,
    )
    return kind


def build_frame(
    body: pd.DataFrame,
    headers: list[str],
    found: dict[str, int],
    mapping: cols.ColumnMapping,
    collector: IssueCollector,
) -> pd.DataFrame:
    """One typed row per input row: department, month, sheets, cost, mono/colour, row."""

    def column(field: str) -> tuple[pd.Series, str]:
        pos = found[field]
        return body.iloc[:, pos], headers[pos]

    summed = cols.summed_columns(headers, mapping, found)
    counts: dict[str, pd.Series] = {}  # unweighted counter totals, for per-count prices

    def number(field: str, *, whole: bool) -> pd.Series:
        """One column, or the mapped columns added up (A3 counters weighted as A4 sheets)."""
        total = weighted = None
        for pos, factor in summed[field]:
            values = _numbers(body.iloc[:, pos], headers[pos], collector, whole=whole)
            total = values if total is None else total + values
            weighted = values * factor if weighted is None else weighted + values * factor
        assert total is not None and weighted is not None
        counts[field] = total
        return weighted

    dept_raw, dept_header = column("department")
    department = as_text(dept_raw)
    _report(department == "", department, dept_header, "empty department name", collector)
    month = _months(*column("month"), collector)
    nan = pd.Series(np.nan, index=body.index)
    sheets = number("sheets", whole=True) if "sheets" in found else None
    mono = color = nan
    if "color" in found:
        kind = _colors(*column("color"), collector)
        base = sheets if sheets is not None else nan
        mono, color = base.where(kind == "mono", 0.0), base.where(kind == "color", 0.0)
    elif {"mono_sheets", "color_sheets"} <= set(found):
        mono = number("mono_sheets", whole=True)
        color = number("color_sheets", whole=True)
    if sheets is None:
        sheets = mono + color
    if "cost" in found:
        cost = number("cost", whole=False)
    elif mono.notna().all():  # a counter is billed per count, whatever the paper size
        cost = counts.get("mono_sheets", mono) * mapping.unit_cost.get("mono", 0.0) + counts.get(
            "color_sheets", color
        ) * mapping.unit_cost.get("color", 0.0)
    elif mapping.unit_cost.get("mono") == mapping.unit_cost.get("color"):
        cost = counts.get("sheets", sheets) * mapping.unit_cost["mono"]
    else:
        collector.add(
            "unit_cost differs by colour but the file has no colour column", column="unit_cost"
        )
        cost = nan
    collector.raise_if_any()
    frame = pd.DataFrame(
        {
            "department": department.astype(str),
            "month": month.astype("int64"),
            "sheets": sheets.astype(float),
            "cost": cost.astype(float),
            "mono_sheets": mono.astype(float),
            "color_sheets": color.astype(float),
            "row": body.index.astype("int64"),
        }
    ).reset_index(drop=True)
    return frame
