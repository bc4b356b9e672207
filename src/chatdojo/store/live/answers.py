"""Answers: each scored on the server and stored exactly once.

Every answer is scored with the question type's ``normalize()``/``score()``; the
first answer to a question wins, repeats (double taps, retries after a timeout)
return it. ``insert_once`` is the exactly-once write the scenario room shares.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chatdojo.quiz.model import AnswerError, Outcome, Question
from chatdojo.quiz.types import get_type
from chatdojo.store import codes
from chatdojo.store.db import Store
from chatdojo.store.live.model import (
    SPEED_BONUS,
    LiveError,
    SessionInfo,
    StoredAnswer,
    Submitted,
    stored_answer,
)
from chatdojo.store.live.seats import participant_row
from chatdojo.store.live.sessions import session_row
from chatdojo.store.models import LiveSession, Participant, SessionAnswer, utcnow


def answers_of(store: Store, participant_id: int) -> dict[str, StoredAnswer]:
    with store.read() as s:
        rows = s.scalars(
            select(SessionAnswer).where(SessionAnswer.participant_id == participant_id)
        )
        return {r.question_id: stored_answer(r) for r in rows}


def next_question_id(session: SessionInfo, answered: set[str] | dict[str, Any]) -> str | None:
    """Where a participant continues: the trainer's question (paced) or the first unanswered."""
    if session.state != "running":
        return None
    if session.mode == "paced":
        return session.current_question_id
    return next((q for q in session.question_ids if q not in answered), None)


