"""A session's results as tables: answers, distribution, leaderboard, statistics, exports.

Pure functions over a :class:`~chatdojo.store.live.Snapshot` and the catalog's
questions, shared by the trainer dashboard and ``chatdojo session``.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from chatdojo.cellsafety import defuse
from chatdojo.content.catalog import Catalog
from chatdojo.i18n import pick
from chatdojo.quiz.model import AnswerError, Question
from chatdojo.quiz.types import get_type
from chatdojo.store.live import SessionInfo, Snapshot
from chatdojo.store.stats import ItemStats, item_statistics, score_matrix, stats_frame


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


@dataclass(frozen=True)
class Standing:
    participant_id: int
    nickname: str
    rank: int  # competition ranking: 1, 2, 2, 4
    total: float  # score plus any speed bonus, over the asked questions
    correct: int
    answered: int


def standings(snapshot: Snapshot) -> list[Standing]:
    """Everyone still in the session, best first, scored over the questions actually asked."""
    asked = set(snapshot.session.asked_ids)
    people = [p for p in snapshot.participants if not p.removed]
    totals: dict[int, float] = {p.id: 0.0 for p in people}
    correct: Counter[int] = Counter()
    counts: Counter[int] = Counter()
    for a in snapshot.answers:
        if a.participant_id in totals and a.question_id in asked:
            totals[a.participant_id] += a.score + a.bonus
            correct[a.participant_id] += a.score >= 0.999
            counts[a.participant_id] += 1
    order = {p.id: i for i, p in enumerate(people)}
    ranked = sorted(people, key=lambda p: (-round(totals[p.id], 6), order[p.id]))
    out: list[Standing] = []
    for i, p in enumerate(ranked):
        same = out and round(out[-1].total, 6) == round(totals[p.id], 6)
        rank = out[-1].rank if same else i + 1
        out.append(Standing(p.id, p.nickname, rank, totals[p.id], correct[p.id], counts[p.id]))
    return out


def leaderboard(snapshot: Snapshot) -> list[tuple[str, float, int]]:
    """(nickname, total score, questions answered), best first; ties by who joined first."""
    return [(s.nickname, s.total, s.answered) for s in standings(snapshot)]


COLUMNS: dict[str, dict[str, str]] = {
    "ja": {
        "nickname": "ニックネーム",
        "question_id": "問題ID",
        "question": "問題",
        "answer": "回答",
        "score": "得点",
        "bonus": "早押しボーナス",
        "correct": "正解",
        "answered_at": "回答日時",
    },
    "en": {
        "nickname": "nickname",
        "question_id": "question_id",
        "question": "question",
        "answer": "answer",
        "score": "score",
        "bonus": "speed_bonus",
        "correct": "correct",
        "answered_at": "answered_at",
    },
}


DEFAULT_ZONE = "Asia/Tokyo"
DECIMALS = 2  # scores and points in exports: 0.33, never 0.33333333333333337


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def export_zone(name: str | None = None) -> ZoneInfo:
    """The time zone of exported times: ``name``, ``$CHATDOJO_TIMEZONE`` or Asia/Tokyo.

    An unknown name gives Asia/Tokyo (``chatdojo serve --timezone`` refuses it first).
    The zone database comes from the ``tzdata`` package where the system has none (Windows).
    """
    chosen = (name or os.environ.get("CHATDOJO_TIMEZONE") or DEFAULT_ZONE).strip()[:64]
    return _zone(chosen)


def local_time(utc: datetime) -> str:
    """A stored (naive UTC) time in the export time zone: ``2026-12-06 21:05:09``."""
    return utc.replace(tzinfo=UTC).astimezone(export_zone()).strftime("%Y-%m-%d %H:%M:%S")


def time_header(base: str) -> str:
    """A time column's header naming its zone: ``回答日時 (Asia/Tokyo)``."""
    return f"{base} ({export_zone().key})"


def rounded(value: float) -> float:
    return round(float(value), DECIMALS) + 0.0  # + 0.0: never -0.0


