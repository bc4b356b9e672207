"""Compare a current period with the same months a year earlier.

Every department-month in one window must have its partner in the other: a missing
row usually means an incomplete export, and silently treating it as zero would
inflate the saving a manager reports upward.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from chatdojo.paper import calculations as calc
from chatdojo.paper.errors import IssueCollector, PaperInputError
from chatdojo.paper.io import UsageData
from chatdojo.paper.periods import MonthRange, format_month, resolve_windows


@dataclass(frozen=True)
class Comparison:
    """Everything a report shows; ``figures`` holds the headline numbers (FIGURE_KEYS)."""

    source: str
    baseline: MonthRange
    current: MonthRange
    figures: dict[str, float | None]
    by_department: pd.DataFrame
    by_month: pd.DataFrame
    by_color: pd.DataFrame | None = None
    co2_factor: float = calc.DEFAULT_CO2_KG_PER_KG_PAPER
    staff: int | None = None

    @property
    def months(self) -> int:
        return len(self.current)

    @property
    def has_costs(self) -> bool:
        """True when the replacement's costs were given (net figures are in ``figures``)."""
        return "net_saved_per_year" in self.figures

    def json_figures(self) -> dict[str, float | int | None]:
        """The ``--json`` payload: FIGURE_KEYS, then net saving and payback; ratios as fractions.

        Without costs, ``net_saved_per_year`` equals the annualized saving and the payback
        is 0 years (nothing to pay back) — or null when nothing is saved.
        """
        figures = dict(self.figures)
        if not self.has_costs:
            figures.update(calc.net_figures(figures["annualized_cost_saved"]))
            for key in ("initial_cost", "running_cost_per_year"):
                figures.pop(key)
        return calc.rounded(figures)

    def per_person(self) -> dict[str, float | None]:
        """Savings per member of staff, when a head count was given."""
        return {
            "sheets_saved": calc.per_person(self.figures["sheets_saved"], self.staff),
            "cost_saved": calc.per_person(self.figures["cost_saved"], self.staff),
            "annualized_sheets_saved": calc.per_person(
                self.figures["annualized_sheets_saved"], self.staff
            ),
        }


def _add_ratios(table: pd.DataFrame) -> pd.DataFrame:
    """Saved, ratio (対前年比) and reduction rate (削減率) columns for sheets and cost."""
    for what in ("sheets", "cost"):
        base, cur = table[f"baseline_{what}"], table[f"current_{what}"]
        saved = calc.sheets_saved if what == "sheets" else calc.cost_saved
        table[f"{what}_saved"] = saved(base, cur)
        table[f"{what}_ratio"] = calc.ratio(cur, base)
        table[f"{what}_reduction_rate"] = calc.reduction_rate(cur, base)
    return table


def monthly(usage: UsageData) -> pd.DataFrame:
    """One row per department and month (several rows, e.g. per copier or colour, add up)."""
    return (
        usage.frame.groupby(["department", "month"], sort=True)
        .agg(
            sheets=("sheets", "sum"),
            cost=("cost", "sum"),
            mono_sheets=("mono_sheets", lambda s: s.sum(min_count=len(s))),
            color_sheets=("color_sheets", lambda s: s.sum(min_count=len(s))),
            row=("row", "min"),
        )
        .reset_index()
    )


def _check_windows(
    usage: UsageData, months: set[int], baseline: MonthRange, current: MonthRange
) -> None:
    column = usage.header("month")
    if len(baseline) != len(current):
        raise PaperInputError.single(
            usage.source,
            "baseline {baseline} has {n_base} month(s) but current "
            "{current} has {n_cur}; give ranges of equal length",
            column=column,
            baseline=baseline.label(),
            n_base=len(baseline),
            current=current.label(),
            n_cur=len(current),
        )
    if set(baseline.months) & set(current.months):
        raise PaperInputError.single(
            usage.source, "baseline and current periods overlap", column=column
        )
    issues = IssueCollector(usage.source)
    for name, window in (("baseline", baseline), ("current", current)):
        for m in window.months:
            if m not in months:
                issues.add(
                    "no rows for {month} (baseline period {window})"
                    if name == "baseline"
                    else "no rows for {month} (current period {window})",
                    column=column,
                    month=format_month(m),
                    window=window.label(),
                )
    issues.raise_if_any()


