"""One stored answer per attempt and question: ``learner_answers.attempt`` + a UNIQUE key.

Rows written before this revision get a key of their own (``legacy-<id>``), so
the constraint holds on old data and nothing is lost.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME = "uq_learner_answers_learner_id_attempt_question_id"


def upgrade() -> None:
    with op.batch_alter_table("learner_answers") as batch:
        batch.add_column(sa.Column("attempt", sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE learner_answers SET attempt = 'legacy-' || CAST(id AS VARCHAR(20)) "
        "WHERE attempt IS NULL"
    )
    with op.batch_alter_table("learner_answers") as batch:
        batch.alter_column("attempt", existing_type=sa.String(length=40), nullable=False)
        batch.create_unique_constraint(NAME, ["learner_id", "attempt", "question_id"])


def downgrade() -> None:
    with op.batch_alter_table("learner_answers") as batch:
        batch.drop_constraint(NAME, type_="unique")
        batch.drop_column("attempt")
