"""Matplotlib charts with Japanese text (IPAexGothic via matplotlib-fontja).

Figures are built with ``matplotlib.figure.Figure`` (no pyplot state), so the
dashboard, exports and tests can draw in parallel without a display.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
import matplotlib_fontja
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from chatdojo.paper import fmt
from chatdojo.paper.labels import ui

LAST_YEAR_COLOR = "#9aa5b1"  # grey: the past
THIS_YEAR_COLOR = "#1f6fb2"  # blue: now (distinguishable in grey-scale print too)


@contextmanager
def japanese_font() -> Iterator[None]:
    """Draw with IPAexGothic even if other code changed the global rcParams."""
    with matplotlib.rc_context({"font.family": matplotlib_fontja.matplotlib_fontja.FONT_NAME}):
        yield


MAX_DEPARTMENTS = 15  # more bars than this are unreadable on a slide or a phone
WIDE = 7.5  # inches: slides and workbooks
NARROW = 4.8  # inches: phone screens; text stays readable when scaled to 350 px
PHONE = 3.6  # inches: a chart meant only for a phone-width page (larger text once scaled)


def _month_label(label: str, lang: str, short: bool, bare: bool = False) -> str:
    year, month = label.split("-")
    if short:
        return f"{int(month)}月" if lang == "ja" and not bare else f"{int(month)}"
    return f"{year[2:]}年{int(month)}月" if lang == "ja" else f"{int(month)}/{year[2:]}"


def monthly_chart(comparison: object, lang: str = "ja", width: float = WIDE) -> Figure:
    """Grouped bars: each current month next to the same month a year earlier."""
    table = comparison.by_month  # type: ignore[attr-defined]
    with japanese_font():
        fig = Figure(figsize=(width, 3.6), dpi=110 if width >= WIDE else 150, layout="constrained")
        ax = fig.add_subplot()
        x = range(len(table))
        short = width < WIDE
        ax.bar(
            [i - 0.2 for i in x],
            table["baseline_sheets"],
            0.4,
            label=ui("last_year", lang),
            color=LAST_YEAR_COLOR,
        )
        ax.bar(
            [i + 0.2 for i in x],
            table["current_sheets"],
            0.4,
            label=ui("this_year", lang),
            color=THIS_YEAR_COLOR,
        )
        bare = short and len(table) > 6 and width < NARROW  # "10月11月12月" would collide
        ax.set_xticks(
            list(x),
            [_month_label(m, lang, short, bare) for m in table["current_month"]],
            rotation=0 if len(table) <= 6 or short else 45,
            fontsize=8 if short else None,
        )
        if bare:
            ax.set_xlabel("月" if lang == "ja" else "month", fontsize=8)
        title = ui("chart_monthly", lang)
        period = comparison.current.label()  # type: ignore[attr-defined]
        ax.set_title(f"{title}\n{period}" if short else title, fontsize=10)
        ax.set_ylabel(ui("sheets", lang))
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def department_chart(comparison: object, lang: str = "ja", width: float = WIDE) -> Figure:
    """Horizontal bars per department, labelled with each one's reduction rate (削減率)."""
    full = comparison.by_department  # type: ignore[attr-defined]
    table = (
        full.nlargest(MAX_DEPARTMENTS, "baseline_sheets") if len(full) > MAX_DEPARTMENTS else full
    )
    table = table.sort_values("sheets_saved", kind="stable").reset_index(drop=True)
    height = max(2.4, 0.55 * len(table) + 1.2)
    with japanese_font():
        fig = Figure(
            figsize=(width, height), dpi=110 if width >= WIDE else 150, layout="constrained"
        )
        ax = fig.add_subplot()
        y = range(len(table))
        ax.barh(
            [i + 0.2 for i in y],
            table["baseline_sheets"],
            0.4,
            label=ui("last_year", lang),
            color=LAST_YEAR_COLOR,
        )
        ax.barh(
            [i - 0.2 for i in y],
            table["current_sheets"],
            0.4,
            label=ui("this_year", lang),
            color=THIS_YEAR_COLOR,
        )
        ax.set_yticks(list(y), list(table["department"]))
        word = "削減率" if lang == "ja" else "reduction"
        for i, (cur, rate) in enumerate(
            zip(table["current_sheets"], table["sheets_reduction_rate"], strict=True)
        ):
            ax.annotate(f" {word} {fmt.pct(rate)}", (cur, i - 0.2), va="center", fontsize=8)
        title = ui("chart_departments", lang)
        if len(full) > len(table):
            title += f"（上位{len(table)}部署）" if lang == "ja" else f" (largest {len(table)})"
        ax.set_title(title)
        ax.set_xlabel(ui("sheets", lang))
        ax.xaxis.set_major_locator(MaxNLocator(3 if width < WIDE else 6))
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        ax.margins(x=0.18 if width >= WIDE else 0.35)
    return fig


