"""Opaque option ids: what a phone's markup and answers carry instead of the authored ids.

Authored ids give answers away (the right single choice is ``a`` in every bank,
an ordering's ids ``s1..sn`` are the order). Each room hands out, per question,
an id derived with HMAC from the session's own key, and maps it back before
scoring; an id it did not hand out is refused.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from chatdojo.quiz.model import Question
from chatdojo.store.live import SessionInfo

ID_LENGTH = 10  # hex digits: 40 bits, unguessable for the minutes a question is open
OPAQUE_TYPES = ("single", "multiple", "truefalse", "matching", "ordering")


class UnknownOption(ValueError):
    """A posted id this room did not hand out for this question."""


def opaque(session: SessionInfo, question_id: str, kind: str, authored: str) -> str:
    """The id a phone sees for one option (``kind`` "c") or one matching prompt ("p")."""
    key = (session.option_key or f"{session.id}:{session.code}").encode()
    message = f"{question_id}\x00{kind}\x00{authored}".encode()
    return "o" + hmac.new(key, message, hashlib.sha256).hexdigest()[: ID_LENGTH - 1]


def _table(session: SessionInfo, question: Question, kind: str) -> dict[str, str]:
    """{opaque id: authored id} for the question's options ("c") or prompts ("p")."""
    items = question.pairs if kind == "p" else question.choices
    return {opaque(session, question.id, kind, item.id): item.id for item in items}


def to_authored(session: SessionInfo, question: Question, raw: Any) -> Any:
    """A posted answer with the room's ids turned back into authored ids.

    Only the shape is followed here (a string, a list, a mapping); whether the answer
    is complete is the question type's ``normalize()``'s job. Raises UnknownOption.
    """
    if question.type not in OPAQUE_TYPES:
        return raw
    choices = _table(session, question, "c")

    def choice(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # not an id at all: normalize() refuses it with its own message
        if value not in choices:
            raise UnknownOption(value[:20])
        return choices[value]

    if question.type == "matching" and isinstance(raw, dict):
        prompts = _table(session, question, "p")
        out: dict[Any, Any] = {}
        for key, value in raw.items():
            if key not in prompts:
                raise UnknownOption(str(key)[:20])
            out[prompts[key]] = choice(value)
        return out
    if isinstance(raw, list):
        return [choice(v) for v in raw]
    return choice(raw)


def to_opaque(session: SessionInfo, question: Question, answer: Any) -> Any:
    """An authored answer as a phone would post it (for scripts and tests driving a room)."""
    if question.type not in OPAQUE_TYPES:
        return answer
    if isinstance(answer, dict):
        return {
            opaque(session, question.id, "p", k): opaque(session, question.id, "c", v)
            for k, v in answer.items()
        }
    if isinstance(answer, list | tuple):
        return [opaque(session, question.id, "c", v) for v in answer]
    return opaque(session, question.id, "c", answer)
