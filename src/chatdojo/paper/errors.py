"""Input errors that a spreadsheet user can act on, in Japanese or English.

Every problem names the file, the row as the spreadsheet shows it (header = row 1)
and the column, so a manager can open the file and fix it without reading code.
A message is an English template with named fields (``"'{v}' is not a number"``);
``paper.messages`` holds the Japanese form of each template, so the same problem
reads naturally on the Japanese page, in the English CLI and in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_ISSUES = 20


def translate(
    template: str, params: tuple[tuple[str, Any], ...] | dict[str, Any], lang: str
) -> str:
    """The template in ``lang`` with its fields filled in (English when no translation exists)."""
    from chatdojo.paper.messages import JA

    text = JA.get(template, template) if lang == "ja" else template
    values = dict(params)
    return text.format(**values) if values else text


@dataclass(frozen=True)
class Issue:
    """One problem in one place; ``row``/``column`` are ``None`` when not applicable."""

    message: str
    row: int | None = None
    column: str | None = None
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The message alone, in ``lang``."""
        return translate(self.message, self.params, lang)

    def location(self, lang: str = "en") -> str:
        """``row N, column X`` / ``N行目・列「X」`` (either part left out when unknown)."""
        parts = []
        if lang == "ja":
            if self.row is not None:
                parts.append(f"{self.row}行目")
            if self.column is not None:
                parts.append(f"列「{self.column}」")
            return "・".join(parts)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


def issue(message: str, row: int | None = None, column: str | None = None, **params: Any) -> Issue:
    """An Issue whose ``message`` is a template filled from ``params``."""
    return Issue(message, row, column, tuple(params.items()))


class LocalizedError(ValueError):
    """A ValueError whose text exists in both languages (e.g. a bad month range)."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = tuple(params.items())
        super().__init__(translate(template, self.params, "en"))

    def text(self, lang: str) -> str:
        return translate(self.template, self.params, lang)


class PaperInputError(ValueError):
    """Raised for any input a user must fix; ``render(lang)`` is the message shown.

    The same text goes to the CLI's stderr and to the dashboard's alert box, so a
    help-desk answer written for one applies to the other. ``str()`` is English.
    """

    def __init__(self, source: str, issues: list[Issue], *, omitted: int = 0) -> None:
        self.source = source
        self.issues = list(issues)
        self.omitted = omitted
        self.headers: tuple[str, ...] | None = None  # the file's headers, when a column was missing
        super().__init__(self.render("en"))

    def render(self, lang: str = "en") -> str:
        """Every issue on its own line: ``file: where: what``, in ``lang``."""
        lines = []
        for item in self.issues:
            where = item.location(lang)
            what = item.text(lang)
            lines.append(f"{self.source}: {where}: {what}" if where else f"{self.source}: {what}")
        if self.omitted:
            more = (
                f"ほか{self.omitted}件の問題があります（表示を省略）"
                if lang == "ja"
                else f"... and {self.omitted} more problem(s) not shown"
            )
            lines.append(f"{self.source}: {more}")
        return "\n".join(lines)

    @classmethod
    def single(
        cls,
        source: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        **params: Any,
    ) -> PaperInputError:
        """Shortcut for the one-problem case (encoding, empty file, bad range)."""
        return cls(source, [issue(message, row, column, **params)])


class IssueCollector:
    """Gathers problems so users fix a file in one pass, not one error at a time.

    Callers add at most ``limit`` issues per check and report the rest with
    ``uncounted``; the error shows the first ``limit`` by row and a count of the rest.
    """

    def __init__(self, source: str, limit: int = MAX_ISSUES) -> None:
        self.source = source
        self.limit = limit
        self.issues: list[Issue] = []
        self.hidden = 0

    def add(
        self, message: str, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        self.issues.append(issue(message, row, column, **params))

    def uncounted(self, n: int) -> None:
        """Record ``n`` further problems of a check that were not listed one by one."""
        self.hidden += max(0, n)

    def __bool__(self) -> bool:
        return bool(self.issues) or self.hidden > 0

    def raise_if_any(self) -> None:
        """Raise one error listing the problems found, sorted by row."""
        if self:
            ordered = sorted(self.issues, key=lambda i: (i.row is None, i.row or 0))
            shown = ordered[: self.limit]
            omitted = len(ordered) - len(shown) + self.hidden
            raise PaperInputError(self.source, shown, omitted=omitted)
