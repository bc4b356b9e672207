"""Voila dashboard: upload a usage table (or type four numbers) and get a manager's summary.

The widgets only collect input and show output; every figure comes from the same
pure functions as the CLI, and errors show the CLI's exact message in an alert box.
After a calculation the workbook, slides and chart are offered as downloads.
Everything stacks in one column on a 375-px phone and is reachable by Tab key.

Inside a ChatDojo page (``page=``) the language comes from the page header; on its
own (``build_dashboard(lang)``) the dashboard shows its own language switch.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import ipywidgets as w

from chatdojo.paper import charts, downloads
from chatdojo.paper.errors import Issue, LocalizedError, PaperInputError, issue
from chatdojo.paper.labels import check_lang, ui
from chatdojo.paper.limits import LIMITS, mib
from chatdojo.paper.narrative import comparison_summary, summary_text
from chatdojo.paper.tables import check_size
from chatdojo.paper.typed import typed_figures
from chatdojo.views import paper_html as views
from chatdojo.views.page import safe
from chatdojo.views.paper_columns import ColumnEditor

if TYPE_CHECKING:
    from chatdojo.paper.periods import MonthRange
    from chatdojo.views.page import Page

log = logging.getLogger("chatdojo")

FULL = {"width": "100%", "max_width": "100%"}
FIELD = w.Layout(width="100%", max_width="24em", flex="1 1 14em", margin="2px 8px 2px 0")
STYLE = {"description_width": "initial"}
DEPT_COLUMNS = [
    "department",
    "baseline_sheets",
    "current_sheets",
    "sheets_saved",
    "sheets_ratio",
    "sheets_reduction_rate",
    "cost_saved",
]
TYPED_SOURCE = {"ja": "入力した数値", "en": "typed figures"}


def _image_layout() -> w.Layout:
    """Full width; hidden until there is a chart (no empty box)."""
    return w.Layout(width="100%", max_width="560px", display="none")


def _show_png(image: w.HTML, png: bytes, alt: str = "") -> None:
    """The chart as an <img> with a text alternative; ``image.png`` keeps the bytes."""
    image.png = png  # type: ignore[attr-defined]
    image.value = views.chart_html(png, alt) if png else ""
    image.layout.display = "block" if png else "none"


def _row(*children: w.Widget) -> w.Box:
    return w.Box(
        list(children), layout=w.Layout(flex_flow="row wrap", align_items="flex-end", **FULL)
    )


class PaperDashboard(w.VBox):
    """The dashboard widget; attributes expose each control so tests can drive it."""

    def __init__(self, lang: str = "ja", *, page: Page | None = None) -> None:
        self.page = page
        self.lang = check_lang(page.lang if page is not None else lang)
        self.result: object | None = None
        self.files: list[downloads.Download] = []
        self._summary_text = ""
        self.title = w.HTML()
        self.language = w.ToggleButtons(
            options=[("日本語", "ja"), ("English", "en")], value=self.lang, style=STYLE
        )
        self.mode = w.ToggleButtons(
            options=[("", "file"), ("", "typed")], value="file", style=STYLE
        )
        self.upload = w.FileUpload(
            accept=".csv,.xlsx", multiple=False, layout=w.Layout(width="auto", max_width="100%")
        )
        self.sample = w.Button(icon="table", layout=w.Layout(width="auto", margin="4px 0"))
        self.sample_data: tuple[str, bytes] | None = None  # chosen with "try the sample"
        self.baseline = w.Text(layout=FIELD, style=STYLE)
        self.current = w.Text(layout=FIELD, style=STYLE)
        self.typed = {
            key: w.FloatText(value=0, layout=FIELD, style=STYLE)
            for key in ("baseline_sheets", "current_sheets", "baseline_cost", "current_cost")
        }
        self.months = w.BoundedIntText(value=12, min=1, max=120, layout=FIELD, style=STYLE)
        self.staff = w.BoundedIntText(value=0, min=0, max=1_000_000, layout=FIELD, style=STYLE)
        self.initial_cost = w.BoundedFloatText(value=0, min=0, max=1e12, layout=FIELD, style=STYLE)
        self.running_cost = w.BoundedFloatText(value=0, min=0, max=1e12, layout=FIELD, style=STYLE)
        self.costs_note = w.HTML()
        self.needs = w.HTML()
        self.upload_limit = w.HTML(layout=w.Layout(**FULL))
        self.templates = w.HTML(layout=w.Layout(**FULL))
        self.notes = w.HTML(layout=w.Layout(display="none", **FULL))
        self.columns = ColumnEditor(safe(self.run, self._report))
        self.calculate = w.Button(
            button_style="primary", layout=w.Layout(width="auto", min_width="10em")
        )
        self.alert = w.HTML(layout=w.Layout(display="none", **FULL))
        self.summary = w.HTML(layout=w.Layout(**FULL))
        self.figures = w.HTML(layout=w.Layout(**FULL))
        self.departments = w.HTML(layout=w.Layout(**FULL))
        self.chart_main = w.HTML(layout=_image_layout())
        self.chart_departments = w.HTML(layout=_image_layout())
        self.chart_main.png = self.chart_departments.png = b""  # type: ignore[attr-defined]
        self.summary_title, self.figures_title, self.departments_title = (
            w.HTML(),
            w.HTML(),
            w.HTML(),
        )
        self.downloads_title = w.HTML()
        self.downloads = w.HTML(layout=w.Layout(**FULL))
        self.range_note = w.HTML()
        self.file_box = w.VBox(
            [
                self.needs,
                self.templates,
                _row(self.upload, self.sample),
                self.upload_limit,
                self.range_note,
                _row(self.baseline, self.current),
            ],
            layout=w.Layout(**FULL),
        )
        self.typed_box = w.VBox(
            [_row(*self.typed.values(), self.months)], layout=w.Layout(display="none", **FULL)
        )
        own_switch = [_row(self.language)] if page is None else []
        super().__init__(
            [
                self.title,
                *own_switch,
                _row(self.mode),
                self.file_box,
                self.typed_box,
                self.costs_note,
                _row(self.initial_cost, self.running_cost),
                _row(self.staff, self.calculate),
                self.alert,
                self.notes,
                self.columns,
                self.summary_title,
                self.summary,
                self.chart_main,
                self.figures_title,
                self.figures,
                self.downloads_title,
                self.downloads,
                self.departments_title,
                self.chart_departments,
                self.departments,
            ],
            layout=w.Layout(padding="4px" if page is None else "0", **FULL),
        )
        self.add_class("cd-paper-dashboard")
        self.language.observe(safe(self._on_language, self._report), names="value")
        self.mode.observe(safe(self._on_mode, self._report), names="value")
        self.upload.observe(safe(self._on_upload, self._report), names="value")
        self.sample.on_click(safe(lambda _button: self._on_sample(), self._report))
        self.columns.sheet.observe(safe(self._on_sheet, self._report), names="value")
        self.calculate.on_click(safe(lambda _button: self.run(), self._report))
        if page is not None:
            page.on_change(safe(self._on_page_change, self._report))
        self._relabel()

    # -- labels -----------------------------------------------------------------
    def _relabel(self) -> None:
        lang = self.lang
        self.title.value = f"<h2 style='margin:0.2em 0'>{ui('title', lang)}</h2>"
        self.language.description = ui("language", lang)
        self.mode.description = ui("input_mode", lang)
        mode = self.mode.value  # new options would reset the choice to the first one
        self.mode.options = [(ui("from_file", lang), "file"), (ui("typed", lang), "typed")]
        self.mode.value = mode
        self.upload.description = ui("upload", lang)
        self.sample.description = ui("try_sample", lang)
        for widget, key in ((self.baseline, "baseline"), (self.current, "current")):
            widget.description = ui(key, lang)
            widget.placeholder = ui("range_hint", lang)
        self.range_note.value = f"<div class='cd-note'>{ui('range_note', lang)}</div>"
        for key, widget in self.typed.items():
            widget.description = ui(key, lang)
        self.months.description = ui("months", lang)
        self.staff.description = ui("staff", lang)
        self.initial_cost.description = ui("initial_cost", lang)
        self.running_cost.description = ui("running_cost", lang)
        self.costs_note.value = f"<p class='cd-note'>{ui('costs_note', lang)}</p>"
        self.needs.value = views.needs_html(lang, mib(LIMITS.max_bytes))
        self.upload_limit.value = views.upload_limit_html(lang, LIMITS.max_bytes)
        self.templates.value = downloads.links_html(
            downloads.template_files(lang), lang, heading=ui("templates", lang), css="cd-template"
        )
        self.columns.relabel(lang)
        self.calculate.description = ui("calculate", lang)
        shown = self.result is not None
        self.summary_title.value = f"<h3>{ui('summary', lang)}</h3>" if shown else ""
        self.figures_title.value = f"<h3>{ui('figures', lang)}</h3>" if shown else ""
        has_table = bool(self.departments.value)
        self.departments_title.value = f"<h3>{ui('by_department', lang)}</h3>" if has_table else ""
        self.downloads_title.value = (
            f"<h3>{ui('downloads', lang)}</h3><p class='cd-note'>{ui('download_hint', lang)}</p>"
            if shown
            else ""
        )

    def _on_language(self, change: dict) -> None:
        self._switch_language(change["new"])

    def _on_page_change(self) -> None:
        if self.page is not None and self.page.lang != self.lang:
            self._switch_language(self.page.lang)

    def _switch_language(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self._relabel()
        if self.result is not None or self.alert.layout.display != "none":
            self.run()

    def _report(self, message: str) -> None:
        """Where ``safe`` puts an unexpected failure: the alert box, never a traceback."""
        self.alert.value = views.problem_html(message, self.lang)
        self.alert.layout.display = "block"

    def _on_upload(self, change: dict) -> None:
        """A new file: forget column corrections and sheet choice, then calculate."""
        if not change["new"]:
            return  # cleared (by "try the sample")
        self.sample_data = None
        self.columns.reset()
        self.run()

    def _on_sample(self) -> None:
        """Load the invented sample as if it had been uploaded, and calculate."""
        from chatdojo.paper.sample import sample_csv

        self.sample_data = sample_csv()
        self.upload.value = ()
        self.columns.reset()
        self.mode.value = "file"
        self.run()

    def _on_sheet(self, change: dict) -> None:
        if change["new"] and self.columns.headers:
            self.columns.choices = {}  # another sheet has other headers
            self.run()

    def _on_mode(self, change: dict) -> None:
        self.file_box.layout.display = "flex" if change["new"] == "file" else "none"
        self.typed_box.layout.display = "flex" if change["new"] == "typed" else "none"

    # -- computing --------------------------------------------------------------
    def run(self) -> None:
        """Recompute from the current inputs; any failure becomes a visible alert."""
        self.files = []
        self.downloads.value = ""
        try:
            if self.mode.value == "file":
                self._run_file()
            else:
                self._run_typed()
        except Exception as exc:  # the UI must never show a traceback
            if not isinstance(exc, PaperInputError):
                log.exception("paper dashboard: calculation failed")
            self._show_error(exc)
            self._relabel()
            return
        self.alert.value = ""
        self.alert.layout.display = "none"
        self._relabel()
        self._offer_downloads()

    def _show_notes(self, notes: tuple[Issue, ...], source: str) -> None:
        """Rows left out on purpose (total rows), said plainly but not as an error."""
        self.notes.value = views.notes_html(notes, source, self.lang)
        self.notes.layout.display = "block" if notes else "none"

    def _offer_downloads(self) -> None:
        """Build the files after the figures are on screen (drawing them takes a moment)."""
        lang = self.lang
        self.downloads.value = f"<p class='cd-note' role='status'>{ui('preparing', lang)}</p>"
        try:
            if isinstance(self.result, dict):
                files = downloads.figures_files(
                    self.result, lang, source=TYPED_SOURCE[lang], summary=self._summary_text
                )
            else:
                files = downloads.comparison_files(self.result, lang)
        except Exception:
            log.exception("paper dashboard: could not build the downloads")
            self.downloads.value = (
                f"<p class='cd-note' role='status'>{ui('download_failed', lang)}</p>"
            )
            return
        self.files = files
        self.downloads.value = downloads.links_html(files, lang)

    def _show_error(self, exc: BaseException) -> None:
        self.result = None
        self.alert.value = views.alert_html(exc, self.lang)
        self.alert.layout.display = "block"
        self.notes.layout.display = "none"
        headers = getattr(exc, "headers", None)
        if headers:  # a column was not recognised: let the manager say which is which
            self.columns.show_guessed(headers)
        for widget in (
            self.summary,
            self.figures,
            self.departments,
            self.departments_title,
            self.downloads,
        ):
            widget.value = ""
        _show_png(self.chart_main, b"")
        _show_png(self.chart_departments, b"")

    def _staff(self) -> int | None:
        return self.staff.value or None

    def _costs(self) -> tuple[float, float] | None:
        """(one-off, yearly) when either was entered; None keeps the report without net figures."""
        initial, running = float(self.initial_cost.value), float(self.running_cost.value)
        return (initial, running) if initial > 0 or running > 0 else None

    def _run_file(self) -> None:
        from chatdojo.paper.compare import compare
        from chatdojo.paper.io import read_usage
        from chatdojo.paper.periods import parse_range

        if self.upload.value:
            item = self.upload.value[0]
            name, content = str(item.get("name") or "upload")[:200], item["content"]
            check_size(name, int(item.get("size") or 0), LIMITS)
        elif self.sample_data is not None:
            name, content = self.sample_data
        else:
            raise PaperInputError.single("upload", "No file chosen.")
        check_size(name, len(content), LIMITS)
        windows: dict[str, MonthRange | None] = {}
        for key, widget in (("baseline", self.baseline), ("current", self.current)):
            try:
                windows[key] = parse_range(widget.value) if widget.value.strip() else None
            except LocalizedError as exc:
                raise PaperInputError(
                    name, [issue(exc.template, column=ui(key, self.lang), **dict(exc.params))]
                ) from None
        usage = read_usage(
            bytes(content),
            name=name,
            mapping=self.columns.mapping(),
            sheet=self.columns.chosen_sheet(),
        )
        self.columns.show(usage.headers, usage.column_names, usage.sheets, usage.sheet)
        self._show_notes(usage.notes, usage.source)
        if not self.upload.value:  # the sample: say that its figures are invented
            note = f"<p class='cd-note' role='status'>{ui('sample_note', self.lang)}</p>"
            self.notes.value = note + self.notes.value
            self.notes.layout.display = "block"
        costs = self._costs()
        result = compare(
            usage,
            staff=self._staff(),
            baseline=windows["baseline"],
            current=windows["current"],
            initial_cost=costs[0] if costs else None,
            running_cost=costs[1] if costs else None,
        )
        self.result = result
        lang = self.lang
        self.summary.value = views.summary_html(comparison_summary(result, lang))
        self.figures.value = views.figures_table_html(result.figures, lang)
        self.departments.value = views.frame_table_html(result.by_department[DEPT_COLUMNS], lang)
        _show_png(
            self.chart_main,
            charts.png_bytes(charts.monthly_chart(result, lang, charts.PHONE)),
            ui("chart_monthly", lang),
        )
        _show_png(
            self.chart_departments,
            charts.png_bytes(charts.department_chart(result, lang, charts.PHONE)),
            ui("chart_departments", lang),
        )

    def _run_typed(self) -> None:
        values = {key: float(widget.value) for key, widget in self.typed.items()}
        figures = typed_figures(
            values,
            self.months.value,
            source=TYPED_SOURCE[self.lang],
            labels={key: ui(key, self.lang) for key in values},
            costs=self._costs(),
        )
        self.notes.layout.display = "none"
        self.columns.reset()
        self.result = figures
        lang = self.lang
        text = summary_text(figures, lang, months=self.months.value, staff=self._staff())
        self._summary_text = text
        self.summary.value = views.summary_html(text)
        self.figures.value = views.figures_table_html(figures, lang)
        self.departments_title.value = self.departments.value = ""
        _show_png(
            self.chart_main,
            charts.png_bytes(charts.totals_chart(figures, lang, charts.PHONE)),
            ui("figures", lang),
        )
        _show_png(self.chart_departments, b"")


def build_dashboard(lang: str = "ja") -> PaperDashboard:
    """The dashboard on its own, with its own language switch (``paper_page`` has the page)."""
    return PaperDashboard(lang)
