"""Live sessions: a trainer runs a quiz bank for a room of phones.

The trainer holds a secret token (only its hash is stored); participants hold
the join code and, once joined, their own token for rejoining after a reload
or a server restart. Every answer is scored on the server with the question
type's ``normalize()`` and stored *exactly once*: the first answer to a
question wins, repeats (double taps, retries after a timeout) return it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chatdojo.quiz.model import AnswerError, Outcome, Question
from chatdojo.quiz.types import get_type
from chatdojo.store import codes
from chatdojo.store.db import Store
from chatdojo.store.models import (
    NICKNAME_MAX,
    LiveSession,
    Participant,
    SessionAnswer,
    utcnow,
)
from chatdojo.store.validate import InputError, clean_name, name_key

MODES = ("paced", "self")
MAX_PARTICIPANTS = 2000
MAX_TIME_LIMIT = 600  # seconds per question
MAX_ADD_TIME = 120
GRACE = timedelta(seconds=1.5)  # an answer sent as the countdown ends still counts
SPEED_BONUS = 0.5  # at most half a point more for an instant right answer
ACTIONS = ("start", "reveal", "next", "skip", "add_time", "finish", "leaderboard")


class LiveError(LookupError):
    """A live-session request that cannot be served; ``key`` names the message to show."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class SessionInfo:
    id: int
    code: str
    quiz_id: str
    mode: str
    state: str
    question_ids: tuple[str, ...]
    current_index: int
    revealed: bool
    seed: int
    created_at: datetime
    started_at: datetime | None
    question_opened_at: datetime | None
    finished_at: datetime | None
    version: int = 0
    time_limit: int | None = None
    deadline: datetime | None = None
    late_join: bool = True
    show_leaderboard: bool = False
    speed_bonus: bool = False
    skipped: tuple[str, ...] = ()
    kind: str = "quiz"  # "scenario": a scenario played by the room (see store.live_scenario)
    path: tuple[tuple[str, ...], ...] = ()  # scenario: (step, choice, how, room's choice)

    @property
    def asked_ids(self) -> tuple[str, ...]:
        """The questions the room was actually asked (not those never reached or skipped)."""
        if self.state == "lobby":
            return ()
        if self.mode == "self":
            return self.question_ids
        reached = self.question_ids[: self.current_index + 1]
        return tuple(q for q in reached if q not in self.skipped)

    def open_for_answers(self, question_id: str, now: datetime) -> bool:
        if self.state != "running":
            return False
        if self.mode == "self":
            return question_id in self.question_ids
        if self.current_question_id != question_id or self.revealed:
            return False
        return self.deadline is None or now <= self.deadline + GRACE

    @property
    def current_question_id(self) -> str | None:
        paced_running = self.mode == "paced" and self.state == "running"
        if paced_running and 0 <= self.current_index < len(self.question_ids):
            return self.question_ids[self.current_index]
        return None

    @classmethod
    def of(cls, row: LiveSession) -> SessionInfo:
        return cls(
            row.id,
            row.code,
            row.quiz_id,
            row.mode,
            row.state,
            tuple(json.loads(row.question_ids)),
            row.current_index,
            bool(row.revealed),
            row.seed,
            row.created_at,
            row.started_at,
            row.question_opened_at,
            row.finished_at,
            row.version or 0,
            row.time_limit,
            row.deadline,
            bool(row.late_join),
            bool(row.show_leaderboard),
            bool(row.speed_bonus),
            tuple(json.loads(row.skipped or "[]")),
            row.kind or "quiz",
            tuple(tuple(entry) for entry in json.loads(row.path or "[]")),
        )


@dataclass(frozen=True)
class ParticipantInfo:
    id: int
    session_id: int
    nickname: str
    removed: bool = False
    token_hash: str = field(default="", repr=False)  # lets a server recognise a seat in memory

    @classmethod
    def of(cls, row: Participant) -> ParticipantInfo:
        return cls(row.id, row.session_id, row.nickname, bool(row.removed), row.token_hash)


