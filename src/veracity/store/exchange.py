"""Exchange between servers, on the storage side: what a TAXII collection holds, where a pulled document came
from, and how far each peer collection has been read.

A collection is a set of documents chosen by their marking, read through a scoped ``View`` so it can never hold
what the caller may not see. The collections of a reader (see docs/TEAM.md):

- ``community``: CLEAR and GREEN documents (and unmarked ones, which count as CLEAR);
- ``group:<name>``: documents shared with that sharing group (never RED: RED ignores groups);
- ``org:<name>``: everything the reader's own organisation owns.

Each document has a *date added* on this server: when it was stored (or received) or, if later, when its marking
last changed (so a document re-marked into a group enters that group's collection then). TAXII's ``added_after``
pages on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, insert, or_, select, update

from veracity.model.errors import NotFound
from veracity.model.records import Alias, Assertion, Document, Entity, Mention, Review
from veracity.store import rows as R
from veracity.store import schema as S
from veracity.store.marking import EVERYONE, GROUPED, Scope
from veracity.store.view import View


@dataclass(frozen=True, slots=True)
class Shelf:
    """One collection: its key (``community``, ``group:ab``, ``org:B``, or ``store`` on the embedded store)."""

    key: str

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(":", 1)[1] if ":" in self.key else self.key


@dataclass(frozen=True, slots=True)
class Shared:
    """A document of a collection: when it was added to the collection, its marking, who first published it, and
    the reviews of its lines that travel in this collection.

    ``added`` is the collection's date added: the document's own or, if later, that of its newest review in the
    collection (so a review written after a peer's last pull is offered on the next one); ``stored`` is the
    document's own, used as its objects' ``created`` time so re-reading gives the same objects."""

    doc_id: str
    added: str
    tlp: str
    owner_org: str | None
    origin_org: str | None
    stored: str = ""
    reviews: tuple[str, ...] = ()


def shelves(scope: Scope | None) -> list[Shelf]:
    """The collections a reader may read (the embedded store has one, the whole store)."""
    if scope is None:
        return [Shelf("store")]
    return [Shelf("community"), *(Shelf(f"group:{g}") for g in sorted(scope.groups)), Shelf(f"org:{scope.org}")]


def _on_shelf(shelf: Shelf, kind: str, ident: Any) -> list[ColumnElement[bool]]:
    """The conditions a row of ``kind`` (joined to its marking as ``markings``) meets to be in a collection: the
    same rule for documents and reviews, so a review is shared exactly as a document with its marking would be."""
    m, g = S.markings, S.marking_groups
    if shelf.kind == "community":
        return [or_(m.c.tlp.is_(None), m.c.tlp.in_(EVERYONE))]
    if shelf.kind == "group":
        grouped = select(g.c.ident).where(g.c.kind == kind, g.c.group_name == shelf.name)
        return [m.c.tlp.in_((*EVERYONE, *GROUPED)), ident.in_(grouped)]
    if shelf.kind == "org":
        return [m.c.owner_org == shelf.name]
    return []


def _documents(view: View, conditions: list[ColumnElement[bool]]) -> dict[str, Shared]:
    d, m, o = S.documents, S.markings, S.origins
    stmt = (select(d.c.id, d.c.ingested_at, m.c.tlp, m.c.owner_org, m.c.updated_at, o.c.origin_org, o.c.received_at)
            .select_from(d.outerjoin(m, and_(m.c.kind == "document", m.c.ident == d.c.id))
                         .outerjoin(o, o.c.doc_id == d.c.id))
            .where(*view.visibility.filter("documents"), *conditions))
    with view.engine.connect() as conn:
        found = {}
        for r in conn.execute(stmt):
            added = max(filter(None, (r.received_at or r.ingested_at, r.updated_at)))
            found[r.id] = Shared(r.id, added, r.tlp or "CLEAR", r.owner_org, r.origin_org, added)
        return found


def _reviews(view: View, shelf: Shelf) -> dict[str, list[tuple[str, str]]]:
    """The reviews of the collection, by document: (review id, date added), for current lines the reader sees."""
    r, a, m = S.reviews, S.assertions, S.markings
    stmt = (select(r.c.id, r.c.created_at, a.c.doc_id, m.c.updated_at)
            .select_from(r.join(a, a.c.id == r.c.assertion_id)
                         .outerjoin(m, and_(m.c.kind == "review", m.c.ident == r.c.id)))
            .where(a.c.superseded_at.is_(None), *view.visibility.filter("reviews"),
                   *view.visibility.filter("assertions"), *_on_shelf(shelf, "review", r.c.id)))
    found: dict[str, list[tuple[str, str]]] = {}
    with view.engine.connect() as conn:
        for row in conn.execute(stmt):
            found.setdefault(row.doc_id, []).append((row.id, max(filter(None, (row.created_at, row.updated_at)))))
    return found


def shelf_documents(view: View, shelf: Shelf) -> list[Shared]:
    """The documents of a collection the view's reader may see, in date-added order (then id); a collection that is
    not the reader's is the same :class:`NotFound` as one that does not exist.

    A document is in a collection by its own marking, or because a review of one of its lines is (the document
    then travels under its own marking, which the reader may see, so the receiver can hold the reviewed line)."""
    shelf = shelf_of(view.scope, shelf.key)
    docs = _documents(view, _on_shelf(shelf, "document", S.documents.c.id))
    reviews = _reviews(view, shelf)
    missing = sorted(set(reviews) - set(docs))
    for chunk in range(0, len(missing), 500):
        docs.update(_documents(view, [S.documents.c.id.in_(missing[chunk:chunk + 500])]))
    found = []
    for doc_id, shared in docs.items():
        mine = sorted(reviews.get(doc_id, []), key=lambda x: (x[1], x[0]))
        in_shelf = doc_id not in missing
        added = max([shared.added] * in_shelf + [when for _, when in mine])
        found.append(replace(shared, added=added, reviews=tuple(ident for ident, _ in mine)))
    return sorted(found, key=lambda s: (s.added, s.doc_id))


def shelf_of(scope: Scope | None, key: str) -> Shelf:
    """A collection the reader may read, by key; the same :class:`NotFound` for one that does not exist."""
    for shelf in shelves(scope):
        if shelf.key == key:
            return shelf
    raise NotFound(f"no collection {key!r}", fix="list them at /taxii2/api/collections/")


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A review as it travels: the review and its marking here (its organisation, TLP and groups)."""

    review: Review
    tlp: str
    owner_org: str | None


def reviewed(view: View, ids: Iterable[str]) -> list[Reviewed]:
    """The reviews with these ids the view's reader may see, with their markings, oldest first."""
    r, m = S.reviews, S.markings
    wanted = sorted(set(ids))
    stmt = (select(r, m.c.tlp, m.c.owner_org).select_from(
        r.outerjoin(m, and_(m.c.kind == "review", m.c.ident == r.c.id)))
        .where(r.c.id.in_(wanted), *view.visibility.filter("reviews")).order_by(r.c.created_at, r.c.id))
    with view.engine.connect() as conn:
        return [Reviewed(R.row_review(row), row.tlp or "CLEAR", row.owner_org) for row in conn.execute(stmt)] \
            if wanted else []


@dataclass(frozen=True, slots=True)
class Package:
    """A document as it travels: its text, its current assertions and mentions as stored (ids not canonicalised,
    so the receiver recomputes the very same content ids), and the entities and aliases they name."""

    document: Document
    assertions: list[Assertion]
    mentions: list[Mention]
    entities: list[Entity]
    aliases: list[Alias]
    reviews: list[Reviewed] = field(default_factory=list)


def package(view: View, doc_id: str) -> Package:
    """Everything of one visible document a peer needs to hold the same lines (superseded ones stay home)."""
    a, mt, e, al = S.assertions, S.mentions, S.entities, S.aliases
    doc = view.document(doc_id)
    with view.engine.connect() as conn:
        lines = [R.row_assertion(r) for r in conn.execute(
            select(a).where(a.c.doc_id == doc.id, a.c.superseded_at.is_(None), *view.visibility.filter("assertions"))
            .order_by(a.c.span_start, a.c.id))]
        mentions = [R.row_mention(r) for r in conn.execute(
            select(mt).where(mt.c.doc_id == doc.id).order_by(mt.c.start, mt.c.id))]
        named = sorted({m.entity_id for m in mentions} | {x.subject for x in lines} | {x.claimant for x in lines}
                       | {x.object for x in lines if not x.object_literal})
        entities = [R.row_entity(r) for r in conn.execute(
            select(e).where(e.c.id.in_(named), *view.visibility.filter("entities")).order_by(e.c.id))]
        kept = [x.id for x in entities]
        aliases = [R.row_alias(r) for r in conn.execute(
            select(al).where(al.c.entity_id.in_(kept), *view.visibility.filter("aliases"))
            .order_by(al.c.entity_id, al.c.surface))]
    return Package(doc, lines, mentions, entities, aliases)


def package_shared(view: View, shared: Shared) -> Package:
    """:func:`package` with the reviews that travel in the collection this document was listed in."""
    return replace(package(view, shared.doc_id), reviews=reviewed(view, shared.reviews))


def record_origin(conn: Connection, doc_id: str, origin_org: str, via: str, tlp: str) -> bool:
    """Remember who first published a pulled document and where it came from; the first receipt wins."""
    if conn.execute(select(S.origins.c.doc_id).where(S.origins.c.doc_id == doc_id)).first():
        return False
    conn.execute(insert(S.origins).values(doc_id=doc_id, origin_org=origin_org, via=via, tlp=tlp,
                                          received_at=R.now()))
    return True


def origins(conn: Connection, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The origin rows of documents (pulled ones only)."""
    ids = sorted(set(doc_ids))
    found: dict[str, dict[str, Any]] = {}
    for chunk in range(0, len(ids), 500):
        rows = conn.execute(select(S.origins).where(S.origins.c.doc_id.in_(ids[chunk:chunk + 500])))
        found.update({r.doc_id: dict(r._mapping) for r in rows})
    return found


def peer_cursor(conn: Connection, url: str) -> str | None:
    """How far a peer collection was read (its last X-TAXII-Date-Added-Last), or ``None`` before the first pull."""
    row = conn.execute(select(S.peers.c.added_last).where(S.peers.c.url == url)).first()
    return row[0] if row else None


def set_peer_cursor(conn: Connection, url: str, added_last: str | None, counts: dict[str, int]) -> None:
    """Move a peer's cursor forward (never back: an empty pull keeps the old one)."""
    old = conn.execute(select(S.peers.c.added_last).where(S.peers.c.url == url)).first()
    values = {"pulled_at": R.now(), "counts": counts}
    if old is None:
        conn.execute(insert(S.peers).values(url=url, added_last=added_last, **values))
        return
    newest = max(filter(None, (old[0], added_last)), default=None)
    conn.execute(update(S.peers).where(S.peers.c.url == url).values(added_last=newest, **values))
