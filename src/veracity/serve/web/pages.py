"""The analyst's pages: server-rendered from the same calls as the API, enhanced by scripts served from the app.

Every list is paged, sortable and filterable through its query string (the same parameters as its API twin),
and every actor, document, proposition and event links to the others.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from veracity.model.errors import VeracityError
from veracity.serve.web import documents as docs
from veracity.serve.web import queries as q
from veracity.serve.web import routes_api as api
from veracity.serve.web.deps import AsOf, DateFrom, DateTo, Name, PagingDep, StoreDep, ViewDep
from veracity.serve.web.listing import page
from veracity.serve.web.render import reader_pieces, render, segment
from veracity.serve.web.security import csrf_ok, forbidden
from veracity.store import summary

router = APIRouter(include_in_schema=False)


def error_page(request: Request, status: int, body: dict[str, Any]) -> HTMLResponse:
    """The HTML twin of the JSON error shape."""
    return render(request, "error.html", status=status, error=body)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, v: ViewDep) -> HTMLResponse:
    """Counts, latest events, the most contested propositions, surges, and the search box."""
    from veracity.analyse.surges import surges_of

    events = sorted(summary.events(v), key=lambda e: e["date"] or "", reverse=True)[:10]
    props = q.propositions(v)
    contested = sorted(props, key=lambda p: (-p["contested"], -p["reports"], p["statement"]))[:10]
    surging = [s for s in surges_of(v, "actor").series if s.surges][:10]
    return render(request, "overview.html", counts=v.counts(), events=events, contested=contested,
                  surging=surging, propositions=len(props))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, v: ViewDep, q_: Annotated[Name, Query(alias="q")] = None) -> HTMLResponse:
    query = q_ or ""
    return render(request, "search.html", q=query, hits=docs.search(v, query) if query.strip() else None)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, v: ViewDep, paging: PagingDep, q_: Annotated[Name, Query(alias="q")] = None
           ) -> HTMLResponse:
    return render(request, "actors.html", result=api.actors(v, paging, False, q_), q=q_ or "")


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor(request: Request, v: ViewDep, key: str) -> HTMLResponse:
    profile = q.actor(v, key)
    try:
        net: dict[str, Any] | None = q.network(v, profile["id"])
    except VeracityError:  # an entity with no edges has no ego network; the page says so
        net = None
    return render(request, "actor.html", actor=profile, net=net)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, v: ViewDep, paging: PagingDep, about: Name = None, by: Name = None,
           predicate: Name = None, stance: Name = None, min_grade: Annotated[Name, Query(alias="min-grade")] = None,
           date_from: DateFrom = None, date_to: DateTo = None, as_of: AsOf = None) -> HTMLResponse:
    result = api.claims(v, paging, about, by, predicate, stance, min_grade, date_from, date_to, as_of)
    filters = {"about": about, "by": by, "predicate": predicate, "stance": stance, "min-grade": min_grade,
               "from": date_from, "to": date_to, "as-of": as_of}
    return render(request, "claims.html", result=result, filters=filters)


@router.get("/propositions", response_class=HTMLResponse)
def propositions(request: Request, v: ViewDep, paging: PagingDep, about: Name = None, as_of: AsOf = None
                 ) -> HTMLResponse:
    result = page(q.propositions(v, about=about, as_of=as_of), paging, api.PROPOSITION_SORTS)
    return render(request, "propositions.html", result=result, about=about or "", as_of=as_of or "")


@router.get("/propositions/{ident}", response_class=HTMLResponse)
def proposition(request: Request, v: ViewDep, ident: str, as_of: AsOf = None) -> HTMLResponse:
    return render(request, "proposition.html", p=q.proposition(v, ident, as_of=as_of), as_of=as_of or "")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, v: ViewDep, paging: PagingDep, type: Name = None, place: Name = None,
           date_from: DateFrom = None, date_to: DateTo = None) -> HTMLResponse:
    result = api.events(v, paging, type, place, date_from, date_to)
    filters = {"type": type, "place": place, "from": date_from, "to": date_to}
    return render(request, "events.html", result=result, filters=filters)


@router.get("/events/{key:path}", response_class=HTMLResponse)
def event(request: Request, v: ViewDep, key: str, as_of: AsOf = None) -> HTMLResponse:
    return render(request, "event.html", e=q.event(v, key, as_of=as_of), as_of=as_of or "")


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, v: ViewDep, paging: PagingDep) -> HTMLResponse:
    return render(request, "documents.html", result=api.documents(v, paging, None))


@router.get("/documents/{key}", response_class=HTMLResponse)
def document(request: Request, v: ViewDep, key: str) -> HTMLResponse:
    doc = docs.document(v, key)
    return render(request, "document.html", doc=doc, pieces=reader_pieces(doc))


@router.post("/reviews", response_class=HTMLResponse)
def review(request: Request, store: StoreDep, assertion_id: Annotated[str, Form(max_length=64)],
           verdict: Annotated[str, Form(max_length=10)], doc: Annotated[str, Form(max_length=64)],
           csrf: Annotated[str, Form(max_length=100)] = "", note: Annotated[str, Form(max_length=2000)] = ""
           ) -> Response:
    """The reader's confirm / reject / correct buttons: record the review, then back to the same claim."""
    if not csrf_ok(request, csrf):
        return forbidden("the form's token did not match", "reload the page and submit the form again")
    from veracity.store.review import record_review

    made = record_review(store, assertion_id, verdict, note)
    doc_key = store.view().document(doc).id
    return RedirectResponse(f"/documents/{segment(doc_key)}?reviewed={made.verdict.value}#a-{made.assertion_id}",
                            status_code=303)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, v: ViewDep, name: Name = None, depth: int = 1,
            min_grade: Annotated[Name, Query(alias="min-grade")] = None, as_of: AsOf = None,
            predicate: Name = None, claimant: Name = None) -> HTMLResponse:
    net = q.network(v, name, depth=min(max(depth, 1), 3), min_grade=min_grade, as_of=as_of, predicate=predicate,
                    claimant=claimant) if name else None
    filters = {"name": name, "depth": depth, "min-grade": min_grade, "as-of": as_of, "predicate": predicate,
               "claimant": claimant}
    return render(request, "network.html", net=net, filters=filters)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, v: ViewDep) -> HTMLResponse:
    from veracity.analyse.places import places as locate

    report = locate(v)
    return render(request, "map.html", located=report.located, unlocated=len(report.unlocated))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, v: ViewDep, actor: Name = None, place: Name = None, date_from: DateFrom = None,
             date_to: DateTo = None) -> HTMLResponse:
    entries = q.timeline(v, actor, place, date_from, date_to)
    filters = {"actor": actor, "place": place, "from": date_from, "to": date_to}
    return render(request, "timeline.html", entries=entries, filters=filters)
