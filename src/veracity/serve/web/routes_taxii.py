"""TAXII 2.1 inside ``veracity serve``: discovery, one API root, the caller's collections, their objects.

Read-only (``can_write: false``): peers pull with ``veracity pull``. Authentication is the team server's own
(``Authorization: Bearer vt_...``, checked by the middleware of ``auth.py``); what a collection holds is read
through the caller's scoped view, so it never holds a row the caller could not read on this server's pages.
Collections (``store/exchange.py``): ``community`` (CLEAR, GREEN), one per sharing group of the caller's
organisation, and one for the organisation's own documents; the embedded store has one, ``store``.

Objects are paged by document in date-added order: ``added_after`` (exclusive), ``limit`` (objects, at most
1000) and the opaque ``next`` cursor from the previous envelope; ``X-TAXII-Date-Added-First`` and ``-Last`` give
the date-added range of the page. ``match[id]`` and ``match[type]`` filter. Objects come from
``analyse/stix_share.py``.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from veracity.analyse.scale import stix_tables
from veracity.analyse.stix_share import document_objects, review_objects
from veracity.model.errors import InvalidInput, NotFound
from veracity.serve.web.auth import request_store
from veracity.store import exchange
from veracity.store.exchange import Shared, Shelf

MEDIA_TYPE = "application/taxii+json;version=2.1"
STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
NAMESPACE = uuid.UUID("0b6a5f7e-3c53-4d0e-9f55-8f4f6e1c2a71")
MAX_LIMIT = 1000
ACCEPTED = ("application/taxii+json", "application/json", "*/*")
router = APIRouter(prefix="/taxii2", tags=["taxii"])


def taxii(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    """A TAXII response (406 when the client accepts neither TAXII nor JSON)."""
    accept = request.headers.get("accept", "")
    if accept and not any(kind in accept for kind in ACCEPTED):
        return JSONResponse({"title": "Not Acceptable", "http_status": "406",
                             "description": f"this server answers {MEDIA_TYPE}"}, status_code=406,
                            media_type=MEDIA_TYPE)
    return JSONResponse(body, media_type=MEDIA_TYPE, headers=headers)


def collection_id(shelf: Shelf) -> str:
    """A collection's TAXII id: a UUID derived from its key, the same for every caller and every restart."""
    return str(uuid.uuid5(NAMESPACE, f"veracity:collection:{shelf.key}"))


def _title(shelf: Shelf) -> str:
    return {"community": "community (CLEAR, GREEN)", "store": "the whole store"}.get(
        shelf.key, f"{'sharing group' if shelf.kind == 'group' else 'organisation'} {shelf.name}")


def _collection(shelf: Shelf) -> dict[str, Any]:
    return {"id": collection_id(shelf), "title": _title(shelf), "alias": shelf.key.replace(":", "-"),
            "description": f"veracity reports and their lines: {_title(shelf)}", "can_read": True,
            "can_write": False, "media_types": [STIX_MEDIA_TYPE]}


def _shelf(request: Request, cid: str) -> Shelf:
    scope = request_store(request).scope
    for shelf in exchange.shelves(scope):
        if cid in (collection_id(shelf), shelf.key):
            return shelf
    raise NotFound(f"no collection {cid!r}", fix="list them at /taxii2/api/collections/")


