"""The dashboard's column editor: which header holds what, correctable on the page.

After an upload (or when a column is not recognised) every header of the file is
listed with the meaning detected for it; a manager can change any meaning (or set
"not used") and recalculate. The choice travels to ``read_usage`` as a mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from chatdojo.i18n import Strings
from chatdojo.paper.columns import FIELDS, IGNORE, field_name
from chatdojo.views.paper_html import user_text

FIELD_LABELS = Strings.load("views.paper_columns.fields")
TEXT = Strings.load("views.paper_columns")
MAX_SHOWN = 30  # headers listed (a usage table has a handful)


class ColumnEditor(w.VBox):
    """Header → meaning dropdowns, a sheet chooser for workbooks and an apply button."""

    def __init__(self, on_apply: Callable[[], None]) -> None:
        self.lang = "ja"
        self.headers: list[str] = []
        self.choices: dict[str, w.Dropdown] = {}
        self.title = w.HTML()
        self.note = w.HTML()
        self.sheet = w.Dropdown(
            options=[], layout=w.Layout(width="100%", max_width="24em", display="none")
        )
        self.sheet.style.description_width = "initial"
        self.rows = w.VBox(layout=w.Layout(width="100%"))
        self.apply = w.Button(layout=w.Layout(width="auto", min_width="10em"))
        self.apply.on_click(lambda _b: on_apply())
        super().__init__(
            [self.title, self.note, self.sheet, self.rows, self.apply],
            layout=w.Layout(width="100%", max_width="100%", display="none"),
        )
        self.add_class("cd-paper-columns")

    def reset(self) -> None:
        """A new file: forget the corrections and the sheet."""
        self.headers = []
        self.choices = {}
        self.rows.children = ()
        self.sheet.options = []
        self.sheet.layout.display = "none"
        self.layout.display = "none"

    def show(
        self,
        headers: tuple[str, ...] | list[str],
        found: dict[str, str],
        sheets: tuple[str, ...] = (),
        sheet: str | None = None,
    ) -> None:
        """List the file's headers with the meaning detected (``found``: field → header)."""
        detected = {header: field for field, header in found.items()}
        previous = {h: d.value for h, d in self.choices.items()}
        self.headers = [h for h in headers if h.strip()][:MAX_SHOWN]
        self.choices = {}
        for header in self.headers:
            value = previous.get(header, detected.get(header, IGNORE))
            self.choices[header] = w.Dropdown(
                options=self._options(),
                value=value,
                layout=w.Layout(width="100%", max_width="26em", margin="2px 0"),
            )
        self._layout_rows()
        if len(sheets) > 1:
            self.sheet.options = list(sheets)
            self.sheet.value = sheet if sheet in sheets else sheets[0]
            self.sheet.layout.display = "flex"
        self.relabel(self.lang)
        self.layout.display = "flex"

    def show_guessed(self, headers: tuple[str, ...] | list[str]) -> None:
        """List the headers of a file that failed, each with the meaning its name suggests."""
        detected: dict[str, str] = {}
        for header in headers:
            field = field_name(header)
            if field is not None and field not in detected:
                detected[field] = header
        self.show(headers, detected)

    def _options(self) -> list[tuple[str, str]]:
        return [(FIELD_LABELS.tr(f, self.lang), f) for f in (*FIELDS, IGNORE)]

    def _layout_rows(self) -> None:
        """One row per header: the header (in its own language) and its meaning.

        The header is shown in an HTML label marked with its language; the dropdown's
        own label names the column by position in the page's language ("2列目").
        """
        rows = []
        for header, dropdown in self.choices.items():
            label = w.HTML(
                f"<span class='cd-paper-header'>{user_text(header[:40])}</span>",
                layout=w.Layout(flex="0 1 12em", min_width="0", margin="0 8px 0 0"),
            )
            rows.append(
                w.Box(
                    [label, dropdown],
                    layout=w.Layout(flex_flow="row wrap", align_items="center", width="100%"),
                )
            )
        self.rows.children = rows
        self._describe()

    def _describe(self) -> None:
        for number, dropdown in enumerate(self.choices.values(), start=1):
            dropdown.description = f"{number}列目" if self.lang == "ja" else f"Column {number}"
            dropdown.style.description_width = "initial"

    def relabel(self, lang: str) -> None:
        self.lang = lang
        self.title.value = f"<h3>{TEXT.tr('title', lang)}</h3>"
        self.note.value = f"<p class='cd-note'>{escape(TEXT.tr('note', lang))}</p>"
        self.apply.description = TEXT.tr("apply", lang)
        self.sheet.description = TEXT.tr("sheet", lang)
        for dropdown in self.choices.values():
            value = dropdown.value
            dropdown.options = self._options()
            dropdown.value = value
        self._describe()

    def mapping(self) -> dict[str, str] | None:
        """``{header: field}`` for every listed header, or None before a file was read."""
        if not self.choices:
            return None
        return {header: d.value for header, d in self.choices.items()}

    def chosen_sheet(self) -> str | None:
        return self.sheet.value if self.sheet.layout.display != "none" else None