@dataclass(frozen=True)
class StoredAnswer:
    participant_id: int
    question_id: str
    answer: Any
    score: float
    created_at: datetime
    bonus: float = 0.0


@dataclass(frozen=True)
class Submitted:
    outcome: Outcome
    created: bool  # False: this question had been answered before (a repeat)


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard shows, read in one transaction."""

    session: SessionInfo
    participants: tuple[ParticipantInfo, ...]
    answers: tuple[StoredAnswer, ...]


# -- sessions ----------------------------------------------------------------------


def create_session(
    store: Store,
    quiz_id: str,
    questions: Sequence[Question],
    *,
    paced: bool,
    seed: int | None = None,
    time_limit: int | None = None,
    late_join: bool = True,
    show_leaderboard: bool = False,
    speed_bonus: bool = False,
) -> tuple[SessionInfo, str]:
    """A new session in the lobby, its join code and the trainer token (returned once)."""
    if not questions:
        raise LiveError("no_questions", f"quiz {quiz_id!r} has no questions for this profile")
    return insert_session(
        store,
        quiz_id=quiz_id,
        mode="paced" if paced else "self",
        question_ids=json.dumps([q.id for q in questions]),
        seed=seed,
        time_limit=check_time_limit(time_limit),
        late_join=late_join,
        show_leaderboard=show_leaderboard,
        speed_bonus=speed_bonus,
    )


def insert_session(store: Store, *, seed: int | None, **values: Any) -> tuple[SessionInfo, str]:
    """Store a new session in the lobby under a fresh join code; (its info, the trainer token).

    The code is drawn at random and drawn again if taken (longer after 20 tries); the
    trainer token is returned once and only its hash is kept.
    """
    token = codes.new_token()
    seed = random.randrange(1 << 30) if seed is None else seed
    for attempt in range(40):
        code = codes.new_code(codes.JOIN_LENGTH + attempt // 20)
        try:
            with store.write() as s:
                row = LiveSession(
                    code=code,
                    trainer_token_hash=codes.digest(token),
                    state="lobby",
                    current_index=-1,
                    revealed=False,
                    seed=seed,
                    version=0,
                    skipped="[]",
                    **values,
                )
                s.add(row)
                s.flush()
                return SessionInfo.of(row), token
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a join code")  # pragma: no cover


# Statements of the hot paths, built once: a hall's thousand requests reuse them (building a
# select and its cache key per call cost more than running it on SQLite).
_BY_CODE = select(LiveSession).where(LiveSession.code == bindparam("code"))
_FINGERPRINT = select(
    LiveSession.version,
    select(func.count())
    .select_from(Participant)
    .where(Participant.session_id == LiveSession.id)
    .scalar_subquery(),
    select(func.count())
    .select_from(SessionAnswer)
    .where(SessionAnswer.session_id == LiveSession.id)
    .scalar_subquery(),
).where(LiveSession.code == bindparam("code"))
_SEAT = select(Participant).where(
    Participant.token_hash == bindparam("token_hash"),
    Participant.session_id == bindparam("session_id"),
)
_PEOPLE = (
    select(func.count())
    .select_from(Participant)
    .where(Participant.session_id == bindparam("session_id"))
)


def _session_row(s: Session, code: str | None) -> LiveSession:
    normalized = codes.normalize_code(code)
    row = s.scalar(_BY_CODE, {"code": normalized}) if normalized else None
    if row is None:
        raise LiveError("unknown_code", f"no session with code {normalized or '(empty)'!r}")
    return row


def get_session(store: Store, code: str | None) -> SessionInfo:
    with store.read() as s:
        return SessionInfo.of(_session_row(s, code))


def authorize_trainer(store: Store, code: str | None, token: str | None) -> SessionInfo:
    """The session if ``token`` is its trainer token; one error for a wrong code or token."""
    with store.read() as s:
        row = s.scalar(select(LiveSession).where(LiveSession.code == codes.normalize_code(code)))
        if not codes.matches(token, row.trainer_token_hash if row else None) or row is None:
            raise LiveError("not_trainer", "this page needs the trainer link of the session")
        return SessionInfo.of(row)


def check_time_limit(seconds: int | None) -> int | None:
    if seconds is None or seconds == 0:
        return None
    if not isinstance(seconds, int) or not 5 <= seconds <= MAX_TIME_LIMIT:
        raise LiveError("bad_time_limit", f"time per question must be 5..{MAX_TIME_LIMIT} seconds")
    return seconds


def pick_questions(
    questions: Sequence[Question],
    *,
    count: int | None = None,
    seed: int | None = None,
    ids: Sequence[str] | None = None,
) -> list[Question]:
    """The questions a session asks: a hand-picked list, N drawn with a seed, or all of them."""
    if ids:
        by_id = {q.id: q for q in questions}
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            raise LiveError("unknown_question", f"unknown question(s): {', '.join(unknown)}")
        if len(set(ids)) != len(ids):
            raise LiveError("unknown_question", "a question is listed twice")
        return [by_id[i] for i in ids]
    if count is not None:
        if not 1 <= count <= len(questions):
            raise LiveError("bad_count", f"--count must be 1..{len(questions)}")
        return random.Random(seed).sample(list(questions), count)
    return list(questions)


def _trainer_row(s: Session, code: str, token: str | None) -> LiveSession:
    row = _session_row(s, code)
    if not codes.matches(token, row.trainer_token_hash):
        raise LiveError("not_trainer", "this page needs the trainer link of the session")
    return row


def _open_question(row: LiveSession, index: int, now: datetime) -> None:
    row.current_index, row.revealed, row.question_opened_at = index, False, now
    row.deadline = now + timedelta(seconds=row.time_limit) if row.time_limit else None


def control(
    store: Store, code: str, token: str | None, action: str, *, seconds: int = 0
) -> SessionInfo:
    """Trainer actions: start, reveal, next, skip, add_time (paced), leaderboard, finish."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    now = utcnow()
    with store.write() as s:
        row = _trainer_row(s, code, token)
        count = len(json.loads(row.question_ids))
        paced_running = row.mode == "paced" and row.state == "running"
        if action == "start" and row.state == "lobby":
            row.state, row.started_at = "running", now
            if row.mode == "paced":
                _open_question(row, 0, now)
        elif action == "reveal" and paced_running:
            row.revealed = True
        elif action in ("next", "skip") and paced_running:
            if action == "skip" and not row.revealed:
                skipped = json.loads(row.skipped or "[]")
                skipped.append(json.loads(row.question_ids)[row.current_index])
                row.skipped = json.dumps(skipped)
            if row.current_index + 1 < count:
                _open_question(row, row.current_index + 1, now)
            else:
                row.state, row.finished_at, row.revealed = "finished", now, True
        elif action == "add_time" and paced_running and row.deadline and not row.revealed:
            extra = max(5, min(int(seconds or 15), MAX_ADD_TIME))
            row.deadline = max(row.deadline, now) + timedelta(seconds=extra)
        elif action == "leaderboard":
            row.show_leaderboard = not row.show_leaderboard
        elif action == "finish" and row.state != "finished":
            row.state, row.finished_at, row.revealed = "finished", now, True
        else:
            return SessionInfo.of(row)  # nothing to do in this state: no version bump
        row.version = (row.version or 0) + 1
        s.flush()
        return SessionInfo.of(row)