def answers_frame(
    snapshot: Snapshot, questions: Sequence[Question], lang: str = "ja", *, keys: bool = False
) -> pd.DataFrame:
    """One row per stored answer, in the order answers arrived; headers in ``lang``, local times.

    ``keys``: the English field names whatever the language (for JSON read by programs).
    """
    by_id = {q.id: q for q in questions}
    names = {p.id: p.nickname for p in snapshot.participants}
    yes, no = ("はい", "いいえ") if lang == "ja" else ("yes", "no")
    rows = []
    for a in snapshot.answers:
        q = by_id.get(a.question_id)
        rows.append(
            {
                "nickname": names.get(a.participant_id, "?"),
                "question_id": a.question_id,
                "question": pick(q.text, lang) if q else "",
                "answer": describe(q, a.answer, lang) if q else str(a.answer),
                "score": a.score if keys else rounded(a.score),
                "bonus": a.bonus if keys else rounded(a.bonus),
                "correct": (a.score >= 0.999) if keys else (yes if a.score >= 0.999 else no),
                "answered_at": local_time(a.created_at),
            }
        )
    header = dict(COLUMNS["en" if lang == "en" or keys else "ja"])
    if not keys:
        header["answered_at"] = time_header(header["answered_at"])
    return pd.DataFrame(rows, columns=list(header)).rename(columns=header)


def session_stats(snapshot: Snapshot) -> list[ItemStats]:
    """Statistics over the questions the room was asked only (never reached or skipped: none)."""
    asked = snapshot.session.asked_ids
    rows = ((a.participant_id, a.question_id, a.score) for a in snapshot.answers)
    return item_statistics(score_matrix(rows, asked), asked=asked)


def _defused(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.map(defuse) if len(frame) else frame


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


PEOPLE_COLUMNS: dict[str, dict[str, str]] = {
    "ja": {
        "rank": "順位",
        "nickname": "ニックネーム",
        "total": "合計得点",
        "correct": "正解数",
        "answered": "回答数",
        "asked": "出題数",
    },
    "en": {
        "rank": "rank",
        "nickname": "nickname",
        "total": "total",
        "correct": "correct",
        "answered": "answered",
        "asked": "asked",
    },
}
STATS_COLUMNS: dict[str, dict[str, str]] = {
    "ja": {
        "question_id": "問題ID",
        "asked": "出題",
        "attempts": "回答者数",
        "answered": "回答数",
        "facility": "正答率",
        "sd": "標準偏差",
        "discrimination": "識別度",
        "efficiency": "識別効率",
        "flags": "注意",
    },
}
SHEETS: dict[str, dict[str, str]] = {
    "ja": {"answers": "回答", "people": "参加者別", "statistics": "問題の統計"},
    "en": {"answers": "answers", "people": "participants", "statistics": "statistics"},
}
FLAG_WORDS = {
    "too_easy": "易しすぎ",
    "too_hard": "難しすぎ",
    "negative_discrimination": "識別度が負",
    "weak_discrimination": "識別度が弱い",
}


def people_frame(snapshot: Snapshot, lang: str = "ja") -> pd.DataFrame:
    """One row per participant still in the room: rank, total, correct and answered, best first."""
    asked = len(snapshot.session.asked_ids)
    rows = [
        {
            "rank": s.rank,
            "nickname": s.nickname,
            "total": rounded(s.total),
            "correct": s.correct,
            "answered": s.answered,
            "asked": asked,
        }
        for s in standings(snapshot)
    ]
    header = PEOPLE_COLUMNS["en" if lang == "en" else "ja"]
    return pd.DataFrame(rows, columns=list(header)).rename(columns=header)


def to_xlsx(answers: pd.DataFrame, stats: pd.DataFrame) -> bytes:
    return to_xlsx_sheets({"answers": answers, "statistics": stats})


def stats_table(snapshot: Snapshot, lang: str = "en") -> pd.DataFrame:
    """Statistics per asked question, figures rounded; headers and flags in ``lang``."""
    frame = stats_frame(session_stats(snapshot))
    for column in ("facility", "sd", "discrimination", "efficiency"):
        frame[column] = frame[column].map(
            lambda v: round(v, DECIMALS + 1) if isinstance(v, float) and v == v else v
        )
    if lang != "en":
        frame["flags"] = frame["flags"].map(
            lambda text: "、".join(FLAG_WORDS.get(f, f) for f in str(text).split())
        )
        frame = frame.rename(columns=STATS_COLUMNS["ja"])
    return frame


def session_workbook(snapshot: Snapshot, questions: Sequence[Question], lang: str) -> bytes:
    """The console's Excel file: every answer, one row per participant, the statistics."""
    names = SHEETS["en" if lang == "en" else "ja"]
    return to_xlsx_sheets(
        {
            names["answers"]: answers_frame(snapshot, questions, lang),
            names["people"]: people_frame(snapshot, lang),
            names["statistics"]: stats_table(snapshot, lang),
        }
    )
