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

TEXT = Strings.load("views.paper_case")


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
