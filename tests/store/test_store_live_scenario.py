"""A scenario played by the room, at the store: one vote per phone per step, the room follows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from chatdojo.content.catalog import load_catalog
from chatdojo.store import live
from chatdojo.store import live_scenario as ls
from chatdojo.store.models import SessionAnswer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scenario():
    return load_catalog(REPO).scenarios["screenshot-request"]


def votes(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(SessionAnswer)) or 0


def started(store, scenario, **kw):
    info, token = ls.create_session(store, scenario, seed=5, **kw)
    live.control(store, info.code, token, "start")
    return info.code, token


def test_one_vote_per_phone_per_step_and_only_the_steps_choices(store, scenario):
    """Is a vote stored once (a changed second vote returns the first), forged choices refused?"""
    code, _ = started(store, scenario)
    _, ann = live.join(store, code, "Ann")
    first = ls.vote(store, code, ann, scenario, "1:start", "ask-owner")
    again = ls.vote(store, code, ann, scenario, "1:start", "summarise")
    assert (first.created, again.created, again.choice_id) == (True, False, "ask-owner")
    for key, raw in [("1:start", "delete"), ("1:start", ["ask-owner"]), ("2:summary", "refuse")]:
        with pytest.raises(live.LiveError) as err:
            ls.vote(store, code, ann, scenario, key, raw)
        assert err.value.key == "bad_answer"
    with pytest.raises(live.LiveError):
        ls.vote(store, code, "not-a-seat", scenario, "1:start", "ask-owner")
    assert votes(store) == 1


def test_the_room_follows_the_majority_and_reaches_an_ending(store, scenario):
    """Does 'follow' take the most-voted choice, record how, and finish at the ending?"""
    code, token = started(store, scenario)
    seats = [live.join(store, code, name)[1] for name in ("A", "B", "C")]
    results = ls.vote_many(
        store,
        code,
        scenario,
        [(seats[0], "1:start", "ask-owner"), (seats[1], "1:start", "ask-owner")]
        + [(seats[2], "1:start", "screenshot-line"), (seats[2], "1:start", "nope")],
    )
    assert [getattr(r, "created", None) for r in results] == [True, True, True, None]
    with pytest.raises(live.LiveError) as err:  # the votes must be shown first
        ls.follow(store, code, token, scenario)
    assert err.value.key == "not_revealed"
    ls.control(store, code, token, "reveal", scenario)
    with pytest.raises(live.LiveError) as err:  # after the reveal nothing more is stored
        ls.vote(store, code, live.join(store, code, "D")[1], scenario, "1:start", "summarise")
    assert err.value.key == "question_closed" and votes(store) == 3
    info = ls.follow(store, code, token, scenario, at="1:start")
    assert info.path == (("start", "ask-owner", "majority", "ask-owner"),)
    assert ls.follow(store, code, token, scenario, at="1:start") == info  # a stale click: nothing
    assert ls.current_key(info) == "2:ask-owner" and not info.revealed
    ls.vote(store, code, seats[0], scenario, "2:ask-owner", "keep")
    ls.control(store, code, token, "reveal", scenario)
    info = ls.follow(store, code, token, scenario, "delete")  # the trainer overrides the room
    assert info.path[-1] == ("ask-owner", "delete", "override", "keep")
    assert info.state == "finished" and ls.current_key(info) == "3:end-best"
    snap = live.snapshot(store, code)
    kept = {a.participant_id: a.score for a in snap.answers if a.question_id == "1:start"}
    leak = scenario.steps["end-leak"].ending.score / 100  # the leak ending, of 100 in reach
    assert sorted(kept.values()) == [pytest.approx(leak), 1.0, 1.0] and leak < 0.5


def test_a_tie_or_no_votes_needs_the_trainers_pick(store, scenario):
    """With a tie, does 'follow the room' refuse, and is the trainer's pick recorded as a tie?"""
    code, token = started(store, scenario)
    a, b = (live.join(store, code, n)[1] for n in ("A", "B"))
    ls.vote(store, code, a, scenario, "1:start", "summarise")
    ls.vote(store, code, b, scenario, "1:start", "ask-owner")
    ls.control(store, code, token, "reveal", scenario)
    with pytest.raises(live.LiveError) as err:
        ls.follow(store, code, token, scenario)
    assert err.value.key == "tie"
    with pytest.raises(live.LiveError):
        ls.follow(store, code, token, scenario, "delete")  # not a choice of this step
    info = ls.follow(store, code, token, scenario, "summarise")
    assert info.path == (("start", "summarise", "tie", ""),)
    ls.control(store, code, token, "reveal", scenario)
    info = ls.follow(store, code, token, scenario, "refuse")
    assert info.path[-1] == ("summary", "refuse", "none", "") and info.state == "finished"
    with pytest.raises(live.LiveError):
        ls.control(store, code, token, "next", scenario)  # quiz actions do not apply


def test_cli_creates_a_scenario_room_and_exports_its_votes(tmp_path, capsys, scenario):
    """Does `session create --scenario` print the quiz's JSON keys, and `results` the votes?"""
    import json

    from chatdojo.cli import main
    from chatdojo.store.db import open_store

    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    argv = ["session", "create", "--scenario", scenario.id, "--paced", "--time-limit", "30"]
    assert main([*argv, "--db", db, "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert set(created) == {"code", "join_url", "screen_url", "dashboard_url", "token"}
    assert main(["session", "create", "--scenario", "nope", "--db", db]) == 1
    assert "unknown scenario 'nope'" in capsys.readouterr().err
    assert main([*argv, "--count", "2", "--db", db]) == 1
    store = open_store(db)
    code, token = created["code"], created["token"]
    info = live.get_session(store, code)
    assert (info.kind, info.mode, info.time_limit) == ("scenario", "paced", 30)
    live.control(store, code, token, "start")
    ls.vote(store, code, live.join(store, code, "=cmd")[1], scenario, "1:start", "summarise")
    store.close()
    assert main(["session", "results", code, "--lang", "en", "--db", db]) == 0
    csv = capsys.readouterr().out
    assert csv.startswith("\ufeffposition,step,situation,choice,choice_text,votes")
    assert ",summarise," in csv and ",1,," in csv
