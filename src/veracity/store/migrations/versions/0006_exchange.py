"""Exchange between servers: where a pulled document came from, and how far each peer collection was read.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "origins",
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("origin_org", sa.String(100), nullable=False, comment="the organisation that first published it"),
        sa.Column("via", sa.Text(), nullable=False, comment="TAXII collection URL it was first pulled from"),
        sa.Column("tlp", sa.String(12), nullable=False, comment="the TLP it was received under"),
        sa.Column("received_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "peers",
        sa.Column("url", sa.String(2000), primary_key=True, comment="TAXII collection URL"),
        sa.Column("added_last", sa.String(40), comment="X-TAXII-Date-Added-Last of the newest page read"),
        sa.Column("pulled_at", sa.String(32), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("peers")
    op.drop_table("origins")
