"""Per-question statistics after a session, as Moodle's quiz statistics report defines them.

For question *i* with maximum mark *m*, over the S participants who answered
at least one question (an unanswered question scores 0, as in a submitted
Moodle attempt), with x_p the participant's mark on the question and X_p their
total mark:

* **facility index** F = mean(x_p) / m — the share of the marks the room earned;
* **standard deviation** SD = sqrt(Σ (x_p − x̄)² / (S − 1)) / m — sample SD, scaled by m;
* **discrimination index** D = Pearson r(x_p, X_p − x_p) — the item against the *rest* of
  the test, so an item is not correlated with itself. Undefined (None) when
  either side does not vary; within 1e-9 of zero it is 0 (rounding noise such as
  −1.6e-16 must not read as a negative discrimination);
* **discriminative efficiency** E = 100 · cov(x, rest) / covmax, where covmax is the
  covariance of the item marks and the rest scores each sorted ascending and paired
  in that order — the largest covariance those two sets of numbers can have, so E
  says how much of the discrimination the question's difficulty allows it achieves.

Only questions that were *asked* are analysed: a question of the bank the trainer
never opened has no statistics and no flags (it is not "too hard"). A question
whose maximum mark is 0 has no facility (there is nothing to earn).

Flags use the thresholds of Moodle's documentation, which calls F > 0.90
"very easy", F < 0.20 "very difficult" and a negative D a sign that stronger
participants did *worse* (a wrong key or a misleading question):

* ``too_easy``  F > 0.90
* ``too_hard``  F < 0.20
* ``negative_discrimination``  D < 0
* ``weak_discrimination``  0 ≤ D < 0.20 (Moodle: "very weak"; informational)

Discrimination flags need at least ``MIN_DISCRIMINATION_N`` (10) participants: with 3
or 4 people one lucky guess turns D negative, and a flag would send a trainer to
rewrite a sound question. D itself is still reported; only the judgement waits.

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
ZERO = 1e-9  # below this, a statistic is rounding noise
MIN_DISCRIMINATION_N = 10  # fewer participants: D is shown but never flagged


@dataclass(frozen=True)
class ItemStats:
    question_id: str
    attempts: int  # S: participants in the analysis
    answered: int  # of them, how many answered this question
    facility: float | None
    sd: float | None
    discrimination: float | None
    flags: tuple[str, ...]
    efficiency: float | None = None  # discriminative efficiency, 0–100 (Moodle)
    asked: bool = True


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


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Sample covariance (n − 1); None below two pairs."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (n - 1)


def discriminative_efficiency(xs: Sequence[float], rest: Sequence[float]) -> float | None:
    """Moodle's 100·cov/covmax, covmax from both series sorted ascending; None when covmax is 0."""
    cov = covariance(xs, rest)
    cov_max = covariance(sorted(xs), sorted(rest))
    if cov is None or cov_max is None or cov_max <= ZERO:
        return None
    efficiency = 100.0 * cov / cov_max
    return 0.0 if abs(efficiency) < ZERO else efficiency


def flags_for(
    facility: float | None, discrimination: float | None, n: int | None = None
) -> tuple[str, ...]:
    """The flags of one question; ``n`` participants below MIN_DISCRIMINATION_N flag no D."""
    flags: list[str] = []
    if n is not None and n < MIN_DISCRIMINATION_N:
        discrimination = None
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
    matrix: pd.DataFrame,
    max_scores: dict[str, float] | None = None,
    asked: Iterable[str] | None = None,
) -> list[ItemStats]:
    """Facility, SD, discrimination and efficiency for every column of a participants × questions frame.

    ``asked`` names the questions the room was actually given (default: every column);
    the others get a row with no numbers and no flags, and do not count in anyone's total.
    """
    asked_ids = set(matrix.columns) if asked is None else set(asked)
    analysed = [q for q in matrix.columns if q in asked_ids]
    totals = matrix[analysed].sum(axis=1).tolist() if analysed else [0.0] * len(matrix)
    answered = matrix.attrs.get("answered", {})
    out: list[ItemStats] = []
    for question_id in matrix.columns:
        if question_id not in asked_ids:
            out.append(
                ItemStats(
                    str(question_id), 0, 0, None, None, None, (), efficiency=None, asked=False
                )
            )
            continue
        m = (max_scores or {}).get(question_id, 1.0)
        xs = matrix[question_id].astype(float).tolist()
        rest = [t - x for t, x in zip(totals, xs, strict=True)]
        f = mean(xs)
        sd = sample_sd(xs)
        facility = None if f is None or m <= 0 else f / m
        spread = None if sd is None or m <= 0 else sd / m
        d = pearson(xs, rest)
        if d is not None and abs(d) < ZERO:
            d = 0.0
        out.append(
            ItemStats(
                question_id=str(question_id),
                attempts=len(xs),
                answered=int(answered.get(question_id, len(xs))),
                facility=facility,
                sd=spread,
                discrimination=d,
                flags=flags_for(facility, d, len(xs)),
                efficiency=discriminative_efficiency(xs, rest) if d is not None else None,
            )
        )
    return out


def stats_frame(items: Iterable[ItemStats]) -> pd.DataFrame:
    """One row per question, flags joined with spaces (for CSV and Excel)."""
    rows = [{**asdict(item), "flags": " ".join(item.flags)} for item in items]
    columns = [
        "question_id",
        "asked",
        "attempts",
        "answered",
        "facility",
        "sd",
        "discrimination",
        "efficiency",
        "flags",
    ]
    return pd.DataFrame(rows, columns=columns)
