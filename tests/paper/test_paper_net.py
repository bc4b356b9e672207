"""Net effect as councils report it: yen saved a year minus running cost, and payback."""

from __future__ import annotations

import json

import pytest
from paper_helpers import DATA

from chatdojo.cli import main
from chatdojo.paper import calculations as calc
from chatdojo.paper import fmt
from chatdojo.paper.compare import compare
from chatdojo.paper.io import read_usage


def test_council_example():
    """¥841万 saved − ¥416万 running = ¥425万 a year; a ¥1,000万 purchase pays back in ~2.35 years."""
    figures = calc.net_figures(8_410_000, 10_000_000, 4_160_000)
    assert figures["net_saved_per_year"] == 4_250_000
    assert figures["payback_years"] == pytest.approx(10_000_000 / 4_250_000)
    assert fmt.figure("net_saved_per_year", figures["net_saved_per_year"]) == "約425万円"


@pytest.mark.parametrize("running", [8_410_000, 9_000_000])
def test_never_pays_back_when_net_is_not_positive(running):
    """Is the payback None (never) when running costs eat the whole saving?"""
    assert calc.net_figures(8_410_000, 1_000_000, running)["payback_years"] is None
    assert fmt.figure("payback_years", None, "ja") == "回収できません"


def _json(capsys, *args: str) -> dict:
    assert main(["paper", "report", str(DATA / "sample_usage.csv"), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_net_and_payback(capsys):
    """Do --initial-cost and --running-cost give net_saved_per_year and payback_years in JSON?"""
    base = _json(capsys)
    annual = base["annualized_cost_saved"]
    out = _json(capsys, "--initial-cost", "300000", "--running-cost", "100000")
    assert out["net_saved_per_year"] == pytest.approx(annual - 100_000, abs=0.01)
    assert out["payback_years"] == round(300_000 / (annual - 100_000), 2)
    never = _json(capsys, "--initial-cost", "300000", "--running-cost", str(annual + 1))
    assert never["payback_years"] is None and never["net_saved_per_year"] < 0


def test_cli_rejects_negative_costs_in_the_chosen_language(capsys):
    """Is a negative cost refused with a message in Japanese (default) or English?"""
    path = str(DATA / "sample_usage.csv")
    assert main(["paper", "report", path, "--running-cost", "-5"]) == 1
    assert "0以上の金額" in capsys.readouterr().err
    assert main(["paper", "report", path, "--initial-cost", "nan", "--lang", "en"]) == 1
    assert "--initial-cost: must be a yen amount" in capsys.readouterr().err


def test_net_figures_in_summary_workbook_and_slides(tmp_path):
    """Do the summary, the workbook's figures sheet and the slides carry net saving and payback?"""
    from openpyxl import load_workbook
    from pptx import Presentation

    from chatdojo.paper import export
    from chatdojo.paper.narrative import comparison_summary

    result = compare(
        read_usage(DATA / "sample_usage.csv"), initial_cost=150_000, running_cost=50_000
    )
    assert "正味の効果" in comparison_summary(result, "ja")
    assert "net saving" in comparison_summary(result, "en")
    paths = export.export_report(result, tmp_path, formats=("xlsx", "pptx"))
    book = load_workbook(next(p for p in paths if p.suffix == ".xlsx"))
    rows = {r[0]: r[1] for r in book["数値"].iter_rows(min_row=4, values_only=True) if r[0]}
    net = result.figures["net_saved_per_year"]
    assert rows["正味の削減額（年額・円）"] == pytest.approx(net)
    assert rows["回収期間（年）"] == pytest.approx(150_000 / net)
    deck = Presentation(str(next(p for p in paths if p.suffix == ".pptx")))
    texts = [
        cell.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert "正味の削減額（年額・円）" in texts and "回収期間（年）" in texts


def test_projections_are_rounded_with_the_assumption_named():
    """Is a projection shown to 万円 / 千枚 with the assumption, never to the yen?"""
    result = compare(read_usage(DATA / "sample_usage.csv"), baseline=None, current=None)
    from chatdojo.paper.periods import parse_range

    short = compare(
        read_usage(DATA / "sample_usage.csv"),
        baseline=parse_range("2023-11..2024-02"),
        current=parse_range("2024-11..2025-02"),
    )
    from chatdojo.paper.narrative import comparison_summary

    ja = comparison_summary(short, "ja")
    assert "仮定すると" in ja and "万円" in ja and "丸めた見込み" in ja
    annual = short.figures["annualized_cost_saved"]
    assert f"{round(annual):,}円" not in ja
    assert result.figures["annualized_cost_saved"] == result.figures["cost_saved"]
