"""Input errors that a spreadsheet user can act on.

Every problem names the file, the row as the spreadsheet shows it (header = row 1)
and the column, so a manager can open the file and fix it without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ISSUES = 20


@dataclass(frozen=True)
class Issue:
    """One problem in one place; ``row``/``column`` are ``None`` when not applicable."""

    message: str
    row: int | None = None
    column: str | None = None

    def location(self) -> str:
        """``row N, column X`` (either part left out when unknown)."""
        parts = []
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


class PaperInputError(ValueError):
    """Raised for any input a user must fix; ``str()`` is the message shown everywhere.

    The same text goes to the CLI's stderr and to the dashboard's alert box, so a
    help-desk answer written for one applies to the other.
    """

    def __init__(self, source: str, issues: list[Issue], *, omitted: int = 0) -> None:
        self.source = source
        self.issues = list(issues)
        self.omitted = omitted
        super().__init__(self._render())

    def _render(self) -> str:
        lines = []
        for issue in self.issues:
            where = issue.location()
            lines.append(
                f"{self.source}: {where}: {issue.message}"
                if where
                else f"{self.source}: {issue.message}"
            )
        if self.omitted:
            lines.append(f"{self.source}: ... and {self.omitted} more problem(s) not shown")
        return "\n".join(lines)

    @classmethod
    def single(
        cls, source: str, message: str, *, row: int | None = None, column: str | None = None
    ) -> PaperInputError:
        """Shortcut for the one-problem case (encoding, empty file, bad range)."""
        return cls(source, [Issue(message, row, column)])


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

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.issues.append(Issue(message, row, column))

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
