"""Runs and their warnings (so a batch's warnings can be listed), and the state of watched feeds.

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(40), primary_key=True, comment="start time then random hex: sorts in start order"),
        sa.Column("kind", sa.String(20), nullable=False, comment="ingest | watch"),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32), comment="empty while running, or when the run was killed"),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
    )
    op.create_table(
        "run_warnings",
        sa.Column("run_id", sa.String(40), sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False,
                  comment="rejected | encoding | html | language | date | extract"),
        sa.Column("location", sa.Text(), nullable=False, comment="path, path:line or document name"),
        sa.Column("doc_id", sa.String(64), comment="the document warned about, when one was stored"),
        sa.Column("message", sa.Text(), nullable=False),
    )
    op.create_table(
        "feeds",
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("checked_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feeds")
    op.drop_table("run_warnings")
    op.drop_table("runs")
