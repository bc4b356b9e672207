"""Fixtures for the store tests: one database per test, on SQLite and on PostgreSQL.

PostgreSQL runs when ``CHATDOJO_TEST_PG_URL`` is set (``scripts/with-postgres.sh``
sets it); each test then gets its own schema, dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chatdojo.quiz.model import Choice, Question
from chatdojo.store.db import Store, open_store


@pytest.fixture
def db_url(shared_db_url: str) -> str:
    """SQLite, and PostgreSQL under ``scripts/with-postgres.sh`` (``tests/conftest.py``)."""
    return shared_db_url


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
