"""Live sessions: a trainer runs a quiz bank for a room of phones.

The room's store, split by concern (each module names what it holds):

- ``model``: settings (``MAX_TIME_LIMIT`` …), ``LiveError`` and the frozen records
  (``SessionInfo``, ``ParticipantInfo``, ``StoredAnswer``, ``Snapshot``);
- ``sessions``: create a session, find it by code (``session_row``), check the trainer
  (``trainer_row``), run it (``control``, ``configure``, ``open_question``);
- ``seats``: join, rejoin, remove (``participant_row`` finds a phone's seat);
- ``answers``: score and store each answer exactly once (``insert_once``);
- ``state``: what a server reads to show a room (``fingerprint``, ``fingerprints``, ``snapshot``).

``from chatdojo.store import live`` gives the whole public interface, as before the split.
"""

from chatdojo.store.live.answers import (
    answers_of,
    insert_once,
    next_question_id,
    submit,
    submit_many,
)
from chatdojo.store.live.model import (
    ACTIONS,
    GRACE,
    MAX_ADD_TIME,
    MAX_CAPACITY,
    MAX_PARTICIPANTS,
    MAX_TIME_LIMIT,
    MODES,
    SPEED_BONUS,
    JoinResult,
    LiveError,
    ParticipantInfo,
    SessionInfo,
    Snapshot,
    StoredAnswer,
    Submitted,
    default_capacity,
    stored_answer,
)
from chatdojo.store.live.seats import join, join_many, participant_row, rejoin, remove_participant
from chatdojo.store.live.sessions import (
    authorize_trainer,
    check_time_limit,
    configure,
    control,
    create_session,
    get_session,
    insert_session,
    open_question,
    pick_questions,
    session_row,
    trainer_row,
)
from chatdojo.store.live.state import fingerprint, fingerprints, snapshot

__all__ = [
    "ACTIONS",
    "GRACE",
    "MAX_ADD_TIME",
    "MAX_CAPACITY",
    "MAX_PARTICIPANTS",
    "MAX_TIME_LIMIT",
    "MODES",
    "SPEED_BONUS",
    "JoinResult",
    "LiveError",
    "ParticipantInfo",
    "SessionInfo",
    "Snapshot",
    "StoredAnswer",
    "Submitted",
    "answers_of",
    "authorize_trainer",
    "check_time_limit",
    "configure",
    "control",
    "create_session",
    "default_capacity",
    "fingerprint",
    "fingerprints",
    "get_session",
    "insert_session",
    "insert_once",
    "join",
    "join_many",
    "next_question_id",
    "open_question",
    "participant_row",
    "pick_questions",
    "rejoin",
    "remove_participant",
    "session_row",
    "snapshot",
    "stored_answer",
    "submit",
    "submit_many",
    "trainer_row",
]
