"""Per-question statistics after a session, as Moodle's quiz statistics report defines them.

For question *i* with maximum mark *m*, over the S participants who answered
at least one question (an unanswered question scores 0, as in a submitted
Moodle attempt), with x_p the participant's mark on the question and X_p their
total mark:

* **facility index** F = mean(x_p) / m — the share of the marks the room earned;
* **standard deviation** SD = sqrt(Σ (x_p − x̄)² / (S − 1)) / m — sample SD, scaled by m;
* **discrimination index** D = Pearson r(x_p, X_p − x_p) — the item against the *rest* of
  the test, so an item is not correlated with itself. Undefined (None) when
  either side does not vary.

Flags use the thresholds of Moodle's documentation, which calls F > 0.90
"very easy", F < 0.20 "very difficult" and a negative D a sign that stronger
participants did *worse* (a wrong key or a misleading question):

* ``too_easy``  F > 0.90
* ``too_hard``  F < 0.20
* ``negative_discrimination``  D < 0
* ``weak_discrimination``  0 ≤ D < 0.20 (Moodle: "very weak"; informational)

Pure functions over plain lists and pandas; nothing here touches the database.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import pandas as pd

TOO_EASY = 0.90
TOO_HARD = 0.20
WEAK_DISCRIMINATION = 0.20


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    attempts: int  # S: participants in the analysis
    answered: int  # of them, how many answered this question
    facility: float | None
    sd: float | None
    discrimination: float | None
    flags: tuple[str, ...]


def mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def sample_sd(xs: Sequence[float]) -> float | None:
    """Standard deviation with n − 1 in the denominator (None below two values)."""
    if len(xs) < 2:
        return None
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when fewer than two pairs or either side is constant."""
    if len(xs) != len(ys):
        raise ValueError("both series need the same length")
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def flags_for(facility: float | None, discrimination: float | None) -> tuple[str, ...]:
    flags: list[str] = []
    if facility is not None and facility > TOO_EASY:
        flags.append("too_easy")
    if facility is not None and facility < TOO_HARD:
        flags.append("too_hard")
    if discrimination is not None and discrimination < 0:
        flags.append("negative_discrimination")
    elif discrimination is not None and discrimination < WEAK_DISCRIMINATION:
        flags.append("weak_discrimination")
    return tuple(flags)


def score_matrix(
    rows: Iterable[tuple[object, str, float]], question_ids: Sequence[str]
) -> pd.DataFrame:
    """Participants × questions from ``(participant, question, score)`` rows; missing → 0.

    Only participants with at least one answer appear; ``answered`` counts are
    kept in the frame's ``attrs`` so statistics can report them.
    """
    data: dict[object, dict[str, float]] = {}
    for participant, question_id, score in rows:
        if question_id in question_ids:
            data.setdefault(participant, {})[question_id] = float(score)
    frame = pd.DataFrame.from_dict(data, orient="index", columns=list(question_ids), dtype=float)
    answered = {q: int(frame[q].notna().sum()) if len(frame) else 0 for q in question_ids}
    frame = frame.fillna(0.0)
    frame.attrs["answered"] = answered
    return frame


def item_statistics(
    matrix: pd.DataFrame, max_scores: dict[str, float] | None = None
) -> list[ItemStats]:
    """Facility, SD and discrimination for every column of a participants × questions frame."""
    totals = matrix.sum(axis=1).tolist() if len(matrix.columns) else []
    answered = matrix.attrs.get("answered", {})
    out: list[ItemStats] = []
    for question_id in matrix.columns:
        m = (max_scores or {}).get(question_id, 1.0) or 1.0
        xs = matrix[question_id].astype(float).tolist()
        rest = [t - x for t, x in zip(totals, xs, strict=True)]
        f = mean(xs)
        sd = sample_sd(xs)
        facility = None if f is None else f / m
        spread = None if sd is None else sd / m
        d = pearson(xs, rest)
        out.append(
            ItemStats(
                question_id=str(question_id),
                attempts=len(xs),
                answered=int(answered.get(question_id, len(xs))),
                facility=facility,
                sd=spread,
                discrimination=d,
                flags=flags_for(facility, d),
            )
        )
    return out


def stats_frame(items: Iterable[ItemStats]) -> pd.DataFrame:
    """One row per question, flags joined with spaces (for CSV and Excel)."""
    rows = [{**asdict(item), "flags": " ".join(item.flags)} for item in items]
    columns = ["question_id", "attempts", "answered", "facility", "sd", "discrimination", "flags"]
    return pd.DataFrame(rows, columns=columns)