def stamp(added: str) -> str:
    """A stored time as a TAXII timestamp (UTC, microseconds, ``Z``)."""
    return datetime.fromisoformat(added).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _when(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError:
        raise InvalidInput(f"cannot read the time {value!r}", fix="use RFC 3339, e.g. 2026-01-01T00:00:00Z") from None


def _cursor(token: str) -> tuple[str, str, int]:
    try:
        added, doc_id, index = json.loads(base64.urlsafe_b64decode(token.encode()))
        return str(added), str(doc_id), int(index)
    except (ValueError, TypeError):
        raise InvalidInput("the next cursor is not one this server gave", fix="start again without next") from None


def _encode(added: str, doc_id: str, index: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([added, doc_id, index]).encode()).decode()


def _entries(request: Request, shelf: Shelf, added_after: str | None,
             start: tuple[str, str, int] | None) -> Iterator[tuple[Shared, int, dict[str, Any]]]:
    """(document, index, object) for the collection's objects in order, from ``start`` on."""
    view = request_store(request).view()
    docs = exchange.shelf_documents(view, shelf)
    if added_after:
        after = _when(added_after)
        docs = [d for d in docs if _when(d.added) > after]
    author = stix_tables()["author"]["name"]
    for shared in docs:
        if start and (shared.added, shared.doc_id) < start[:2]:
            continue
        origin = shared.origin_org or shared.owner_org or author
        pkg = exchange.package_shared(view, shared)
        objects = document_objects(pkg, shared.tlp, origin, shared.stored or shared.added)
        objects += review_objects(pkg.reviews, shared.owner_org or author)
        for index, obj in enumerate(objects):
            if start and (shared.added, shared.doc_id) == start[:2] and index < start[2]:
                continue
            yield shared, index, obj


@router.get("/")
def discovery(request: Request) -> JSONResponse:
    """TAXII server discovery: one API root, ``/taxii2/api/``."""
    root = str(request.url_for("api_root"))
    return taxii(request, {"title": "veracity", "description": "Who says what about whom, as STIX 2.1 reports",
                           "default": root, "api_roots": [root]})


@router.get("/api/", name="api_root")
def api_root(request: Request) -> JSONResponse:
    """The API root's information."""
    return taxii(request, {"title": "veracity", "versions": [MEDIA_TYPE], "max_content_length": 0})


@router.get("/api/collections/")
def collections(request: Request) -> JSONResponse:
    """The collections the caller may read."""
    scope = request_store(request).scope
    return taxii(request, {"collections": [_collection(s) for s in exchange.shelves(scope)]})


@router.get("/api/collections/{cid}/")
def collection(request: Request, cid: str) -> JSONResponse:
    """One collection's information (404 for one the caller may not read, as for one that does not exist)."""
    return taxii(request, _collection(_shelf(request, cid)))


@router.get("/api/collections/{cid}/objects/")
def objects(request: Request, cid: str, added_after: Annotated[str | None, Query(max_length=40)] = None,
            limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
            next: Annotated[str | None, Query(max_length=2000)] = None,
            match_id: Annotated[str | None, Query(alias="match[id]", max_length=2000)] = None,
            match_type: Annotated[str | None, Query(alias="match[type]", max_length=500)] = None) -> JSONResponse:
    """A page of the collection's objects, in date-added order."""
    shelf = _shelf(request, cid)
    ids = set(match_id.split(",")) if match_id else None
    types = set(match_type.split(",")) if match_type else None
    page: list[tuple[Shared, dict[str, Any]]] = []
    seen: set[str] = set()
    more, cursor = False, None
    for shared, index, obj in _entries(request, shelf, added_after, _cursor(next) if next else None):
        if len(page) == limit:
            more, cursor = True, _encode(shared.added, shared.doc_id, index)
            break
        if (ids and obj["id"] not in ids) or (types and obj["type"] not in types) or obj["id"] in seen:
            continue
        seen.add(obj["id"])
        page.append((shared, obj))
    return _envelope(request, page, more, cursor)


@router.get("/api/collections/{cid}/objects/{object_id}/")
def get_object(request: Request, cid: str, object_id: str) -> JSONResponse:
    """Every version of one object in the collection (404 when it holds none)."""
    shelf = _shelf(request, cid)
    found = {json.dumps(obj, sort_keys=True): (shared, obj) for shared, _, obj in _entries(request, shelf, None, None)
             if obj["id"] == object_id}
    if not found:
        raise NotFound(f"no object {object_id!r} in this collection", fix="list the collection's objects")
    return _envelope(request, list(found.values()), False, None)


def _envelope(request: Request, page: list[tuple[Shared, dict[str, Any]]], more: bool,
              cursor: str | None) -> JSONResponse:
    body: dict[str, Any] = {"more": more}
    headers: dict[str, str] = {}
    if page:
        body["objects"] = [obj for _, obj in page]
        headers = {"X-TAXII-Date-Added-First": stamp(page[0][0].added),
                   "X-TAXII-Date-Added-Last": stamp(page[-1][0].added)}
    if cursor:
        body["next"] = cursor
    return taxii(request, body, headers)
