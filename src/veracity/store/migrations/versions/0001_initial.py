"""The first schema: documents (+ full-text index), entities, aliases, mentions, assertions, outlets, reviews,
judgements and extraction runs.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True, comment="SHA-256 of the normalised text"),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.String(300)),
        sa.Column("published", sa.String(10), comment="YYYY[-MM[-DD]]"),
        sa.Column("precision", sa.String(5), comment="year | month | day"),
        sa.Column("published_end", sa.String(10), comment="last day 'published' can mean, for as-of filters"),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("source", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_documents_name", "documents", ["name"])
    op.create_index("ix_documents_published_end", "documents", ["published_end"])


def _entities() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(300), primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("qid", sa.String(20)),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_table(
        "aliases",
        sa.Column("entity_id", sa.String(300), sa.ForeignKey("entities.id"), primary_key=True),
        sa.Column("surface", sa.String(300), primary_key=True),
        sa.Column("normalised", sa.String(300), nullable=False),
        sa.Column("origin", sa.String(12), nullable=False),
    )
    op.create_index("ix_aliases_normalised", "aliases", ["normalised"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("entity_id", sa.String(300), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sent_start", sa.Integer(), nullable=False),
        sa.Column("sent_end", sa.Integer(), nullable=False),
        sa.Column("surface", sa.Text(), nullable=False),
    )
    op.create_index("ix_mentions_entity", "mentions", ["entity_id"])
    op.create_index("ix_mentions_doc", "mentions", ["doc_id"])


def _assertions() -> None:
    op.create_table(
        "assertions",
        sa.Column("id", sa.String(32), primary_key=True, comment="content hash"),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("predicate", sa.String(40), nullable=False),
        sa.Column("object", sa.Text(), nullable=False),
        sa.Column("object_literal", sa.Boolean(), nullable=False),
        sa.Column("claimant", sa.String(300), nullable=False),
        sa.Column("stance", sa.String(8), nullable=False),
        sa.Column("hedge", sa.String(60)),
        sa.Column("attribution", sa.String(30)),
        sa.Column("valid_from", sa.String(10)),
        sa.Column("valid_to", sa.String(10)),
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("extractor", sa.String(80), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("superseded_at", sa.String(32),
                  comment="set when a newer extractor version re-read the document"),
    )
    for column in ("subject", "object", "claimant", "doc", "predicate"):
        op.create_index(f"ix_assertions_{column}", "assertions", ["doc_id" if column == "doc" else column])


def _judged() -> None:
    op.create_table(
        "outlets",
        sa.Column("name", sa.String(300), primary_key=True),
        sa.Column("domain", sa.String(300)),
        sa.Column("reliability", sa.String(1), nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("assertion_id", sa.String(32), sa.ForeignKey("assertions.id"), nullable=False),
        sa.Column("verdict", sa.String(8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(100), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("correction", sa.JSON(), nullable=False),
    )
    op.create_index("ix_reviews_assertion", "reviews", ["assertion_id"])
    op.create_table(
        "judgements",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("left", sa.String(300), nullable=False),
        sa.Column("right", sa.String(300), nullable=False),
        sa.Column("sameness", sa.String(10), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user", sa.String(100), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_judgements_pair", "judgements", ["left", "right"])
    op.create_table(
        "extractions",
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("extractor", sa.String(80), primary_key=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
    )


def _full_text() -> None:
    """SQLite: an FTS5 table kept beside documents; PostgreSQL: a GIN index over the English tsvector."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, title, text)")
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_documents_fts ON documents USING GIN (to_tsvector('english', text))")


def upgrade() -> None:
    _documents()
    _entities()
    _assertions()
    _judged()
    _full_text()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("extractions", "judgements", "reviews", "outlets", "assertions", "mentions", "aliases",
                  "entities", "documents"):
        op.drop_table(table)
