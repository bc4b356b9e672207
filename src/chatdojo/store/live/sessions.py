"""Live sessions: create one, find it by join code, check the trainer, run it.

The trainer holds a secret token (only its hash is stored). ``session_row`` and
``trainer_row`` are the lookups every other part of the room (seats, answers,
the scenario room) starts a transaction with.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chatdojo.quiz.model import Question
from chatdojo.store import codes
from chatdojo.store.db import Store
from chatdojo.store.live.model import (
    ACTIONS,
    MAX_ADD_TIME,
    MAX_CAPACITY,
    MAX_TIME_LIMIT,
    LiveError,
    SessionInfo,
)
from chatdojo.store.models import LiveSession, utcnow


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


# Built once: a hall's thousand requests reuse it (building a select per call cost more
# than running it on SQLite).
_BY_CODE = select(LiveSession).where(LiveSession.code == bindparam("code"))


def session_row(s: Session, code: str | None) -> LiveSession:
    normalized = codes.normalize_code(code)
    row = s.scalar(_BY_CODE, {"code": normalized}) if normalized else None
    if row is None:
        raise LiveError("unknown_code", f"no session with code {normalized or '(empty)'!r}")
    return row


def get_session(store: Store, code: str | None) -> SessionInfo:
    with store.read() as s:
        return SessionInfo.of(session_row(s, code))


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


def trainer_row(s: Session, code: str, token: str | None) -> LiveSession:
    row = session_row(s, code)
    if not codes.matches(token, row.trainer_token_hash):
        raise LiveError("not_trainer", "this page needs the trainer link of the session")
    return row


def open_question(row: LiveSession, index: int, now: datetime) -> None:
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
        row = trainer_row(s, code, token)
        count = len(json.loads(row.question_ids))
        paced_running = row.mode == "paced" and row.state == "running"
        if action == "start" and row.state == "lobby":
            row.state, row.started_at = "running", now
            if row.mode == "paced":
                open_question(row, 0, now)
        elif action == "reveal" and paced_running:
            row.revealed = True
        elif action in ("next", "skip") and paced_running:
            if action == "skip" and not row.revealed:
                skipped = json.loads(row.skipped or "[]")
                skipped.append(json.loads(row.question_ids)[row.current_index])
                row.skipped = json.dumps(skipped)
            if row.current_index + 1 < count:
                open_question(row, row.current_index + 1, now)
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
    locked: bool | None = None,
    capacity: int | None = None,
) -> SessionInfo:
    """Change a session's settings: the question list and scoring only before it starts.

    ``capacity`` 0 goes back to the server's default; seated phones above a lowered
    capacity keep their seats (only new joins are refused).
    """
    if capacity is not None and not 0 <= capacity <= MAX_CAPACITY:
        raise LiveError("bad_capacity", f"seats must be 1..{MAX_CAPACITY}")
    with store.write() as s:
        row = trainer_row(s, code, token)
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
        if locked is not None:
            row.locked = locked
        if capacity is not None:
            row.capacity = capacity or None
        row.version = (row.version or 0) + 1
        s.flush()
        return SessionInfo.of(row)
