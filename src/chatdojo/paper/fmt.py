"""Number formatting shared by summaries, tables, charts and slides."""

from __future__ import annotations

import math

RATE_KEYS = ("ratio", "rate")


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _known(value: float | None) -> float | None:
    """``value``, or None when it is missing (None or NaN)."""
    return None if _missing(value) else value


def count(value: float | None) -> str:
    """``19,950`` (rounded to a whole number)."""
    number = _known(value)
    return "—" if number is None else f"{round(number):,}"


def yen(value: float | None, lang: str = "ja") -> str:
    """``21,643円`` in Japanese, ``¥21,643`` in English."""
    number = _known(value)
    if number is None:
        return "—"
    return f"{round(number):,}円" if lang == "ja" else f"¥{round(number):,}"


def pct(value: float | None, digits: int = 1) -> str:
    """``56%`` or ``9.4%``: trailing ``.0`` dropped so round figures read cleanly."""
    number = _known(value)
    if number is None:
        return "—"
    text = f"{number * 100:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def kg(value: float | None) -> str:
    """``228 kg`` or ``3.4 kg``."""
    number = _known(value)
    if number is None:
        return "—"
    return f"{number:,.0f} kg" if abs(number) >= 100 else f"{number:,.1f} kg"


def approx_yen(value: float | None, lang: str = "ja") -> str:
    """A projection at honest precision: ``約2,061万円`` / ``about ¥20.61 million`` (to ¥10,000)."""
    number = _known(value)
    if number is None:
        return "—"
    man = round(number / 10_000)
    if number == 0:
        return yen(0, lang)
    if lang == "ja":
        return f"約{man:,}万円"
    return f"about ¥{man * 10_000:,}"


def approx_count(value: float | None, lang: str = "ja") -> str:
    """A projected sheet count to the nearest thousand: ``約123,000枚`` / ``about 123,000``."""
    number = _known(value)
    if number is None:
        return "—"
    text = f"{round(number / 1000) * 1000:,}"
    if number == 0:
        return "0"
    return f"約{text}" if lang == "ja" else f"about {text}"


def years(value: float | None, lang: str = "ja") -> str:
    """Payback period: ``2.4年`` / ``2.4 years``; a missing value means it never pays back."""
    number = _known(value)
    if number is None:
        return "回収できません" if lang == "ja" else "never pays back"
    return f"{number:.1f}年" if lang == "ja" else f"{number:.1f} years"


PROJECTED = ("annualized_", "net_saved_per_year")


def figure(key: str, value: float | None, lang: str = "ja") -> str:
    """Format a headline figure by what its key measures; projections are rounded."""
    if key == "payback_years":
        return years(value, lang)
    if any(k in key for k in RATE_KEYS):
        return pct(value)
    if key.startswith(PROJECTED) and ("cost" in key or key == "net_saved_per_year"):
        return approx_yen(value, lang)
    if key.startswith(PROJECTED):
        return approx_count(value, lang)
    if "cost" in key:
        return yen(value, lang)
    if key.endswith("kg_saved"):
        return kg(value)
    return count(value)
