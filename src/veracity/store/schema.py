"""The tables, declared once in SQLAlchemy Core so SQLite (default) and PostgreSQL (team) share one schema.

Alembic migrations in ``migrations/`` create exactly these tables; a test compares the migrated database with this
metadata so the two never drift.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True, comment="SHA-256 of the normalised text"),
    Column("name", String(300), nullable=False, default=""),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String(300)),
    Column("published", String(10), comment="YYYY[-MM[-DD]]"),
    Column("precision", String(5), comment="year | month | day"),
    Column("published_end", String(10), comment="last day 'published' can mean, for as-of filters"),
    Column("ingested_at", String(32), nullable=False),
    Column("language", String(8)),
    Column("source", Text),
    Column("text", Text, nullable=False),
)
Index("ix_documents_name", documents.c.name)
Index("ix_documents_published_end", documents.c.published_end)

entities = Table(
    "entities",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("type", String(40), nullable=False),
    Column("name", Text, nullable=False),
    Column("qid", String(20)),
    Column("attributes", JSON, nullable=False, default=dict),
    Column("resolved", Boolean, nullable=False, default=True),
)
Index("ix_entities_kind", entities.c.kind)
Index("ix_entities_name", entities.c.name)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", String(300), ForeignKey("entities.id"), primary_key=True),
    Column("surface", String(300), primary_key=True),
    Column("normalised", String(300), nullable=False),
    Column("origin", String(12), nullable=False),
)
Index("ix_aliases_normalised", aliases.c.normalised)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("entity_id", String(300), ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sent_start", Integer, nullable=False),
    Column("sent_end", Integer, nullable=False),
    Column("surface", Text, nullable=False),
)
Index("ix_mentions_entity", mentions.c.entity_id)
Index("ix_mentions_doc", mentions.c.doc_id)

assertions = Table(
    "assertions",
    metadata,
    Column("id", String(32), primary_key=True, comment="content hash"),
    Column("subject", String(300), nullable=False),
    Column("predicate", String(40), nullable=False),
    Column("object", Text, nullable=False),
    Column("object_literal", Boolean, nullable=False, default=False),
    Column("claimant", String(300), nullable=False),
    Column("stance", String(8), nullable=False),
    Column("hedge", String(60)),
    Column("attribution", String(30)),
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("extractor", String(80), nullable=False),
    Column("score", Float, nullable=False, default=1.0),
    Column("created_at", String(32), nullable=False),
    Column("superseded_at", String(32), comment="set when a newer extractor version re-read the document"),
)
Index("ix_assertions_subject", assertions.c.subject)
Index("ix_assertions_object", assertions.c.object)
Index("ix_assertions_claimant", assertions.c.claimant)
Index("ix_assertions_doc", assertions.c.doc_id)
Index("ix_assertions_predicate", assertions.c.predicate)

outlets = Table(
    "outlets",
    metadata,
    Column("name", String(300), primary_key=True),
    Column("domain", String(300)),
    Column("reliability", String(1), nullable=False, default="F"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("assertion_id", String(32), ForeignKey("assertions.id"), nullable=False),
    Column("verdict", String(8), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("reviewer", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("correction", JSON, nullable=False, default=dict),
)
Index("ix_reviews_assertion", reviews.c.assertion_id)

judgements = Table(
    "judgements",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("left", String(300), nullable=False),
    Column("right", String(300), nullable=False),
    Column("sameness", String(10), nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("user", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
)
Index("ix_judgements_pair", judgements.c.left, judgements.c.right)

extractions = Table(
    "extractions",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("extractor", String(80), primary_key=True),
    Column("created_at", String(32), nullable=False),
    Column("warnings", JSON, nullable=False, default=list),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(40), primary_key=True, comment="start time then random hex: sorts in start order"),
    Column("kind", String(20), nullable=False, comment="ingest | watch"),
    Column("started_at", String(32), nullable=False),
    Column("finished_at", String(32), comment="empty while running, or when the run was killed"),
    Column("inputs", JSON, nullable=False, default=list),
    Column("counts", JSON, nullable=False, default=dict),
)

run_warnings = Table(
    "run_warnings",
    metadata,
    Column("run_id", String(40), ForeignKey("runs.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("kind", String(12), nullable=False, comment="rejected | encoding | html | language | date | extract"),
    Column("location", Text, nullable=False, comment="path, path:line or document name"),
    Column("doc_id", String(64), comment="the document warned about, when one was stored"),
    Column("message", Text, nullable=False),
)

feeds = Table(
    "feeds",
    metadata,
    Column("url", String(2000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", String(32), nullable=False),
)

TABLES = (documents, outlets, entities, aliases, mentions, assertions, reviews, judgements, extractions)
"""Every table of the knowledge base, in an order that satisfies foreign keys (for full-store export and import).
``runs``, ``run_warnings`` and ``feeds`` are operational records (what a batch did, where a feed was left), not
knowledge, and are not exported."""

# The team server (migration 0005): who may read what. See docs/TEAM.md.
organisations = Table(
    "organisations",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("created_at", String(32), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("org", String(100), ForeignKey("organisations.name"), nullable=False),
    Column("role", String(10), nullable=False, comment="viewer | analyst | admin"),
    Column("password_hash", Text, comment="argon2id; empty for a user who only uses API tokens"),
    Column("created_at", String(32), nullable=False),
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", String(16), primary_key=True, comment="public part of the token, shown in lists"),
    Column("user", String(100), ForeignKey("users.name"), nullable=False),
    Column("hash", Text, nullable=False, comment="argon2id of the secret part"),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
)
Index("ix_tokens_user", tokens.c.user)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True, comment="SHA-256 of the cookie's random secret"),
    Column("user", String(100), ForeignKey("users.name"), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

sharing_groups = Table(
    "sharing_groups",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("created_at", String(32), nullable=False),
)

group_members = Table(
    "group_members",
    metadata,
    Column("group_name", String(100), ForeignKey("sharing_groups.name"), primary_key=True),
    Column("org", String(100), ForeignKey("organisations.name"), primary_key=True),
)

markings = Table(
    "markings",
    metadata,
    Column("kind", String(10), primary_key=True, comment="document | assertion | review | judgement"),
    Column("ident", String(300), primary_key=True),
    Column("owner_org", String(100), nullable=False),
    Column("tlp", String(12), nullable=False, comment="CLEAR | GREEN | AMBER | AMBER+STRICT | RED"),
    Column("updated_at", String(32), nullable=False),
)
Index("ix_markings_tlp", markings.c.kind, markings.c.tlp)

marking_groups = Table(
    "marking_groups",
    metadata,
    Column("kind", String(10), primary_key=True),
    Column("ident", String(300), primary_key=True),
    Column("group_name", String(100), ForeignKey("sharing_groups.name"), primary_key=True),
)

audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(32), nullable=False),
    Column("user", String(100), nullable=False, comment="user name, or 'local' for the embedded store's CLI"),
    Column("org", String(100)),
    Column("action", String(40), nullable=False, comment="login | token | ingest | review | judge | export | ..."),
    Column("target", Text, nullable=False, default=""),
    Column("remote", String(100), nullable=False, default="", comment="client address, or 'cli'"),
    Column("detail", JSON, nullable=False, default=dict),
)
Index("ix_audit_at", audit.c.at)

# exchange between servers (docs/TEAM.md, migration 0006) --------------------------------------------------------
origins = Table(
    "origins",
    metadata,
    Column("doc_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("origin_org", String(100), nullable=False, comment="the organisation that first published it"),
    Column("via", Text, nullable=False, comment="TAXII collection URL it was first pulled from"),
    Column("tlp", String(12), nullable=False, comment="the TLP it was received under"),
    Column("received_at", String(32), nullable=False),
)

peers = Table(
    "peers",
    metadata,
    Column("url", String(2000), primary_key=True, comment="TAXII collection URL"),
    Column("added_last", String(40), comment="X-TAXII-Date-Added-Last of the newest page read"),
    Column("pulled_at", String(32), nullable=False),
    Column("counts", JSON, nullable=False, default=dict),
)
