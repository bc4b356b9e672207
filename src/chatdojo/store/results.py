"""A session's results as tables: answers, distribution, leaderboard, statistics, exports.

Pure functions over a :class:`~chatdojo.store.live.Snapshot` and the catalog's
questions, shared by the trainer dashboard and ``chatdojo session``.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from chatdojo.content.catalog import Catalog
from chatdojo.i18n import pick
from chatdojo.quiz.model import AnswerError, Question
from chatdojo.quiz.types import get_type
from chatdojo.store.live import SessionInfo, Snapshot
from chatdojo.store.stats import ItemStats, item_statistics, score_matrix, stats_frame
from chatdojo.store.validate import csv_safe


def session_questions(catalog: Catalog, session: SessionInfo) -> list[Question]:
    """The session's questions, in session order; ones removed from the bank since are skipped."""
    bank = catalog.banks.get(session.quiz_id)
    by_id = {q.id: q for q in bank.questions} if bank else {}
    return [by_id[q] for q in session.question_ids if q in by_id]


def describe(question: Question, answer: object, lang: str) -> str:
    try:
        return get_type(question.type).describe(question, answer, lang)
    except (AnswerError, KeyError, TypeError, ValueError):
        return str(answer)  # content changed since the answer was given


@dataclass(frozen=True)
class Distribution:
    question_id: str
    answered: int
    correct: int
    counts: tuple[tuple[str, str, int, bool], ...]  # (key, label, count, is the right answer)

    @property
    def percent_correct(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def distribution(snapshot: Snapshot, question: Question, lang: str) -> Distribution:
    """How the room answered one question: per option for choice questions, else per answer."""
    answers = [a for a in snapshot.answers if a.question_id == question.id]
    qtype = get_type(question.type)
    correct = sum(a.score >= 0.999 for a in answers)
    rows: list[tuple[str, str, int, bool]] = []
    if question.type in ("single", "truefalse", "multiple"):
        counter: Counter[str] = Counter()
        for a in answers:
            picked = a.answer if isinstance(a.answer, list | tuple) else [a.answer]
            counter.update(str(p) for p in picked)
        rows = [
            (c.id, pick(c.text, lang), counter.get(c.id, 0), c.correct) for c in question.choices
        ]
    else:
        right = describe(question, qtype.correct_answer(question), lang)
        counter = Counter(describe(question, a.answer, lang) for a in answers)
        rows = [(label, label, n, label == right) for label, n in counter.most_common(8)]
    return Distribution(question.id, len(answers), correct, tuple(rows))


def leaderboard(snapshot: Snapshot) -> list[tuple[str, float, int]]:
    """(nickname, total score, questions answered), best first; ties by who joined first."""
    totals: dict[int, float] = {p.id: 0.0 for p in snapshot.participants}
    counts: Counter[int] = Counter()
    for a in snapshot.answers:
        totals[a.participant_id] = totals.get(a.participant_id, 0.0) + a.score
        counts[a.participant_id] += 1
    order = {p.id: i for i, p in enumerate(snapshot.participants)}
    names = {p.id: p.nickname for p in snapshot.participants}
    ranked = sorted(totals, key=lambda pid: (-totals[pid], order.get(pid, 0)))
    return [(names.get(pid, "?"), totals[pid], counts[pid]) for pid in ranked]


def answers_frame(
    snapshot: Snapshot, questions: Sequence[Question], lang: str = "ja"
) -> pd.DataFrame:
    """One row per stored answer, in the order answers arrived."""
    by_id = {q.id: q for q in questions}
    names = {p.id: p.nickname for p in snapshot.participants}
    rows = []
    for a in snapshot.answers:
        q = by_id.get(a.question_id)
        rows.append(
            {
                "nickname": names.get(a.participant_id, "?"),
                "question_id": a.question_id,
                "question": pick(q.text, lang) if q else "",
                "answer": describe(q, a.answer, lang) if q else str(a.answer),
                "score": a.score,
                "correct": a.score >= 0.999,
                "answered_at": a.created_at.isoformat(timespec="seconds") + "Z",
            }
        )
    columns = ["nickname", "question_id", "question", "answer", "score", "correct", "answered_at"]
    return pd.DataFrame(rows, columns=columns)


def session_stats(snapshot: Snapshot) -> list[ItemStats]:
    rows = ((a.participant_id, a.question_id, a.score) for a in snapshot.answers)
    return item_statistics(score_matrix(rows, snapshot.session.question_ids))


def _defused(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(csv_safe) if len(frame) else frame


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Japanese text correctly."""
    return _defused(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_sheets(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook with one sheet per frame; cells that look like formulas are defused."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _defused(frame).to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


def to_xlsx(answers: pd.DataFrame, stats: pd.DataFrame) -> bytes:
    return to_xlsx_sheets({"answers": answers, "statistics": stats})


def stats_table(snapshot: Snapshot) -> pd.DataFrame:
    return stats_frame(session_stats(snapshot))
