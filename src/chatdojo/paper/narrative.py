"""A plain-language summary a manager can read aloud at a meeting, in Japanese or English.

Sentences avoid symbols such as "△" that are hard to read aloud, say "減りました"
rather than a signed number, and name the ratio (対前年比) and the reduction rate
(削減率) each time, so nobody has to guess which percentage is meant.
"""

from __future__ import annotations

from chatdojo.paper import calculations as calc
from chatdojo.paper import fmt
from chatdojo.paper.labels import check_lang


def _change_ja(before: float | None, after: float | None, saved: float | None, unit: str) -> str:
    verb = "減りました" if (saved or 0) >= 0 else "増えました"
    amount = fmt.count(abs(saved or 0)) + unit
    return f"前年の{fmt.count(before)}{unit}から{fmt.count(after)}{unit}になり、{amount}{verb}"


def _change_en(before: float | None, after: float | None, saved: float | None, unit: str) -> str:
    verb = "down" if (saved or 0) >= 0 else "up"
    return f"went from {fmt.count(before)} to {fmt.count(after)} {unit}, {verb} {fmt.count(abs(saved or 0))}"


def summary_text(
    figures: dict[str, float | None],
    lang: str = "ja",
    *,
    months: int,
    period: tuple[str, str] | None = None,
    staff: int | None = None,
    co2_factor: float = calc.DEFAULT_CO2_KG_PER_KG_PAPER,
) -> str:
    """Summary paragraphs from headline figures; ``period`` is (baseline, current) labels."""
    check_lang(lang)
    f = figures
    if lang == "ja":
        lines = []
        if period:
            lines.append(f"比較期間は{period[1]}で、前年同期の{period[0]}と比べました。")
        lines.append(
            "印刷枚数は"
            + _change_ja(f["baseline_sheets"], f["current_sheets"], f["sheets_saved"], "枚")
            + f"。今年は前年の{fmt.pct(f['sheets_ratio'])}（対前年比）で、"
            f"削減率は{fmt.pct(f['sheets_reduction_rate'])}です。"
        )
        lines.append(
            "費用は"
            + _change_ja(f["baseline_cost"], f["current_cost"], f["cost_saved"], "円")
            + f"。対前年比は{fmt.pct(f['cost_ratio'])}、削減率は{fmt.pct(f['cost_reduction_rate'])}です。"
        )
        if f["sheets_saved"] and f["sheets_saved"] > 0:
            if months != 12:
                lines.append(
                    f"この{months}か月のペースが1年続くと仮定すると、年間で"
                    f"{fmt.approx_count(f['annualized_sheets_saved'])}枚、"
                    f"{fmt.approx_yen(f['annualized_cost_saved'])}の削減になります"
                    "（千枚・万円単位に丸めた見込み）。"
                )
            lines.append(
                f"減った紙の重さは約{fmt.kg(f['paper_kg_saved'])}で、CO2に換算すると"
                f"約{fmt.kg(f['co2_kg_saved'])}です（紙1kgあたり{co2_factor:g}kgのCO2として計算した目安）。"
            )
        if staff:
            per = calc.per_person(f["sheets_saved"], staff)
            lines.append(f"職員{staff}人で割ると、1人あたり{fmt.count(per)}枚の削減です。")
        lines.extend(_net_lines(f, "ja"))
        return "\n".join(lines)
    lines = []
    if period:
        lines.append(f"We compared {period[1]} with the same months a year earlier, {period[0]}.")
    lines.append(
        "Printed sheets "
        + _change_en(f["baseline_sheets"], f["current_sheets"], f["sheets_saved"], "sheets")
        + f". This year is {fmt.pct(f['sheets_ratio'])} of last year (year-on-year ratio),"
        f" a reduction rate of {fmt.pct(f['sheets_reduction_rate'])}."
    )
    lines.append(
        f"Cost went from {fmt.yen(f['baseline_cost'], 'en')} to {fmt.yen(f['current_cost'], 'en')}"
        f", {'down' if (f['cost_saved'] or 0) >= 0 else 'up'} {fmt.yen(abs(f['cost_saved'] or 0), 'en')}:"
        f" year-on-year ratio {fmt.pct(f['cost_ratio'])}, reduction rate {fmt.pct(f['cost_reduction_rate'])}."
    )
    if f["sheets_saved"] and f["sheets_saved"] > 0:
        if months != 12:
            lines.append(
                f"Assuming the pace of these {months} months holds for a year, that is"
                f" {fmt.approx_count(f['annualized_sheets_saved'], 'en')} sheets and"
                f" {fmt.approx_yen(f['annualized_cost_saved'], 'en')} a year"
                " (a projection, rounded to thousands of sheets and ¥10,000)."
            )
        lines.append(
            f"The paper saved weighs about {fmt.kg(f['paper_kg_saved'])}, roughly"
            f" {fmt.kg(f['co2_kg_saved'])} of CO2 (at {co2_factor:g} kg CO2 per kg of paper; an estimate)."
        )
    if staff:
        per = calc.per_person(f["sheets_saved"], staff)
        lines.append(f"Across {staff} staff, that is {fmt.count(per)} sheets per person.")
    lines.extend(_net_lines(f, "en"))
    return "\n".join(lines)


def _net_lines(f: dict[str, float | None], lang: str) -> list[str]:
    """Net saving a year and payback, when the replacement's costs were given."""
    if "net_saved_per_year" not in f:
        return []
    saved = fmt.approx_yen(f["annualized_cost_saved"], lang)
    running = fmt.approx_yen(f["running_cost_per_year"], lang)
    net = fmt.approx_yen(f["net_saved_per_year"], lang)
    initial = fmt.yen(f["initial_cost"], lang)
    payback = f.get("payback_years")
    if lang == "ja":
        line = f"年間の削減額{saved}から運用費用{running}を引いた正味の効果は、年{net}です。"
        if not f["initial_cost"]:
            return [line]
        if payback is None:
            return [line + f"正味の効果がプラスにならないため、導入費用{initial}は回収できません。"]
        return [line + f"導入費用{initial}は約{payback:.1f}年で回収できる見込みです。"]
    line = (
        f"Cost saved a year {saved} minus running cost {running} is a net saving of {net} a year."
    )
    if not f["initial_cost"]:
        return [line]
    if payback is None:
        return [
            line + f" The net saving is not positive, so the {initial} purchase never pays back."
        ]
    return [line + f" The {initial} purchase pays back in about {payback:.1f} years."]


def comparison_summary(comparison: object, lang: str = "ja") -> str:
    """Summary of a ``compare.Comparison`` with its periods spelled out."""
    from chatdojo.paper.compare import Comparison

    assert isinstance(comparison, Comparison)
    if lang == "ja":
        period = (comparison.baseline.label_ja(), comparison.current.label_ja())
    else:
        period = (comparison.baseline.label_en(), comparison.current.label_en())
    return summary_text(
        comparison.figures,
        lang,
        months=comparison.months,
        period=period,
        staff=comparison.staff,
        co2_factor=comparison.co2_factor,
    )
