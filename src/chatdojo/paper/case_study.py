"""The 003 §5 case rebuilt from its published figures alone.

One section stopped printing meeting papers for two months (Nov–Dec) and reported
cost "対前年比 50%, 21,643 yen less" and sheets "対前年比 56%, 8,778 sheets less".
"対前年比 56%" is read two ways in practice, and the two readings give different
last-year volumes, so both are computed side by side:

* reading A — 56% is the ratio (this year = 56% of last year): 0.44·L = 8,778;
* reading B — 56% is the reduction (this year = 44% of last year): 0.56·L = 8,778.

The city-wide figure (003 §1: over 19 million copier sheets a year) is then
projected with each reading's reduction rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from chatdojo.paper import calculations as calc
from chatdojo.paper import fmt

CASE_SHEETS_SAVED = 8_778
CASE_SHEETS_STATED = 0.56
CASE_COST_SAVED = 21_643
CASE_COST_STATED = 0.50
CASE_MONTHS = 2  # November and December


@dataclass(frozen=True)
class Reading:
    """Last year's and this year's volume under one interpretation of a stated percentage."""

    name: str
    stated_is: str  # "ratio" or "reduction_rate"
    ratio: float
    reduction_rate: float
    baseline: float
    current: float
    saved: float


def reconstruct(saved: float, stated: float, stated_is: str, name: str = "") -> Reading:
    """Last year L and this year from a saving and a percentage read as ratio or reduction.

    ``stated_is="ratio"``: this year = stated·L, so (1 − stated)·L = saved.
    ``stated_is="reduction_rate"``: stated·L = saved.
    """
    if stated_is == "ratio":
        reduction = 1 - stated
    elif stated_is == "reduction_rate":
        reduction = stated
    else:
        raise ValueError("stated_is must be 'ratio' or 'reduction_rate'")
    if not 0 < reduction <= 1:
        raise ValueError("the stated percentage must leave a reduction between 0 and 100%")
    baseline = saved / reduction
    current = baseline - saved
    return Reading(
        name=name,
        stated_is=stated_is,
        ratio=calc.ratio(current, baseline),
        reduction_rate=calc.reduction_rate(current, baseline),
        baseline=baseline,
        current=current,
        saved=saved,
    )


@dataclass(frozen=True)
class CaseStudy:
    """Both readings of the sheets figure, the cost figure and the city-wide projection."""

    sheets_a: Reading
    sheets_b: Reading
    cost_a: Reading
    cost_b: Reading
    saving_per_sheet: float
    org_annual_sheets: float

    def projection(self, reading: Reading, k: int = 1, n: int = 1) -> dict[str, float]:
        """Sheets and yen a year if k of n departments cut as much as this section did."""
        sheets = calc.org_what_if(reading.reduction_rate, k, n, self.org_annual_sheets)
        return {
            "sheets_saved": sheets,
            "cost_saved": sheets * self.saving_per_sheet,
            "paper_kg_saved": calc.paper_kg(sheets),
            "co2_kg_saved": calc.co2_kg(calc.paper_kg(sheets)),
        }

    def table(self, lang: str = "ja", *, formatted: bool = False) -> pd.DataFrame:
        """Side-by-side readings A and B, labelled with ratio vs reduction rate explicitly.

        ``formatted=True`` gives display strings (19,950 / 56%); otherwise raw floats.
        """
        ja = lang == "ja"
        rows = {
            ("前年の枚数" if ja else "sheets last year"): ("baseline", None),
            ("今年の枚数" if ja else "sheets this year"): ("current", None),
            ("削減枚数" if ja else "sheets saved"): ("saved", None),
            ("対前年比（今年÷前年）" if ja else "year-on-year ratio"): ("ratio", None),
            ("削減率（1−対前年比）" if ja else "reduction rate"): ("reduction_rate", None),
            ("全庁換算の削減枚数/年" if ja else "city-wide sheets saved / year"): (
                None,
                "sheets_saved",
            ),
            ("全庁換算の削減額/年（円）" if ja else "city-wide yen saved / year"): (
                None,
                "cost_saved",
            ),
        }
        columns: dict[str, list[Any]] = {}
        for reading, label in ((self.sheets_a, "A"), (self.sheets_b, "B")):
            proj = self.projection(reading)
            head = (
                f"読み方{label}: 56%={'対前年比' if reading.stated_is == 'ratio' else '削減率'}"
                if ja
                else f"reading {label}: 56% = {'ratio' if reading.stated_is == 'ratio' else 'reduction'}"
            )
            # (kind, value): each row is a Reading attribute or a projection key.
            cells: list[tuple[str, Any]] = []
            for attr, key in rows.values():
                if attr:
                    cells.append((attr, getattr(reading, attr)))
                elif key is not None:
                    cells.append((key, proj[key]))
            values: list[Any] = [v for _, v in cells]
            if formatted:
                values = [
                    fmt.pct(v)
                    if "ratio" in kind or "rate" in kind
                    else fmt.yen(v, lang)
                    if "cost" in kind
                    else fmt.count(v)
                    for kind, v in cells
                ]
            columns[head] = values
        return pd.DataFrame(columns, index=list(rows))


def case_003(
    sheets_saved: float = CASE_SHEETS_SAVED,
    sheets_stated: float = CASE_SHEETS_STATED,
    cost_saved: float = CASE_COST_SAVED,
    cost_stated: float = CASE_COST_STATED,
    org_annual_sheets: float = calc.ORG_ANNUAL_SHEETS_003,
) -> CaseStudy:
    """Rebuild 003 §5 from its four published figures (defaults) or any others."""
    return CaseStudy(
        sheets_a=reconstruct(sheets_saved, sheets_stated, "ratio", "A"),
        sheets_b=reconstruct(sheets_saved, sheets_stated, "reduction_rate", "B"),
        cost_a=reconstruct(cost_saved, cost_stated, "ratio", "A"),
        cost_b=reconstruct(cost_saved, cost_stated, "reduction_rate", "B"),
        saving_per_sheet=calc.saving_per_sheet(cost_saved, sheets_saved),
        org_annual_sheets=org_annual_sheets,
    )
