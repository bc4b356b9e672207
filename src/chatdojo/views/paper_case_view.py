"""The 003 §5 case study as a bilingual page: two readings of "56%", cost, what-if, chart.

Every figure is computed by ``case_study.case_003()``; this module only words and
lays them out. The texts are our own summary of 003 §5 (the case) and §1 (the
city-wide sheet count); each sentence is a template filled with computed numbers.
"""

from __future__ import annotations

import base64
import logging
from html import escape

import ipywidgets as w

from chatdojo.i18n import Strings
from chatdojo.paper import charts, fmt
from chatdojo.paper.case_study import CaseStudy, Reading, case_003
from chatdojo.views import paper_html as views
from chatdojo.views.page import Page, app_frame, safe

log = logging.getLogger("chatdojo")
FULL = {"width": "100%", "max_width": "100%"}
FIELD = w.Layout(width="100%", max_width="20em", flex="1 1 12em", margin="2px 8px 2px 0")
STYLE = {"description_width": "initial"}

TEXT = Strings(
    "views.paper_case",
    {
        "title": {
            "ja": "事例で考える「対前年比 56%」の読み方",
            "en": 'Case study: what does "56% year on year" mean?',
        },
        "case": {
            "ja": "003 §5 の活用事例では、地域保健課が課内の会議資料・会議録や報告を紙に出さず、"
            "ビジネスチャットで共有する運用に切り替えました。報告された効果は11月・12月の2か月分で、"
            "複合機の枚数が{saved}枚減って「対前年比 {stated}」、"
            "使用料と用紙代が{cost}減って「対前年比 {cost_stated}」です。",
            "en": "In the case of 003 §5, the regional health division stopped printing its internal "
            "meeting papers, minutes and reports and shared them in the business chat instead. The "
            "effect reported for two months (November and December): {saved} fewer copier sheets, "
            'labelled "{stated} year on year", and {cost} less in copier fees and paper, labelled '
            '"{cost_stated} year on year".',
        },
        "defs_title": {"ja": "2つの言葉の違い", "en": "Two words that are easy to mix up"},
        "def_ratio": {
            "ja": "対前年比 ＝ 今年 ÷ 前年。前年を100としたときの今年の量です。",
            "en": "Year-on-year ratio (対前年比) = this year ÷ last year: how big this year is, "
            "with last year as 100.",
        },
        "def_rate": {
            "ja": "削減率 ＝ 1 − 対前年比 ＝ 減った量 ÷ 前年。前年からどれだけ減ったかです。",
            "en": "Reduction rate (削減率) = 1 − ratio = amount saved ÷ last year: how much was cut.",
        },
        "def_trap": {
            "ja": "対前年比56%なら削減率は44%、削減率56%なら対前年比は44%。同じ「56%」でも"
            "意味は逆です。事例には前年の枚数が書かれていないため、どちらの意味かで前年の量が変わります。"
            "ここでは両方の読み方で逆算しました。",
            "en": "A ratio of 56% is a reduction of 44%, and a reduction of 56% is a ratio of 44%: the "
            "same 56% says opposite things. The case does not give last year's count, so last year's "
            "volume depends on the reading. Both are worked out below.",
        },
        "table_title": {"ja": "2つの読み方で逆算した結果", "en": "Both readings, worked back"},
        "table_note": {
            "ja": "読み方A（56%＝対前年比）なら前年は約{a_base}枚、"
            "読み方B（56%＝削減率）なら約{b_base}枚です。減った枚数{saved}枚はどちらも同じです。",
            "en": "Reading A (56% is the ratio) puts last year at about {a_base} sheets; reading B "
            "(56% is the reduction) at about {b_base}. Both save the same {saved} sheets.",
        },
        "cost_title": {"ja": "費用と1枚あたりの削減額", "en": "Cost and the saving per sheet"},
        "cost": {
            "ja": "費用の「対前年比 {cost_stated}」は、どちらの読み方でも同じになります（50%の残りも50%）。"
            "前年は{cost_base}、今年は{cost_now}です。",
            "en": 'The cost figure, "{cost_stated}", reads the same either way (half left is half '
            "cut): {cost_base} last year, {cost_now} this year.",
        },
        "per_sheet": {
            "ja": "1枚あたりの削減額 ＝ {cost} ÷ {saved}枚 ≈ {per_sheet}（複合機の使用料＋用紙代）。",
            "en": "Saving per sheet = {cost} ÷ {saved} sheets ≈ {per_sheet} (copier fee plus paper).",
        },
        "city_title": {
            "ja": "全庁に広げると（上限の目安）",
            "en": "Across the whole city (a ceiling)",
        },
        "city": {
            "ja": "003 §1 によると、市全体の複合機の使用は年間約{org}枚以上です。"
            "同じ削減率が全庁で1年続いたと仮定すると、読み方Aで年{a_sheets}枚・{a_cost}、"
            "読み方Bで年{b_sheets}枚・{b_cost}の削減になります（千枚・万円単位に丸めた目安）。",
            "en": "003 §1 puts the whole city's copier use at over {org} sheets a year. If every "
            "department cut as much for a full year, that would be {a_sheets} sheets and "
            "{a_cost} a year under reading A, {b_sheets} sheets and {b_cost} under reading B "
            "(rounded to thousands of sheets and ¥10,000).",
        },
        "caveat": {
            "ja": "注意：これは予測ではなく、上限に近い目安です。事例は1つの課が、やめやすい会議資料と"
            "課内報告について2か月間に出した結果です。住民への通知や紙の原本が必要な書類など、"
            "減らせない印刷も多くあります。1枚あたりの額も契約や機種で変わり、"
            "「約{org}枚以上」も正確な総数ではありません。",
            "en": "Caution: this is not a forecast but something close to an upper bound. The case is "
            "one division, two months, and documents that are easy to stop printing (meeting papers "
            "and internal reports). Much printing cannot go, such as notices to residents or records "
            "that must be kept on paper. The cost per sheet depends on each contract and machine, and "
            '"over {org}" is not an exact total.',
        },
        "whatif_title": {
            "ja": "一部の部署だけが取り組んだら？",
            "en": "What if only some departments do it?",
        },
        "whatif_note": {
            "ja": "全{n}部署のうち{k}部署が同じ削減率（読み方{name}：{rate}）を達成した場合"
            "（部署の規模は同じと仮定）：{org}枚 × {k}/{n} × {rate}",
            "en": "If {k} of {n} departments reach the same reduction rate (reading {name}: {rate}), "
            "assuming equal-sized departments: {org} sheets × {k}/{n} × {rate}",
        },
        "k": {"ja": "取り組む部署数", "en": "Departments taking part"},
        "n": {"ja": "全部署数", "en": "Departments in all"},
        "reading": {"ja": "読み方", "en": "Reading"},
        "reading_a": {"ja": "A（控えめ）", "en": "A (cautious)"},
        "reading_b": {"ja": "B（大きめ）", "en": "B (larger)"},
        "sheets_year": {"ja": "年間の削減枚数", "en": "Sheets saved a year"},
        "yen_year": {"ja": "年間の削減額", "en": "Yen saved a year"},
        "paper_year": {"ja": "紙の重さ", "en": "Paper"},
        "co2_year": {"ja": "CO2（目安）", "en": "CO2 (rough)"},
        "chart_alt": {
            "ja": "読み方Aと読み方Bの前年と今年の枚数の棒グラフ",
            "en": "Bar chart of last year's and this year's sheets under readings A and B",
        },
        "dashboard": {
            "ja": "自分の課の数値で計算する（紙の削減効果ダッシュボード）",
            "en": "Work out your own section's figures (paper-savings dashboard)",
        },
    },
)