def configure(
    store: Store,
    code: str,
    token: str | None,
    *,
    questions: Sequence[Question] | None = None,
    time_limit: int | None = None,
    late_join: bool | None = None,
    speed_bonus: bool | None = None,
) -> SessionInfo:
    """Change a session's settings: the question list and scoring only before it starts."""
    with store.write() as s:
        row = _trainer_row(s, code, token)
        if row.state != "lobby" and (questions is not None or speed_bonus is not None):
            raise LiveError("already_started", "the questions are fixed once the session started")
        if questions is not None:
            if not questions:
                raise LiveError("no_questions", "choose at least one question")
            row.question_ids = json.dumps([q.id for q in questions])
        if row.state == "lobby":
            row.time_limit = check_time_limit(time_limit)
        if late_join is not None:
            row.late_join = late_join
        if speed_bonus is not None:
            row.speed_bonus = speed_bonus
        row.version = (row.version or 0) + 1
        s.flush()
        return SessionInfo.of(row)


def remove_participant(store: Store, code: str, token: str | None, participant_id: int) -> bool:
    """The trainer removes a participant (their seat stops working; answers stay for records)."""
    with store.write() as s:
        row = _trainer_row(s, code, token)
        person = s.get(Participant, participant_id)
        if person is None or person.session_id != row.id or person.removed:
            return False
        person.removed = True
        row.version = (row.version or 0) + 1
        return True


