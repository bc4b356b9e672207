"""A scenario played by the room: phones vote at each step, the room follows the majority.

A scenario session is a paced live session (``kind = "scenario"``) whose
``quiz_id`` is the scenario id. Each step the room visits gets a key such as
``"2:reported"`` (its position on the path and the step id) in ``question_ids``;
a vote is stored in ``session_answers`` under that key, so the UNIQUE key that
keeps quiz answers exactly once keeps one vote per phone per visit, even when a
scenario loops back to a step. ``path`` records, for every step the room left,
the choice it followed, how that choice was decided and the room's own choice.

Points: a vote earns the best ending score still in reach after the chosen
choice, divided by the best in reach before it (1 for a choice that keeps the
best ending in reach), whichever choice the room then follows. Never a speed bonus.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from chatdojo.scenario.model import Scenario, Step
from chatdojo.store import codes, live
from chatdojo.store.db import Store
from chatdojo.store.live import LiveError, SessionInfo, StoredAnswer
from chatdojo.store.models import LiveSession, Participant, SessionAnswer, utcnow

KIND = "scenario"
ACTIONS = ("start", "reveal", "add_time", "finish", "leaderboard", "follow")
MAX_VISITS = 200  # a room going round a loop this often is ended
HOW = ("majority", "tie", "none", "override")  # how the followed choice was decided


@dataclass(frozen=True)
class Voted:
    choice_id: str
    points: float
    created: bool  # False: this phone had voted at this step before (a repeat)


def playable(catalog: Any) -> list[Scenario]:
    """The scenarios a room can play: every loaded one, as every profile sees them.

    Scenarios are not limited by profile; a step that teaches one organization's rule
    carries its policy note in its text, so the note is shown wherever the step is.
    """
    return [s for s in catalog.scenarios.values() if isinstance(s, Scenario) and s.complete]


# -- where the room is -----------------------------------------------------------------


def visit_key(position: int, step_id: str) -> str:
    return f"{position}:{step_id}"


def step_id_of(key: str) -> str:
    return key.split(":", 1)[1] if ":" in key else key


def current_key(session: SessionInfo) -> str:
    """The visit on screen: the start in the lobby, the ending once the room reached one."""
    index = max(session.current_index, 0)
    return session.question_ids[min(index, len(session.question_ids) - 1)]


def current_step(scenario: Scenario, session: SessionInfo) -> Step | None:
    return scenario.steps.get(step_id_of(current_key(session)))


def points(scenario: Scenario, step: Step, choice_id: str) -> float:
    """Best score in reach after the choice over the best in reach before it (0..1)."""
    choice = step.choice(choice_id)
    best = scenario.best_scores
    before = best.get(step.id, 0)
    if choice is None:
        return 0.0
    if before <= 0:
        return 1.0
    return round(min(1.0, best.get(choice.next, 0) / before), 3)


def shown_choices(step: Step, seed: int) -> list[str]:
    """The step's choice ids in the session's seeded order: the same on phones and projector."""
    ids = [c.id for c in step.choices]
    random.Random(f"{seed}:{step.id}").shuffle(ids)
    return ids


def tally(answers: Iterable[StoredAnswer], key: str) -> Counter[str]:
    """Votes per choice id at one visit."""
    return Counter(str(a.answer) for a in answers if a.question_id == key)


def leaders(votes: Counter[str], step: Step) -> list[str]:
    """The choice ids with the most votes (several on a tie, none when nobody voted)."""
    top = max((votes.get(c.id, 0) for c in step.choices), default=0)
    return [c.id for c in step.choices if top > 0 and votes.get(c.id, 0) == top]


def how_decided(votes: Counter[str], step: Step, choice_id: str) -> tuple[str, str]:
    """(how, the room's choice): majority, a tie the trainer broke, no votes, or an override."""
    ahead = leaders(votes, step)
    room = ahead[0] if len(ahead) == 1 else ""
    if not ahead:
        return "none", room
    if len(ahead) > 1:
        return ("tie" if choice_id in ahead else "override"), room
    return ("majority" if choice_id == room else "override"), room


# -- creating and running --------------------------------------------------------------


def create_session(
    store: Store,
    scenario: Scenario,
    *,
    seed: int | None = None,
    time_limit: int | None = None,
    late_join: bool = True,
) -> tuple[SessionInfo, str]:
    """A scenario room in the lobby and its trainer token (returned once)."""
    if not scenario.steps or scenario.start not in scenario.steps:
        raise LiveError("no_questions", f"scenario {scenario.id!r} cannot be played")
    return live.insert_session(
        store,
        quiz_id=scenario.id,
        kind=KIND,
        mode="paced",
        question_ids=json.dumps([visit_key(1, scenario.start)]),
        seed=seed,
        time_limit=live.check_time_limit(time_limit),
        late_join=late_join,
        show_leaderboard=False,
        speed_bonus=False,
        path="[]",
    )


def control(
    store: Store,
    code: str,
    token: str | None,
    action: str,
    scenario: Scenario,
    *,
    choice_id: str = "",
    at: str = "",
    seconds: int = 15,
) -> SessionInfo:
    """Trainer actions of a scenario room; 'next' and 'skip' belong to quizzes only."""
    if action not in ACTIONS:
        raise LiveError("bad_action", f"{action!r} is not an action of a scenario room")
    if action == "follow":
        return follow(store, code, token, scenario, choice_id, at=at)
    return live.control(store, code, token, action, seconds=seconds)


def follow(
    store: Store,
    code: str,
    token: str | None,
    scenario: Scenario,
    choice_id: str = "",
    *,
    at: str = "",
) -> SessionInfo:
    """After the reveal, go on along ``choice_id`` (empty: the room's choice, if there is one).

    ``at``: the visit the console showed; a click from a console that is behind (a second
    console, a double click) changes nothing rather than moving the room twice.
    """
    now = utcnow()
    with store.write() as s:
        row = live.trainer_row(s, code, token)
        info = SessionInfo.of(row)
        if at and at != current_key(info):
            return info
        if info.kind != KIND or info.state != "running" or not info.revealed:
            raise LiveError("not_revealed", "show the votes before the room goes on")
        key = current_key(info)
        step = scenario.steps.get(step_id_of(key))
        if step is None or step.is_ending:
            raise LiveError("bad_choice", "this step has no choices")
        stored = s.scalars(
            select(SessionAnswer.answer).where(
                SessionAnswer.session_id == row.id, SessionAnswer.question_id == key
            )
        )
        votes = Counter(str(json.loads(a)) for a in stored)
        if not choice_id:
            ahead = leaders(votes, step)
            if len(ahead) != 1:
                raise LiveError("tie", "no single choice has the most votes: pick one")
            choice_id = ahead[0]
        choice = step.choice(choice_id)
        if choice is None or choice.next not in scenario.steps:
            raise LiveError("bad_choice", f"{choice_id[:40]!r} is not a choice of this step")
        how, room = how_decided(votes, step, choice.id)
        path = [*json.loads(row.path or "[]"), [step.id, choice.id, how, room]]
        visits = [*json.loads(row.question_ids), visit_key(len(info.question_ids) + 1, choice.next)]
        row.path, row.question_ids = json.dumps(path), json.dumps(visits)
        nxt = scenario.steps[choice.next]
        if nxt.is_ending or len(visits) >= MAX_VISITS:
            row.current_index, row.deadline = len(visits) - 1, None
            row.state, row.finished_at, row.revealed = "finished", now, True
        else:
            live.open_question(row, len(visits) - 1, now)
        row.version = (row.version or 0) + 1
        s.flush()
        return SessionInfo.of(row)


# -- votes ------------------------------------------------------------------------------


def vote(
    store: Store, code: str, token: str | None, scenario: Scenario, key: str, raw: Any
) -> Voted:
    result = vote_many(store, code, scenario, [(token, key, raw)])[0]
    if isinstance(result, Exception):
        raise result
    return result


def vote_many(
    store: Store, code: str, scenario: Scenario, items: Sequence[tuple[str | None, str, Any]]
) -> list[Voted | LiveError]:
    """Several phones' votes in one transaction; each checked on its own, stored once.

    A vote counts only for the step on screen, before the reveal and the countdown's
    end, and only for one of that step's choices; a repeat returns the first vote.
    """
    results: list[Voted | LiveError] = []
    now = utcnow()
    with store.write() as s:
        row = live.session_row(s, code)
        info = SessionInfo.of(row)
        hashes = {token: codes.digest(token) for token, _k, _r in items if token}
        seats = {  # every voter of the batch in one query
            p.token_hash: p
            for p in s.scalars(
                select(Participant).where(
                    Participant.session_id == row.id,
                    Participant.token_hash.in_(set(hashes.values())),
                )
            )
        }
        for token, key, raw in items:
            try:
                seat = seats.get(hashes.get(token or "", ""))
                if seat is None:
                    raise LiveError("not_participant", "join the session first")
                if seat.removed:
                    raise LiveError("removed", "the trainer removed this participant")
                results.append(_vote_one(s, row, info, scenario, seat, key, raw, now))
            except LiveError as exc:
                results.append(exc)
    return results


def _vote_one(
    s: Any,
    row: LiveSession,
    info: SessionInfo,
    scenario: Scenario,
    participant: Participant,
    key: str,
    raw: Any,
    now: Any,
) -> Voted:
    if info.kind != KIND or key not in info.question_ids:
        raise LiveError("bad_answer", "not a step of this room")
    step = scenario.steps.get(step_id_of(key))
    if step is None or not isinstance(raw, str) or step.choice(raw) is None:
        raise LiveError("bad_answer", "not a choice of this step")
    created = False
    if info.open_for_answers(key, now):
        created = live.insert_once(
            s,
            {
                "session_id": row.id,
                "participant_id": participant.id,
                "question_id": key,
                "answer": json.dumps(raw),
                "score": points(scenario, step, raw),
                "bonus": 0.0,
                "created_at": now,
            },
        )
    if created:
        return Voted(raw, points(scenario, step, raw), True)
    first = s.scalar(
        select(SessionAnswer).where(
            SessionAnswer.session_id == row.id,
            SessionAnswer.participant_id == participant.id,
            SessionAnswer.question_id == key,
        )
    )
    if first is None:
        raise LiveError("question_closed", "voting on this step is closed")
    return Voted(str(json.loads(first.answer)), first.score, False)