def t(key: str, lang: str, **values: object) -> str:
    return TEXT.tr(key, lang, **values)


def _figures(case: CaseStudy, lang: str) -> dict[str, str]:
    """Every number the texts mention, formatted for ``lang``."""
    a, b = case.sheets_a, case.sheets_b
    proj_a, proj_b = case.projection(a), case.projection(b)
    return {
        "saved": fmt.count(a.saved),
        "stated": fmt.pct(a.ratio),
        "cost": fmt.yen(case.cost_a.saved, lang),
        "cost_stated": fmt.pct(case.cost_a.ratio),
        "a_base": fmt.count(a.baseline),
        "b_base": fmt.count(b.baseline),
        "cost_base": fmt.yen(case.cost_a.baseline, lang),
        "cost_now": fmt.yen(case.cost_a.current, lang),
        "per_sheet": f"{case.saving_per_sheet:.2f}円"
        if lang == "ja"
        else f"¥{case.saving_per_sheet:.2f}",
        "org": fmt.count(case.org_annual_sheets),
        "a_sheets": fmt.approx_count(proj_a["sheets_saved"], lang),
        "a_cost": fmt.approx_yen(proj_a["cost_saved"], lang),
        "b_sheets": fmt.approx_count(proj_b["sheets_saved"], lang),
        "b_cost": fmt.approx_yen(proj_b["cost_saved"], lang),
    }