def totals_chart(figures: dict[str, float | None], lang: str = "ja", width: float = WIDE) -> Figure:
    """Two panels (sheets, yen), last year vs this year; works for typed-in figures too."""
    stacked = width < NARROW  # on a phone the two panels go one above the other
    with japanese_font():
        fig = Figure(
            figsize=(width, 5.4 if stacked else 3.2),
            dpi=110 if width >= WIDE else 150,
            layout="constrained",
        )
        axes = fig.subplots(2, 1) if stacked else fig.subplots(1, 2)
        names = [ui("last_year", lang), ui("this_year", lang)]
        for ax, what, title in (
            (axes[0], "sheets", ui("sheets", lang)),
            (axes[1], "cost", "費用（円）" if lang == "ja" else "cost (yen)"),
        ):
            values = [figures[f"baseline_{what}"] or 0, figures[f"current_{what}"] or 0]
            bars = ax.bar(names, values, color=[LAST_YEAR_COLOR, THIS_YEAR_COLOR])
            ax.bar_label(bars, [f"{v:,.0f}" for v in values], fontsize=9)
            ratio = figures[f"{what}_ratio"]
            rate = figures[f"{what}_reduction_rate"]
            sep = "\n" if width < WIDE else "・"
            sub = (
                f"対前年比 {fmt.pct(ratio)}{sep}削減率 {fmt.pct(rate)}"
                if lang == "ja"
                else f"ratio {fmt.pct(ratio)}{sep}reduction {fmt.pct(rate)}"
            )
            ax.set_title(f"{title}\n{sub}", fontsize=10)
            ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
            ax.spines[["top", "right"]].set_visible(False)
            ax.margins(y=0.15)
            ax.yaxis.set_major_locator(MaxNLocator(4))
    return fig


def case_chart(case: object, lang: str = "ja", width: float = PHONE) -> Figure:
    """003 §5 under both readings: last year vs this year, same 8,778 sheets saved."""
    ja = lang == "ja"
    readings = (case.sheets_a, case.sheets_b)  # type: ignore[attr-defined]
    stated = fmt.pct(readings[0].ratio)
    words = {"ratio": ("対前年比", "ratio"), "reduction_rate": ("削減率", "reduction")}
    names = []
    for r in readings:  # the stated reading, then what it implies for the other figure
        other = "reduction_rate" if r.stated_is == "ratio" else "ratio"
        value = fmt.pct(getattr(r, other))
        if ja:
            names.append(
                f"読み方{r.name}\n{stated}＝{words[r.stated_is][0]}\n（{words[other][0]} {value}）"
            )
        else:
            names.append(
                f"reading {r.name}\n{stated} = {words[r.stated_is][1]}\n({words[other][1]} {value})"
            )
    with japanese_font():
        fig = Figure(
            figsize=(width, width * 1.05), dpi=150 if width < WIDE else 110, layout="constrained"
        )
        ax = fig.add_subplot()
        x = range(len(readings))
        for offset, attr, key, color in (
            (-0.2, "baseline", "last_year", LAST_YEAR_COLOR),
            (0.2, "current", "this_year", THIS_YEAR_COLOR),
        ):
            values = [getattr(r, attr) for r in readings]
            bars = ax.bar([i + offset for i in x], values, 0.4, label=ui(key, lang), color=color)
            ax.bar_label(bars, [fmt.count(v) for v in values], fontsize=8)
        ax.set_xticks(list(x), names, fontsize=9)
        saved = fmt.count(readings[0].saved)
        title = (
            f"前年と今年の枚数（11〜12月）\nどちらも{saved}枚の削減"
            if ja
            else f"Sheets last year and this year (Nov–Dec)\n{saved} saved either way"
        )
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(ui("sheets", lang))
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.margins(y=0.15)
        fig.legend(loc="outside lower center", ncols=2, frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """Render a figure to PNG bytes (Agg; no display needed)."""
    buffer = io.BytesIO()
    with japanese_font():
        fig.savefig(buffer, format="png")
    return buffer.getvalue()
