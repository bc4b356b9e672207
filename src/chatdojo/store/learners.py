"""Self-paced learners: sign up with a name, resume with a code, keep progress per module.

No passwords: the resume code is the key. It is shown once when the learner
starts and stored only as a hash, so the database alone cannot be used to
impersonate anyone.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from chatdojo.store import codes
from chatdojo.store.certificate import undrawable
from chatdojo.store.db import Store
from chatdojo.store.models import (
    NAME_MAX,
    Learner,
    LearnerAnswer,
    LiveSession,
    ModuleProgress,
    utcnow,
)
from chatdojo.store.validate import InputError, clean_name

log = logging.getLogger("chatdojo")


@dataclass(frozen=True)
class LearnerInfo:
    id: int
    display_name: str
    created_at: datetime
    profile: str | None = None  # the organization chosen when the record was made


PROFILE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Progress:
    module_id: str
    passed: bool
    best_score: float
    attempts: int
    passed_at: datetime | None


# Columns a name may take (full-width characters count 2): 28 full-width characters still fit
# on one line of the certificate (store/certificate.py), 40 half-width ones too.
NAME_WIDTH = 56


def create_learner(
    store: Store, display_name: str, profile: str | None = None
) -> tuple[LearnerInfo, str]:
    """A new learner and their resume code (returned once; only its hash is kept).

    ``profile``: the organization of the page the record was made on (kept so that the
    record resumed on another device shows it); anything not shaped like an id is dropped.
    """
    name = clean_name(display_name, NAME_MAX, NAME_WIDTH)
    profile = profile if profile and PROFILE_ID.match(profile) else None
    missing = undrawable(name)
    if missing:  # refused now rather than printed with characters missing on the certificate
        raise InputError("name_glyphs", "the certificate cannot print " + " ".join(missing))
    for _ in range(5):
        code = codes.new_resume_code()
        try:
            with store.write() as s:
                learner = Learner(
                    display_name=name, resume_hash=codes.digest(code), profile=profile
                )
                s.add(learner)
                s.flush()
                info = LearnerInfo(learner.id, learner.display_name, learner.created_at, profile)
            return info, code
        except IntegrityError:  # pragma: no cover - a 1 in 10^11 collision
            continue
    raise RuntimeError("could not allocate a resume code")  # pragma: no cover


def find(store: Store, code: str | None) -> LearnerInfo | None:
    """The learner with this resume code, read-only (a wrong guess never takes a write lock)."""
    normalized = codes.normalize_code(code)
    if not codes.is_resume_code(normalized):
        return None
    with store.read() as s:
        learner = s.scalar(select(Learner).where(Learner.resume_hash == codes.digest(normalized)))
        if learner is None:
            return None
        return LearnerInfo(learner.id, learner.display_name, learner.created_at, learner.profile)


def resume(store: Store, code: str | None) -> LearnerInfo | None:
    """The learner with this resume code (typed with or without hyphens), or None.

    The lookup is read-only; only a found learner's ``last_seen_at`` is written.
    """
    info = find(store, code)
    if info is not None:
        try:
            with store.write() as s:
                s.execute(
                    update(Learner).where(Learner.id == info.id).values(last_seen_at=utcnow())
                )
        except SQLAlchemyError as exc:  # a read-only database still lets learners look
            log.warning("could not note a learner's visit: %s", type(exc).__name__)
    return info


def progress(store: Store, learner_id: int) -> dict[str, Progress]:
    with store.read() as s:
        rows = s.scalars(select(ModuleProgress).where(ModuleProgress.learner_id == learner_id))
        return {
            r.module_id: Progress(r.module_id, r.passed, r.best_score, r.attempts, r.passed_at)
            for r in rows
        }


def answered(store: Store, learner_id: int) -> dict[str, int]:
    """How many different questions the learner has answered per module (finished or not)."""
    with store.read() as s:
        rows = s.execute(
            select(LearnerAnswer.module_id, func.count(func.distinct(LearnerAnswer.question_id)))
            .where(LearnerAnswer.learner_id == learner_id)
            .group_by(LearnerAnswer.module_id)
        )
        return {module_id: int(n) for module_id, n in rows}


def record_answer(
    store: Store,
    learner_id: int,
    module_id: str,
    question_id: str,
    answer: Any,
    score: float,
    *,
    attempt: str,
    finished: tuple[str, float, bool] | None = None,
) -> bool:
    """Log one answer of one attempt; ``finished=(bank_id, fraction, passed)`` also counts it.

    An attempt stores one answer per question (a UNIQUE key): a second call for
    the same attempt and question changes nothing and returns False.
    """
    with store.write() as s:
        learner = s.get(Learner, learner_id)
        if learner is None:
            raise LookupError(f"no learner {learner_id}")
        seen = s.scalar(
            select(LearnerAnswer.id).where(
                LearnerAnswer.learner_id == learner_id,
                LearnerAnswer.attempt == attempt,
                LearnerAnswer.question_id == question_id,
            )
        )
        if seen is not None:
            return False
        try:
            with s.begin_nested():  # a racing duplicate hits the UNIQUE key: keep the first
                s.add(
                    LearnerAnswer(
                        learner_id=learner_id,
                        module_id=module_id,
                        attempt=attempt,
                        question_id=question_id,
                        answer=json.dumps(answer, ensure_ascii=False, default=list),
                        score=float(score),
                    )
                )
        except IntegrityError:
            return False
        now = utcnow()
        learner.last_seen_at = now
        if finished is None:
            return True
        bank_id, fraction, passed = finished
        row = s.scalar(
            select(ModuleProgress).where(
                ModuleProgress.learner_id == learner_id, ModuleProgress.module_id == module_id
            )
        )
        if row is None:
            row = ModuleProgress(
                learner_id=learner_id,
                module_id=module_id,
                bank_id=bank_id,
                passed=False,
                best_score=0.0,
                attempts=0,
            )
            s.add(row)
        row.attempts = (row.attempts or 0) + 1
        row.best_score = max(row.best_score or 0.0, float(fraction))
        if passed and not row.passed:
            row.passed, row.passed_at = True, now
        row.updated_at = now
        return True


def purge(store: Store, older_than_days: float, *, sessions: bool = False) -> dict[str, int]:
    """Delete learners not seen for N days (and, if asked, live sessions created before then)."""
    if older_than_days < 0:
        raise ValueError("the number of days must be 0 or more")
    cutoff = utcnow() - timedelta(days=older_than_days)
    removed = {"learners": 0, "sessions": 0}
    with store.write() as s:
        removed["learners"] = (
            s.scalar(select(func.count()).select_from(Learner).where(Learner.last_seen_at < cutoff))
            or 0
        )
        s.execute(delete(Learner).where(Learner.last_seen_at < cutoff))
        if sessions:
            removed["sessions"] = (
                s.scalar(
                    select(func.count())
                    .select_from(LiveSession)
                    .where(LiveSession.created_at < cutoff)
                )
                or 0
            )
            s.execute(delete(LiveSession).where(LiveSession.created_at < cutoff))
    return removed
