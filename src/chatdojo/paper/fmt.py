"""Number formatting shared by summaries, tables, charts and slides."""

from __future__ import annotations

import math

RATE_KEYS = ("ratio", "rate")


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count(value: float | None) -> str:
    """``19,950`` (rounded to a whole number)."""
    return "—" if _missing(value) else f"{round(value):,}"


def yen(value: float | None, lang: str = "ja") -> str:
    """``21,643円`` in Japanese, ``¥21,643`` in English."""
    if _missing(value):
        return "—"
    return f"{round(value):,}円" if lang == "ja" else f"¥{round(value):,}"


def pct(value: float | None, digits: int = 1) -> str:
    """``56%`` or ``9.4%``: trailing ``.0`` dropped so round figures read cleanly."""
    if _missing(value):
        return "—"
    text = f"{value * 100:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def kg(value: float | None) -> str:
    """``228 kg`` or ``3.4 kg``."""
    if _missing(value):
        return "—"
    return f"{value:,.0f} kg" if abs(value) >= 100 else f"{value:,.1f} kg"


def figure(key: str, value: float | None, lang: str = "ja") -> str:
    """Format a headline figure by what its key measures."""
    if any(k in key for k in RATE_KEYS):
        return pct(value)
    if "cost" in key:
        return yen(value, lang)
    if key.endswith("kg_saved"):
        return kg(value)
    return count(value)