def explanation_html(case: CaseStudy, lang: str) -> str:
    """Case, definitions and the two-readings table (above the chart)."""
    f = _figures(case, lang)
    return (
        f"<h2 style='margin:0.3em 0'>{escape(t('title', lang))}</h2>"
        f"<p>{escape(t('case', lang, **f))}</p>"
        f"<h3>{escape(t('defs_title', lang))}</h3>"
        f"<ul><li>{escape(t('def_ratio', lang))}</li><li>{escape(t('def_rate', lang))}</li></ul>"
        f"<p>{escape(t('def_trap', lang))}</p>"
        f"<h3>{escape(t('table_title', lang))}</h3>"
        + views.labelled_table_html(case.table(lang, formatted=True))
        + f"<p>{escape(t('table_note', lang, **f))}</p>"
    )


def cost_html(case: CaseStudy, lang: str) -> str:
    """Cost, saving per sheet, the city-wide ceiling and its caveat (below the chart)."""
    f = _figures(case, lang)
    return (
        f"<h3>{escape(t('cost_title', lang))}</h3>"
        f"<p>{escape(t('cost', lang, **f))}</p>"
        f"<p>{escape(t('per_sheet', lang, **f))}</p>"
        f"<h3>{escape(t('city_title', lang))}</h3>"
        f"<p>{escape(t('city', lang, **f))}</p>"
        f'<p class="cd-note" style="border-left:4px solid #b76e00;padding-left:8px">'
        f"{escape(t('caveat', lang, **f))}</p>"
    )


def what_if_html(case: CaseStudy, reading: Reading, k: int, n: int, lang: str) -> str:
    """The k-of-n projection as a small table, with its formula spelled out."""
    proj = case.projection(reading, k=k, n=n)
    rate = fmt.pct(reading.reduction_rate)
    note = t(
        "whatif_note",
        lang,
        k=k,
        n=n,
        name=reading.name,
        rate=rate,
        org=fmt.count(case.org_annual_sheets),
    )
    rows = (
        ("sheets_year", fmt.approx_count(proj["sheets_saved"], lang)),
        ("yen_year", fmt.approx_yen(proj["cost_saved"], lang)),
        ("paper_year", fmt.kg(proj["paper_kg_saved"])),
        ("co2_year", fmt.kg(proj["co2_kg_saved"])),
    )
    cells = "".join(
        f'<tr><th scope="row" style="text-align:left;font-weight:normal">{escape(t(key, lang))}'
        f'</th><td style="text-align:right;white-space:nowrap">{escape(value)}</td></tr>'
        for key, value in rows
    )
    return (
        f'<p class="cd-note">{escape(note)}</p>'
        f'<div role="status" aria-live="polite"><table class="cd-whatif" style="width:100%">'
        f"{cells}</table></div>"
    )


