"""STIX 2.1 export, written with the maintained ``stix2`` library and streamed one document at a time.

What becomes what (tables in ``model/data/stix.yaml``):

* actors -> threat-actor / intrusion-set / identity by actor type; places -> location; events -> incident;
* each document -> a report whose ``object_refs`` name every note, relationship and entity it supports;
* every assertion -> a note keeping claimant (``authors`` and ``x_veracity_claimant``), stance, hedge, quote
  (``content``) and source (``external_references``), with ``confidence`` from the grade when one exists;
* only "stated" lines (registry, or the article's unhedged own voice) also become relationships, so an accusation
  never turns into a bare relationship without its claimant.

Ids are UUIDv5 of our ids, so exporting twice gives the same STIX ids and importers can merge. The bundle is
written object by object (evidence is grouped by document in the store's own order), so memory does not grow
with the number of assertions.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import IO, Any

import stix2

from veracity.analyse.graph import STATED, Grader, edge_kind
from veracity.analyse.scale import stix_confidence, stix_tables
from veracity.model.records import Entity, EntityKind, Evidence, author_label

NAMESPACE = uuid.UUID("6f0c3f5e-5c1e-4d55-9b7e-2f1d2a8e9a10")
EXTENSION = f"extension-definition--{uuid.uuid5(NAMESPACE, 'veracity:provenance@1')}"
"""Our provenance properties travel in one STIX 2.1 property extension rather than as bare custom properties."""


SCHEMA = ("Plain-text definition. Notes: subject, predicate, object (veracity entity ids, or a literal when "
          "object_literal), claimant (entity id, 'author:<doc id>' for an article's own voice, 'registry:<source>'), "
          "stance (asserts|denies), hedge, attribution, doc_id, span [start, end], extractor, assertion_id, "
          "valid_from, valid_to. Reports: doc_id, doc_name, published (YYYY[-MM[-DD]]), outlet. Entities: id, type, "
          "qid, attributes (JSON text), aliases. Relationships: predicate.")


def ext(**props: Any) -> dict[str, Any]:
    """The ``extensions`` argument carrying veracity's properties (``None`` values left out)."""
    values = {k: v for k, v in props.items() if v is not None}
    return {"extensions": {EXTENSION: {"extension_type": "property-extension", **values}}}


def provenance(obj: Any) -> dict[str, Any]:
    """The veracity properties of a parsed STIX object (empty for objects from other tools)."""
    found = (getattr(obj, "extensions", None) or {}).get(EXTENSION) or {}
    return {k: v for k, v in dict(found).items() if k != "extension_type"}


