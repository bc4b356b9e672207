"""Schema migrations, run from code: ``upgrade(store)`` on open, ``downgrade`` for tests.

The scripts live in ``migrations/`` inside the package, so an installed
ChatDojo migrates its database without an ``alembic.ini``. To write a new
revision during development::

    python -c "from chatdojo.store.migrate import revision; revision('add x', 'sqlite:///dev.db')"
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


class Migratable(Protocol):
    """What migrating needs of ``chatdojo.store.db.Store`` (db imports this module, not back)."""

    engine: Engine

    @property
    def writer(self) -> Engine: ...


MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "chatdojo_alembic_version"


def config(connection: object | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("version_table", VERSION_TABLE)
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    heads = ScriptDirectory.from_config(config()).get_heads()
    return heads[0]


def current(store: Migratable) -> str | None:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        return ctx.get_current_revision()


def upgrade(store: Migratable, revision: str = "head") -> None:
    """Bring the schema to ``revision``; a no-op (one query) when already there."""
    if revision == "head" and current(store) == head():
        return
    with store.writer.begin() as conn:  # BEGIN IMMEDIATE on SQLite: one migrator at a time
        command.upgrade(config(conn), revision)


def downgrade(store: Migratable, revision: str = "base") -> None:
    with store.writer.begin() as conn:
        command.downgrade(config(conn), revision)


def revision(message: str, url: str) -> None:  # pragma: no cover - a developer's tool
    """Autogenerate a new revision against a database at head."""
    from sqlalchemy import create_engine

    with create_engine(url).begin() as conn:
        command.revision(config(conn), message=message, autogenerate=True)
