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
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from veracity.model.errors import NotFound
from veracity.model.records import Alias, Assertion, Document, Entity, Mention
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
    """A document of a collection: when it was added here, its marking, and who first published it."""

    doc_id: str
    added: str
    tlp: str
    owner_org: str | None
    origin_org: str | None


def shelves(scope: Scope | None) -> list[Shelf]:
    """The collections a reader may read (the embedded store has one, the whole store)."""
    if scope is None:
        return [Shelf("store")]
    return [Shelf("community"), *(Shelf(f"group:{g}") for g in sorted(scope.groups)), Shelf(f"org:{scope.org}")]


def shelf_documents(view: View, shelf: Shelf) -> list[Shared]:
    """The documents of a collection the view's reader may see, in date-added order (then id); a collection that is
    not the reader's is the same :class:`NotFound` as one that does not exist."""
    shelf = shelf_of(view.scope, shelf.key)
    d, m, g, o = S.documents, S.markings, S.marking_groups, S.origins
    stmt = (select(d.c.id, d.c.ingested_at, m.c.tlp, m.c.owner_org, m.c.updated_at, o.c.origin_org, o.c.received_at)
            .select_from(d.outerjoin(m, and_(m.c.kind == "document", m.c.ident == d.c.id))
                         .outerjoin(o, o.c.doc_id == d.c.id))
            .where(*view.visibility.filter("documents")))
    if shelf.kind == "community":
        stmt = stmt.where(or_(m.c.tlp.is_(None), m.c.tlp.in_(EVERYONE)))
    elif shelf.kind == "group":
        grouped = select(g.c.ident).where(g.c.kind == "document", g.c.group_name == shelf.name)
        stmt = stmt.where(m.c.tlp.in_((*EVERYONE, *GROUPED)), d.c.id.in_(grouped))
    elif shelf.kind == "org":
        stmt = stmt.where(m.c.owner_org == shelf.name)
    with view.engine.connect() as conn:
        found = [Shared(r.id, max(filter(None, (r.received_at or r.ingested_at, r.updated_at))), r.tlp or "CLEAR",
                        r.owner_org, r.origin_org) for r in conn.execute(stmt)]
    return sorted(found, key=lambda s: (s.added, s.doc_id))


def shelf_of(scope: Scope | None, key: str) -> Shelf:
    """A collection the reader may read, by key; the same :class:`NotFound` for one that does not exist."""
    for shelf in shelves(scope):
        if shelf.key == key:
            return shelf
    raise NotFound(f"no collection {key!r}", fix="list them at /taxii2/api/collections/")


@dataclass(frozen=True, slots=True)
class Package:
    """A document as it travels: its text, its current assertions and mentions as stored (ids not canonicalised,
    so the receiver recomputes the very same content ids), and the entities and aliases they name."""

    document: Document
    assertions: list[Assertion]
    mentions: list[Mention]
    entities: list[Entity]
    aliases: list[Alias]


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
