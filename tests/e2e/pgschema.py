"""A schema of its own on the test PostgreSQL, for store tests and the cluster test."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from urllib.parse import quote

import pytest

PG_URL = os.environ.get("CHATDOJO_TEST_PG_URL", "")


@contextlib.contextmanager
def pg_schema(prefix: str = "t") -> Iterator[str]:
    """A URL of the test PostgreSQL whose tables live in a fresh schema, dropped afterwards
    (``scripts/with-postgres.sh`` sets ``CHATDOJO_TEST_PG_URL``)."""
    if not PG_URL:
        pytest.skip("CHATDOJO_TEST_PG_URL is not set (run under scripts/with-postgres.sh)")
    from sqlalchemy import create_engine, text

    schema = f"{prefix}_{secrets.token_hex(6)}"
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
