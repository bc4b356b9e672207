"""Fixtures for the store tests: one database per test, on SQLite and on PostgreSQL.

PostgreSQL runs when ``CHATDOJO_TEST_PG_URL`` is set (``scripts/with-postgres.sh``
sets it); each test then gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from chatdojo.quiz.model import Choice, Question
from chatdojo.store.db import Store, open_store

PG_URL = os.environ.get("CHATDOJO_TEST_PG_URL", "")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'chatdojo.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip("CHATDOJO_TEST_PG_URL is not set (run under scripts/with-postgres.sh)")
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


def single(qid: str, right: str = "a", options: str = "abc") -> Question:
    """A single-choice question with options a, b, c…; ``right`` is the correct one."""
    return Question(
        id=qid,
        type="single",
        text={"ja": f"問題 {qid}", "en": f"Question {qid}"},
        explanation={"ja": "解説", "en": "Why"},
        rules=("r1",),
        bank="test-bank",
        choices=tuple(Choice(o, {"ja": o, "en": o}, o == right) for o in options),
    )


@pytest.fixture
def make_question():
    return single


@pytest.fixture
def questions() -> list[Question]:
    return [single("q1", "a"), single("q2", "b"), single("q3", "c")]
