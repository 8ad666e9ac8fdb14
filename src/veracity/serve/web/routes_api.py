"""The JSON API under ``/api``: one route per CLI command, each a docstring, its arguments and one library call."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from veracity.serve.web import documents as docs
from veracity.serve.web import gradecache
from veracity.serve.web import models as M
from veracity.serve.web import queries as q
from veracity.serve.web.deps import AsOf, DateFrom, DateTo, Name, PagingDep, SettingsDep, ViewDep, extractor
from veracity.serve.web.listing import page
from veracity.serve.web.uploads import EXPORTS, export_file, ingest_uploads

ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": M.Error}, 404: {"model": M.Error}, 422: {"model": M.Error}}
router = APIRouter(prefix="/api", responses=ERRORS)
ACTOR_SORTS, PROPOSITION_SORTS, EVENT_SORTS, DOCUMENT_SORTS = (q.ACTOR_SORTS, q.PROPOSITION_SORTS, q.EVENT_SORTS,
                                                                q.DOCUMENT_SORTS)


@router.get("/actors", response_model=M.ActorPage, tags=["actors"])
def actors(v: ViewDep, paging: PagingDep, all: bool = False, q_: Annotated[Name, Query(alias="q")] = None,
           type: Name = None) -> dict[str, Any]:
    """Actors with merged aliases and mention counts (``veracity actors``); ``q`` filters by name or alias."""
    return page(q.actors(v, include_unmentioned=all, q=q_, type=type), paging, ACTOR_SORTS)


@router.get("/actors/{key}", tags=["actors"])
def actor(v: ViewDep, key: str) -> dict[str, Any]:
    """One actor: aliases with origin, claims about and by it with quotes, the events it has a role in."""
    return q.actor(v, key)


@router.get("/claims", response_model=M.ClaimPage, tags=["claims"])
def claims(v: ViewDep, paging: PagingDep, about: Name = None, by: Name = None, predicate: Name = None,
           stance: Name = None, min_grade: Annotated[Name, Query(alias="min-grade")] = None,
           date_from: DateFrom = None, date_to: DateTo = None, as_of: AsOf = None, outlet: Name = None
           ) -> dict[str, Any]:
    """Attributed claims (``veracity claims``) filtered, sorted (``sort=-probability``) and paged."""
    rows = q.claims(v, about=about, by=by, predicate=predicate, stance=stance, min_grade=min_grade,
                    date_from=date_from, date_to=date_to, as_of=as_of, outlet=outlet)
    return page(rows, paging, q.CLAIM_SORTS)


@router.get("/propositions", response_model=M.PropositionPage, tags=["assessment"])
def propositions(v: ViewDep, paging: PagingDep, about: Name = None, as_of: AsOf = None) -> dict[str, Any]:
    """Every graded proposition (``veracity assess``), best supported first unless sorted otherwise."""
    return page(q.propositions(v, about=about, as_of=as_of), paging, PROPOSITION_SORTS)


@router.get("/propositions/{ident}", tags=["assessment"])
def proposition(v: ViewDep, ident: str, as_of: AsOf = None) -> dict[str, Any]:
    """A grade's reasoning (``veracity explain``): factors, independent lines with quotes, why reports merged."""
    return q.proposition(v, ident, as_of=as_of)


@router.get("/events", response_model=M.EventPage, tags=["events"])
def events(v: ViewDep, paging: PagingDep, type: Name = None, place: Name = None, date_from: DateFrom = None,
           date_to: DateTo = None, perpetrator: Name = None) -> dict[str, Any]:
    """Events with date, place, casualties and who is said to be behind them (``veracity events``)."""
    return page(q.events(v, type=type, place=place, date_from=date_from, date_to=date_to, perpetrator=perpetrator),
                paging, EVENT_SORTS)


@router.get("/events/{key}", tags=["events"])
def event(v: ViewDep, key: str, as_of: AsOf = None) -> dict[str, Any]:
    """One event: figures per source, who claimed / was accused / denied over time, and the ACH matrix."""
    return q.event(v, key, as_of=as_of)


@router.get("/network", response_model=M.Network, tags=["network"])
def network(v: ViewDep, name: Annotated[str, Query(max_length=200)],
            depth: Annotated[int, Query(ge=1, le=3)] = 1,
            min_grade: Annotated[Name, Query(alias="min-grade")] = None, as_of: AsOf = None,
            predicate: Name = None, claimant: Name = None) -> dict[str, Any]:
    """The ego network of an entity (``veracity network``): claims apart from settled relations, graded."""
    return q.network(v, name, depth=depth, min_grade=min_grade, as_of=as_of, predicate=predicate,
                     claimant=claimant)


@router.get("/path", tags=["network"])
def path(v: ViewDep, a: Annotated[str, Query(max_length=200)], b: Annotated[str, Query(max_length=200)],
         max_len: Annotated[int, Query(alias="max-len", ge=1, le=4)] = 3, as_of: AsOf = None
         ) -> list[dict[str, Any]]:
    """The chains linking two entities (``veracity path``), each hop with its edges and support."""
    return q.paths(v, a, b, max_len, as_of)


@router.get("/timeline", tags=["events"])
def timeline(v: ViewDep, actor: Name = None, place: Name = None, date_from: DateFrom = None,
             date_to: DateTo = None) -> list[dict[str, Any]]:
    """Events in date order with casualty figures and their sources, attributions and denials over time."""
    return q.timeline(v, actor, place, date_from, date_to)


