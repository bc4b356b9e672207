"""``chatdojo paper report``: JSON output, exit codes and plain error messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from paper_helpers import month_span, raw_totals

from chatdojo.cli import main
from chatdojo.paper.calculations import FIGURE_KEYS, paper_kg

JSON_KEYS = [
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
    "net_saved_per_year",
    "payback_years",
]


def _run_json(capsys, *args: str) -> dict:
    assert main(["paper", "report", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_exactly_the_documented_keys(capsys, paper_data):
    """Does --json print the fourteen figures, then net saving and payback, in order?"""
    out = _run_json(capsys, str(paper_data / "sample_usage.csv"))
    assert list(out) == JSON_KEYS == [*FIGURE_KEYS, "net_saved_per_year", "payback_years"]


def test_json_figures_match_an_independent_sum(capsys, paper_data):
    """Do the JSON totals and ratios equal sums taken straight from the CSV?"""
    path = paper_data / "sample_usage.csv"
    out = _run_json(
        capsys, str(path), "--baseline", "2023-11..2024-02", "--current", "2024-11..2025-02"
    )
    base_sheets, base_cost = raw_totals(path, month_span("2023-11", "2024-02"))
    cur_sheets, cur_cost = raw_totals(path, month_span("2024-11", "2025-02"))
    assert out["baseline_sheets"] == base_sheets and out["current_sheets"] == cur_sheets
    assert out["cost_saved"] == base_cost - cur_cost
    assert out["sheets_ratio"] == round(cur_sheets / base_sheets, 4)
    assert out["sheets_reduction_rate"] == round(1 - cur_sheets / base_sheets, 4)
    assert 0 < out["sheets_ratio"] < 1  # a fraction such as 0.81, not 81
    assert out["annualized_sheets_saved"] == pytest.approx((base_sheets - cur_sheets) * 3, abs=0.01)
    assert out["paper_kg_saved"] == pytest.approx(paper_kg(base_sheets - cur_sheets), abs=0.001)


def test_co2_factor_option_overrides_the_default(capsys, paper_data):
    """Does --co2-factor change only the CO2 figure, proportionally?"""
    path = str(paper_data / "sample_usage.csv")
    out = _run_json(capsys, path, "--co2-factor", "2")
    assert out["co2_kg_saved"] == pytest.approx(out["paper_kg_saved"] * 2, abs=0.002)


def test_mapping_option_reads_a_copier_export(capsys, paper_data):
    """Does --mapping let the copier-counter example report the same sheets as the template?"""
    a = _run_json(
        capsys,
        str(paper_data / "sample_copier_counter.csv"),
        "--mapping",
        str(paper_data / "mapping_copier_counter.yml"),
    )
    b = _run_json(capsys, str(paper_data / "sample_usage.csv"))
    assert a["sheets_saved"] == b["sheets_saved"]


def test_text_output_labels_both_percentages(capsys, paper_data):
    """Does the plain report print 対前年比 and 削減率 lines?"""
    assert main(["paper", "report", str(paper_data / "sample_usage.csv")]) == 0
    out = capsys.readouterr().out
    assert "対前年比" in out and "削減率" in out


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("text_in_count.csv", "row 3, column 枚数"),
        ("bad_month.csv", "row 5, column 年月"),
        ("unpaired_months.csv", "row 7, column 年月"),
    ],
)
def test_bad_input_exits_1_with_path_row_and_column(capsys, paper_files, name, where):
    """Does bad input exit 1 with 'path: row N, column X: message' on stderr and no traceback?"""
    assert main(["paper", "report", str(paper_files / name), "--json", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{paper_files / name}: {where}: ")
    assert "Traceback" not in captured.err


def test_bad_range_and_missing_file_exit_1(capsys, paper_data, tmp_path):
    """Are a malformed --baseline and a missing input reported in one line each?"""
    assert (
        main(["paper", "report", str(paper_data / "sample_usage.csv"), "--baseline", "last year"])
        == 1
    )
    assert capsys.readouterr().err.startswith("--baseline: ")
    missing = tmp_path / "nope.csv"
    assert main(["paper", "report", str(missing), "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith(f"{missing}: cannot open file: no such file")
    assert main(["paper", "report", str(missing)]) == 1
    assert capsys.readouterr().err.startswith(
        f"{missing}: ファイルを開けません: そのファイルはありません"
    )


def test_nothing_is_written_to_out_on_bad_input(capsys, paper_files, tmp_path):
    """With a broken file, is the --out folder left uncreated?"""
    out = tmp_path / "report"
    assert (
        main(["paper", "report", str(paper_files / "negative_count.csv"), "--out", str(out)]) == 1
    )
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_out_writes_the_report_files(capsys, paper_data, tmp_path):
    """Does --out produce the workbook, slides and charts?"""
    out = tmp_path / "report"
    assert (
        main(["paper", "report", str(paper_data / "sample_usage.csv"), "--out", str(out), "--json"])
        == 0
    )
    names = sorted(p.name for p in out.iterdir())
    assert "paper_report.xlsx" in names and "paper_report.pptx" in names
    assert sum(n.endswith(".png") for n in names) == 3


def test_registering_the_command_does_not_import_pandas():
    """Is pandas left unloaded by building the parser, so 'chatdojo --help' stays fast?"""
    code = (
        "import argparse, sys\n"
        "from chatdojo.commands import paper\n"
        "p = argparse.ArgumentParser(); paper.register(p.add_subparsers())\n"
        "print('pandas' in sys.modules, 'numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_paper_without_subcommand_shows_help(capsys):
    """Does 'chatdojo paper' alone print its help and exit 2 instead of crashing?"""
    assert main(["paper"]) == 2
    assert "report" in capsys.readouterr().out
