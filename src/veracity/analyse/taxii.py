"""``veracity pull``: read a peer's TAXII 2.1 collection with the maintained client (``taxii2-client``) and store
what it holds as the same documents and lines (``stix_share.py``).

What a pull keeps (docs/TEAM.md): the document id and every assertion id (recomputed, and refused when they do not
match the ids the peer sent), the organisation that first published each document (``origins``; a relay does not
become the origin), and the TLP it came under. Locally the rows are owned by the pulling organisation at that TLP,
shared with ``--share`` groups only when the TLP allows relaying (never AMBER+STRICT or RED). A peer's cursor
(``peers``) remembers the last date added read, so the next pull asks only for what is newer; a page boundary
within one second is read twice, which is harmless because every write is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import select
from taxii2client.exceptions import TAXIIServiceException
from taxii2client.v21 import ApiRoot, Collection, Server, as_pages

from veracity.analyse.stix_share import Reading, Received
from veracity.model.errors import ConfigError, InvalidInput
from veracity.model.records import Review
from veracity.store import Store, Writer, audit
from veracity.store import schema as S
from veracity.store.exchange import peer_cursor, record_origin, set_peer_cursor
from veracity.store.marking import Actor, Marking

NO_RELAY = ("AMBER+STRICT", "RED")
"""TLP labels whose rows are never shared on with a sharing group after a pull."""
PAGE = 200


class BearerAuth(requests.auth.AuthBase):
    """``Authorization: Bearer TOKEN`` on every request, and each response's headers handed to ``seen``."""

    def __init__(self, token: str, seen: Callable[[requests.Response], None]) -> None:
        self.token = token
        self.seen = seen

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self.token}"
        request.register_hook("response", lambda response, *a, **kw: self.seen(response))
        return request


@dataclass(slots=True)
class Pulled:
    """What a pull did: objects read, documents and assertions new here, lines refused, the peer's cursor."""

    url: str
    objects: int = 0
    documents: int = 0
    assertions: int = 0
    known: int = 0
    reviews: int = 0
    altered: int = 0
    foreign: int = 0
    added_last: str | None = None
    origins: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {"objects": self.objects, "documents": self.documents, "assertions": self.assertions,
                "reviews": self.reviews, "known": self.known, "altered": self.altered, "foreign": self.foreign}


def find_collection(url: str, wanted: str, auth: BearerAuth) -> Collection:
    """The collection ``wanted`` (its id, alias or title) at a discovery URL or an API root URL."""
    known = ""
    try:
        roots = [ApiRoot(url, auth=auth)] if url.rstrip("/").endswith("/api") else Server(url, auth=auth).api_roots
        for root in roots:
            for collection in root.collections:
                if wanted in (collection.id, collection.title, collection.alias):
                    return collection
            known = ", ".join(f"{c.id} ({c.title})" for c in root.collections)
    except (requests.RequestException, TAXIIServiceException) as exc:
        raise ConfigError(f"cannot read the TAXII server at {url}: {exc}",
                          fix="check the URL (…/taxii2/), the token and that the peer is running") from exc
    raise InvalidInput(f"no collection {wanted!r} at {url}", fix=f"choose one of: {known or 'none offered'}")


def pull(store: Store, url: str, collection: str, token: str, org: str | None = None,
         share: tuple[str, ...] = (), since: str | None = None, actor: Actor | None = None) -> Pulled:
    """Pull a peer's collection into ``store``; returns what was new. ``org`` owns the pulled rows here."""
    stamps: list[str] = []

    def seen(response: requests.Response) -> None:
        last = response.headers.get("X-TAXII-Date-Added-Last")
        if last:
            stamps.append(last)

    auth = BearerAuth(token, seen)
    found = find_collection(url, collection, auth)
    with store.engine.connect() as conn:
        cursor = since or peer_cursor(conn, found.url)
    reading, done = Reading(), Pulled(found.url)
    after = _before(cursor) if cursor else None
    try:
        for envelope in as_pages(found.get_objects, per_request=PAGE, **({"added_after": after} if after else {})):
            for obj in envelope.get("objects", []):
                done.objects += 1
                reading.add(obj)
    except (requests.RequestException, TAXIIServiceException) as exc:
        raise ConfigError(f"cannot read the collection {found.url}: {exc}", fix="check the token and the peer") from exc
    done.foreign = reading.foreign
    done.added_last = max(stamps, default=None)
    for received in reading.documents():
        _write(store, received, org, share, found.url, actor, done)
    with store.writer() as w:
        set_peer_cursor(w.connection, found.url, done.added_last, done.counts())
        who = actor or Actor("cli")
        audit.record(w.connection, who.user, "pull", found.url, org=who.org, remote=who.remote, detail=done.counts())
    return done


def _new_review(w: Writer, review: Review) -> int:
    """Store a pulled review unless it is here already (same id: same line, verdict, note, reviewer and time)."""
    if w.connection.execute(select(S.reviews.c.id).where(S.reviews.c.id == review.id)).first():
        return 0
    w.add_review(review)
    return 1


def _before(stamp: str) -> str:
    """One second before a TAXII timestamp (the peer stores seconds; see the module docstring)."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(UTC) - timedelta(seconds=1)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _write(store: Store, received: Received, org: str | None, share: tuple[str, ...], via: str,
           actor: Actor | None, done: Pulled) -> None:
    """One document and its lines in one transaction, marked for ``org`` at the TLP it came under."""
    pkg = received.package
    done.altered += received.altered
    groups = () if received.tlp in NO_RELAY else share
    marking = Marking(org, received.tlp, groups) if org else None
    scoped: Any = store.acting(actor or Actor("cli", org), marking)
    with scoped.writer() as w:
        for entity in pkg.entities:
            w.add_entity(entity)
        for alias in pkg.aliases:
            w.add_alias(alias)
        new = w.add_document(pkg.document)
        for mention in pkg.mentions:
            w.add_mention(mention)
        added = w.add_assertions(pkg.assertions)
        for extractor in sorted({a.extractor for a in pkg.assertions}):
            w.add_extraction(pkg.document.id, extractor, [])  # read by that version: not re-read here
        record_origin(w.connection, pkg.document.id, received.origin_org, via, received.tlp)
        for review, tlp in received.reviews:  # each under its own TLP, never relayed when that forbids it
            mark = Marking(org, tlp, () if tlp in NO_RELAY else share) if org else None
            done.reviews += _new_review(Writer(w.connection, mark, actor or Actor("cli", org)), review)
    done.documents += int(new)
    done.known += int(not new)
    done.assertions += added
    done.origins[received.origin_org] = done.origins.get(received.origin_org, 0) + 1
