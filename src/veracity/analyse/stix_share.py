"""STIX 2.1 for exchange between veracity servers (TAXII): one document and its lines as STIX objects, and back.

The objects are the STIX export's (``stix_out.Exporter``: a report per document, a note per assertion, a
relationship per stated line, SDOs for the entities), with three additions that sharing needs:

* every object carries its document's TLP 2.0 marking as ``object_marking_refs`` (the official TLP 2.0
  marking-definition ids, ``stix.yaml``), and a TLP 2.0 or 1.0 marking maps back to a TLP label on import;
* ``created_by_ref`` is the identity of the organisation that first published the document (a relaying server
  keeps the origin, it does not become the author);
* the report's provenance extension carries the document itself (text and facts), its mentions and the entities
  its lines name, and each note the stored assertion unchanged, so the receiver stores the same document id and
  recomputes the same assertion ids. A re-pull therefore adds nothing, and the same report relayed by a third
  server is the same line, not an independent one. A note whose recomputed id differs from the id it carries was
  altered on the way and is refused;
* each review of a line that travels in the collection is a STIX ``opinion`` on that line's note (confirm:
  ``agree``, reject and correct: ``disagree``), marked with the *review's* own TLP and authored by the
  organisation that owns it; its provenance extension carries the stored review (assertion id, verdict, note,
  reviewer, time, correction), so the receiver stores the same review id and a re-pull adds nothing. An analyst's
  judgement of a proposition is a document with one line, so it travels as a report and note like any other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import stix2

from veracity.analyse.scale import stix_tables
from veracity.analyse.stix_out import EXTENSION, Exporter, stix_id
from veracity.model.records import (
    Alias,
    AliasOrigin,
    Assertion,
    Document,
    Entity,
    EntityKind,
    Evidence,
    Mention,
    Review,
    Stance,
    Verdict,
)
from veracity.store.exchange import Package, Reviewed

UNMARKED_TLP = "AMBER"
"""What an object with no TLP marking is taken as: never less restricted than a sharing peer could have meant."""


def tlp_ref(tlp: str) -> str:
    """The official TLP 2.0 marking-definition id of a label."""
    ref: str = stix_tables()["tlp2"][tlp]
    return ref


def marking_definition(tlp: str) -> dict[str, Any]:
    """The TLP 2.0 marking-definition object, as published with the TLP 2.0 extension."""
    t = stix_tables()
    return {"type": "marking-definition", "spec_version": "2.1", "id": tlp_ref(tlp), "created": t["tlp2_created"],
            "name": f"TLP:{tlp}", "extensions": {t["tlp2_extension"]: {
                "extension_type": "property-extension", "tlp_2_0": tlp.lower()}}}


def tlp_of(refs: list[str]) -> str:
    """The most restrictive TLP label among marking refs (TLP 2.0 or 1.0); :data:`UNMARKED_TLP` without one."""
    t = stix_tables()
    by_ref = {v: k for k, v in t["tlp2"].items()} | dict(t["tlp1"])
    order = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
    found = [by_ref[r] for r in refs if r in by_ref]
    return max(found, key=order.index) if found else UNMARKED_TLP


def org_identity_id(org: str) -> str:
    """The STIX identity of an organisation: the same on every server that knows it by that name."""
    return stix_id("identity", f"veracity:org:{org}")


class ShareExporter(Exporter):
    """The STIX export with the document's marking on every object and its origin organisation as author."""

    def __init__(self, entities: dict[str, Entity], tlp: str, origin_org: str, created: datetime) -> None:
        super().__init__(entities, {}, None, created)
        self.tlp = tlp
        self.author = stix2.v21.Identity(id=org_identity_id(origin_org), name=origin_org,
                                         identity_class="organization", created=self.created, modified=self.created,
                                         object_marking_refs=[tlp_ref(tlp)])

    def common(self) -> dict[str, Any]:
        return {**super().common(), "object_marking_refs": [tlp_ref(self.tlp)]}


