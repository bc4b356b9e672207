"""One defusing rule for every text cell the project writes to a spreadsheet (xlsx or csv).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and Japanese Excel also folds the full-width forms ``＝ ＋ － ＠`` to
them); a leading tab or carriage return can hide such a start. Text from users
or input files (department names, nicknames, file names) that starts this way,
even after leading spaces, gets a leading apostrophe so it stays text. Numbers,
dates and other non-text values are returned unchanged, and the project's own
formulas (totals, ratios) are written separately and never pass through here.
"""

from __future__ import annotations

import unicodedata

#: Characters that make a spreadsheet read a cell as a formula (after NFKC folding).
TRIGGERS = frozenset("=+-@\t\r")
#: Leading characters skipped before looking for a trigger (ASCII and ideographic spaces).
_SPACES = " \u3000\u00a0"


def is_risky(text: str) -> bool:
    """True when ``text`` would be read as a formula by Excel, LibreOffice or Sheets."""
    if text[:1] in ("\t", "\r"):
        return True
    stripped = text.lstrip(_SPACES)
    if not stripped:
        return False
    first = stripped[0]
    return first in TRIGGERS or unicodedata.normalize("NFKC", first)[:1] in TRIGGERS


def defuse(value: object) -> object:
    """``value`` with a leading ``'`` when it is text that would start a formula."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value
