"""``chatdojo session`` and ``chatdojo learners`` end to end on a SQLite file."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import openpyxl
import pytest
from sqlalchemy import update

from chatdojo.cli import main
from chatdojo.content.catalog import load_catalog
from chatdojo.quiz.types import get_type
from chatdojo.store import learners, live
from chatdojo.store.db import open_store
from chatdojo.store.models import Learner, utcnow

QUIZ = "communication-method"


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def played(db, capsys):
    """A finished session: 3 participants; p0 all right, p1 first right, p2 none right."""
    code, out, _ = run(capsys, "session", "create", "--quiz", QUIZ, "--db", db, "--json")
    assert code == 0
    created = json.loads(out)
    store = open_store(db)
    bank = load_catalog().banks[QUIZ]
    questions = [
        q for q in bank.questions if q.id in live.get_session(store, created["code"]).question_ids
    ]
    live.control(store, created["code"], created["token"], "start")
    for person in range(3):
        _, token = live.join(
            store, created["code"], f"=cmd{person}" if person == 2 else f"p{person}"
        )
        for index, q in enumerate(questions):
            qtype = get_type(q.type)
            right = qtype.correct_answer(q)
            wrong = next((c.id for c in q.choices if not c.correct), None)
            good = person == 0 or (person == 1 and index == 0)
            raw = right if good or wrong is None or q.type not in ("single", "truefalse") else wrong
            live.submit(
                store, created["code"], token, q, list(raw) if isinstance(raw, tuple) else raw
            )
    live.control(store, created["code"], created["token"], "finish")
    store.close()
    return created, len(questions)


def test_create_prints_code_and_urls(db, capsys):
    """Does `session create --json` print the code, both URLs and the token?"""
    code, out, _ = run(
        capsys,
        "session",
        "create",
        "--quiz",
        QUIZ,
        "--paced",
        "--db",
        db,
        "--base-url",
        "http://10.0.0.5:8866",
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and set(data) == {"code", "join_url", "screen_url", "dashboard_url", "token"}
    assert data["join_url"] == f"http://10.0.0.5:8866/room/{data['code']}"
    assert data["screen_url"] == f"http://10.0.0.5:8866/room/{data['code']}/screen"
    assert data["token"] not in data["screen_url"]
    assert data["token"] in data["dashboard_url"] and data["code"] in data["dashboard_url"]
    store = open_store(db)
    assert live.authorize_trainer(store, data["code"], data["token"]).mode == "paced"
    store.close()


@pytest.mark.parametrize(
    "argv",
    [
        ("session", "create", "--quiz", "no-such-quiz"),
        ("session", "results", "ZZZZ"),
        ("session", "stats", "ZZZZ", "--json"),
        ("session", "results", "ZZZZ", "--format", "xlsx"),
    ],
)
def test_errors_are_one_line_with_exit_1(db, capsys, argv):
    """Do an unknown quiz or code give exit 1 and a message, never a traceback?"""
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 1 and out == ""
    assert err.startswith("chatdojo session: ") and "Traceback" not in err


def test_bad_database_url_is_a_message(capsys):
    """Is a malformed --db URL reported plainly?"""
    code, _, err = run(capsys, "session", "stats", "ABCD", "--db", "not a url")
    assert code == 1 and "not a database URL" in err


def test_results_csv_json_xlsx(db, capsys, played, tmp_path):
    """Do the three result formats hold one row per answer, with formulas defused?"""
    created, n = played
    code, out, _ = run(
        capsys, "session", "results", created["code"], "--format", "json", "--db", db
    )
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3 * n
    target = tmp_path / "r.csv"
    assert (
        run(capsys, "session", "results", created["code"], "--out", str(target), "--db", db)[0] == 0
    )
    text = target.read_bytes().decode("utf-8-sig")
    assert text.count("\n") == 3 * n + 1 and "'=cmd2" in text
    xlsx = tmp_path / "r.xlsx"
    assert (
        run(
            capsys,
            "session",
            "results",
            created["code"],
            "--format",
            "xlsx",
            "--out",
            str(xlsx),
            "--db",
            db,
        )[0]
        == 0
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    assert book.sheetnames == ["回答", "参加者別", "問題の統計"]  # --lang ja, the default
    names = {row[0].value for row in book["回答"].iter_rows(min_row=2)}
    assert names == {"p0", "p1", "'=cmd2"}  # a text cell, not a formula


def test_stats_json(db, capsys, played):
    """Does `session stats --json` give Moodle's numbers per question and the thresholds?"""
    created, n = played
    code, out, _ = run(capsys, "session", "stats", created["code"], "--json", "--db", db)
    report = json.loads(out)
    assert code == 0 and report["participants"] == 3 and len(report["questions"]) == n
    _, out, _ = run(capsys, "session", "results", created["code"], "--format", "json", "--db", db)
    answers = json.loads(out)
    for item in report["questions"]:
        scores = [a["score"] for a in answers if a["question_id"] == item["question_id"]]
        assert item["facility"] == pytest.approx(sum(scores) / 3)
    assert report["thresholds"]["too_easy_above"] == 0.9
    assert run(capsys, "session", "stats", created["code"], "--db", db)[0] == 0


def test_learners_purge(db, capsys):
    """Does `learners purge --older-than 30` remove only learners unseen for 30 days and say how many?"""
    store = open_store(db)
    old, _ = learners.create_learner(store, "Old")
    learners.create_learner(store, "New")
    with store.write() as s:
        s.execute(
            update(Learner)
            .where(Learner.id == old.id)
            .values(last_seen_at=utcnow() - timedelta(days=31))
        )
    store.close()
    code, out, _ = run(capsys, "learners", "purge", "--older-than", "30", "--db", db)
    assert code == 0 and out.strip() == "removed 1 learner(s) not seen for 30 day(s)"
    code, out, _ = run(capsys, "learners", "purge", "--older-than", "30", "--db", db, "--json")
    assert json.loads(out) == {"learners": 0, "sessions": 0}
