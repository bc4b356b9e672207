"""Figures from four typed-in totals (no file): checked, then the same calculations."""

from __future__ import annotations

from chatdojo.paper import calculations as calc
from chatdojo.paper.errors import PaperInputError, issue


def typed_figures(
    values: dict[str, float],
    months: int,
    *,
    source: str,
    labels: dict[str, str],
    costs: tuple[float, float] | None = None,
) -> dict[str, float | None]:
    """Headline figures (and net ones when ``costs``); ``labels`` name the fields in messages."""
    problems = [
        issue("{value} is negative; enter 0 or more", column=labels[key], value=f"{value:g}")
        for key, value in values.items()
        if value < 0
    ]
    if values["baseline_sheets"] <= 0 and not problems:
        problems.append(
            issue("enter last year's sheets (more than 0)", column=labels["baseline_sheets"])
        )
    if problems:
        raise PaperInputError(source, problems)
    figures = calc.headline_figures(
        values["baseline_sheets"],
        values["current_sheets"],
        values["baseline_cost"],
        values["current_cost"],
        months,
    )
    if costs:
        figures.update(calc.net_figures(figures["annualized_cost_saved"], *costs))
    return figures