def stix_id(kind: str, key: str) -> str:
    """A stable STIX id for one of our ids."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def timestamp(partial: str | None, fallback: datetime) -> datetime:
    """A partial date (YYYY[-MM[-DD]]) as its first instant, UTC; ``fallback`` when there is none."""
    if not partial:
        return fallback
    parts = [int(p) for p in partial.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)


class Exporter:
    """Turns store records into STIX objects; remembers which entities were referenced."""

    def __init__(self, entities: dict[str, Entity], locations: dict[str, dict[str, Any]], grade: Grader | None,
                 created: datetime | None = None) -> None:
        self.entities = entities
        self.names = {i: e.name for i, e in entities.items()}
        self.locations = locations
        self.grade = grade
        self.created = (created or datetime.now(UTC)).replace(microsecond=0)
        author = stix_tables()["author"]
        self.author = stix2.v21.Identity(id=stix_id("identity", "veracity:author"), name=author["name"],
                                         identity_class=author["identity_class"], created=self.created,
                                         modified=self.created)
        self.extension = stix2.v21.ExtensionDefinition(
            id=EXTENSION, created_by_ref=self.author.id, name="veracity provenance", version="1.0",
            description="Who says what about whom, in which document and sentence, how sure (veracity assertions).",
            schema=SCHEMA,
            extension_types=["property-extension"], created=self.created, modified=self.created)
        self.entity_refs: dict[str, str] = {}
        self.relationships: set[str] = set()

    def common(self) -> dict[str, Any]:
        return {"created_by_ref": self.author.id, "created": self.created, "modified": self.created}

    def ref(self, entity_id: str) -> str | None:
        """The STIX id an entity's object will have (written at the end of the bundle); ``None`` if it has none.

        Unknown ids and places the gazetteer cannot locate get no object, so nothing may point at them.
        """
        entity = self.entities.get(entity_id)
        if entity is None or (entity.kind is EntityKind.PLACE and entity_id not in self.locations):
            return None
        stix_type = {EntityKind.PLACE: "location", EntityKind.EVENT: "incident"}.get(entity.kind)
        if stix_type is None:
            stix_type = stix_tables()["actor_objects"].get(entity.type, {"type": "identity"})["type"]
        return self.entity_refs.setdefault(entity_id, stix_id(stix_type, entity_id))

    def refs(self, *entity_ids: str) -> list[str]:
        return [r for r in map(self.ref, entity_ids) if r is not None]

    def claimant_name(self, ev: Evidence) -> str:
        """Who said it, readably: an entity's name, ``author (<outlet>)``, or ``registry (<source>)``."""
        claimant = ev.assertion.claimant
        if claimant in self.names:
            return self.names[claimant]
        kind, _, rest = claimant.partition(":")
        if kind == "author":
            return author_label(ev.outlet, ev.title, ev.doc_name, rest)
        return f"{kind} ({rest})" if rest else claimant

    def note(self, ev: Evidence, rel: str | None) -> stix2.v21.Note:
        a = ev.assertion
        refs = [stix_id("report", a.doc_id), *self.refs(a.subject, *([] if a.object_literal else [a.object]),
                                                        a.claimant)]
        if rel:
            refs.append(rel)
        obj = a.object if a.object_literal else self.names.get(a.object, a.object)
        claimant = self.claimant_name(ev)
        props = {"subject": a.subject, "predicate": a.predicate, "object": a.object,
                 "object_literal": a.object_literal, "claimant": a.claimant, "stance": a.stance.value,
                 "hedge": a.hedge, "attribution": a.attribution, "doc_id": a.doc_id, "span": list(a.span),
                 "extractor": a.extractor, "assertion_id": a.id, "valid_from": a.valid_from, "valid_to": a.valid_to}
        confidence = stix_confidence(self.grade(a.triple)) if self.grade else None
        extra = {"confidence": confidence} if confidence is not None else {}
        return stix2.v21.Note(
            id=stix_id("note", a.id), abstract=f"{claimant} {a.stance.value}: {self.names.get(a.subject, a.subject)} "
            f"{a.predicate} {obj}", content=a.quote or "(no quote)", authors=[claimant], object_refs=refs,
            external_references=[_source(ev)], **extra, **ext(**props), **self.common())

    def relationship(self, ev: Evidence) -> tuple[str | None, stix2.v21.Relationship | None]:
        """(id, new object) of the relationship for a stated entity-to-entity line; written once per bundle."""
        a = ev.assertion
        if a.object_literal or edge_kind(ev) != STATED:
            return None, None
        spec = stix_tables()["relationship_types"].get(a.predicate, "related-to")
        spec = {"type": spec} if isinstance(spec, str) else spec
        source, target = (a.object, a.subject) if spec.get("reverse") else (a.subject, a.object)
        ends = self.refs(source, target)
        if len(ends) != 2:
            return None, None
        rel_id = stix_id("relationship", "|".join(a.triple))
        if rel_id in self.relationships:
            return rel_id, None
        self.relationships.add(rel_id)
        confidence = stix_confidence(self.grade(a.triple)) if self.grade else None
        extra = {"confidence": confidence} if confidence is not None else {}
        return rel_id, stix2.v21.Relationship(
            id=rel_id, relationship_type=spec["type"], source_ref=ends[0], target_ref=ends[1],
            description=f"{self.names.get(a.subject, a.subject)} {a.predicate} {self.names.get(a.object, a.object)}",
            **ext(predicate=a.predicate), **extra, **self.common())

    def document(self, doc_id: str, group: list[Evidence]) -> Iterator[Any]:
        """The notes and relationships of one document, then its report."""
        refs: dict[str, None] = {}
        report_id = stix_id("report", doc_id)
        for ev in group:
            rel_id, rel = self.relationship(ev)
            if rel is not None:
                yield rel
            note = self.note(ev, rel_id)
            yield note
            refs.update(dict.fromkeys(r for r in [note.id, *note.object_refs] if r != report_id))
        first = group[0]
        yield stix2.v21.Report(
            id=report_id, name=first.title or first.doc_name or doc_id[:12],
            published=timestamp(first.published, self.created), report_types=["threat-report"], object_refs=list(refs),
            external_references=[_source(first)], **self.common(),
            **ext(doc_id=doc_id, published=first.published, outlet=first.outlet, doc_name=first.doc_name))

    def entity(self, entity: Entity, aliases: list[str]) -> Any:
        """The SDO for an entity, or ``None`` for a place the gazetteer cannot put on the map."""
        ref = self.ref(entity.id)
        if ref is None:
            return None
        extra: dict[str, Any] = {"id": entity.id, "type": entity.type, "qid": entity.qid,
                                 "attributes": json.dumps(entity.attributes, sort_keys=True, default=str)}
        props = {"id": ref, "name": entity.name, **self.common()}
        if entity.qid:
            props["external_references"] = [{"source_name": "wikidata", "external_id": entity.qid}]
        if entity.kind is EntityKind.EVENT:
            return stix2.v21.Incident(**props, **ext(**extra))
        if entity.kind is EntityKind.PLACE:
            return stix2.v21.Location(**props, **self.locations[entity.id], **ext(**extra))
        spec = dict(stix_tables()["actor_objects"].get(entity.type, {"type": "identity", "identity_class": "unknown"}))
        cls = {"threat-actor": stix2.v21.ThreatActor, "intrusion-set": stix2.v21.IntrusionSet,
               "identity": stix2.v21.Identity}[spec.pop("type")]
        if aliases and cls is not stix2.v21.Identity:
            props["aliases"] = aliases
        elif aliases:
            extra["aliases"] = aliases
        return cls(**props, **spec, **ext(**extra))


