"""Deterministic, invented sample data: usage tables for demos and job logs for the benchmark.

Department names are generic; figures are synthetic (seeded) and only shaped like a
city office: seasonal peaks in April and March, about 12% colour, and a visible
drop from November 2024 when sections stop printing meeting papers (as in 003 §5).
Regenerate the files in data/paper/ with ``python -m chatdojo.paper.sample data/paper``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from chatdojo.paper.periods import format_month, month_index

DEPARTMENTS: dict[str, tuple[int, float]] = {
    # name: (typical sheets a month, reduction reached after the switch)
    "総務課": (9000, 0.30),
    "財政課": (6500, 0.15),
    "地域保健課": (7500, 0.45),
    "税務課": (12000, 0.10),
    "市民課": (10000, 0.20),
    "都市計画課": (5000, 0.25),
}
START = month_index(2023, 4)
MONTHS = 24
SWITCH = month_index(2024, 11)
UNIT_COST = {"mono": 1.6, "color": 10.0}  # yen a sheet: copier fee + paper (invented)
COLOR_SHARE = 0.12
SEASON = {
    4: 1.15,
    5: 1.0,
    6: 1.0,
    7: 0.95,
    8: 0.85,
    9: 1.0,
    10: 1.0,
    11: 1.0,
    12: 0.95,
    1: 0.95,
    2: 1.05,
    3: 1.2,
}


def sample_usage(seed: int = 2024) -> pd.DataFrame:
    """Template columns plus カラー区分: one mono and one colour row per department-month."""
    rng = np.random.default_rng(seed)
    rows = []
    for dept, (typical, reduction) in DEPARTMENTS.items():
        for m in range(START, START + MONTHS):
            month_no = m % 12 + 1
            ramp = min(1.0, (m - SWITCH + 1) / 3) if m >= SWITCH else 0.0
            level = typical * SEASON[month_no] * (1 - reduction * ramp) * rng.normal(1.0, 0.04)
            color = round(level * COLOR_SHARE * (1 - 0.4 * ramp))  # colour handouts go first
            mono = round(level) - color
            for kind, sheets in (("モノクロ", mono), ("カラー", color)):
                price = UNIT_COST["mono" if kind == "モノクロ" else "color"]
                rows.append((dept, format_month(m), kind, sheets, round(sheets * price)))
    return pd.DataFrame(rows, columns=["部署", "年月", "カラー区分", "枚数", "金額"])


def template_totals(usage: pd.DataFrame) -> pd.DataFrame:
    """The same data in the plain template layout (no colour split)."""
    return usage.groupby(["部署", "年月"], sort=False, as_index=False)[["枚数", "金額"]].sum()


def copier_counter_export(usage: pd.DataFrame) -> pd.DataFrame:
    """An invented copier-counter layout: one row per machine, slash months, no yen column."""
    wide = usage.pivot_table(
        index=["部署", "年月"], columns="カラー区分", values="枚数", aggfunc="sum", sort=False
    ).reset_index()
    wide["機器番号"] = ["MFP-" + str(100 + i) for i in pd.factorize(wide["部署"])[0]]
    wide["集計年月"] = wide["年月"].str.replace("-", "/")
    out = wide.rename(
        columns={"部署": "設置場所", "モノクロ": "白黒カウンタ", "カラー": "カラーカウンタ"}
    )
    return out[["機器番号", "設置場所", "集計年月", "白黒カウンタ", "カラーカウンタ"]]


def sample_job_log(n_rows: int, seed: int = 7, departments: int = 40) -> pd.DataFrame:
    """Synthetic print-job log (department, date, sheets, colour, duplex), built vectorially."""
    rng = np.random.default_rng(seed)
    names = np.array([f"部署{i:02d}" for i in range(departments)])
    start = np.datetime64("2023-04-01")
    return pd.DataFrame(
        {
            "department": pd.Categorical(names[rng.integers(0, departments, n_rows)]),
            "date": start + rng.integers(0, 730, n_rows).astype("timedelta64[D]"),
            "sheets": rng.geometric(0.15, n_rows).astype("int64"),
            "color": rng.random(n_rows) < COLOR_SHARE,
            "duplex": rng.random(n_rows) < 0.4,
        }
    )


def write_samples(directory: Path) -> list[Path]:
    """Write sample_usage.csv (UTF-8 BOM), the Shift_JIS copy and the copier example."""
    directory.mkdir(parents=True, exist_ok=True)
    usage = sample_usage()
    targets = [
        (directory / "sample_usage.csv", usage, "utf-8-sig"),
        (directory / "sample_usage_sjis.csv", template_totals(usage), "cp932"),
        (directory / "sample_copier_counter.csv", copier_counter_export(usage), "utf-8-sig"),
    ]
    for path, frame, encoding in targets:
        frame.to_csv(path, index=False, encoding=encoding, lineterminator="\r\n")
    return [p for p, _, _ in targets]


SAMPLE_NAME = "sample_usage.csv"


def sample_csv() -> tuple[str, bytes]:
    """The dashboard's "try the sample": ``data/paper/sample_usage.csv`` of the content root.

    The root is a checkout, ``CHATDOJO_HOME`` or the copy bundled in the wheel; a root
    without the file (an organization's own content) gets the same table regenerated.
    """
    from chatdojo.content.catalog import default_root

    path = default_root() / "data" / "paper" / SAMPLE_NAME
    if path.is_file() and path.stat().st_size < 1024 * 1024:
        return SAMPLE_NAME, path.read_bytes()
    text = sample_usage().to_csv(index=False, lineterminator="\r\n")
    return SAMPLE_NAME, ("\ufeff" + text).encode("utf-8")


if __name__ == "__main__":  # pragma: no cover
    for written in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "data/paper")):
        print(written)
