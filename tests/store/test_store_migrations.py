"""Schema migrations: created on open, in step with the models, reversible."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from chatdojo.store.db import open_store
from chatdojo.store.migrate import VERSION_TABLE, current, downgrade, head, upgrade
from chatdojo.store.models import Base

TABLES = {
    "learners",
    "module_progress",
    "learner_answers",
    "live_sessions",
    "participants",
    "session_answers",
}


def test_upgrade_on_empty_database_creates_tables(db_url):
    """Does opening an empty database run the migrations up to head and create every table?"""
    store = open_store(db_url)
    try:
        assert TABLES | {VERSION_TABLE} <= set(inspect(store.engine).get_table_names())
        assert current(store) == head()
    finally:
        store.close()


def test_models_and_migrations_agree(store):
    """Would autogenerate find nothing to change (the migrations describe the models exactly)?"""
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = [d for d in compare_metadata(ctx, Base.metadata) if VERSION_TABLE not in str(d)]
    assert diff == []


def test_downgrade_then_upgrade(store):
    """Does downgrade to base drop the tables, and a new upgrade bring them back?"""
    downgrade(store, "base")
    assert not TABLES & set(inspect(store.engine).get_table_names())
    assert current(store) is None
    upgrade(store)
    assert set(inspect(store.engine).get_table_names()) >= TABLES


def test_unique_answer_constraint_exists(store):
    """Is (session, participant, question) a UNIQUE constraint in the real schema?"""
    uniques = inspect(store.engine).get_unique_constraints("session_answers")
    assert ["session_id", "participant_id", "question_id"] in [u["column_names"] for u in uniques]


def test_reopening_is_a_no_op(db_url):
    """Is a second open of an up-to-date database harmless (no error, still at head)?"""
    open_store(db_url).close()
    store = open_store(db_url)
    try:
        assert current(store) == head()
    finally:
        store.close()


def test_learner_answers_are_unique_per_attempt_and_question(store):
    """Is (learner, attempt, question) a UNIQUE constraint on learner_answers (issue 9 item 4)?"""
    uniques = inspect(store.engine).get_unique_constraints("learner_answers")
    assert ["learner_id", "attempt", "question_id"] in [u["column_names"] for u in uniques]


def test_0002_keeps_answers_written_before_it(db_url):
    """Do answers stored under 0001 (even two for one question) survive the upgrade to head?"""
    from sqlalchemy import text

    store = open_store(db_url, migrate=False)
    try:
        upgrade(store, "0001")
        with store.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO learners (id, display_name, resume_hash, created_at, last_seen_at)"
                    " VALUES (1, 'A', 'h', '2025-01-01', '2025-01-01')"
                )
            )
            for score in (0.0, 1.0):
                conn.execute(
                    text(
                        "INSERT INTO learner_answers (learner_id, module_id, question_id, answer,"
                        " score, created_at) VALUES (1, 'm', 'q1', '\"a\"', :s, '2025-01-01')"
                    ),
                    {"s": score},
                )
        upgrade(store)
        assert current(store) == head()
        with store.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT attempt, score FROM learner_answers ORDER BY id")
            ).all()
        assert [r.score for r in rows] == [0.0, 1.0]
        assert len({r.attempt for r in rows}) == 2
        downgrade(store, "0001")
        assert current(store) == "0001"
    finally:
        store.close()
