"""Seats: phones joining a session under a nickname, rejoining, being removed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from chatdojo.store import codes
from chatdojo.store.db import Store
from chatdojo.store.live.model import JoinResult, LiveError, ParticipantInfo, SessionInfo
from chatdojo.store.live.sessions import session_row, trainer_row
from chatdojo.store.models import NICKNAME_MAX, LiveSession, Participant, utcnow
from chatdojo.store.validate import InputError, clean_name, name_key

_SEAT = select(Participant).where(
    Participant.token_hash == bindparam("token_hash"),
    Participant.session_id == bindparam("session_id"),
)
_PEOPLE = (
    select(func.count())
    .select_from(Participant)
    .where(Participant.session_id == bindparam("session_id"), Participant.removed.is_(False))
)  # seats in use: a removed phone frees its place (its nickname stays taken)


def remove_participant(store: Store, code: str, token: str | None, participant_id: int) -> bool:
    """The trainer removes a participant (their seat stops working; answers stay for records)."""
    with store.write() as s:
        row = trainer_row(s, code, token)
        person = s.get(Participant, participant_id)
        if person is None or person.session_id != row.id or person.removed:
            return False
        person.removed = True
        row.version = (row.version or 0) + 1
        return True


def join(store: Store, code: str, nickname: str) -> tuple[ParticipantInfo, str]:
    """Join with a nickname (checked, unique in the session); returns the rejoin token."""
    result = join_many(store, code, [nickname])[0]
    if isinstance(result, Exception):
        raise result
    return result


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
        session = session_row(s, code)
        closed: LiveError | None = None
        if session.state == "finished":
            closed = LiveError("session_over", "this session has ended")
        elif session.state == "running" and not session.late_join:
            closed = LiveError(
                "late_join_closed", "the trainer closed this session to late joiners"
            )
        elif session.locked:
            closed = LiveError("room_locked", "the trainer locked the room to new phones")
        capacity = SessionInfo.of(session).seats
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
            elif count >= capacity:
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


def participant_row(s: Session, session: LiveSession, token: str | None) -> Participant:
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
        row = participant_row(s, session_row(s, code), token)
        return ParticipantInfo.of(row)
