"""Read-only summaries the CLI, API and demo show: actors with aliases, an actor's profile, claims, events.

Each returns plain dicts (JSON-ready) computed from a :class:`View`, so every interface shows the same thing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from veracity.model.records import EntityKind, Evidence, is_analyst, is_author, is_registry
from veracity.model.vocabulary import vocabulary
from veracity.store.view import View

ROLE_PREDICATES = frozenset(vocabulary().event_roles)


def actors(view: View, include_unmentioned: bool = False) -> list[dict[str, Any]]:
    """Actors with their merged aliases and mention counts, most mentioned first."""
    counts: Counter[str] = Counter()
    surfaces: dict[str, set[str]] = defaultdict(set)
    for mention in view.mentions():
        key = view.canonical(mention.entity_id)
        counts[key] += 1
        surfaces[key].add(mention.surface)
    found = []
    for entity in view.entities(EntityKind.ACTOR):
        if view.canonical(entity.id) != entity.id or (not counts[entity.id] and not include_unmentioned):
            continue
        found.append({"id": entity.id, "name": entity.name, "type": entity.type, "qid": entity.qid,
                      "resolved": entity.resolved, "mentions": counts[entity.id],
                      "surfaces": sorted(surfaces[entity.id])})
    return sorted(found, key=lambda a: (-a["mentions"], a["name"]))


def evidence_dict(view: View, ev: Evidence) -> dict[str, Any]:
    """One assertion as shown to a person: names instead of ids, with outlet, date and quote."""
    a = ev.assertion
    return {
        "id": a.id, "claimant": view.name(a.claimant), "author_voice": is_author(a.claimant),
        "background": is_registry(a.claimant), "analyst": is_analyst(a.claimant),
        "stance": a.stance.value, "subject": view.name(a.subject), "predicate": a.predicate,
        "object": a.object if a.object_literal else view.name(a.object), "hedge": a.hedge,
        "attribution": a.attribution, "quote": a.quote, "doc": ev.doc_name, "outlet": ev.outlet,
        "published": ev.published, "url": ev.url, "extractor": a.extractor,
        "reviews": [r.verdict.value for r in ev.reviews],
    }


def claims(view: View, about: str | None = None, by: str | None = None, as_of: str | None = None
           ) -> list[dict[str, Any]]:
    """Claims (assertions between actors or about events, event roles excluded), with names resolved."""
    about_id = view.find_entity(about).id if about else None
    by_id = view.find_entity(by).id if by else None
    return [evidence_dict(view, ev) for ev in view.evidence(about=about_id, claimant=by_id, as_of=as_of)
            if ev.assertion.predicate not in ROLE_PREDICATES]


def events(view: View) -> list[dict[str, Any]]:
    """Events with date, place and counts, and who is said to be behind each (with claimant)."""
    perpetrators: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in view.evidence(predicate="responsible_for"):
        a = ev.assertion
        perpetrators[a.object].append({"actor": view.name(a.subject), "claimant": view.name(a.claimant),
                                       "stance": a.stance.value, "attribution": a.attribution,
                                       "hedge": a.hedge})
    found = []
    for entity in view.entities(EntityKind.EVENT):
        attrs = entity.attributes
        found.append({"id": entity.id, "label": entity.name, "type": entity.type, "date": attrs.get("date"),
                      "place": attrs.get("place"), "country": attrs.get("country"), "killed": attrs.get("killed"),
                      "injured": attrs.get("injured"), "perpetrators": perpetrators.get(entity.id, [])})
    return sorted(found, key=lambda e: (e["date"] or "9999", e["label"]))


def actor_profile(view: View, name: str) -> dict[str, Any]:
    """An actor's aliases, and the claims about it and by it, each with outlet, date and quote."""
    entity = view.find_entity(name)
    about = [evidence_dict(view, ev) for ev in view.evidence(about=entity.id)]
    by = [evidence_dict(view, ev) for ev in view.evidence(claimant=entity.id)]
    return {"id": entity.id, "name": entity.name, "type": entity.type, "qid": entity.qid,
            "kind": entity.kind.value, "attributes": entity.attributes,
            "aliases": sorted({a.surface for a in view.aliases(entity.id)}),
            "about": about, "by": by}
