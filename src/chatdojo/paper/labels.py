"""Japanese and English labels for every figure and control.

Ratio and reduction rate carry their formula in the label itself, because a bare
"56%" is read both ways in practice (see 003 §5 and ``case_study``).
"""

from __future__ import annotations

from chatdojo.i18n import Strings

LANGS = ("ja", "en")

RATIO_JA = "対前年比（今年÷前年）"
RATIO_EN = "year-on-year ratio (this year ÷ last year)"
REDUCTION_JA = "削減率（1−対前年比）"
REDUCTION_EN = "reduction rate (1 − year-on-year ratio)"

FIGURE_LABELS = Strings.load("paper.figures")

COLUMN_LABELS = Strings.load("paper.columns")

UI = Strings.load("paper.ui")


def check_lang(lang: str) -> str:
    """Reject unknown languages early with a clear message."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def figure_label(key: str, lang: str) -> str:
    return FIGURE_LABELS.tr(key, check_lang(lang))


def ui(key: str, lang: str) -> str:
    return UI.tr(key, check_lang(lang))


def column_label(key: str, lang: str) -> str:
    return COLUMN_LABELS.tr(key, check_lang(lang)) if key in COLUMN_LABELS else key
