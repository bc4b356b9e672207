"""The tables that make results last (SQLAlchemy 2.0 declarative models).

Personal data is kept minimal on purpose: a learner is a display name or a
staff number chosen by the learner, plus a hash of the resume code; a live
participant is a nickname. Times are naive UTC. The schema itself is created
and changed only by the Alembic migrations in ``migrations/versions``; a test
checks that these models and the migrations agree.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NICKNAME_MAX = 24
NAME_MAX = 40


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Learner(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    display_name: Mapped[str] = mapped_column(String(NAME_MAX))
    resume_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    profile: Mapped[str | None] = mapped_column(String(64), nullable=True)  # organization (0006)


class ModuleProgress(Base):
    """Best full attempt per learner and module (a guide with a quiz bank)."""

    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("learner_id", "module_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(80))
    bank_id: Mapped[str] = mapped_column(String(80))
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    best_score: Mapped[float] = mapped_column(Float, default=0.0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    passed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LearnerAnswer(Base):
    """Every answer a learner gave in a self-paced quiz (a log; scores are the engine's)."""

    __tablename__ = "learner_answers"
    __table_args__ = (UniqueConstraint("learner_id", "attempt", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[str] = mapped_column(String(80))
    attempt: Mapped[str] = mapped_column(String(40))  # the engine's Attempt.key
    question_id: Mapped[str] = mapped_column(String(80))
    answer: Mapped[str] = mapped_column(Text)  # JSON of the normalized answer
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LiveSession(Base):
    """A trainer-led quiz: paced (the trainer opens each question) or self-paced."""

    __tablename__ = "live_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    quiz_id: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(8))  # "paced" | "self"
    trainer_token_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(12), default="lobby")  # lobby|running|finished
    question_ids: Mapped[str] = mapped_column(Text)  # JSON list, fixed at creation
    current_index: Mapped[int] = mapped_column(Integer, default=-1)
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    seed: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    question_opened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Room settings and state (revision 0003): every trainer action bumps ``version``,
    # which each server process polls to fan changes out to its phones.
    version: Mapped[int] = mapped_column(Integer, default=0)
    time_limit: Mapped[int | None] = mapped_column(Integer, nullable=True)  # seconds
    deadline: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    late_join: Mapped[bool] = mapped_column(Boolean, default=True)
    show_leaderboard: Mapped[bool] = mapped_column(Boolean, default=False)
    speed_bonus: Mapped[bool] = mapped_column(Boolean, default=False)
    skipped: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of question ids
    # A scenario played by the room (revision 0004): ``quiz_id`` then holds the scenario id,
    # ``question_ids`` the steps visited ("1:start", "2:reported"…) and ``path`` each step left
    # as [step, choice followed, how, the room's choice].
    kind: Mapped[str] = mapped_column(String(12), default="quiz")  # "quiz" | "scenario"
    path: Mapped[str] = mapped_column(Text, default="[]")
    # Seats (revision 0005): the trainer's capacity (NULL: the server's default) and a lock
    # that turns new phones away while seated ones continue.
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "nickname_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"))
    nickname: Mapped[str] = mapped_column(String(NICKNAME_MAX))
    nickname_key: Mapped[str] = mapped_column(
        String(NICKNAME_MAX * 3)
    )  # casefolded, for uniqueness
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)  # by the trainer (0003)


class SessionAnswer(Base):
    """One participant's first answer to one question: the UNIQUE key makes it exactly once."""

    __tablename__ = "session_answers"
    __table_args__ = (UniqueConstraint("session_id", "participant_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(80))
    answer: Mapped[str] = mapped_column(Text)  # JSON of the normalized answer
    score: Mapped[float] = mapped_column(Float)
    bonus: Mapped[float] = mapped_column(Float, default=0.0)  # optional speed bonus (0003)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RoomSecret(Base):
    """Secrets every server process must share (the live room's cookie-signing key) (0003)."""

    __tablename__ = "room_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