def fingerprint(store: Store, code: str) -> tuple[int, int, int]:
    """(version, participants, answers): one cheap read a server process polls per room."""
    with store.read() as s:
        row = s.execute(_FINGERPRINT, {"code": codes.normalize_code(code)}).first()
        if row is None:
            raise LiveError("unknown_code", "no session with this code")
        return (row[0] or 0, row[1] or 0, row[2] or 0)


# -- participants ------------------------------------------------------------------


def join(store: Store, code: str, nickname: str) -> tuple[ParticipantInfo, str]:
    """Join with a nickname (checked, unique in the session); returns the rejoin token."""
    result = join_many(store, code, [nickname])[0]
    if isinstance(result, Exception):
        raise result
    return result


JoinResult = tuple[ParticipantInfo, str] | InputError | LiveError


def join_many(store: Store, code: str, nicknames: Sequence[str]) -> list[JoinResult]:
    """Several phones joining in one transaction (a hall joins within seconds).

    Each nickname is checked on its own, against the room and the others in the batch:
    a refused one gets its error and the others are unaffected. Two processes taking
    the same nickname at once trip the UNIQUE key: then each is joined on its own, so
    only the later one is refused.
    """
    try:
        return _join_many(store, code, nicknames)
    except IntegrityError:
        if len(nicknames) == 1:  # two phones chose the same nickname in the same instant
            return [InputError("nickname_taken", "this nickname is already taken in the session")]
        return [_join_many(store, code, [name])[0] for name in nicknames]


def _join_many(store: Store, code: str, nicknames: Sequence[str]) -> list[JoinResult]:
    names: list[str | InputError] = []
    for raw in nicknames:
        try:
            names.append(clean_name(raw, NICKNAME_MAX))
        except InputError as exc:
            names.append(exc)
    table = cast(Table, Participant.__table__)
    with store.write() as s:
        session = _session_row(s, code)
        closed: LiveError | None = None
        if session.state == "finished":
            closed = LiveError("session_over", "this session has ended")
        elif session.state == "running" and not session.late_join:
            closed = LiveError(
                "late_join_closed", "the trainer closed this session to late joiners"
            )
        keys = {name_key(n) for n in names if isinstance(n, str)}
        count = s.scalar(_PEOPLE, {"session_id": session.id}) or 0
        taken = set(
            s.scalars(
                select(Participant.nickname_key).where(
                    Participant.session_id == session.id, Participant.nickname_key.in_(keys)
                )
            )
        )
        results: list[JoinResult | tuple[str, str]] = []
        rows: list[dict[str, Any]] = []
        now = utcnow()
        for name in names:
            if isinstance(name, InputError):
                results.append(name)
            elif closed is not None:
                results.append(closed)
            elif count >= MAX_PARTICIPANTS:
                results.append(LiveError("session_full", "this session is full"))
            elif name_key(name) in taken:
                results.append(
                    InputError("nickname_taken", "this nickname is already taken in the session")
                )
            else:
                token = codes.new_token()
                taken.add(name_key(name))
                count += 1
                rows.append(
                    {
                        "session_id": session.id,
                        "nickname": name,
                        "nickname_key": name_key(name),
                        "token_hash": codes.digest(token),
                        "joined_at": now,
                        "removed": False,
                    }
                )
                results.append((name, token))
        ids: dict[str, int] = {}
        for start in range(0, len(rows), 500):
            stmt = (
                table.insert()
                .values(rows[start : start + 500])
                .returning(table.c.id, table.c.token_hash)
            )
            ids.update((h, i) for i, h in s.execute(stmt))
    out: list[JoinResult] = []
    for item in results:
        if isinstance(item, tuple) and isinstance(item[0], str):
            name, token = item
            digest = codes.digest(token)
            out.append((ParticipantInfo(ids[digest], session.id, name, False, digest), token))
        else:
            out.append(item)  # type: ignore[arg-type]
    return out


