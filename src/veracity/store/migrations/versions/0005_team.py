"""The team server: organisations, users, API tokens, login sessions, sharing groups, markings and the audit log.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("org", sa.String(100), sa.ForeignKey("organisations.name"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False, comment="viewer | analyst | admin"),
        sa.Column("password_hash", sa.Text(), comment="argon2id; empty for a user who only uses API tokens"),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.String(16), primary_key=True, comment="public part of the token, shown in lists"),
        sa.Column("user", sa.String(100), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False, comment="argon2id of the secret part"),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    op.create_index("ix_tokens_user", "tokens", ["user"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True, comment="SHA-256 of the cookie's random secret"),
        sa.Column("user", sa.String(100), sa.ForeignKey("users.name"), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "sharing_groups",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "group_members",
        sa.Column("group_name", sa.String(100), sa.ForeignKey("sharing_groups.name"), primary_key=True),
        sa.Column("org", sa.String(100), sa.ForeignKey("organisations.name"), primary_key=True),
    )
    op.create_table(
        "markings",
        sa.Column("kind", sa.String(10), primary_key=True, comment="document | assertion | review | judgement"),
        sa.Column("ident", sa.String(300), primary_key=True),
        sa.Column("owner_org", sa.String(100), nullable=False),
        sa.Column("tlp", sa.String(12), nullable=False, comment="CLEAR | GREEN | AMBER | AMBER+STRICT | RED"),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_markings_tlp", "markings", ["kind", "tlp"])
    op.create_table(
        "marking_groups",
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("ident", sa.String(300), primary_key=True),
        sa.Column("group_name", sa.String(100), sa.ForeignKey("sharing_groups.name"), primary_key=True),
    )
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user", sa.String(100), nullable=False,
                  comment="user name, or 'local' for the embedded store's CLI"),
        sa.Column("org", sa.String(100)),
        sa.Column("action", sa.String(40), nullable=False,
                  comment="login | token | ingest | review | judge | export | ..."),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("remote", sa.String(100), nullable=False, comment="client address, or 'cli'"),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_audit_at", "audit", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_at", "audit")
    op.drop_table("audit")
    op.drop_table("marking_groups")
    op.drop_index("ix_markings_tlp", "markings")
    op.drop_table("markings")
    op.drop_table("group_members")
    op.drop_table("sharing_groups")
    op.drop_table("sessions")
    op.drop_index("ix_tokens_user", "tokens")
    op.drop_table("tokens")
    op.drop_table("users")
    op.drop_table("organisations")
