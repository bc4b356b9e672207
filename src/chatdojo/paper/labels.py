"""Japanese and English labels for every figure and control.

Ratio and reduction rate carry their formula in the label itself, because a bare
"56%" is read both ways in practice (see 003 §5 and ``case_study``).
"""

from __future__ import annotations

from chatdojo.i18n import Strings

LANGS = ("ja", "en")

RATIO_JA = "対前年比（今年÷前年）"
RATIO_EN = "year-on-year ratio (this year ÷ last year)"
REDUCTION_JA = "削減率（1−対前年比）"
REDUCTION_EN = "reduction rate (1 − year-on-year ratio)"

FIGURE_LABELS = Strings(
    "paper.figures",
    {
        "baseline_sheets": {"ja": "前年の枚数", "en": "sheets last year"},
        "current_sheets": {"ja": "今年の枚数", "en": "sheets this year"},
        "sheets_saved": {"ja": "削減枚数", "en": "sheets saved"},
        "sheets_ratio": {"ja": f"枚数の{RATIO_JA}", "en": f"sheets: {RATIO_EN}"},
        "sheets_reduction_rate": {"ja": f"枚数の{REDUCTION_JA}", "en": f"sheets: {REDUCTION_EN}"},
        "baseline_cost": {"ja": "前年の費用（円）", "en": "cost last year (yen)"},
        "current_cost": {"ja": "今年の費用（円）", "en": "cost this year (yen)"},
        "cost_saved": {"ja": "削減額（円）", "en": "cost saved (yen)"},
        "cost_ratio": {"ja": f"費用の{RATIO_JA}", "en": f"cost: {RATIO_EN}"},
        "cost_reduction_rate": {"ja": f"費用の{REDUCTION_JA}", "en": f"cost: {REDUCTION_EN}"},
        "paper_kg_saved": {"ja": "削減した紙の重さ（kg）", "en": "paper saved (kg)"},
        "co2_kg_saved": {"ja": "CO2削減量の目安（kg）", "en": "CO2 avoided, rough (kg)"},
        "annualized_sheets_saved": {
            "ja": "年間換算の削減枚数",
            "en": "sheets saved per year (projected)",
        },
        "annualized_cost_saved": {
            "ja": "年間換算の削減額（円）",
            "en": "cost saved per year (projected, yen)",
        },
        "initial_cost": {"ja": "導入費用（初期・円）", "en": "one-off purchase (yen)"},
        "running_cost_per_year": {
            "ja": "運用費用（年額・円）",
            "en": "running cost per year (yen)",
        },
        "net_saved_per_year": {
            "ja": "正味の削減額（年額・円）",
            "en": "net saving per year (yen)",
        },
        "payback_years": {"ja": "回収期間（年）", "en": "payback period (years)"},
    },
)

COLUMN_LABELS = Strings(
    "paper.columns",
    {
        "department": {"ja": "部署", "en": "department"},
        "month": {"ja": "年月", "en": "month"},
        "baseline_month": {"ja": "前年の月", "en": "last-year month"},
        "current_month": {"ja": "今年の月", "en": "this-year month"},
        "baseline_sheets": {"ja": "前年枚数", "en": "sheets last year"},
        "current_sheets": {"ja": "今年枚数", "en": "sheets this year"},
        "sheets_saved": {"ja": "削減枚数", "en": "sheets saved"},
        "sheets_ratio": {"ja": "対前年比", "en": "year-on-year ratio"},
        "sheets_reduction_rate": {"ja": "削減率", "en": "reduction rate"},
        "baseline_cost": {"ja": "前年費用", "en": "cost last year"},
        "current_cost": {"ja": "今年費用", "en": "cost this year"},
        "cost_saved": {"ja": "削減額", "en": "cost saved"},
        "cost_ratio": {"ja": "費用の対前年比", "en": "year-on-year ratio of costs"},
        "cost_reduction_rate": {"ja": "費用の削減率", "en": "cost reduction rate"},
    },
)

