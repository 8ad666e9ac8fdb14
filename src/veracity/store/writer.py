"""The batching writer: the only code path that adds rows. Nothing here updates or deletes a source row.

``with store.writer() as w: ...`` runs in one transaction: it commits on exit and rolls back on error, so a failed
document never leaves half its rows behind and what was committed before stays committed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import JSON, Column, Connection, MetaData, Table, and_, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from veracity.model.records import Alias, Assertion, Document, Entity, Judgement, Mention, Outlet, Review
from veracity.store import audit
from veracity.store import rows as R
from veracity.store import schema as S
from veracity.store.marking import Actor, Marking, set_marking


def extraction_row(doc_id: str, extractor: str, warnings: Iterable[str]) -> dict[str, Any]:
    """The row saying ``extractor`` has read ``doc_id`` (shared by the per-document and the batch path)."""
    return {"doc_id": doc_id, "extractor": extractor, "created_at": R.now(), "warnings": list(warnings)}


class Writer:
    """Adds records; every ``add_*`` is idempotent (a row whose key exists is left as it is)."""

    def __init__(self, connection: Connection, marking: Marking | None = None, actor: Actor | None = None) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name
        self.marking = marking
        self.actor = actor

    def _marked(self, kind: str, ident: str, action: str) -> None:
        """Mark a row just added with the writer's marking, and audit it, in the same transaction."""
        if self.marking is not None:
            set_marking(self.connection, kind, ident, self.marking)
        if self.actor is not None:
            m = self.marking
            audit.record(self.connection, self.actor.user, action, f"{kind}:{ident}", org=self.actor.org,
                         remote=self.actor.remote,
                         detail={"tlp": m.tlp, "groups": list(m.groups)} if m else {})

    def mark_added(self, kind: str, idents: Iterable[str], action: str) -> None:
        """:meth:`_marked` for each of many rows a batch has just added (the distributed path's documents and
        judgements), so they are marked and audited exactly as the one-at-a-time ``add_*`` calls mark them."""
        if self.marking is None and self.actor is None:
            return
        for ident in idents:
            self._marked(kind, ident, action)

    def _insert_ignore(self, table: Table, values: Mapping[str, Any] | list[dict[str, Any]]) -> int:
        """INSERT that skips rows whose primary key exists; returns how many rows were inserted."""
        if self.dialect == "sqlite":
            stmt: Any = sqlite.insert(table).on_conflict_do_nothing()
        elif self.dialect == "postgresql":
            # psycopg reports rowcount -1 for these, so the inserted keys are returned and counted instead.
            stmt = postgresql.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
            return len(self.connection.execute(stmt, values).all())
        else:  # pragma: no cover - other dialects are not supported yet
            stmt = insert(table)
        result = self.connection.execute(stmt, values)
        return max(result.rowcount, 0)

    def add_document(self, doc: Document) -> bool:
        """Store a document; ``False`` when the same text (same id) is already stored."""
        row = R.document_row(doc)
        added = self._insert_ignore(S.documents, row) == 1
        if added and self.dialect == "sqlite":
            self.connection.execute(
                text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:id, :title, :text)"),
                {"id": doc.id, "title": doc.title or "", "text": doc.text},
            )
        if added:
            self._marked("document", doc.id, "ingest")
        return added

    def add_outlet(self, outlet: Outlet) -> None:
        """Store an outlet, or update its domain and grade (outlets are settings, not evidence)."""
        if not self._insert_ignore(S.outlets, R.outlet_row(outlet)):
            self.connection.execute(
                update(S.outlets).where(S.outlets.c.name == outlet.name)
                .values(domain=outlet.domain, reliability=outlet.reliability)
            )

    def add_entity(self, entity: Entity) -> bool:
        return self._insert_ignore(S.entities, R.entity_row(entity)) == 1

    def add_alias(self, alias: Alias) -> bool:
        return self._insert_ignore(S.aliases, R.alias_row(alias)) == 1

    def add_mention(self, mention: Mention) -> bool:
        return self._insert_ignore(S.mentions, R.mention_row(mention)) == 1

    def add_assertion(self, assertion: Assertion) -> bool:
        """Store an assertion; ``False`` when the identical assertion (same content hash) is stored."""
        return self._insert_ignore(S.assertions, R.assertion_row(assertion)) == 1

    def add_assertions(self, assertions: Iterable[Assertion]) -> int:
        """Bulk form of :meth:`add_assertion` (one executemany); returns rows inserted."""
        rows = [R.assertion_row(a) for a in assertions]
        return self._insert_ignore(S.assertions, rows) if rows else 0

    def add_review(self, review: Review) -> str:
        """Store a review; returns its id. The marking goes on the id of the row as stored (stamped with its
        creation time), not on the unstamped review's: marking the latter would leave the row unmarked, so CLEAR."""
        row = R.review_row(review)
        if self._insert_ignore(S.reviews, row):
            self._marked("review", row["id"], "review")
        return str(row["id"])

    def add_judgement(self, judgement: Judgement) -> str:
        """Store a resolution judgement; returns its id (marked as stored, as :meth:`add_review`)."""
        row = R.judgement_row(judgement)
        if self._insert_ignore(S.judgements, row):
            self._marked("judgement", row["id"], "judgement")
        return str(row["id"])

    def supersede(self, doc_id: str, keep: Iterable[str]) -> int:
        """Mark the document's text-extracted assertions that a new extraction did not produce as superseded.

        ``keep`` holds the ids the newest extraction produced. Others from the same document get a
        ``superseded_at`` stamp: never deleted, and views keep the reviewed ones visible. Curated (registry) rows
        are not touched.
        """
        return self.supersede_many({doc_id: set(keep)})

    def supersede_many(self, keep: Mapping[str, set[str]]) -> int:
        """:meth:`supersede` for many documents at once (``doc id -> ids to keep``), with one query per 500."""
        table = S.assertions
        stale: list[str] = []
        doc_ids = list(keep)
        for chunk in range(0, len(doc_ids), 500):
            current = self.connection.execute(
                select(table.c.id, table.c.doc_id).where(and_(
                    table.c.doc_id.in_(doc_ids[chunk:chunk + 500]), table.c.superseded_at.is_(None),
                    ~table.c.extractor.startswith("veracity.registry")))
            )
            stale.extend(row[0] for row in current if row[0] not in keep[row[1]])
        for chunk in range(0, len(stale), 500):
            self.connection.execute(update(table).where(table.c.id.in_(stale[chunk:chunk + 500]))
                                    .values(superseded_at=R.now()))
        return len(stale)

    def add_extraction(self, doc_id: str, extractor: str, warnings: list[str]) -> None:
        """Record that ``extractor`` has read ``doc_id`` (so an unchanged extractor skips it next time)."""
        self._insert_ignore(S.extractions, extraction_row(doc_id, extractor, warnings))

    def start_run(self, run_id: str, kind: str, inputs: list[str]) -> None:
        """Record that a run began (a run whose ``finished_at`` stays empty was killed or is still going)."""
        if self._insert_ignore(S.runs, {"id": run_id, "kind": kind, "started_at": R.now(), "finished_at": None,
                                        "inputs": inputs, "counts": {}}):
            self._marked("run", run_id, kind)

    def finish_run(self, run_id: str, counts: Mapping[str, int]) -> None:
        """Stamp the run finished with what it counted (runs are bookkeeping, not evidence, so this updates)."""
        self.connection.execute(update(S.runs).where(S.runs.c.id == run_id)
                                .values(finished_at=R.now(), counts=dict(counts)))

    def add_run_warnings(self, rows: list[dict[str, Any]]) -> int:
        """Warnings of a run (``run_id, seq, kind, location, doc_id, message``); in the caller's transaction, so
        a document and its warnings are stored together or not at all."""
        return self._insert_ignore(S.run_warnings, rows) if rows else 0

    def set_feed_state(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a polled feed's validators for the next conditional request."""
        values = {"etag": etag, "last_modified": last_modified, "checked_at": R.now()}
        if not self._insert_ignore(S.feeds, {"url": url, **values}):
            self.connection.execute(update(S.feeds).where(S.feeds.c.url == url).values(**values))

    def insert_rows(self, table_name: str, rows: Iterable[dict[str, Any]]) -> int:
        """Raw rows into a table by name, skipping existing keys (full-store import)."""
        table = S.metadata.tables[table_name]
        batch = list(rows)
        if not batch:
            return 0
        inserted = self._insert_ignore(table, batch)
        if table_name == "documents" and self.dialect == "sqlite":
            self.connection.execute(
                text("INSERT INTO documents_fts (doc_id, title, text) SELECT id, coalesce(title, ''), text "
                     "FROM documents WHERE id NOT IN (SELECT doc_id FROM documents_fts)")
            )
        return inserted

    def extracted_by(self, doc_ids: Iterable[str], extractor: str) -> set[str]:
        """Which of ``doc_ids`` are stored and already read by ``extractor`` (a resumed run skips them before any
        work is sent out)."""
        ids = list(doc_ids)
        found: set[str] = set()
        x = S.extractions.c
        for chunk in range(0, len(ids), 500):
            stmt = select(x.doc_id).where(and_(x.doc_id.in_(ids[chunk:chunk + 500]), x.extractor == extractor))
            found.update(row[0] for row in self.connection.execute(stmt))
        return found

    def copy_rows(self, table_name: str, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Many rows into one table, skipping existing keys; returns the primary keys of the rows inserted.

        The batch path of a distributed run: on PostgreSQL the rows go by ``COPY`` into a session-local staging
        table and from there by one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` (COPY itself cannot skip a
        key that exists, and re-runs must be idempotent); on SQLite by one multi-row insert. Documents also get
        their full-text row on SQLite, as in :meth:`add_document`. Callers pass complete rows (``store.rows``).
        """
        if not rows:
            return []
        table = S.metadata.tables[table_name]
        if self.dialect == "postgresql":
            return self._copy_postgres(table, rows)
        stmt = sqlite.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
        inserted = [tuple(r) for r in self.connection.execute(stmt, rows).all()]
        if table_name == "documents" and inserted:
            added = {key[0] for key in inserted}
            self.connection.execute(
                text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:id, :title, :text)"),
                [{"id": r["id"], "title": r["title"] or "", "text": r["text"]} for r in rows if r["id"] in added],
            )
        return inserted

    def _copy_postgres(self, table: Table, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """COPY into ``stage_<table>`` (a temporary table of the session, emptied at commit), then insert what is
        new. Only identifiers from the schema are spliced into the statements; the values travel as COPY data."""
        quote = self.connection.dialect.identifier_preparer.quote
        columns = [c.name for c in table.columns]
        json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
        stage = Table(f"stage_{table.name}", MetaData(), *(Column(c.name, c.type) for c in table.columns))
        self.connection.exec_driver_sql(
            f"CREATE TEMP TABLE IF NOT EXISTS {quote(stage.name)} (LIKE {quote(table.name)} INCLUDING DEFAULTS) "
            "ON COMMIT DELETE ROWS")
        self.connection.exec_driver_sql(f"TRUNCATE {quote(stage.name)}")
        cursor = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        names = ", ".join(quote(c) for c in columns)
        with cursor.copy(f"COPY {quote(stage.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([json.dumps(row[c]) if c in json_columns else row.get(c) for c in columns])
        # DO NOTHING also skips a key repeated within the batch (the same entity in many documents)
        stmt = (postgresql.insert(table).from_select(columns, select(*stage.columns)).on_conflict_do_nothing()
                .returning(*table.primary_key.columns))
        return [tuple(r) for r in self.connection.execute(stmt).all()]