def document_objects(pkg: Package, tlp: str, origin_org: str, added: str) -> list[dict[str, Any]]:
    """The STIX objects of one shared document: its author, marking, entities, relationships, notes, report.

    ``added`` (the date it was added here) is the objects' ``created`` time, so re-reading gives the same objects.
    """
    doc = pkg.document
    entities = {e.id: e for e in pkg.entities}
    exp = ShareExporter(entities, tlp, origin_org, datetime.fromisoformat(added).astimezone(UTC))
    evidence = [Evidence(a, published=doc.published, outlet=doc.outlet, url=doc.url, title=doc.title,
                         doc_name=doc.name) for a in pkg.assertions]
    body = [json.loads(o.serialize()) for o in exp.document(doc.id, evidence)] if evidence else []
    by_note = {stix_id("note", a.id): a for a in pkg.assertions}
    for obj in body:
        props = obj.setdefault("extensions", {}).setdefault(EXTENSION, {"extension_type": "property-extension"})
        if obj["type"] == "note" and obj["id"] in by_note:
            a = by_note[obj["id"]]
            props.update(quote=a.quote, score=a.score)
        elif obj["type"] == "report":
            props.update(_document_props(pkg, origin_org))
    sdos = [exp.entity(e, []) for e in pkg.entities if e.id in exp.entity_refs]
    head = [json.loads(exp.author.serialize()), marking_definition(tlp), json.loads(exp.extension.serialize())]
    return head + [json.loads(o.serialize()) for o in sdos if o is not None] + body


OPINIONS = {Verdict.CONFIRM: "agree", Verdict.REJECT: "disagree", Verdict.CORRECT: "disagree"}
"""A review as a STIX opinion of the extracted line: does the note say what the source says?"""


def review_objects(reviews: list[Reviewed], owner: str) -> list[dict[str, Any]]:
    """One ``opinion`` per review (with its organisation's identity and its TLP's marking definition)."""
    out: list[dict[str, Any]] = []
    for r in reviews:
        org = r.owner_org or owner
        when = datetime.fromisoformat(r.review.created_at).astimezone(UTC)
        author = stix2.v21.Identity(id=org_identity_id(org), name=org, identity_class="organization", created=when,
                                    modified=when, object_marking_refs=[tlp_ref(r.tlp)])
        opinion = stix2.v21.Opinion(id=stix_id("opinion", r.review.id), created=when, modified=when,
                                    created_by_ref=author.id, opinion=OPINIONS[r.review.verdict],
                                    object_refs=[stix_id("note", r.review.assertion_id)],
                                    explanation=r.review.note or None, authors=[r.review.reviewer],
                                    object_marking_refs=[tlp_ref(r.tlp)])
        body = json.loads(opinion.serialize())
        rv = r.review
        body["extensions"] = {EXTENSION: {"extension_type": "property-extension", "review": {
            "review_id": rv.id, "assertion_id": rv.assertion_id, "verdict": rv.verdict.value, "note": rv.note,
            "reviewer": rv.reviewer, "created_at": rv.created_at, "correction": rv.correction}}}
        out += [json.loads(author.serialize()), marking_definition(r.tlp), body]
    return out


def _document_props(pkg: Package, origin_org: str) -> dict[str, Any]:
    doc = pkg.document
    return {"text": doc.text, "title": doc.title, "url": doc.url, "language": doc.language,
            "origin_org": origin_org,
            "mentions": [[m.entity_id, m.start, m.end, m.sent_start, m.sent_end, m.surface] for m in pkg.mentions],
            "entities": [{"id": e.id, "kind": e.kind.value, "type": e.type, "name": e.name, "qid": e.qid,
                          "attributes": e.attributes, "resolved": e.resolved} for e in pkg.entities],
            "aliases": [[al.entity_id, al.surface, al.normalised, al.origin.value] for al in pkg.aliases]}


@dataclass(slots=True)
class Received:
    """One document read back from shared STIX objects, ready to write; ``altered`` counts refused lines."""

    package: Package
    tlp: str
    origin_org: str
    altered: int = 0
    reviews: list[tuple[Review, str]] = field(default_factory=list)


