"""Index entity names, so looking an entity up by its canonical name does not scan the table.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entities_name", "entities", ["name"])


def downgrade() -> None:
    op.drop_index("ix_entities_name", "entities")
