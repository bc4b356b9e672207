"""The one registry of paper-saving calculations.

Each figure a manager sees comes from a named entry in ``CALCULATIONS`` so the CLI,
dashboard, exports and case study cannot drift apart. Functions accept scalars or
pandas Series (per-department tables use the same code as the totals).

Two figures are confused in practice and are always labelled separately:
対前年比 / year-on-year ratio = current ÷ baseline (0.56 means "56% of last year"),
削減率 / reduction rate = 1 − ratio (0.44 means "44% less than last year").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

A4_WIDTH_M = 0.210
A4_HEIGHT_M = 0.297
A4_AREA_M2 = A4_WIDTH_M * A4_HEIGHT_M
DEFAULT_GSM = 64.0
"""Common Japanese copy paper basis weight (g/m²); A4 at 64 g/m² ≈ 3.99 g a sheet."""

DEFAULT_CO2_KG_PER_KG_PAPER = 0.942
CO2_FACTOR_SOURCE = (
    "Tomberlin, Venditti & Yao (2020), 'Life Cycle Carbon Footprint Analysis of Pulp and "
    "Paper Grades in the United States Using Production-line-based Data and Integration', "
    "BioResources: production-weighted cradle-to-gate average 942 kg CO2eq per tonne of "
    "paper product (608-1,978 by grade). Override with your supplier's figure."
)
"""Why 0.942: a published, peer-reviewed average. It covers paper making only (not
printing, toner or electricity), so the CO2 figure is an order of magnitude, not an audit."""

ORG_ANNUAL_SHEETS_003 = 19_000_000
"""Copier sheets a year for the whole city in 003 §1 ("over" this figure)."""

Number = Any  # float | int | pd.Series; kept loose so Series flow through


def _div(numerator: Number, denominator: Number) -> Number:
    """Division that yields None/NaN for a zero baseline instead of inf."""
    if isinstance(denominator, pd.Series):
        return numerator / denominator.where(denominator != 0)
    if denominator == 0 or denominator is None or pd.isna(denominator):
        return None
    return numerator / denominator


def sheets_saved(baseline_sheets: Number, current_sheets: Number) -> Number:
    """Sheets not printed: baseline − current (negative means usage grew)."""
    return baseline_sheets - current_sheets


def cost_saved(baseline_cost: Number, current_cost: Number) -> Number:
    """Yen not spent: baseline − current."""
    return baseline_cost - current_cost


def ratio(current: Number, baseline: Number) -> Number:
    """対前年比 / year-on-year ratio = current ÷ baseline (0.56 = 56% of last year)."""
    return _div(current, baseline)


def reduction_rate(current: Number, baseline: Number) -> Number:
    """削減率 / reduction rate = 1 − ratio (0.44 = 44% less than last year)."""
    r = ratio(current, baseline)
    return None if r is None else 1 - r


def annualize(value: Number, months: int) -> Number:
    """Scale a saving over ``months`` to 12 months (assumes the pace holds all year)."""
    if months <= 0:
        raise ValueError("months must be positive")
    return value * 12 / months


def net_saved_per_year(annual_cost_saved: Number, running_cost_per_year: Number) -> Number:
    """Net effect as councils report it: yen saved a year − the replacement's yearly running cost."""
    return annual_cost_saved - running_cost_per_year


def payback_years(initial_cost: float, net_per_year: float | None) -> float | None:
    """Years until the one-off purchase is paid back; None when it never is (net ≤ 0)."""
    if net_per_year is None or pd.isna(net_per_year) or net_per_year <= 0:
        return None
    return initial_cost / net_per_year


NET_KEYS: tuple[str, ...] = (
    "initial_cost",
    "running_cost_per_year",
    "net_saved_per_year",
    "payback_years",
)
"""Figures added when the replacement's costs are given (tablets, licences, network)."""


def net_figures(
    annual_cost_saved: float | None, initial_cost: float = 0.0, running_cost_per_year: float = 0.0
) -> dict[str, float | None]:
    """One-off and yearly costs, net saving per year and payback period."""
    net = (
        None
        if annual_cost_saved is None or pd.isna(annual_cost_saved)
        else net_saved_per_year(annual_cost_saved, running_cost_per_year)
    )
    return {
        "initial_cost": float(initial_cost),
        "running_cost_per_year": float(running_cost_per_year),
        "net_saved_per_year": net,
        "payback_years": payback_years(initial_cost, net),
    }