def insert_once(s: Session, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on the unique key; True if this call stored the row."""
    keys = ["session_id", "participant_id", "question_id"]
    # The stubs type a declarative ``__table__`` as FromClause; a mapped class has a Table.
    table = cast(Table, SessionAnswer.__table__)
    dialect = s.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = (
            sqlite_insert(table)
            .values(**values)
            .on_conflict_do_nothing(index_elements=keys)
            .returning(table.c.id)
        )
        return s.execute(stmt).scalar() is not None  # no row back: it was a repeat
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg_stmt = (
            pg_insert(table)
            .values(**values)
            .on_conflict_do_nothing(index_elements=keys)
            .returning(table.c.id)
        )
        return s.execute(pg_stmt).scalar() is not None  # no row back: it was a repeat
    try:  # other databases: a savepoint, so the duplicate does not end the transaction
        with s.begin_nested():
            s.execute(table.insert().values(**values))
        return True
    except IntegrityError:
        return False


def _outcome(question: Question, answer: Any, score: float) -> Outcome:
    qtype = get_type(question.type)
    return Outcome(question.id, answer, score, qtype.feedback(question, answer))


def _bonus(info: SessionInfo, score: float, now: datetime) -> float:
    """Optional speed bonus (off by default): up to SPEED_BONUS for a right answer given at once."""
    if not (info.speed_bonus and info.time_limit and info.question_opened_at and score > 0):
        return 0.0
    used = (now - info.question_opened_at).total_seconds() / info.time_limit
    return round(SPEED_BONUS * score * max(0.0, 1.0 - used), 3)


def submit(store: Store, code: str, token: str | None, question: Question, raw: Any) -> Submitted:
    """Validate, score and store one answer, once. Raises AnswerError or LiveError."""
    result = submit_many(store, code, [(token, question, raw)])[0]
    if isinstance(result, Exception):
        raise result
    return result


def submit_many(
    store: Store, code: str, items: Sequence[tuple[str | None, Question, Any]]
) -> list[Submitted | AnswerError | LiveError]:
    """Several phones' answers in one transaction (a room's answers arrive together).

    Each item is checked on its own; a refused item gets its error in the result list
    and writes nothing, so the others are unaffected. Exactly-once still comes from the
    UNIQUE key: a repeat returns the first stored answer. The seats are read in one
    query and the answers written in one multi-row INSERT … ON CONFLICT DO NOTHING
    (SQLite, PostgreSQL): a hall's thousand answers cost a few statements, not a
    thousand ORM round trips.
    """
    results: list[Submitted | AnswerError | LiveError | None] = []
    prepared: list[tuple[str | None, Question, Any, float] | AnswerError] = []
    for token, question, raw in items:
        qtype = get_type(question.type)
        try:
            answer = qtype.normalize(question, raw)  # untrusted input: checked first
            prepared.append((token, question, answer, float(qtype.score(question, answer))))
        except AnswerError as exc:
            prepared.append(exc)
    with store.write() as s:
        session = session_row(s, code)
        info = SessionInfo.of(session)
        if s.get_bind().dialect.name not in ("sqlite", "postgresql"):
            return [  # other databases: one savepoint per answer
                item if isinstance(item, AnswerError) else _submit_guarded(s, session, info, item)
                for item in prepared
            ]
        digests = {codes.digest(t) for t, *_rest in _valid(prepared) if t}
        seats = {
            h: (pid, bool(removed))
            for pid, removed, h in s.execute(
                select(Participant.id, Participant.removed, Participant.token_hash).where(
                    Participant.session_id == session.id, Participant.token_hash.in_(digests)
                )
            )
        }
        now = utcnow()
        rows: list[dict[str, Any]] = []
        wanted: list[tuple[int, str, Question, Any, float] | None] = []
        for item in prepared:
            if isinstance(item, AnswerError):
                results.append(item)
                wanted.append(None)
                continue
            token, question, answer, score = item
            seat = seats.get(codes.digest(token)) if token else None
            error: AnswerError | LiveError | None = None
            if seat is None:
                error = LiveError("not_participant", "join the session first")
            elif seat[1]:
                error = LiveError("removed", "the trainer removed this participant")
            elif question.id not in info.question_ids:
                error = AnswerError(f"question {question.id!r} is not part of this session")
            if error is not None or seat is None:
                results.append(error)
                wanted.append(None)
                continue
            results.append(None)
            wanted.append((seat[0], question.id, question, answer, score))
            if info.open_for_answers(question.id, now):
                rows.append(
                    {
                        "session_id": session.id,
                        "participant_id": seat[0],
                        "question_id": question.id,
                        "answer": json.dumps(answer, ensure_ascii=False),
                        "score": score,
                        "bonus": _bonus(info, score, now),
                        "created_at": now,
                    }
                )
        created = _insert_many_once(s, rows)
        repeats: list[int] = []
        for i, w in enumerate(wanted):
            if w is not None:
                if (w[0], w[1]) in created:
                    created.discard((w[0], w[1]))  # a second copy in this batch is a repeat
                    results[i] = Submitted(_outcome(w[2], w[3], w[4]), True)
                else:
                    repeats.append(i)
        first = _first_answers(s, session.id, {(w[0], w[1]) for i in repeats if (w := wanted[i])})
        for i in repeats:
            w = wanted[i]
            assert w is not None
            pid, qid, question, _answer, _score = w
            if (pid, qid) in first:
                first_answer, stored_score = first[(pid, qid)]
                results[i] = Submitted(_outcome(question, first_answer, stored_score), False)
            else:
                results[i] = LiveError("question_closed", "this question is closed")
    return [r for r in results if r is not None]


def _valid(prepared: list[Any]) -> list[tuple[str | None, Question, Any, float]]:
    return [item for item in prepared if not isinstance(item, AnswerError)]


def _submit_guarded(
    s: Session, session: LiveSession, info: SessionInfo, item: tuple[Any, ...]
) -> Submitted | AnswerError | LiveError:
    try:
        return _submit_one(s, session, info, *item)
    except (AnswerError, LiveError) as exc:
        return exc


def _insert_many_once(s: Session, rows: list[dict[str, Any]]) -> set[tuple[int, str]]:
    """One multi-row INSERT … ON CONFLICT DO NOTHING; the (participant, question) it stored."""
    if not rows:
        return set()
    keys = ["session_id", "participant_id", "question_id"]
    table = cast(Table, SessionAnswer.__table__)
    if s.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    stored: set[tuple[int, str]] = set()
    for start in range(0, len(rows), 500):  # well under every driver's bound-parameter limit
        stmt = (
            insert(table)
            .values(rows[start : start + 500])
            .on_conflict_do_nothing(index_elements=keys)
            .returning(table.c.participant_id, table.c.question_id)
        )
        stored.update((pid, qid) for pid, qid in s.execute(stmt))
    return stored


def _first_answers(
    s: Session, session_id: int, pairs: set[tuple[int, str]]
) -> dict[tuple[int, str], tuple[Any, float]]:
    """The stored first answers of these (participant, question) pairs."""
    if not pairs:
        return {}
    people = {pid for pid, _q in pairs}
    found: dict[tuple[int, str], tuple[Any, float]] = {}
    for pid, qid, answer, score in s.execute(
        select(
            SessionAnswer.participant_id,
            SessionAnswer.question_id,
            SessionAnswer.answer,
            SessionAnswer.score,
        ).where(SessionAnswer.session_id == session_id, SessionAnswer.participant_id.in_(people))
    ):
        if (pid, qid) in pairs:
            first = json.loads(answer)
            found[(pid, qid)] = (tuple(first) if isinstance(first, list) else first, score)
    return found


def _submit_one(
    s: Session,
    session: LiveSession,
    info: SessionInfo,
    token: str | None,
    question: Question,
    answer: Any,
    score: float,
) -> Submitted:
    participant = participant_row(s, session, token)
    if question.id not in info.question_ids:
        raise AnswerError(f"question {question.id!r} is not part of this session")
    now = utcnow()
    created = False
    if info.open_for_answers(question.id, now):
        created = insert_once(
            s,
            {
                "session_id": session.id,
                "participant_id": participant.id,
                "question_id": question.id,
                "answer": json.dumps(answer, ensure_ascii=False),
                "score": score,
                "bonus": _bonus(info, score, now),
                "created_at": now,
            },
        )
    if created:
        return Submitted(_outcome(question, answer, score), True)
    existing = s.scalar(
        select(SessionAnswer).where(
            SessionAnswer.session_id == session.id,
            SessionAnswer.participant_id == participant.id,
            SessionAnswer.question_id == question.id,
        )
    )
    if existing is None:
        raise LiveError("question_closed", "this question is closed")
    first = json.loads(existing.answer)
    first = tuple(first) if isinstance(first, list) else first
    return Submitted(_outcome(question, first, existing.score), False)
