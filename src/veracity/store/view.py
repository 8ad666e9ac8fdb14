"""The read-only view: everything analysis needs, computed from stored rows. It never writes.

Entity ids are canonicalised through the newest 'same' judgements, so an analyst's merge shows everywhere at once
and is undone by a later 'not_same' judgement, with no row rewritten.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator
from functools import cached_property
from typing import Any

from sqlalchemy import Engine, Select, and_, func, or_, select, text

from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import (
    Alias,
    Document,
    Entity,
    EntityKind,
    Evidence,
    Judgement,
    Mention,
    Outlet,
    Review,
    Sameness,
    Verdict,
    author_label,
    is_analyst,
    is_author,
)
from veracity.model.values import clean_date, date_upper_bound, normalise_name
from veracity.store import rows as R
from veracity.store import schema as S
from veracity.store.marking import Scope
from veracity.store.visible import Visibility

_FTS_WORD = re.compile(r"\w+", re.UNICODE)
CURATED_PREFIX = "veracity.registry"
"""Extractor name of rows loaded from curated data files rather than read from text."""


class View:
    """Read-only access to a store; with a ``scope``, only what that organisation may see (docs/TEAM.md).

    Every read below applies the scope here, in storage, so lists, search, grades, counts, networks, timelines,
    exports and explanations are all computed from visible rows only and no route has to remember to filter.
    Assertions, mentions and extraction warnings inherit the marking of their document; an entity is hidden when
    every mention or assertion naming it is in a hidden document; a judgement is hidden when it is marked so or
    names a hidden entity (so a restricted report cannot merge, and so rename, what others see).
    """

    def __init__(self, engine: Engine, scope: Scope | None = None) -> None:
        self.engine = engine
        self.scope = scope
        self.visibility = Visibility(engine, scope)
        self._table_filter = self.visibility.filter
        self._visible = self.visibility.visible

    @property
    def _hidden_documents(self) -> frozenset[str]:
        return self.visibility.hidden_documents

    @property
    def _hidden_entities(self) -> frozenset[str]:
        return self.visibility.hidden_entities

    def _all(self, stmt: Select[Any]) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(stmt))

    # documents -------------------------------------------------------------------------------------------------
    def documents(self, as_of: str | None = None) -> list[Document]:
        """All documents, oldest first; with ``as_of``, only those certainly published by that date."""
        stmt = select(S.documents).order_by(S.documents.c.published_end, S.documents.c.name).where(
            *self._table_filter("documents"))
        if as_of:
            stmt = stmt.where(S.documents.c.published_end <= _as_of(as_of))
        return [R.row_document(r) for r in self._all(stmt)]

    def document(self, key: str) -> Document:
        """A document by id, id prefix (>= 8 chars) or name."""
        t = S.documents
        conds = [t.c.id == key, t.c.name == key]
        if len(key) >= 8:
            conds.append(t.c.id.startswith(key))
        found = self._all(select(t).where(or_(*conds), *self._table_filter("documents")).limit(2))
        if not found:
            raise NotFound(f"no document {key!r} in the store", fix="list them with `veracity documents`")
        return R.row_document(found[0])

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search: (doc_id, snippet) pairs, best first. Query words are matched, never parsed as SQL."""
        words = _FTS_WORD.findall(query)
        if not words:
            return []
        hidden = self._hidden_documents
        hits = self._search(words, limit + len(hidden))
        return [hit for hit in hits if hit[0] not in hidden][:limit]

    def _search(self, words: list[str], limit: int) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            if self.engine.dialect.name == "sqlite":
                match = " OR ".join(f'"{w}"' for w in words)
                rows = conn.execute(
                    text("SELECT doc_id, snippet(documents_fts, 2, '[', ']', ' … ', 16) FROM documents_fts "
                         "WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"),
                    {"q": match, "n": limit},
                )
            else:
                rows = conn.execute(
                    text("SELECT id, ts_headline('english', text, q) FROM documents, "
                         "to_tsquery('english', :q) q WHERE to_tsvector('english', text) @@ q "
                         "ORDER BY ts_rank(to_tsvector('english', text), q) DESC LIMIT :n"),
                    {"q": " | ".join(words), "n": limit},
                )
            return [(r[0], r[1]) for r in rows]

    # entities --------------------------------------------------------------------------------------------------
    def entities(self, kind: EntityKind | None = None) -> list[Entity]:
        stmt = select(S.entities).order_by(S.entities.c.kind, S.entities.c.name)
        if kind is not None:
            stmt = stmt.where(S.entities.c.kind == kind.value)
        return [R.row_entity(r) for r in self._all(stmt.where(*self._table_filter("entities")))]

    def entity(self, entity_id: str) -> Entity:
        found = self._all(select(S.entities).where(S.entities.c.id == entity_id, *self._table_filter("entities")))
        if not found:
            raise NotFound(f"no entity {entity_id!r}", fix="list actors with `veracity actors`")
        return R.row_entity(found[0])

    def find_entity(self, name: str) -> Entity:
        """An entity by id, canonical name or alias, following 'same' judgements.

        Indexed lookups come first (id, exact canonical name, normalised alias), so "Kabul" is the place even
        though it is also an alias of the government; a case-insensitive name scan is the last resort.
        """
        t, a = S.entities, S.aliases
        shown, named = self._table_filter("entities"), self._table_filter("aliases")
        hits = self._all(select(t.c.id).where(t.c.id == name, *shown))
        if not hits:
            hits = self._all(select(t.c.id).where(t.c.name == name, *shown))
        if not hits:
            hits = self._all(select(a.c.entity_id).where(a.c.normalised == normalise_name(name), *named).distinct())
        if not hits:
            hits = self._all(select(t.c.id).where(func.lower(t.c.name) == name.lower(), *shown))
        hits = [h for h in hits if h[0] not in self._hidden_entities]
        if not hits:
            raise NotFound(f"no actor, place or event called {name!r}", fix="list them with `veracity actors`")
        canonical = {self.canonical(h[0]) for h in hits}
        best = sorted(canonical, key=lambda i: (not i.startswith("actor:"), i))[0]
        return self.entity(best)

    def aliases(self, entity_id: str) -> list[Alias]:
        ids = self.cluster(entity_id)
        stmt = select(S.aliases).where(S.aliases.c.entity_id.in_(ids), *self._table_filter("aliases")).order_by(
            S.aliases.c.surface)
        return [R.row_alias(r) for r in self._all(stmt)]

    def mentions(self, entity_id: str | None = None, doc_id: str | None = None) -> list[Mention]:
        t = S.mentions
        stmt = select(t).order_by(t.c.doc_id, t.c.start).where(*self._table_filter("mentions"))
        if entity_id:
            stmt = stmt.where(t.c.entity_id.in_(self.cluster(entity_id)))
        if doc_id:
            stmt = stmt.where(t.c.doc_id == doc_id)
        return [R.row_mention(r) for r in self._all(stmt)]

    # judgements and canonical ids ------------------------------------------------------------------------------
    def judgements(self) -> list[Judgement]:
        stmt = select(S.judgements).order_by(S.judgements.c.created_at, S.judgements.c.id).where(
            *self._table_filter("judgements"))
        return [R.row_judgement(r) for r in self._all(stmt)]

    @cached_property
    def _clusters(self) -> dict[str, frozenset[str]]:
        """Union of entities joined by the newest judgement of each pair being 'same'."""
        latest: dict[frozenset[str], Judgement] = {}
        for j in self.judgements():
            latest[frozenset((j.left, j.right))] = j
        graph: dict[str, set[str]] = defaultdict(set)
        for pair, j in latest.items():
            if j.sameness is Sameness.SAME and len(pair) == 2:
                graph[j.left].add(j.right)
                graph[j.right].add(j.left)
        clusters: dict[str, frozenset[str]] = {}
        for start in graph:
            if start in clusters:
                continue
            seen, todo = {start}, [start]
            while todo:
                for nxt in graph[todo.pop()] - seen:
                    seen.add(nxt)
                    todo.append(nxt)
            for member in seen:
                clusters[member] = frozenset(seen)
        return clusters

    def cluster(self, entity_id: str) -> list[str]:
        """Every entity id judged the same as ``entity_id`` (itself included)."""
        return sorted(self._clusters.get(entity_id, frozenset((entity_id,))))

    def canonical(self, entity_id: str) -> str:
        """The representative of an entity's cluster: a registry-resolved member if any, else the smallest id."""
        members = self.cluster(entity_id)
        if len(members) == 1:
            return members[0]
        resolved = {r[0] for r in self._all(select(S.entities.c.id).where(
            and_(S.entities.c.id.in_(members), S.entities.c.resolved.is_(True))))}
        return min(resolved) if resolved else members[0]

    # assertions ------------------------------------------------------------------------------------------------
    def evidence(
        self, subject: str | None = None, object: str | None = None, claimant: str | None = None,
        predicate: str | None = None, about: str | Collection[str] | None = None, doc_id: str | None = None,
        as_of: str | None = None, include_superseded: bool = False, ordered: bool = True,
    ) -> Iterator[Evidence]:
        """Assertions with their document facts, streamed; ids in filters are canonicalised.

        ``about`` takes one entity id or several (a whole frontier of a graph walk in one query). Superseded
        assertions are left out unless an analyst reviewed them (reviews survive re-extraction). Rows come oldest
        document first; ``ordered=False`` skips that sort for callers that only aggregate (graph walks).
        """
        a, d = S.assertions, S.documents
        stmt = select(a, d.c.published, d.c.outlet, d.c.url, d.c.title, d.c.name.label("doc_name")).join(
            d, d.c.id == a.c.doc_id).where(*self._table_filter("assertions"))
        if ordered:
            stmt = stmt.order_by(d.c.published_end, a.c.doc_id, a.c.span_start, a.c.id)
        for column, value in ((a.c.subject, subject), (a.c.object, object), (a.c.claimant, claimant)):
            if value:
                stmt = stmt.where(column.in_(self.cluster(value)))
        if about:
            ids = sorted({i for one in ([about] if isinstance(about, str) else about) for i in self.cluster(one)})
            stmt = stmt.where(or_(a.c.subject.in_(ids), a.c.object.in_(ids)))
        if predicate:
            stmt = stmt.where(a.c.predicate == predicate)
        if doc_id:
            stmt = stmt.where(a.c.doc_id == doc_id)
        if as_of:
            stmt = stmt.where(d.c.published_end <= _as_of(as_of))
        reviews = self._reviews_by_assertion
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=2000).execute(stmt)
            columns = list(result.keys())
            read = R.assertion_reader(columns)
            at = {name: i for i, name in enumerate(columns)}
            i_id, i_sup, i_pub, i_outlet, i_url, i_title, i_doc = (at[n] for n in (
                "id", "superseded_at", "published", "outlet", "url", "title", "doc_name"))
            for values in result:
                got = tuple(reviews.get(values[i_id], ()))
                if values[i_sup] and not include_superseded and not got:
                    continue
                yield Evidence(
                    assertion=self._canonical_assertion(read(values)), published=values[i_pub],
                    outlet=values[i_outlet], url=values[i_url], title=values[i_title], doc_name=values[i_doc],
                    reviews=got, superseded=values[i_sup] is not None,
                )

    def edge_rows(self, about: Collection[str], as_of: str | None = None) -> Iterator[tuple[Any, ...]]:
        """Light rows for graph walks: (id, subject, predicate, object, claimant, stance value, hedge, doc id).

        Only entity-to-entity assertions that count: literal objects, superseded assertions nobody reviewed and
        assertions an analyst rejected are left out, as :meth:`evidence` and the network rules do. No quote,
        outlet or date is read: a walk touches thousands of rows per query and reads full evidence only for
        what it shows.
        """
        a, d = S.assertions, S.documents
        ids = sorted({i for one in about for i in self.cluster(one)})
        reviews = self._reviews_by_assertion
        dropped = (Verdict.REJECT, Verdict.CORRECT)
        rejected = sorted(k for k, got in reviews.items() if any(r.verdict in dropped for r in got))
        stmt = select(a.c.id, a.c.subject, a.c.predicate, a.c.object, a.c.claimant, a.c.stance, a.c.hedge,
                      a.c.doc_id).where(
            a.c.object_literal.is_(False), or_(a.c.subject.in_(ids), a.c.object.in_(ids)),
            or_(a.c.superseded_at.is_(None), a.c.id.in_(sorted(reviews))), a.c.id.not_in(rejected),
            *self._table_filter("assertions"))
        if as_of:
            stmt = stmt.join(d, d.c.id == a.c.doc_id).where(d.c.published_end <= _as_of(as_of))
        with self.engine.connect() as conn:
            rows = conn.execute(stmt)
            if not self._clusters:
                yield from rows
                return
            canon = self.canonical
            for ident, subject, predicate, obj, claimant, stance, hedge, doc_id in rows:
                yield (ident, canon(subject), predicate, canon(obj), canon(claimant), stance, hedge, doc_id)

    def _canonical_assertion(self, assertion: Any) -> Any:
        if not self._clusters:
            return assertion
        from dataclasses import replace

        obj = assertion.object if assertion.object_literal else self.canonical(assertion.object)
        return replace(assertion, subject=self.canonical(assertion.subject), object=obj,
                       claimant=self.canonical(assertion.claimant))

    @cached_property
    def _reviews_by_assertion(self) -> dict[str, list[Review]]:
        """Reviews read once per view (a view is short-lived: one question, one request)."""
        grouped: dict[str, list[Review]] = defaultdict(list)
        for review in self.reviews():
            grouped[review.assertion_id].append(review)
        return grouped

    def assertion(self, assertion_id: str) -> Any:
        """One assertion by full id, its entities canonicalised as ``evidence`` gives them."""
        rows = self._all(select(S.assertions).where(S.assertions.c.id == assertion_id))
        if not rows:
            raise NotFound(f"no assertion has the id {assertion_id!r}", fix="copy an id from `veracity claims`")
        return self._canonical_assertion(R.row_assertion(rows[0]))

    def reviews(self, assertion_id: str | None = None) -> list[Review]:
        stmt = select(S.reviews).order_by(S.reviews.c.created_at).where(*self._table_filter("reviews"))
        if assertion_id:
            stmt = stmt.where(S.reviews.c.assertion_id == assertion_id)
        return [R.row_review(r) for r in self._all(stmt)]

    def unextracted(self, extractor: str, force: bool = False) -> list[str]:
        """Ids of documents that this extractor version has not read yet (all of them with ``force``).

        Documents written by the registry loader (curated sources) are never handed to the text extractor.
        """
        x = S.extractions.c
        curated = select(x.doc_id).where(x.extractor.startswith(CURATED_PREFIX))
        done = select(x.doc_id).where(x.extractor == extractor)
        stmt = select(S.documents.c.id).where(S.documents.c.id.not_in(curated)).order_by(S.documents.c.name)
        if not force:
            stmt = stmt.where(S.documents.c.id.not_in(done))
        return [r[0] for r in self._all(stmt)]

    def extraction_warnings(self) -> dict[str, list[str]]:
        """Warnings recorded per document by the extractors that read it."""
        found: dict[str, list[str]] = defaultdict(list)
        for row in self._all(select(S.extractions).where(*self._table_filter("extractions"))):
            found[row.doc_id].extend(row.warnings or [])
        return dict(found)

    # runs ------------------------------------------------------------------------------------------------------
    def run(self, prefix: str | None = None) -> dict[str, Any] | None:
        """The newest run whose id starts with ``prefix`` (the newest of all for ``None``) that this scope may see.

        Run ids begin with their start time, so "newest" is the primary key's order: the look-up walks that index
        from ``prefix`` on and reads one row, however many runs the store holds.
        """
        r = S.runs
        stmt = select(r).where(*self._table_filter("runs")).order_by(r.c.id.desc()).limit(1)
        if prefix:
            stmt = stmt.where(r.c.id >= prefix, r.c.id.startswith(prefix, autoescape=True))
        found = self._all(stmt)
        return dict(found[0]._mapping) if found else None

    def run_warnings(self, run_id: str, kind: str | None = None) -> list[dict[str, Any]]:
        """One run's warnings in the order met (optionally of one ``kind``), those this scope may see: an index
        range on the ``(run_id, seq)`` primary key, not a scan of every run's warnings."""
        w = S.run_warnings
        stmt = select(w).where(w.c.run_id == run_id, *self._table_filter("run_warnings")).order_by(w.c.seq)
        if kind is not None:
            stmt = stmt.where(w.c.kind == kind)
        return [dict(row._mapping) for row in self._all(stmt)]

    def outlets(self) -> dict[str, Outlet]:
        return {r.name: R.row_outlet(r) for r in self._all(select(S.outlets))}

    # housekeeping ----------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t).where(*self._table_filter(t.name)))
                    .scalar_one() for t in S.TABLES}

    def rows(self, table_name: str) -> Iterator[dict[str, Any]]:
        """Raw rows of a table by name, streamed in primary-key order (full-store export)."""
        table = S.metadata.tables[table_name]
        with self.engine.connect() as conn:
            stmt = select(table).order_by(*table.primary_key.columns).where(*self._table_filter(table_name))
            for row in conn.execution_options(yield_per=2000).execute(stmt):
                yield dict(row._mapping)

    def name(self, entity_id: str) -> str:
        """Display name of an entity or claimant id."""
        if is_author(entity_id):
            doc_id = entity_id.split(":", 1)[1]
            found = self._all(select(S.documents.c.outlet, S.documents.c.title, S.documents.c.name)
                              .where(S.documents.c.id == doc_id, *self._table_filter("documents")))
            if not found:
                return author_label(None, None, None, doc_id)
            return author_label(found[0].outlet, found[0].title, found[0].name, doc_id)
        if entity_id.startswith("registry:"):
            return f"registry ({entity_id.split(':', 1)[1]})"
        if is_analyst(entity_id):
            return f"analyst {entity_id.split(':', 1)[1]}"
        found = self._all(select(S.entities.c.name).where(S.entities.c.id == self.canonical(entity_id),
                                                          *self._table_filter("entities")))
        return found[0].name if found else entity_id


def _as_of(value: str) -> str:
    cleaned = clean_date(value)
    if cleaned is None:
        raise InvalidInput(f"cannot read the date {value!r}", fix="use YYYY, YYYY-MM or YYYY-MM-DD")
    return date_upper_bound(cleaned)