def org_what_if(
    reduction: float, k: int, n: int, org_annual_sheets: float = ORG_ANNUAL_SHEETS_003
) -> float:
    """Sheets saved a year if ``k`` of ``n`` equal-sized departments reach ``reduction``."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError("need 0 <= k <= n and n > 0")
    return org_annual_sheets * (k / n) * reduction


def paper_kg(sheets: Number, gsm: float = DEFAULT_GSM, area_m2: float = A4_AREA_M2) -> Number:
    """Paper weight in kg: sheets × area × basis weight (A4 64 g/m² ≈ 3.99 g a sheet)."""
    return sheets * area_m2 * gsm / 1000


def co2_kg(paper_weight_kg: Number, factor: float | None = None) -> Number:
    """CO2 in kg for making that much paper; ``factor`` overrides the cited default."""
    return paper_weight_kg * (DEFAULT_CO2_KG_PER_KG_PAPER if factor is None else factor)


def per_person(value: Number, people: int | None) -> Number:
    """A figure divided by head count (None when the head count is unknown)."""
    if not people:
        return None
    return value / people


def saving_per_sheet(cost_saved_yen: Number, sheets_saved_n: Number) -> Number:
    """Yen saved per sheet not printed (copier fee + paper)."""
    return _div(cost_saved_yen, sheets_saved_n)


@dataclass(frozen=True)
class Calculation:
    """A named figure: labels in both languages, unit, formula text and the function."""

    key: str
    ja: str
    en: str
    unit: str
    formula: str
    func: Callable[..., Any]


CALCULATIONS: dict[str, Calculation] = {
    c.key: c
    for c in (
        Calculation("sheets_saved", "削減枚数", "sheets saved", "枚", "前年 − 今年", sheets_saved),
        Calculation("cost_saved", "削減額", "cost saved", "円", "前年 − 今年", cost_saved),
        Calculation("ratio", "対前年比", "year-on-year ratio", "%", "今年 ÷ 前年", ratio),
        Calculation(
            "reduction_rate", "削減率", "reduction rate", "%", "1 − 対前年比", reduction_rate
        ),
        Calculation("annualized", "年間換算", "annualized", "", "削減量 × 12 ÷ 月数", annualize),
        Calculation(
            "org_what_if",
            "全庁に広げた場合",
            "organization-wide what-if",
            "枚/年",
            "全庁枚数 × k/n × 削減率",
            org_what_if,
        ),
        Calculation("paper_kg", "紙の重さ", "paper weight", "kg", "枚数 × 面積 × 坪量", paper_kg),
        Calculation("co2_kg", "CO2換算", "CO2", "kg", "紙の重さ × 係数", co2_kg),
        Calculation("per_person", "1人あたり", "per person", "", "値 ÷ 人数", per_person),
        Calculation(
            "saving_per_sheet",
            "1枚あたり削減額",
            "saving per sheet",
            "円",
            "削減額 ÷ 削減枚数",
            saving_per_sheet,
        ),
    )
}

FIGURE_KEYS: tuple[str, ...] = (
    "baseline_sheets",
    "current_sheets",
    "sheets_saved",
    "sheets_ratio",
    "sheets_reduction_rate",
    "baseline_cost",
    "current_cost",
    "cost_saved",
    "cost_ratio",
    "cost_reduction_rate",
    "paper_kg_saved",
    "co2_kg_saved",
    "annualized_sheets_saved",
    "annualized_cost_saved",
)
"""The headline figures, in order; also the exact keys of ``chatdojo paper report --json``."""


def headline_figures(
    baseline_sheets: float,
    current_sheets: float,
    baseline_cost: float,
    current_cost: float,
    months: int,
    *,
    co2_factor: float | None = None,
    gsm: float = DEFAULT_GSM,
) -> dict[str, float | None]:
    """All headline figures from four totals and the window length in months."""
    saved = sheets_saved(baseline_sheets, current_sheets)
    yen = cost_saved(baseline_cost, current_cost)
    kg = paper_kg(saved, gsm)
    figures: dict[str, float | None] = {
        "baseline_sheets": baseline_sheets,
        "current_sheets": current_sheets,
        "sheets_saved": saved,
        "sheets_ratio": ratio(current_sheets, baseline_sheets),
        "sheets_reduction_rate": reduction_rate(current_sheets, baseline_sheets),
        "baseline_cost": baseline_cost,
        "current_cost": current_cost,
        "cost_saved": yen,
        "cost_ratio": ratio(current_cost, baseline_cost),
        "cost_reduction_rate": reduction_rate(current_cost, baseline_cost),
        "paper_kg_saved": kg,
        "co2_kg_saved": co2_kg(kg, co2_factor),
        "annualized_sheets_saved": annualize(saved, months),
        "annualized_cost_saved": annualize(yen, months),
    }
    assert tuple(figures) == FIGURE_KEYS
    return figures


def rounded(figures: dict[str, float | None]) -> dict[str, float | int | None]:
    """JSON-friendly copy: counts as int, yen to 2 places, ratios to 4, kg to 3."""
    out: dict[str, float | int | None] = {}
    for key, value in figures.items():
        if value is None or pd.isna(value):
            out[key] = None
        elif "ratio" in key or "rate" in key:
            out[key] = round(float(value), 4)
        elif key == "payback_years":
            out[key] = round(float(value), 2)
        elif key.endswith("kg_saved"):
            out[key] = round(float(value), 3)
        elif float(value).is_integer():
            out[key] = int(value)
        else:
            out[key] = round(float(value), 2)
    return out
