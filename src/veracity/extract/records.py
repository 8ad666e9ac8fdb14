"""An :class:`Extraction` as one record in the seeds gold schema (``../shared/seeds/GOLD.md``), so predictions and
gold compare one to one. Unhedged links in the article's own voice are ``relations``; everything attributed,
argued or hedged is a ``claim`` (claimant "author" for the article's voice)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from veracity.extract.pipeline import Extraction
from veracity.model.records import Assertion, EntityKind, Stance, is_author
from veracity.model.vocabulary import vocabulary


def _names(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.name for e in extraction.entities}


def _name(names: dict[str, str], ident: str, literal: bool = False) -> str:
    if literal:
        return ident
    return "author" if is_author(ident) else names.get(ident, ident)


def _is_relation(a: Assertion) -> bool:
    return (
        is_author(a.claimant)
        and a.hedge is None
        and a.stance is Stance.ASSERTS
        and a.extractor.startswith(("relations.", "events."))
    )


def _surfaces(extraction: Extraction, kind: EntityKind) -> dict[str, list[str]]:
    ids = {e.id for e in extraction.entities if e.kind is kind}
    out: dict[str, list[str]] = {}
    for alias in extraction.aliases:
        if alias.entity_id in ids and alias.surface not in out.setdefault(alias.entity_id, []):
            out[alias.entity_id].append(alias.surface)
    return out


def _named_actors(extraction: Extraction) -> frozenset[str]:
    """Ids of actors named in the text (they have mentions), not placeholders for the unnamed ("two gunmen", "a
    suicide bomber", "terrorists (unspecified)"): GOLD.md's perpetrator fields list actors, and unnamed people
    are not actors."""
    return frozenset(m.entity_id for m in extraction.mentions)


def _event(extraction: Extraction, entity_id: str, names: dict[str, str]) -> dict[str, Any]:
    entity = next(e for e in extraction.entities if e.id == entity_id)
    named = _named_actors(extraction)
    attrs = entity.attributes
    claimed: list[str] = []
    stated: list[str] = []
    attributed: list[dict[str, str]] = []
    targets: list[str] = []
    for a in extraction.assertions:
        if (a.predicate == "responsible_for" and a.object == entity_id and a.stance is Stance.ASSERTS
                and a.subject in named):
            actor = _name(names, a.subject)
            if a.attribution == "claimed" or a.claimant == a.subject:  # a group claiming its own act
                if actor not in claimed:
                    claimed.append(actor)
            elif _is_relation(a):
                if actor not in stated:
                    stated.append(actor)
            else:
                entry = {"actor": actor, "by": _name(names, a.claimant)}
                if entry not in attributed:
                    attributed.append(entry)
        elif a.predicate == "target" and a.subject == entity_id:
            target = _name(names, a.object, a.object_literal)
            if target not in targets:
                targets.append(target)
    return {
        "label": entity.name,
        "type": entity.type,
        "date": attrs.get("date"),
        "place": attrs.get("place"),
        "country": attrs.get("country"),
        "killed": attrs.get("killed"),
        "injured": attrs.get("injured"),
        "perpetrator_claimed_by": claimed,
        "perpetrator_stated": stated,
        "perpetrator_attributed_by": attributed,
        "targets": targets,
        "surface": list(attrs.get("surfaces", [])),
    }


def _claim(a: Assertion, names: dict[str, str]) -> dict[str, Any]:
    return {
        "claimant": _name(names, a.claimant),
        "stance": a.stance.value,
        "subject": _name(names, a.subject),
        "predicate": a.predicate,
        "object": _name(names, a.object, a.object_literal),
        "hedged": a.hedged,
        "quote": a.quote,
    }


def to_gold_record(extraction: Extraction) -> dict[str, Any]:
    """One JSON-ready record in exactly the seeds gold schema."""
    names = _names(extraction)
    actors = _surfaces(extraction, EntityKind.ACTOR)
    places = _surfaces(extraction, EntityKind.PLACE)
    by_id = {e.id: e for e in extraction.entities}
    links = [a for a in extraction.assertions if a.predicate not in vocabulary().event_roles]
    return {
        "doc": extraction.document.name,
        "published": extraction.published,
        "actors": [{"name": by_id[i].name, "type": by_id[i].type, "surface": s} for i, s in actors.items()],
        "places": [{"name": by_id[i].name, "kind": by_id[i].type, "surface": s} for i, s in places.items()],
        "events": [_event(extraction, e.id, names) for e in extraction.entities if e.kind is EntityKind.EVENT],
        "claims": _distinct(_claim(a, names) for a in links if not _is_relation(a)),
        "relations": _distinct(
            {
                "subject": _name(names, a.subject),
                "predicate": a.predicate,
                "object": _name(names, a.object, a.object_literal),
                "quote": a.quote,
            }
            for a in links
            if _is_relation(a)
        ),
    }


def _distinct(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per statement, as gold writes them: two stored lines that read the same in the same sentence
    (the same claimant, stance, slots and quote, e.g. through two entities sharing a name) are one statement. The
    same triple from another sentence stays: a repeated statement is a second entry."""
    seen: set[tuple[tuple[str, Any], ...]] = set()
    out = []
    for entry in entries:
        key = tuple(sorted((k, v) for k, v in entry.items() if k != "hedged"))
        if key not in seen:
            seen.add(key)
            out.append(entry)
    return out