@dataclass(slots=True)
class Reading:
    """Shared objects gathered page by page, then read into documents (a report may precede its notes)."""

    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    identities: dict[str, str] = field(default_factory=dict)
    opinions: list[dict[str, Any]] = field(default_factory=list)
    foreign: int = 0

    def add(self, obj: dict[str, Any]) -> None:
        props = (obj.get("extensions") or {}).get(EXTENSION) or {}
        kind = obj.get("type")
        if kind == "identity":
            self.identities[obj["id"]] = obj.get("name", "")
        elif kind == "report" and "text" in props:
            self.reports[props["doc_id"]] = obj
        elif kind == "note" and "assertion_id" in props:
            self.notes.setdefault(props["doc_id"], []).append(obj)
        elif kind == "opinion" and "review" in props:
            self.opinions.append(obj)
        elif kind in ("report", "note", "relationship", "opinion"):
            self.foreign += 1

    def documents(self) -> list[Received]:
        """The documents read, each with the reviews of its lines (an opinion on a line no report brought is
        counted foreign: there is nothing here to hang it on)."""
        found = [self._document(doc_id, report) for doc_id, report in self.reports.items()]
        by_line = {a.id: r for r in found for a in r.package.assertions}
        for obj in self.opinions:
            p = obj["extensions"][EXTENSION]["review"]
            review = Review(assertion_id=p["assertion_id"], verdict=Verdict(p["verdict"]), note=p.get("note") or "",
                            reviewer=p["reviewer"], created_at=p["created_at"], correction=p.get("correction") or {})
            home = by_line.get(review.assertion_id)
            if home is None:
                self.foreign += 1
            elif review.id != p.get("review_id"):
                home.altered += 1
            else:
                home.reviews.append((review, tlp_of(obj.get("object_marking_refs", []))))
        return found

    def _document(self, doc_id: str, report: dict[str, Any]) -> Received:
        p = report["extensions"][EXTENSION]
        doc = Document(text=p["text"], name=p.get("doc_name") or "", title=p.get("title"), url=p.get("url"),
                       outlet=p.get("outlet"), published=p.get("published"), language=p.get("language"),
                       source=f"taxii:{p.get('origin_org') or 'unknown'}")
        origin = p.get("origin_org") or self.identities.get(report.get("created_by_ref", ""), "unknown")
        received = Received(Package(doc, [], [], [], []), tlp_of(report.get("object_marking_refs", [])), origin)
        if doc.id != doc_id:
            received.altered = len(self.notes.get(doc_id, [])) + 1
            return received
        pkg = received.package
        pkg.entities.extend(Entity(kind=EntityKind(e["kind"]), name=e["name"], type=e["type"], qid=e.get("qid"),
                                   attributes=e.get("attributes") or {}, resolved=bool(e.get("resolved", True)),
                                   id=e["id"]) for e in p.get("entities", []))
        pkg.aliases.extend(Alias(i, s, n, AliasOrigin(o)) for i, s, n, o in p.get("aliases", []))
        pkg.mentions.extend(Mention(doc.id, *m) for m in p.get("mentions", []))
        seen: set[str] = set()
        for note in self.notes.get(doc_id, []):
            line = _assertion(note["extensions"][EXTENSION])
            if line.id != note["extensions"][EXTENSION]["assertion_id"]:
                received.altered += 1
            elif line.id not in seen:
                seen.add(line.id)
                pkg.assertions.append(line)
        return received


def _assertion(p: dict[str, Any]) -> Assertion:
    return Assertion(subject=p["subject"], predicate=p["predicate"], object=p["object"], claimant=p["claimant"],
                     stance=Stance(p.get("stance", "asserts")), doc_id=p["doc_id"],
                     span=(int(p["span"][0]), int(p["span"][1])),
                     quote=p.get("quote") or "", extractor=p["extractor"], hedge=p.get("hedge"),
                     object_literal=bool(p.get("object_literal")), attribution=p.get("attribution"),
                     valid_from=p.get("valid_from"), valid_to=p.get("valid_to"), score=float(p.get("score", 1.0)))
