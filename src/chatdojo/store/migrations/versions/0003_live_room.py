"""The live room: session settings and version, removed participants, speed bonus, secrets.

``live_sessions.version`` is bumped by every trainer action; each server process
polls it (once per room) to fan changes out to its phones. ``room_secrets``
holds the cookie-signing key, so every process and every restart sign seats
the same way.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("live_sessions") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("time_limit", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("deadline", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("late_join", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(
            sa.Column("show_leaderboard", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("speed_bonus", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("skipped", sa.Text(), nullable=False, server_default="[]"))
    with op.batch_alter_table("participants") as batch:
        batch.add_column(
            sa.Column("removed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("session_answers") as batch:
        batch.add_column(sa.Column("bonus", sa.Float(), nullable=False, server_default="0"))
    op.create_table(
        "room_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_room_secrets")),
    )


def downgrade() -> None:
    op.drop_table("room_secrets")
    with op.batch_alter_table("session_answers") as batch:
        batch.drop_column("bonus")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("removed")
    with op.batch_alter_table("live_sessions") as batch:
        for name in ("skipped", "speed_bonus", "show_leaderboard", "late_join", "deadline"):
            batch.drop_column(name)
        batch.drop_column("time_limit")
        batch.drop_column("version")
