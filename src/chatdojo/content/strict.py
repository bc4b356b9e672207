"""Checks that are being phased in: reported as warnings until the content passes them.

Each check has a name. While its name is in ``PENDING`` its findings are warnings
(``chatdojo check`` still exits 0); ``chatdojo check --strict`` (or removing the
name here once every bank passes) makes them errors.
"""

from __future__ import annotations

import os
from pathlib import Path

from chatdojo.content.errors import ErrorSink

# The checks that can be phased in this way: "kind" (a question without `kind:`),
# "borrowed", "note-usage", "english" (banks and guides) and "english-data" (data files
# and scenarios). Every bank passes them all now, so none is pending.
PENDING: set[str] = set()


def is_strict(check: str) -> bool:
    return check not in PENDING or os.environ.get("CHATDOJO_STRICT") == "1"


def report(sink: ErrorSink, check: str, path: Path | str, line: int, message: str) -> None:
    """An error, or a warning while ``check`` is still being phased in."""
    if is_strict(check):
        sink.add(path, line, message)
    else:
        sink.warn(path, line, message)
