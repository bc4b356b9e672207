"""The calculation registry: ratio vs reduction rate, weights, CO2, projections."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from chatdojo.paper import calculations as calc
from chatdojo.paper.labels import FIGURE_LABELS, LANGS


def test_ratio_and_reduction_rate_are_complements():
    """Does 対前年比 (current/baseline) plus 削減率 always make exactly 1?"""
    for baseline, current in [(100, 56), (19950, 11172), (3, 4), (7, 0)]:
        r = calc.ratio(current, baseline)
        assert r == pytest.approx(current / baseline)
        assert r + calc.reduction_rate(current, baseline) == pytest.approx(1.0)


def test_ratio_of_56_percent_means_44_percent_reduction():
    """Is 56 sheets this year against 100 last year a ratio of 0.56 and a reduction of 0.44?"""
    assert calc.ratio(56, 100) == pytest.approx(0.56)
    assert calc.reduction_rate(56, 100) == pytest.approx(0.44)


def test_zero_baseline_gives_no_ratio_instead_of_infinity():
    """With nothing printed last year, is the ratio reported as unknown rather than inf?"""
    assert calc.ratio(5, 0) is None
    assert calc.reduction_rate(5, 0) is None
    series = calc.ratio(pd.Series([1.0, 2.0]), pd.Series([0.0, 4.0]))
    assert math.isnan(series.iloc[0]) and series.iloc[1] == 0.5


def test_a4_sheet_weighs_about_four_grams_at_64_gsm():
    """Is one A4 sheet at 64 g/m² 0.21 × 0.297 × 64 ≈ 3.99 g?"""
    grams = calc.paper_kg(1) * 1000
    assert grams == pytest.approx(0.21 * 0.297 * 64)
    assert round(grams, 2) == 3.99
    assert calc.paper_kg(1000, gsm=80) == pytest.approx(0.21 * 0.297 * 80)


def test_co2_factor_has_a_citation_and_can_be_overridden():
    """Is the CO2 factor documented with its source and replaceable by the user's own?"""
    assert "942" in calc.CO2_FACTOR_SOURCE and "BioResources" in calc.CO2_FACTOR_SOURCE
    assert calc.co2_kg(10) == pytest.approx(10 * calc.DEFAULT_CO2_KG_PER_KG_PAPER)
    assert calc.co2_kg(10, factor=1.3) == pytest.approx(13.0)


def test_annualize_scales_a_two_month_saving_to_twelve():
    """Does a two-month saving of 100 become 600 a year, and are zero months refused?"""
    assert calc.annualize(100, 2) == pytest.approx(600)
    with pytest.raises(ValueError):
        calc.annualize(100, 0)


def test_org_what_if_scales_with_share_of_departments():
    """If 3 of 10 departments cut 44%, is the saving 30% of 44% of the organization's sheets?"""
    assert calc.org_what_if(0.44, 3, 10, 1_000_000) == pytest.approx(1_000_000 * 0.3 * 0.44)
    assert calc.org_what_if(0.5, 10, 10) == pytest.approx(calc.ORG_ANNUAL_SHEETS_003 / 2)
    with pytest.raises(ValueError):
        calc.org_what_if(0.5, 11, 10)


def test_per_person_needs_a_head_count():
    """Are per-person figures absent without a head count and divided when given?"""
    assert calc.per_person(1000, None) is None
    assert calc.per_person(1000, 8) == pytest.approx(125)


def test_headline_figures_follow_the_registry_functions():
    """Do the headline figures use exactly the JSON keys and agree with each formula?"""
    f = calc.headline_figures(1000, 600, 5000, 2000, months=3, co2_factor=2.0)
    assert tuple(f) == calc.FIGURE_KEYS
    assert f["sheets_saved"] == 400 and f["cost_saved"] == 3000
    assert f["sheets_ratio"] == pytest.approx(0.6) and f["sheets_reduction_rate"] == pytest.approx(
        0.4
    )
    assert f["cost_ratio"] == pytest.approx(0.4) and f["cost_reduction_rate"] == pytest.approx(0.6)
    assert f["paper_kg_saved"] == pytest.approx(400 * 0.21 * 0.297 * 64 / 1000)
    assert f["co2_kg_saved"] == pytest.approx(f["paper_kg_saved"] * 2.0)
    assert f["annualized_sheets_saved"] == pytest.approx(1600)
    assert f["annualized_cost_saved"] == pytest.approx(12000)


def test_rounded_keeps_ratios_as_fractions():
    """Does the JSON form keep 0.56 as 0.56 (not 56) and counts as whole numbers?"""
    out = calc.rounded(calc.headline_figures(100, 56, 100.5, 50, months=1))
    assert out["sheets_ratio"] == 0.56 and isinstance(out["sheets_saved"], int)
    assert out["baseline_cost"] == 100.5


def test_registry_lists_every_named_calculation_with_both_languages():
    """Does the registry name each required calculation with ja and en labels?"""
    required = {
        "sheets_saved",
        "cost_saved",
        "ratio",
        "reduction_rate",
        "annualized",
        "org_what_if",
        "paper_kg",
        "co2_kg",
        "per_person",
    }
    assert required <= set(calc.CALCULATIONS)
    for entry in calc.CALCULATIONS.values():
        assert entry.ja and entry.en and callable(entry.func)
    assert calc.CALCULATIONS["ratio"].ja == "対前年比"
    assert calc.CALCULATIONS["reduction_rate"].ja == "削減率"


def test_every_figure_label_says_which_percentage_it_is():
    """Is every ratio labelled 対前年比/ratio and every reduction labelled 削減率/reduction?"""
    for key in calc.FIGURE_KEYS:
        assert set(FIGURE_LABELS[key]) == set(LANGS)
        if key.endswith("_ratio"):
            assert (
                "対前年比" in FIGURE_LABELS[key]["ja"]
                and "year-on-year ratio" in FIGURE_LABELS[key]["en"]
            )
        if key.endswith("_reduction_rate"):
            assert (
                "削減率" in FIGURE_LABELS[key]["ja"]
                and "reduction rate" in FIGURE_LABELS[key]["en"]
            )
