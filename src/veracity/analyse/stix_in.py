"""STIX 2.1 import: a bundle (ours, OpenCTI's, MISP's) becomes assertions claimed by the bundle's author.

Nothing in a bundle is taken as fact. Each object's ``created_by_ref`` identity becomes an actor and the claimant
of every assertion read from it: a note that carries veracity provenance gives back its exact proposition and
stance; a relationship from another tool gives (source, predicate, target) with the predicate read back through
``stix.yaml``; an opinion agreeing or disagreeing with a relationship asserts or denies it. Each report becomes a
document whose text lists what it holds (so every imported assertion has a sentence and a span, like extracted
ones), and objects outside any report go into one document for the bundle itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import stix2

from veracity.analyse.scale import stix_tables
from veracity.analyse.stix_out import provenance
from veracity.model.errors import InvalidInput
from veracity.model.ids import entity_id
from veracity.model.records import Alias, AliasOrigin, Assertion, Document, Entity, EntityKind, Stance
from veracity.model.values import normalise_name

EXTRACTOR = "veracity.stix-import@1"
ACTOR_TYPES = ("threat-actor", "intrusion-set", "identity")
AGREE = {"agree": Stance.ASSERTS, "strongly-agree": Stance.ASSERTS, "disagree": Stance.DENIES,
         "strongly-disagree": Stance.DENIES}


@dataclass(slots=True)
class Line:
    """One assertion waiting for its document: who claims it, and the sentence that will carry it."""

    subject: str
    predicate: str
    object: str
    stance: Stance
    claimant: str
    sentence: str
    literal: bool = False
    hedge: str | None = None
    attribution: str | None = None


@dataclass(slots=True)
class Imported:
    """Everything read from a bundle, ready to write."""

    entities: dict[str, Entity] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    documents: list[tuple[Document, list[Assertion]]] = field(default_factory=list)

    @property
    def assertions(self) -> int:
        return sum(len(a) for _, a in self.documents)


def parse_bundle(text: str) -> Any:
    """Parse with the stix2 library; anything it rejects is invalid input, said once."""
    fix = "export the bundle as STIX 2.1 JSON"
    try:
        bundle = stix2.parse(text, allow_custom=True)
    except (stix2.exceptions.STIXError, ValueError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"not a STIX 2.1 bundle: {exc}", fix=fix) from exc
    if not isinstance(bundle, stix2.v21.Bundle):
        raise InvalidInput("not a STIX 2.1 bundle: the top-level object is not a bundle", fix=fix)
    return bundle


class Reader:
    """Maps STIX objects onto entities and lines."""

    def __init__(self, objects: list[Any]) -> None:
        self.by_id = {o.id: o for o in objects}
        self.out = Imported()
        self.ids: dict[str, str] = {}
        relationship_types = stix_tables()["relationship_types"]
        self.predicates = {(v if isinstance(v, str) else v["type"]): k for k, v in relationship_types.items()}
        self.reverse = {k for k, v in relationship_types.items() if isinstance(v, dict) and v.get("reverse")}

    def entity(self, obj: Any) -> str | None:
        """Our entity id for a STIX object (created on first sight), or ``None`` for other object types."""
        if obj.id in self.ids:
            return self.ids[obj.id]
        kind = {"location": EntityKind.PLACE, "incident": EntityKind.EVENT}.get(obj.type)
        if kind is None and obj.type in ACTOR_TYPES:
            kind = EntityKind.ACTOR
        if kind is None:
            return None
        extra = provenance(obj)
        default = stix_tables()["import_actor_types"].get(obj.type, "other") if kind is EntityKind.ACTOR else "other"
        entity = Entity(kind=kind, name=obj.name, type=extra.get("type") or default, qid=extra.get("qid"),
                        attributes=json.loads(extra.get("attributes") or "{}"),
                        id=extra.get("id") or entity_id(kind.value, obj.name))
        self.out.entities.setdefault(entity.id, entity)
        for surface in [*getattr(obj, "aliases", []), *extra.get("aliases", [])]:
            self.out.aliases.append(Alias(entity.id, surface, normalise_name(surface), AliasOrigin.EXTRACTED))
        self.ids[obj.id] = entity.id
        return entity.id

    def claimant(self, obj: Any, fallback: str) -> str:
        author = self.by_id.get(getattr(obj, "created_by_ref", None) or "")
        return (self.entity(author) if author is not None else None) or fallback

    def name(self, our_id: str) -> str:
        entity = self.out.entities.get(our_id)
        return entity.name if entity else our_id

    def note(self, obj: Any, fallback: str) -> Line | None:
        """A line from a note with veracity provenance (others' notes have no proposition to read)."""
        p = provenance(obj)
        if not {"subject", "predicate", "object"} <= set(p):
            return None
        for ref in obj.object_refs:
            if ref in self.by_id:
                self.entity(self.by_id[ref])
        by = ", ".join(getattr(obj, "authors", []) or ["unknown"])
        sentence = f"{by} {p.get('stance', 'asserts')}: {obj.content}"
        return Line(p["subject"], p["predicate"], p["object"], Stance(p.get("stance", "asserts")),
                    self.claimant(obj, fallback), sentence, bool(p.get("object_literal")), p.get("hedge"),
                    p.get("attribution"))

    def relationship(self, obj: Any, fallback: str, stance: Stance = Stance.ASSERTS) -> Line | None:
        """A line from another tool's relationship between two entities we can read."""
        source, target = self.by_id.get(obj.source_ref), self.by_id.get(obj.target_ref)
        ends = [self.entity(o) if o is not None else None for o in (source, target)]
        if ends[0] is None or ends[1] is None:
            return None
        predicate = provenance(obj).get("predicate") or self.predicates.get(obj.relationship_type, "other")
        subject, obj_id = (ends[1], ends[0]) if predicate in self.reverse else (ends[0], ends[1])
        sentence = getattr(obj, "description", None) or f"{self.name(subject)} {predicate} {self.name(obj_id)}"
        return Line(subject, predicate, obj_id, stance, self.claimant(obj, fallback), sentence)

    def opinion(self, obj: Any, fallback: str) -> Iterator[Line]:
        stance = AGREE.get(obj.opinion)
        if stance is None:
            return
        for ref in obj.object_refs:
            target = self.by_id.get(ref)
            if target is not None and target.type == "relationship":
                line = self.relationship(target, fallback, stance)
                if line is not None:
                    line.claimant = self.claimant(obj, fallback)
                    line.sentence = f"{getattr(obj, 'explanation', '') or obj.opinion}: {line.sentence}"
                    yield line

    def lines(self, fallback: str) -> dict[str | None, list[Line]]:
        """Every line of the bundle, grouped by the report that holds its object (``None``: no report)."""
        covered = {r for o in self.by_id.values() if o.type == "note" and provenance(o) for r in o.object_refs}
        report_of: dict[str, str] = {}
        for obj in self.by_id.values():
            if obj.type == "report":
                for ref in obj.object_refs:
                    report_of.setdefault(ref, obj.id)
        grouped: dict[str | None, list[Line]] = {}
        for obj in self.by_id.values():
            found: list[Line | None] = []
            if obj.type == "note":
                found = [self.note(obj, fallback)]
            elif obj.type == "relationship" and obj.id not in covered:
                found = [self.relationship(obj, fallback)]
            elif obj.type == "opinion":
                found = list(self.opinion(obj, fallback))
            for line in found:
                if line is not None:
                    grouped.setdefault(report_of.get(obj.id), []).append(line)
        for obj in self.by_id.values():
            self.entity(obj)
        return grouped

    def document(self, report: Any, lines: list[Line], source: str) -> tuple[Document, list[Assertion]]:
        """A document that holds the lines' sentences, one per line, and the assertions pointing into it."""
        p = provenance(report) if report is not None else {}
        name = p.get("doc_name") or (report.name if report is not None else source)
        header = f"STIX report: {report.name}" if report is not None else f"STIX bundle: {source}"
        text = "\n".join([header, *(line.sentence for line in lines)])
        refs = list(getattr(report, "external_references", None) or [])
        published = p.get("published") or (report.published.date().isoformat() if report is not None else None)
        doc = Document(text=text, name=name, title=report.name if report is not None else header,
                       url=next((r.get("url") for r in refs if r.get("url")), None),
                       outlet=p.get("outlet") or (refs[0].get("source_name") if refs else None), published=published,
                       source=f"stix:{source}")
        start, out = len(header) + 1, []
        for line in lines:
            span = (start, start + len(line.sentence))
            start = span[1] + 1
            out.append(Assertion(subject=line.subject, predicate=line.predicate, object=line.object,
                                 claimant=line.claimant, stance=line.stance, doc_id=doc.id, span=span,
                                 quote=line.sentence, extractor=EXTRACTOR, hedge=line.hedge,
                                 object_literal=line.literal, attribution=line.attribution))
        return doc, out


def read_bundle(text: str, source: str = "bundle") -> Imported:
    """Read a bundle's text into entities, aliases, documents and assertions (nothing written yet)."""
    bundle = parse_bundle(text)
    objects = list(getattr(bundle, "objects", None) or [])
    reader = Reader(objects)
    fallback_entity = Entity(EntityKind.ACTOR, f"STIX bundle {source}", "other")
    grouped = reader.lines(fallback_entity.id)
    if any(line.claimant == fallback_entity.id for lines in grouped.values() for line in lines):
        reader.out.entities[fallback_entity.id] = fallback_entity
    for report_id, lines in grouped.items():
        reader.out.documents.append(reader.document(reader.by_id.get(report_id or ""), lines, source))
    return reader.out


def import_stix(store: Any, path: str | Path) -> Imported:
    """Import a STIX 2.1 bundle file into the store (idempotent: content ids make a re-import add nothing)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"cannot read {file}: {exc}", fix="give the path of a STIX 2.1 JSON file") from exc
    found = read_bundle(text, file.name)
    with store.writer() as w:
        for entity in found.entities.values():
            w.add_entity(entity)
        for alias in found.aliases:
            w.add_alias(alias)
        for doc, assertions in found.documents:
            w.add_document(doc)
            w.add_assertions(assertions)
    return found