def _check_pairs(usage: UsageData, base: pd.DataFrame, cur: pd.DataFrame, offset: int) -> None:
    """Each department-month needs its partner one window away (vectorized anti-join)."""
    issues = IssueCollector(usage.source)
    column = usage.header("month")
    for rows, other, shift, here in (
        (base, cur, offset, "baseline"),
        (cur, base, -offset, "current"),
    ):
        keys = pd.MultiIndex.from_arrays([rows["department"], rows["month"] + shift])
        other_keys = pd.MultiIndex.from_arrays([other["department"], other["month"]])
        lonely = rows[~keys.isin(other_keys)]
        for rec in lonely.itertuples():
            issues.add(
                "'{dept}' has {month} in the baseline period but no row for {other} in the "
                "current period; add that row (0 if nothing was used)"
                if here == "baseline"
                else "'{dept}' has {month} in the current period but no row for {other} in the "
                "baseline period; add that row (0 if nothing was used)",
                row=int(rec.row),
                column=column,
                dept=rec.department,
                month=format_month(rec.month),
                other=format_month(rec.month + shift),
            )
    issues.raise_if_any()


def compare(
    usage: UsageData,
    baseline: MonthRange | None = None,
    current: MonthRange | None = None,
    *,
    co2_factor: float | None = None,
    staff: int | None = None,
    initial_cost: float | None = None,
    running_cost: float | None = None,
) -> Comparison:
    """Year-over-year comparison; by default the latest period vs a year earlier.

    ``initial_cost`` (one-off purchase, yen) and ``running_cost`` (yen a year) add the
    net figures: net saving per year and payback period (``calc.NET_KEYS``).
    """
    table = monthly(usage)
    months = set(table["month"].tolist())
    windows = resolve_windows(months, baseline, current)
    if windows is None:
        latest = max(months)
        raise PaperInputError.single(
            usage.source,
            "the latest month {latest} has no rows one year earlier ({earlier}); "
            "add last year's rows or choose the periods to compare",
            column=usage.header("month"),
            latest=format_month(latest),
            earlier=format_month(latest - 12),
        )
    baseline, current = windows
    _check_windows(usage, months, baseline, current)
    base = table[table["month"].isin(baseline.months)]
    cur = table[table["month"].isin(current.months)]
    _check_pairs(usage, base, cur, current.start - baseline.start)
    factor = calc.DEFAULT_CO2_KG_PER_KG_PAPER if co2_factor is None else co2_factor
    figures = calc.headline_figures(
        float(base["sheets"].sum()),
        float(cur["sheets"].sum()),
        float(base["cost"].sum()),
        float(cur["cost"].sum()),
        len(current),
        co2_factor=factor,
    )
    if initial_cost is not None or running_cost is not None:
        figures.update(
            calc.net_figures(
                figures["annualized_cost_saved"], initial_cost or 0.0, running_cost or 0.0
            )
        )
    return Comparison(
        source=usage.source,
        baseline=baseline,
        current=current,
        figures=figures,
        by_department=_by_department(base, cur),
        by_month=_by_month(base, cur, current.start - baseline.start),
        by_color=_by_color(base, cur) if usage.has_color_split else None,
        co2_factor=factor,
        staff=staff,
    )


def _sums(frame: pd.DataFrame, key: str, prefix: str) -> pd.DataFrame:
    out = frame.groupby(key)[["sheets", "cost"]].sum()
    return out.rename(columns={"sheets": f"{prefix}_sheets", "cost": f"{prefix}_cost"})


def _by_department(base: pd.DataFrame, cur: pd.DataFrame) -> pd.DataFrame:
    table = _sums(base, "department", "baseline").join(_sums(cur, "department", "current"))
    table = _add_ratios(table.reset_index())
    return table.sort_values("sheets_saved", ascending=False, kind="stable").reset_index(drop=True)


def _by_month(base: pd.DataFrame, cur: pd.DataFrame, offset: int) -> pd.DataFrame:
    b = _sums(base, "month", "baseline")
    c = _sums(cur, "month", "current")
    c.index = c.index - offset
    table = b.join(c).reset_index().rename(columns={"month": "baseline_month"})
    table.insert(1, "current_month", table["baseline_month"] + offset)
    for col in ("baseline_month", "current_month"):
        table[col] = table[col].map(format_month)
    return _add_ratios(table)


def _by_color(base: pd.DataFrame, cur: pd.DataFrame) -> pd.DataFrame:
    """Mono vs colour sheets, since colour pages cost several times more."""
    rows = []
    for kind in ("mono", "color"):
        rows.append(
            {
                "color": kind,
                "baseline_sheets": float(base[f"{kind}_sheets"].sum()),
                "current_sheets": float(cur[f"{kind}_sheets"].sum()),
            }
        )
    table = pd.DataFrame(rows)
    table["sheets_saved"] = calc.sheets_saved(table["baseline_sheets"], table["current_sheets"])
    table["sheets_ratio"] = calc.ratio(table["current_sheets"], table["baseline_sheets"])
    table["sheets_reduction_rate"] = calc.reduction_rate(
        table["current_sheets"], table["baseline_sheets"]
    )
    return table
