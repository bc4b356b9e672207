"""What the live room's store hands out: settings, errors and plain records.

Sessions, seats and answers are read into these frozen records, so a server
process can hold them in memory without an open database session.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from chatdojo.quiz.model import Outcome
from chatdojo.store.models import LiveSession, Participant, SessionAnswer
from chatdojo.store.validate import InputError

MODES = ("paced", "self")
MAX_PARTICIPANTS = 2000  # a room's seats unless the server or the trainer sets another number
MAX_CAPACITY = 10_000
MAX_TIME_LIMIT = 600  # seconds per question
MAX_ADD_TIME = 120
GRACE = timedelta(seconds=1.5)  # an answer sent as the countdown ends still counts
SPEED_BONUS = 0.5  # at most half a point more for an instant right answer
ACTIONS = ("start", "reveal", "next", "skip", "add_time", "finish", "leaderboard")


def default_capacity() -> int:
    """The server's seats per room: ``CHATDOJO_ROOM_CAPACITY`` (1..10,000), else 2,000."""
    raw = os.environ.get("CHATDOJO_ROOM_CAPACITY", "").strip()
    if raw.isdigit() and 1 <= int(raw) <= MAX_CAPACITY:
        return int(raw)
    return MAX_PARTICIPANTS


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
    # Keys the room's opaque option ids (room/options.py); derived from the trainer token's
    # hash, which never leaves the server, so phones cannot compute it.
    option_key: str = field(default="", repr=False, compare=False)
    capacity: int | None = None  # seats; None: the server's default (default_capacity())
    locked: bool = False  # no new joins; seated phones continue

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
            hashlib.sha256(f"chatdojo options\0{row.trainer_token_hash}".encode()).hexdigest(),
            row.capacity,
            bool(row.locked),
        )

    @property
    def seats(self) -> int:
        """How many phones may hold a seat at once (removed seats do not count)."""
        return self.capacity or default_capacity()


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


def stored_answer(row: SessionAnswer) -> StoredAnswer:
    """A stored answer row as a record (the answer decoded from JSON)."""
    return StoredAnswer(
        row.participant_id,
        row.question_id,
        json.loads(row.answer),
        row.score,
        row.created_at,
        row.bonus or 0.0,
    )


JoinResult = tuple[ParticipantInfo, str] | InputError | LiveError
