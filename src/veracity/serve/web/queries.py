"""The questions the API and the pages ask of a store, each one call into the library the CLI uses.

Claims come from ``veracity.store.summary`` (the rows ``veracity claims --json`` prints) with the ids a link
needs added; grades from ``veracity.assess``; networks, paths, timelines and places from ``veracity.analyse``.
Nothing here builds SQL or HTML.
"""

from __future__ import annotations

import weakref
from functools import cache
from typing import Any, cast

from veracity.analyse import network as nw
from veracity.analyse.scale import word_floor
from veracity.analyse.timeline import Entry, in_range
from veracity.analyse.timeline import timeline as build_timeline
from veracity.assess import ach_view, explanation
from veracity.assess.propositions import proposition_id
from veracity.assess.service import namer
from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import EntityKind, Evidence, Stance
from veracity.serve.web import gradecache
from veracity.serve.web.listing import contains, equals, where
from veracity.store import View, summary
from veracity.store.summary import ROLE_PREDICATES

CLAIM_SORTS = ("published", "claimant", "subject", "predicate", "object", "stance", "probability", "outlet")
ACTOR_SORTS = ("name", "type", "mentions")
PROPOSITION_SORTS = ("probability", "admiralty", "lines", "opposing_lines", "reports", "contested", "statement")
EVENT_SORTS = ("date", "label", "type", "place", "killed", "injured")
DOCUMENT_SORTS = ("published", "name", "title", "outlet", "chars")


def actors(view: View, *, include_unmentioned: bool = False, q: str | None = None, type: str | None = None
           ) -> list[dict[str, Any]]:
    """Actors (``veracity actors``) whose name or an alias contains ``q``, of one ``type`` (group, state, ...)."""
    named = None if not q else (lambda a: q.lower() in " ".join([a["name"], *a["surfaces"]]).lower())
    return where(summary.actors(view, include_unmentioned=include_unmentioned), [named, equals("type", type)])


class _Named:
    """A view whose ``name`` is remembered (one query per entity, not per row): a list of 100k claims names a few
    thousand entities."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.name = cache(view.name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.view, attr)


_named: weakref.WeakKeyDictionary[View, _Named] = weakref.WeakKeyDictionary()


def named(view: View) -> Any:
    """The view with its names cached for as long as the view lives (a view is one request)."""
    found = _named.get(view)
    if found is None:
        found = _named[view] = _Named(view)
    return found


def claim_row(view: View, ev: Evidence) -> dict[str, Any]:
    """A claim as ``veracity claims --json`` shows it, plus the ids and offsets that links and highlights need."""
    a = ev.assertion
    row = summary.evidence_dict(named(view), ev)
    row.update(subject_id=a.subject, object_id=None if a.object_literal else a.object, claimant_id=a.claimant,
               doc_id=a.doc_id, start=a.span[0], end=a.span[1],
               proposition=proposition_id(a.subject, a.predicate, a.object))
    return row


def grades_by_id(view: View, as_of: str | None) -> dict[str, dict[str, Any]]:
    """Every proposition's grade summary by id (one assessor, as the CLI's ``assess`` builds, kept per revision;
    shared between requests, so read it, never change it)."""
    return gradecache.graded(view, as_of).summaries()


def add_grades(rows: list[dict[str, Any]], grades: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Put each row's proposition grade (probability, word, Admiralty digit) on the row."""
    for row in rows:
        grade = grades.get(row["proposition"], {})
        row.update(probability=grade.get("probability"), word=grade.get("word"), admiralty=grade.get("admiralty"))
    return rows


def claims(view: View, *, about: str | None = None, by: str | None = None, predicate: str | None = None,
           stance: str | None = None, min_grade: str | None = None, date_from: str | None = None,
           date_to: str | None = None, as_of: str | None = None, doc_id: str | None = None,
           outlet: str | None = None, graded: bool = True) -> list[dict[str, Any]]:
    """Claims (event roles excluded) filtered as ``/api/claims`` and ``veracity claims`` take them, each with its
    proposition's grade; ``outlet`` is a case-insensitive substring of the outlet's name."""
    if stance and stance not in {s.value for s in Stance}:
        raise InvalidInput(f"unknown stance {stance!r}", fix="use asserts or denies")
    floor = word_floor(min_grade) if min_grade else None
    about_id = view.find_entity(about).id if about else None
    by_id = view.find_entity(by).id if by else None
    rows = [claim_row(view, ev) for ev in view.evidence(about=about_id, claimant=by_id, predicate=predicate,
                                                          as_of=as_of, doc_id=doc_id)
            if ev.assertion.predicate not in ROLE_PREDICATES]
    grades = grades_by_id(view, as_of) if graded or floor is not None else {}
    add_grades(rows, grades)
    dated = None if not (date_from or date_to) else (lambda r: in_range(r.get("published"), date_from, date_to))
    floored = None if floor is None else (lambda r: r["probability"] is not None and r["probability"] >= floor)
    return where(rows, [equals("stance", stance), dated, floored, contains(("outlet",), outlet)])


