"""What a server process reads to show a room: a cheap fingerprint and the whole snapshot."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select

from chatdojo.store import codes
from chatdojo.store.db import Store
from chatdojo.store.live.model import (
    LiveError,
    ParticipantInfo,
    SessionInfo,
    Snapshot,
    stored_answer,
)
from chatdojo.store.live.sessions import session_row
from chatdojo.store.models import LiveSession, Participant, SessionAnswer


def _counts() -> tuple[Any, Any]:
    """The room's participants and answers, as scalar subqueries of its session row."""
    people = select(func.count()).select_from(Participant)
    answers = select(func.count()).select_from(SessionAnswer)
    return (
        people.where(Participant.session_id == LiveSession.id).scalar_subquery(),
        answers.where(SessionAnswer.session_id == LiveSession.id).scalar_subquery(),
    )


_FINGERPRINT = select(LiveSession.version, *_counts()).where(LiveSession.code == bindparam("code"))
_FINGERPRINTS = select(LiveSession.code, LiveSession.version, *_counts()).where(
    LiveSession.code.in_(bindparam("codes", expanding=True))
)


def fingerprints(store: Store, room_codes: list[str]) -> dict[str, tuple[int, int, int]]:
    """The fingerprints of many rooms in one read: a process polls all its watched rooms at
    once (700 idle projectors on as many rooms cost one query a tick, not 700)."""
    wanted = {codes.normalize_code(code): code for code in room_codes}
    if not wanted:
        return {}
    with store.read() as s:
        rows = s.execute(_FINGERPRINTS, {"codes": list(wanted)})
        return {wanted[r[0]]: (r[1] or 0, r[2] or 0, r[3] or 0) for r in rows if r[0] in wanted}


def fingerprint(store: Store, code: str) -> tuple[int, int, int]:
    """(version, participants, answers): one cheap read a server process polls per room."""
    with store.read() as s:
        row = s.execute(_FINGERPRINT, {"code": codes.normalize_code(code)}).first()
        if row is None:
            raise LiveError("unknown_code", "no session with this code")
        return (row[0] or 0, row[1] or 0, row[2] or 0)


def snapshot(store: Store, code: str) -> Snapshot:
    """The whole room as plain rows (Core selects: no ORM objects for a thousand phones)."""
    people_t = cast(Table, Participant.__table__)
    answers_t = cast(Table, SessionAnswer.__table__)
    with store.read() as s:
        session = session_row(s, code)
        people = s.execute(
            select(people_t).where(people_t.c.session_id == session.id).order_by(people_t.c.id)
        )
        participants = tuple(ParticipantInfo.of(p) for p in people)  # type: ignore[arg-type]
        rows = s.execute(
            select(answers_t).where(answers_t.c.session_id == session.id).order_by(answers_t.c.id)
        )
        answers = tuple(stored_answer(r) for r in rows)  # type: ignore[arg-type]
        return Snapshot(SessionInfo.of(session), participants, answers)
