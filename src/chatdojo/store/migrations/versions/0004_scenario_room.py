"""A scenario played by the room: the session's kind and the path the room took.

``live_sessions.kind`` is "quiz" for every session made before this revision.
A scenario session keeps the scenario id in ``quiz_id``, the steps it visited in
``question_ids`` (so votes use the same UNIQUE key as answers) and in ``path``
the choice it followed at each step and how (majority, tie, trainer).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("live_sessions") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=12), nullable=False, server_default="quiz")
        )
        batch.add_column(sa.Column("path", sa.Text(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("live_sessions") as batch:
        batch.drop_column("path")
        batch.drop_column("kind")