def _participant_row(s: Session, session: LiveSession, token: str | None) -> Participant:
    row = None
    if token:
        row = s.scalar(_SEAT, {"token_hash": codes.digest(token), "session_id": session.id})
    if row is None:
        raise LiveError("not_participant", "join the session first")
    if row.removed:
        raise LiveError("removed", "the trainer removed this participant")
    return row


def rejoin(store: Store, code: str, token: str | None) -> ParticipantInfo:
    """The participant holding ``token`` (after a reload or a server restart)."""
    with store.read() as s:
        row = _participant_row(s, _session_row(s, code), token)
        return ParticipantInfo.of(row)


def _stored(row: SessionAnswer) -> StoredAnswer:
    return StoredAnswer(
        row.participant_id,
        row.question_id,
        json.loads(row.answer),
        row.score,
        row.created_at,
        row.bonus or 0.0,
    )


def answers_of(store: Store, participant_id: int) -> dict[str, StoredAnswer]:
    with store.read() as s:
        rows = s.scalars(
            select(SessionAnswer).where(SessionAnswer.participant_id == participant_id)
        )
        return {r.question_id: _stored(r) for r in rows}


def next_question_id(session: SessionInfo, answered: set[str] | dict[str, Any]) -> str | None:
    """Where a participant continues: the trainer's question (paced) or the first unanswered."""
    if session.state != "running":
        return None
    if session.mode == "paced":
        return session.current_question_id
    return next((q for q in session.question_ids if q not in answered), None)


# -- answers -----------------------------------------------------------------------


def _insert_once(s: Session, values: dict[str, Any]) -> bool:
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
        session = _session_row(s, code)
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
                stored_answer, stored_score = first[(pid, qid)]
                results[i] = Submitted(_outcome(question, stored_answer, stored_score), False)
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
    participant = _participant_row(s, session, token)
    if question.id not in info.question_ids:
        raise AnswerError(f"question {question.id!r} is not part of this session")
    now = utcnow()
    created = False
    if info.open_for_answers(question.id, now):
        created = _insert_once(
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


def snapshot(store: Store, code: str) -> Snapshot:
    """The whole room as plain rows (Core selects: no ORM objects for a thousand phones)."""
    people_t = cast(Table, Participant.__table__)
    answers_t = cast(Table, SessionAnswer.__table__)
    with store.read() as s:
        session = _session_row(s, code)
        people = s.execute(
            select(people_t).where(people_t.c.session_id == session.id).order_by(people_t.c.id)
        )
        participants = tuple(ParticipantInfo.of(p) for p in people)  # type: ignore[arg-type]
        rows = s.execute(
            select(answers_t).where(answers_t.c.session_id == session.id).order_by(answers_t.c.id)
        )
        return Snapshot(SessionInfo.of(session), participants, tuple(_stored(r) for r in rows))  # type: ignore[arg-type]