@router.get("/places", tags=["events"])
def places(v: ViewDep) -> dict[str, Any]:
    """Every located place and event as a GeoJSON FeatureCollection (``veracity places --geojson``)."""
    from veracity.analyse.places import places as locate

    return locate(v).feature_collection()


@router.get("/documents", response_model=M.DocumentPage, tags=["documents"])
def documents(v: ViewDep, paging: PagingDep, as_of: AsOf = None, outlet: Name = None, date_from: DateFrom = None,
              date_to: DateTo = None, q_: Annotated[Name, Query(alias="q")] = None) -> dict[str, Any]:
    """Stored documents (``veracity documents``), filtered by outlet, publication dates and name or title."""
    return page(docs.documents(v, as_of, outlet=outlet, date_from=date_from, date_to=date_to, q=q_), paging,
                DOCUMENT_SORTS)


@router.get("/documents/{key}", response_model=M.DocumentFull, tags=["documents"])
def document(v: ViewDep, key: str) -> dict[str, Any]:
    """A document's text with every mention, event and claim, each with character offsets into the text."""
    return docs.document(v, key)


@router.get("/search", response_model=M.SearchResult, tags=["documents"])
def search(v: ViewDep, q_: Annotated[str, Query(alias="q", max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Full text over documents, and names, aliases and quotes of actors and claims; every hit has a ``url``."""
    return docs.search(v, q_, limit)


@router.post("/reviews", response_model=M.ReviewOut, status_code=201, tags=["assessment"],
             responses={403: {"model": M.Error}})
def review(request: Request, body: M.ReviewIn) -> dict[str, Any]:
    """Record an analyst's verdict (``veracity review``); the reply carries the proposition's grade after it.
    On a team server the reviewer is the signed-in user (a body naming anyone else is refused with 403) and the
    review is marked ``tlp`` (AMBER unless given) for the ``share`` groups."""
    from veracity.serve.web.auth import author, request_store
    from veracity.store.review import record_review

    reviewer = author(request, body.reviewer, "analyst")
    store = request_store(request, body.tlp, tuple(body.share))
    made = record_review(store, body.assertion_id, body.verdict, body.note, reviewer,
                         {str(k): v for k, v in body.correction.items()} if body.correction else None)
    gradecache.touched()
    view = store.view()
    out: dict[str, Any] = {"assertion_id": made.assertion_id, "verdict": made.verdict.value, "note": made.note,
                           "reviewer": made.reviewer, **q.graded(view, made.assertion_id)}
    if made.correction:
        new = made.correction["superseded_by"]
        after = q.graded(view, new)
        out.update(corrected_assertion=new, corrected_proposition=after["proposition"],
                   corrected_grade=after["grade"])
    return out


@router.post("/judgements", response_model=M.JudgementOut, status_code=201, tags=["assessment"],
             responses={403: {"model": M.Error}})
def judge(request: Request, body: M.JudgementIn) -> dict[str, Any]:
    """Record an analyst's own judgement of a proposition (``veracity judge``): agree, disagree or uncertain,
    stored as the analyst's line; the reply carries the proposition's grade with it. On a team server the
    analyst and organisation are the signed-in user's (403 for others) and the line is marked ``tlp`` for
    ``share``."""
    from veracity.assess.judge import judge as record
    from veracity.serve.web.auth import author, author_org, request_store

    analyst = author(request, body.analyst, "analyst", "analyst")
    organisation = author_org(request, body.organisation)
    store = request_store(request, body.tlp, tuple(body.share))
    prop, made = record(store, body.proposition, body.verdict, body.note, analyst, organisation)
    gradecache.touched()
    return {"proposition": prop.id, "verdict": body.verdict, "assertion_id": made.id, "analyst": analyst,
            "note": body.note, "grade": q.grade_of(store.view(), prop.id)}


@router.post("/ingest", response_model=M.IngestOut, tags=["documents"])
def ingest(request: Request, settings: SettingsDep, files: Annotated[list[UploadFile], File()],
           extract: bool = True, tlp: Annotated[str | None, Query(max_length=20)] = None,
           share: Annotated[list[str], Query(max_length=50)] = []) -> dict[str, Any]:  # noqa: B006
    """Ingest uploaded files (``veracity ingest``): each is read, extracted and stored; bad files are listed.
    On a team server new documents belong to your organisation, marked ``tlp`` (AMBER unless given) and shared
    with the ``share`` groups."""
    from veracity.serve.web.auth import request_store

    store = request_store(request, tlp, tuple(share))
    try:
        return ingest_uploads(store, settings, files, extractor(request) if extract else None)
    finally:
        gradecache.touched()


@router.get("/export/{fmt}", response_class=FileResponse, tags=["documents"])
def export(request: Request, v: ViewDep, fmt: str, about: Name = None) -> FileResponse:
    """The store (or what concerns ``about``) as a file: stix, graphml, gexf, csv (zip), jsonl or store."""
    from veracity.serve.web.auth import audit_export

    folder = Path(tempfile.mkdtemp(prefix="veracity-export-"))
    made = export_file(v, fmt, folder, about)
    audit_export(request, fmt, about)
    return FileResponse(made, filename=made.name, media_type=EXPORTS.get(fmt, "application/octet-stream"),
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))
