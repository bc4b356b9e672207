"""003 §5 rebuilt from its figures: both readings of "対前年比 56%"."""

from __future__ import annotations

import pytest

from chatdojo.paper.case_study import case_003, reconstruct


def test_reading_a_treats_56_percent_as_the_ratio():
    """If 56% is the ratio, was last year about 19,950 sheets and this year 11,172?"""
    a = case_003().sheets_a
    assert a.baseline == pytest.approx(8778 / 0.44)
    assert round(a.baseline) == 19950 and round(a.current) == 11172
    assert a.ratio == pytest.approx(0.56) and a.reduction_rate == pytest.approx(0.44)


def test_reading_b_treats_56_percent_as_the_reduction():
    """If 56% is the reduction, was last year about 15,675 sheets and this year 6,897?"""
    b = case_003().sheets_b
    assert round(b.baseline) == 15675 and round(b.current) == 6897
    assert b.reduction_rate == pytest.approx(0.56)


def test_both_readings_save_the_same_8778_sheets():
    """Do the two readings differ only in last year's volume, not in the saving?"""
    case = case_003()
    for reading in (case.sheets_a, case.sheets_b):
        assert reading.baseline - reading.current == pytest.approx(8778)


def test_cost_figure_is_the_same_under_both_readings_at_50_percent():
    """At 50% do both readings give last year's cost as 43,286 yen?"""
    case = case_003()
    assert case.cost_a.baseline == pytest.approx(43286)
    assert case.cost_b.baseline == pytest.approx(43286)


def test_saving_per_sheet_is_about_2_47_yen():
    """Is 21,643 yen over 8,778 sheets about 2.47 yen a sheet?"""
    assert round(case_003().saving_per_sheet, 2) == 2.47


def test_city_wide_projection_uses_19_million_sheets():
    """Does the city-wide projection apply each reading's reduction to 19 million sheets?"""
    case = case_003()
    proj_a = case.projection(case.sheets_a)
    proj_b = case.projection(case.sheets_b)
    assert proj_a["sheets_saved"] == pytest.approx(19_000_000 * 0.44)
    assert proj_b["sheets_saved"] == pytest.approx(19_000_000 * 0.56)
    assert proj_a["cost_saved"] == pytest.approx(19_000_000 * 0.44 * 21643 / 8778)
    half = case.projection(case.sheets_a, k=5, n=10)
    assert half["sheets_saved"] == pytest.approx(proj_a["sheets_saved"] / 2)


def test_other_inputs_change_the_result():
    """Does the function really compute from its inputs (a 20% reduction of 100 means 500 last year)?"""
    r = reconstruct(100, 0.2, "reduction_rate")
    assert r.baseline == pytest.approx(500) and r.current == pytest.approx(400)
    with pytest.raises(ValueError):
        reconstruct(100, 1.0, "ratio")
    with pytest.raises(ValueError):
        reconstruct(100, 0.5, "percent")


def test_table_labels_ratio_and_reduction_in_both_languages():
    """Does the side-by-side table name 対前年比 and 削減率 (and their English) explicitly?"""
    ja = case_003().table("ja", formatted=True)
    assert any("対前年比" in i for i in ja.index) and any("削減率" in i for i in ja.index)
    assert "19,950" in ja.iloc[:, 0].tolist() and "15,675" in ja.iloc[:, 1].tolist()
    en = case_003().table("en")
    assert "year-on-year ratio" in en.index and "reduction rate" in en.index
