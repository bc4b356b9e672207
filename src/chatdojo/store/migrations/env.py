"""Alembic environment: migrate the connection handed over by ``chatdojo.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from chatdojo.store.models import Base

config = context.config
target_metadata = Base.metadata
VERSION_TABLE = config.get_main_option("version_table") or "chatdojo_alembic_version"


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "run migrations through chatdojo.store.migrate, which passes a connection"
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE via copy on SQLite
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Two servers starting at once must not both create the tables.
            connection.execute(text("SELECT pg_advisory_xact_lock(74200611)"))
        context.run_migrations()


run()