def _source(ev: Evidence) -> dict[str, Any]:
    ref = {"source_name": ev.outlet or ev.doc_name or "document", "external_id": ev.assertion.doc_id}
    return {**ref, "url": ev.url} if ev.url else ref


def _location(entity: Entity, gaz: Any) -> dict[str, Any] | None:
    from veracity.analyse.places import locate

    found = locate(gaz, entity.name) if gaz is not None else None
    if found is not None:
        extra = {"country": found.country} if found.country and len(found.country) == 2 else {}
        return {"latitude": float(found.lat), "longitude": float(found.lon), **extra}  # type: ignore[arg-type]
    country = entity.attributes.get("country")
    return {"country": country} if isinstance(country, str) and len(country) == 2 else None


def write_objects(out: IO[str], objects: Iterable[Any]) -> int:
    """Write a bundle around a stream of STIX objects; returns how many were written."""
    out.write('{"type": "bundle", "id": "' + f"bundle--{uuid.uuid4()}" + '", "objects": [\n')
    count = 0
    for obj in objects:
        if obj is None:
            continue
        out.write((",\n" if count else "") + obj.serialize())
        count += 1
    out.write("\n]}\n")
    return count


def stix_objects(view: Any, about: str | None = None, grade: Grader | None = None, gaz: Any = None,
                 created: datetime | None = None) -> Iterator[Any]:
    """Every STIX object for the store (or for the evidence about one entity), author identity first."""
    entities = {e.id: e for e in view.entities()}
    located = {i: _location(e, gaz) for i, e in entities.items() if e.kind is EntityKind.PLACE}
    exp = Exporter(entities, {i: loc for i, loc in located.items() if loc}, grade, created)
    yield exp.author
    yield exp.extension
    about_id = view.find_entity(about).id if about else None
    evidence = view.evidence(about=about_id) if about_id else view.evidence()
    for doc_id, group in groupby(evidence, key=lambda ev: ev.assertion.doc_id):
        yield from exp.document(doc_id, list(group))
    aliases: dict[str, list[str]] = {}
    for row in view.rows("aliases"):
        if row["entity_id"] in exp.entity_refs:
            aliases.setdefault(row["entity_id"], []).append(row["surface"])
    chosen = exp.entity_refs if about_id else entities
    for entity_id in list(chosen):
        entity = entities.get(entity_id)
        if entity is not None:
            yield exp.entity(entity, sorted(aliases.get(entity_id, [])))


def export_stix(view: Any, path: str | Path, about: str | None = None, grade: Grader | None = None,
                gaz: Any = None) -> int:
    """Write a STIX 2.1 bundle file; returns the number of objects. Places get coordinates from the gazetteer."""
    if gaz is None:
        from veracity.analyse.places import optional_gazetteer

        gaz = optional_gazetteer()
    with open(path, "w", encoding="utf-8") as out:
        return write_objects(out, stix_objects(view, about, grade, gaz))