UI = Strings(
    "paper.ui",
    {
        "title": {"ja": "紙の削減効果レポート", "en": "Paper-savings report"},
        "upload": {"ja": "ファイルを選ぶ（CSV/Excel）", "en": "Choose file (CSV/Excel)"},
        "from_file": {"ja": "ファイルから", "en": "From a file"},
        "try_sample": {"ja": "サンプルデータで試す", "en": "Try the sample data"},
        "sample_note": {
            "ja": "架空の6部署・24か月のサンプル（sample_usage.csv）を表示しています。",
            "en": "Showing the invented sample: 6 departments, 24 months (sample_usage.csv).",
        },
        "typed": {"ja": "数値を入力", "en": "Type the figures"},
        "baseline_sheets": {"ja": "前年の枚数", "en": "Sheets last year"},
        "current_sheets": {"ja": "今年の枚数", "en": "Sheets this year"},
        "baseline_cost": {"ja": "前年の費用（円）", "en": "Cost last year (yen)"},
        "current_cost": {"ja": "今年の費用（円）", "en": "Cost this year (yen)"},
        "months": {"ja": "対象の月数", "en": "Months covered"},
        "baseline": {"ja": "比較元（前年）", "en": "Baseline"},
        "current": {"ja": "比較先（今年）", "en": "Current"},
        "range_hint": {"ja": "例 2023-11..2023-12", "en": "e.g. 2023-11..2023-12"},
        "range_note": {
            "ja": "比較する期間（空欄なら自動で決めます）",
            "en": "Periods to compare (leave blank to choose them automatically)",
        },
        "staff": {"ja": "職員数（1人あたり用、任意）", "en": "Staff (for per-person, optional)"},
        "initial_cost": {
            "ja": "導入費用（初期・円、任意）",
            "en": "One-off purchase (yen, optional)",
        },
        "running_cost": {
            "ja": "運用費用（年額・円、任意）",
            "en": "Running cost per year (yen, optional)",
        },
        "templates": {"ja": "ひな形", "en": "Templates"},
        "costs_note": {
            "ja": "タブレットやシステムの費用を入れると、正味の削減額と回収期間を計算します。",
            "en": "Enter what the tablets and system cost to get the net saving and the payback period.",
        },
        "calculate": {"ja": "計算する", "en": "Calculate"},
        "language": {"ja": "言語", "en": "Language"},
        "input_mode": {"ja": "入力方法", "en": "Input"},
        "summary": {"ja": "読み上げ用のまとめ", "en": "Summary to read aloud"},
        "figures": {"ja": "主な数値", "en": "Key figures"},
        "by_department": {"ja": "部署別", "en": "By department"},
        "no_file": {"ja": "ファイルが選ばれていません。", "en": "No file chosen."},
        "chart_monthly": {
            "ja": "月別の印刷枚数（前年と今年）",
            "en": "Sheets per month (last year vs this year)",
        },
        "chart_departments": {"ja": "部署別の印刷枚数", "en": "Sheets by department"},
        "last_year": {"ja": "前年", "en": "last year"},
        "this_year": {"ja": "今年", "en": "this year"},
        "sheets": {"ja": "枚数", "en": "sheets"},
        "per_person_sheets": {"ja": "1人あたり削減枚数", "en": "sheets saved per person"},
        "per_person_cost": {"ja": "1人あたり削減額（円）", "en": "cost saved per person (yen)"},
        "co2_note": {"ja": "CO2係数の出典", "en": "CO2 factor source"},
        "period": {"ja": "比較期間", "en": "Periods compared"},
        "downloads": {"ja": "ダウンロード", "en": "Downloads"},
        "preparing": {
            "ja": "ダウンロード用のファイルを作成しています…",
            "en": "Preparing the files to download…",
        },
        "download_failed": {
            "ja": "ダウンロード用のファイルを作れませんでした。上の数値とグラフはそのまま使えます。",
            "en": "The files to download could not be made. The figures and charts above are still valid.",
        },
        "download_hint": {
            "ja": "会議資料にそのまま使えます（表とグラフ、説明つき）。",
            "en": "Ready for a meeting: tables, charts and the definitions.",
        },
    },
)


def check_lang(lang: str) -> str:
    """Reject unknown languages early with a clear message."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def figure_label(key: str, lang: str) -> str:
    return FIGURE_LABELS.tr(key, check_lang(lang))


def ui(key: str, lang: str) -> str:
    return UI.tr(key, check_lang(lang))


def column_label(key: str, lang: str) -> str:
    return COLUMN_LABELS.tr(key, check_lang(lang)) if key in COLUMN_LABELS else key