def grade_of(view: View, ident: str, as_of: str | None = None) -> dict[str, Any] | None:
    """A proposition's grade summary (``veracity assess --json``), or ``None`` when nothing grades it any more
    (its only line was rejected, say)."""
    try:
        return gradecache.graded(view, as_of).find(ident).summary()
    except NotFound:
        return None


def graded(view: View, assertion_id: str) -> dict[str, Any]:
    """The proposition an assertion (by full id) bears on and its grade now: what a review's reply shows."""
    a = view.assertion(assertion_id)
    ident = proposition_id(a.subject, a.predicate, a.object)
    return {"proposition": ident, "grade": grade_of(view, ident)}


def propositions(view: View, about: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
    """Every graded proposition with its statement in names, best supported first (``veracity assess``)."""
    name = namer(view)
    found = []
    about_id = view.find_entity(about).id if about else None
    for grade in gradecache.graded(view, as_of).all(about_id):
        row = grade.summary()
        p = grade.proposition
        row.update(subject_name=name(p.subject), object_name=p.object if p.object_literal else name(p.object),
                   statement=f"{name(p.subject)} {p.predicate} {p.object if p.object_literal else name(p.object)}",
                   contested=min(row["lines"], row["opposing_lines"]))
        found.append(row)
    return found


def proposition(view: View, ident: str, as_of: str | None = None) -> dict[str, Any]:
    """One grade's full reasoning (``veracity explain --json``), with the subject and object ids for links."""
    grade = gradecache.graded(view, as_of).find(ident)
    data = explanation(grade, namer(view))
    p = grade.proposition
    data.update(subject_name=view.name(p.subject), object_name=p.object if p.object_literal else view.name(p.object),
                object_literal=p.object_literal)
    reviewed: dict[str, list[str]] = {}
    for ev in p.evidence:
        reviewed[ev.assertion.id] = [r.verdict.value for r in ev.reviews]
    data["assertions"] = [claim_row(view, ev) for ev in p.evidence]
    data["reviewed"] = reviewed
    return data


def events(view: View, *, type: str | None = None, place: str | None = None, date_from: str | None = None,
           date_to: str | None = None, perpetrator: str | None = None) -> list[dict[str, Any]]:
    """Events (``veracity events --json``) filtered by type, place or country substring, a date range and a
    substring of the name of an actor said (by anyone) to be behind them."""
    dated = None if not (date_from or date_to) else (lambda r: in_range(r.get("date"), date_from, date_to))
    blamed = None if not perpetrator else (
        lambda r: any(perpetrator.lower() in p["actor"].lower() for p in r["perpetrators"]))
    return where(summary.events(named(view)), [equals("type", type), contains(("place", "country"), place), dated,
                                        blamed])


def entry_dict(entry: Entry, name: Any) -> dict[str, Any]:
    """A timeline entry as data: the event, casualty figures with their sources, and the lines over time."""
    return {
        "id": entry.event.id, "label": entry.event.name, "type": entry.event.type, "date": entry.date,
        "precision": entry.precision, "place": entry.place, "country": entry.country,
        "figures": [{"killed": f.killed, "injured": f.injured, "source": f.source, "outlet": f.outlet,
                     "published": f.published} for f in entry.figures],
        "lines": [{"subject": ln.subject, "subject_name": name(ln.subject), "predicate": ln.predicate,
                   "object": ln.object, "object_name": name(ln.object), "first_seen": ln.first_seen,
                   "first_claimant": name(ln.first_claimant) if ln.first_claimant else None,
                   "claimants": [{"published": d, "claimant": name(c)} for d, c in ln.claimants],
                   "denials": [{"published": d, "claimant": name(c)} for d, c in ln.denials],
                   "proposition": proposition_id(ln.subject, ln.predicate, ln.object)} for ln in entry.lines],
    }


def timeline(view: View, actor: str | None = None, place: str | None = None, date_from: str | None = None,
             date_to: str | None = None) -> list[dict[str, Any]]:
    """``veracity timeline`` as data."""
    name = namer(view)
    return [entry_dict(e, name) for e in build_timeline(view, actor, place, date_from, date_to)]


def event(view: View, ident: str, as_of: str | None = None) -> dict[str, Any]:
    """One event: its facts, figures per source, who claimed / was accused / denied over time, and the ACH matrix."""
    entity = view.find_entity(ident)
    if entity.kind is not EntityKind.EVENT:
        raise InvalidInput(f"{ident!r} is a {entity.kind.value}, not an event", fix="pick one from /events")
    name = namer(view)
    found = [e for e in build_timeline(view) if e.event.id == entity.id]
    data: dict[str, Any] = entry_dict(found[0], name) if found else {
        "id": entity.id, "label": entity.name, "figures": [], "lines": []}
    data["attributes"] = entity.attributes
    data["ach"] = ach_view(view, entity.id, as_of=as_of).to_dict(name)
    data["claims"] = add_grades([claim_row(view, ev) for ev in view.evidence(about=entity.id, as_of=as_of)],
                                grades_by_id(view, as_of))
    return data


def edge_dict(edge: Any, name: Any) -> dict[str, Any]:
    """A network edge with its names, kind (claim or settled relation), claimants, support and proposition."""
    return {"source": edge.source, "target": edge.target, "source_name": name(edge.source),
            "target_name": name(edge.target), "predicate": edge.predicate, "kind": edge.kind,
            "claimants": [name(c) for c in edge.claimants], "support": edge.support(),
            "proposition": proposition_id(edge.source, edge.predicate, edge.target)}


def network(view: View, root: str, *, depth: int = 1, min_grade: str | None = None, as_of: str | None = None,
            predicate: str | None = None, claimant: str | None = None) -> dict[str, Any]:
    """The ego network (``veracity network``) as nodes and edges, filtered by predicate and claimant name."""
    if depth > 3:
        raise InvalidInput(f"depth must be 1 to 3, not {depth}", fix="use depth=1 or 2")
    walk: Any = view  # the View satisfies analyse.network's EvidenceView protocol, as the CLI's does
    net = nw.require_nodes(nw.ego(walk, root, depth, min_grade, as_of, gradecache.graded(view, as_of).triple), root)
    top = str(net.root)
    name = cache(view.name)
    edges = [edge_dict(e, name) for e in sorted(net.edges.values(), key=lambda e: (-e.size, e.source, e.predicate))]
    edges = where(edges, [equals("predicate", predicate),
                          None if not claimant else (lambda r: claimant.lower() in
                                                     " ".join(r["claimants"]).lower())])
    nodes = sorted({str(n) for e in edges for n in (e["source"], e["target"])} | {top})
    return {"root": top, "root_name": name(top),
            "nodes": [{"id": n, "name": name(n), "kind": n.split(":", 1)[0]} for n in nodes], "edges": edges}


def paths(view: View, a: str, b: str, max_len: int = 3, as_of: str | None = None) -> list[dict[str, Any]]:
    """``veracity path`` as data: each chain with its hops and each hop's edges."""
    name = cache(view.name)
    return [{"nodes": [{"id": n, "name": name(n)} for n in chain.nodes],
             "hops": [{"source": h.source, "target": h.target, "edges": [edge_dict(e, name) for e in h.edges]}
                      for h in chain.hops]}
            for chain in nw.paths(cast(Any, view), a, b, max_len, as_of, gradecache.graded(view, as_of).triple)]


def actor(view: View, key: str) -> dict[str, Any]:
    """An actor's profile (``veracity actor --json``) with alias origins and linkable claims about and by it."""
    profile = summary.actor_profile(named(view), key)
    ident = profile["id"]
    profile["alias_origins"] = [{"surface": s, "origin": o}
                                for s, o in sorted({(a.surface, a.origin.value) for a in view.aliases(ident)})]
    grades = grades_by_id(view, None)
    profile["about"] = add_grades([claim_row(view, ev) for ev in view.evidence(about=ident)], grades)
    profile["by"] = add_grades([claim_row(view, ev) for ev in view.evidence(claimant=ident)], grades)
    roles = sorted({(r["object_id"], r["object"], r["predicate"]) for r in profile["about"]
                    if r["predicate"] in ROLE_PREDICATES and r["object_id"]})
    profile["events"] = [{"id": i, "name": n, "role": p} for i, n, p in roles]
    return profile
