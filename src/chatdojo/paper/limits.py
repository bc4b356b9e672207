"""Limits on an uploaded usage table, far above any real one, checked while reading.

A real usage table is small: 100 departments × 10 years × 12 months × mono/colour
is 24,000 rows and well under 2 MB. Without limits a 484 KB workbook holding two
million rows kept a core busy for two minutes and took 814 MiB, so every reader
checks these before or while parsing and stops at the first one exceeded.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Upper bounds for one file; ``seconds`` bounds the reading, not the report."""

    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 100_000
    max_columns: int = 60
    max_cells: int = 2_000_000
    max_unzipped: int = 32 * 1024 * 1024
    max_sheets: int = 50
    seconds: float = 20.0
    max_memory: int = 1024 * 1024 * 1024  # address space of the .xlsx reader (POSIX only)


LIMITS = Limits()


def mib(n: int) -> str:
    """``5 MB`` / ``5.1 MB``: sizes as people read them, rounded up to 0.1 MB."""
    tenths = math.ceil(n * 10 / (1024 * 1024))
    return f"{tenths / 10:g} MB"


class Deadline:
    """Raises ``TimeoutError`` once ``seconds`` have passed since it was made."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TimeoutError(self.seconds)