def chart_html(png: bytes, alt: str) -> str:
    """The chart as an <img> so screen readers get its description."""
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return (
        f'<img class="cd-chart" src="{escape(src)}" alt="{escape(alt)}" '
        'style="width:100%;max-width:560px;height:auto;display:block">'
    )


class CaseStudyView(w.VBox):
    """The case page body; follows ``page.lang`` and exposes its inputs for tests."""

    def __init__(self, page: Page, case: CaseStudy | None = None) -> None:
        self.page = page
        self.case = case or case_003()
        self._charts: dict[str, bytes] = {}
        self.explanation = w.HTML(layout=w.Layout(**FULL))
        self.chart = w.HTML(layout=w.Layout(**FULL))
        self.chart_png = b""
        self.costs = w.HTML(layout=w.Layout(**FULL))
        self.whatif_title = w.HTML()
        self.reading = w.ToggleButtons(
            options=[("A", "A"), ("B", "B")],
            value="A",
            style={"button_width": "auto", "description_width": "initial"},
        )
        self.n = w.BoundedIntText(value=10, min=1, max=500, layout=FIELD, style=STYLE)
        self.k = w.BoundedIntText(value=3, min=0, max=10, layout=FIELD, style=STYLE)
        self.whatif = w.HTML(layout=w.Layout(**FULL))
        self.link = w.HTML()
        self.alert = w.HTML()
        inputs = w.Box(
            [self.k, self.n], layout=w.Layout(flex_flow="row wrap", align_items="flex-end", **FULL)
        )
        super().__init__(
            [
                self.alert,
                self.explanation,
                self.chart,
                self.costs,
                self.whatif_title,
                self.reading,
                inputs,
                self.whatif,
                self.link,
            ],
            layout=w.Layout(**FULL),
        )
        self.add_class("cd-paper-case")
        for widget in (self.reading, self.n, self.k):
            widget.observe(safe(self._on_input, self._report), names="value")
        page.on_change(safe(self.render, self._report))
        self.render()

    def _report(self, message: str) -> None:
        self.alert.value = views.problem_html(message, self.page.lang)

    def _reading(self) -> Reading:
        return self.case.sheets_a if self.reading.value == "A" else self.case.sheets_b

    def _on_input(self, _change: dict) -> None:
        self.k.max = self.n.value  # also clamps k, so k of n always makes sense
        self.update_what_if()

    def update_what_if(self) -> None:
        lang = self.page.lang
        self.whatif.value = what_if_html(
            self.case, self._reading(), self.k.value, self.n.value, lang
        )

    def render(self) -> None:
        """Every label and text in the page language; the chart is drawn once per language."""
        lang = self.page.lang
        self.alert.value = ""
        self.explanation.value = explanation_html(self.case, lang)
        if lang not in self._charts:
            self._charts[lang] = charts.png_bytes(charts.case_chart(self.case, lang))
        self.chart_png = self._charts[lang]
        self.chart.value = chart_html(self.chart_png, t("chart_alt", lang))
        self.costs.value = cost_html(self.case, lang)
        self.whatif_title.value = f"<h3>{escape(t('whatif_title', lang))}</h3>"
        self.reading.description = t("reading", lang)
        current = self.reading.value
        self.reading.options = [(t("reading_a", lang), "A"), (t("reading_b", lang), "B")]
        self.reading.value = current
        self.k.description = t("k", lang)
        self.n.description = t("n", lang)
        href = escape(self.page.link("paper_dashboard.ipynb"))
        self.link.value = (
            f'<div class="cd-card"><a href="{href}" style="color:#0b4f8a;'
            f'text-decoration:underline">{escape(t("dashboard", lang))}</a></div>'
        )
        self.update_what_if()


def case_study_page(page: Page | None = None) -> w.Widget:
    """Header (title, 日本語/English) above the case study, which follows the page language."""
    page = page or Page.from_request()
    view = CaseStudyView(page)
    frame = app_frame(page.header(), view)
    frame.case_view = view  # type: ignore[attr-defined]  # tests drive it through this
    return frame


__all__ = ["CaseStudyView", "case_study_page", "cost_html", "explanation_html"]
