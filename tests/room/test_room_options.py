"""Do phones see opaque, per-session option ids that give no answer away (issue 22, item 4)?"""

from __future__ import annotations

import re

import pytest

from chatdojo.quiz.types import get_type
from chatdojo.room.options import OPAQUE_TYPES, UnknownOption, to_authored, to_opaque
from chatdojo.room.render import Frame, render, session_bank
from chatdojo.store import live

from .conftest import RoomServer, answer, event_until, join

IDS = re.compile(r'(?:value|data-id|data-pair)="([^"]+)"')


def markup_ids(html: str) -> tuple[list[str], list[str]]:
    """(option ids in screen order, matching prompt ids) read from the phone's markup only."""
    prompts = re.findall(r'data-pair="([^"]+)"', html)
    options: list[str] = []
    for found in re.findall(r'(?:value|data-id)="([^"]+)"', html):
        if found not in options:
            options.append(found)
    return options, prompts


def script_guess(qtype: str, options: list[str], prompts: list[str]):
    """What a script that knows the authoring habits would post: ids sorted as authored."""
    ordered = sorted(options)
    if qtype == "single":
        return ordered[0]  # the right option is authored first ('a') in every bank
    if qtype == "truefalse":
        return ordered[0]
    if qtype == "multiple":
        return ordered[:2]
    if qtype == "ordering":
        return ordered  # s1..sn is the order
    return dict(zip(sorted(prompts), ordered, strict=False))  # matching: p1->a, p2->b …


def test_markup_alone_does_not_score(room: RoomServer) -> None:
    """Does a script reading only the phone's markup, over every bank, score no better than chance?"""
    scores: list[float] = []
    for bank_id in room.catalog.banks:
        questions = [
            q for q in session_bank(room.catalog, "default", bank_id) if q.type in OPAQUE_TYPES
        ]
        if not questions:
            continue
        info, token = live.create_session(room.store, bank_id, questions, paced=False)
        live.control(room.store, info.code, token, "start")
        frame = Frame(live.snapshot(room.store, info.code), room.catalog, "default")
        for q in questions:
            html = render("_options.html", **frame.question_context(q.id, "ja"))
            options, prompts = markup_ids(html)
            authored = {c.id for c in q.choices} | {p.id for p in q.pairs}
            assert not authored & set(IDS.findall(html)), (q.id, "authored id in the markup")
            qtype = get_type(q.type)
            guess = to_authored(frame.session, q, script_guess(q.type, options, prompts))
            scores.append(float(qtype.score(q, qtype.normalize(q, guess))))
            right = to_opaque(frame.session, q, qtype.correct_answer(q))
            if q.type == "single":
                assert right != "a" and right in options
    assert len(scores) > 100
    assert sum(scores) / len(scores) < 0.6, "the markup gives the answers away"


def test_ids_differ_per_session_and_map_back(room: RoomServer) -> None:
    """Does each session get its own ids, each mapping back to the authored answer?"""
    q = next(
        q for q in session_bank(room.catalog, "default", "bcp-telework") if q.type == "matching"
    )
    one, _ = live.create_session(room.store, "bcp-telework", [q], paced=False)
    two, _ = live.create_session(room.store, "bcp-telework", [q], paced=False)
    right = get_type(q.type).correct_answer(q)
    first, second = to_opaque(one, q, right), to_opaque(two, q, right)
    assert set(first).isdisjoint(second) and set(first.values()).isdisjoint(second.values())
    assert to_authored(one, q, first) == right and to_authored(two, q, second) == right
    with pytest.raises(UnknownOption):
        to_authored(two, q, first)  # one session's ids mean nothing in another


def test_authored_ids_are_refused_in_the_phones_language(room: RoomServer) -> None:
    """Is an answer carrying the authored id 'a' refused with 400 in Japanese, the room's id scored?"""
    q = next(q for q in session_bank(room.catalog, "default", "bcp-telework") if q.type == "single")
    info, token = live.create_session(room.store, "bcp-telework", [q], paced=False)
    live.control(room.store, info.code, token, "start")
    phone, page = join(room, info.code, "Mika")
    state = event_until(phone, info.code, lambda st: st["key"] == f"question:{q.id}:ja")
    options, _ = markup_ids(state["html"])
    right = get_type(q.type).correct_answer(q)
    res = answer(phone, info.code, q.id, right, page.text, authored=False)
    assert res.status_code == 400 and res.json()["error"] == "unknown_option"
    assert "この問題にない選択肢" in res.json()["message"]
    chosen = to_opaque(live.get_session(room.store, info.code), q, right)
    assert chosen in options
    res = answer(phone, info.code, q.id, chosen, page.text, authored=False)
    assert (
        res.status_code == 200
        and res.json()["created"] is True
        and "正解です" in res.json()["html"]
    )
