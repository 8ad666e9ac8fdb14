"""Conversions between model records and table rows, kept in one place so writer and view agree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from veracity.model.records import (
    Alias,
    AliasOrigin,
    Assertion,
    Document,
    Entity,
    EntityKind,
    Judgement,
    Mention,
    Outlet,
    Review,
    Sameness,
    Stance,
    Verdict,
)
from veracity.model.values import date_precision, date_upper_bound


def now() -> str:
    """UTC timestamp, ISO 8601, second precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id, "name": doc.name, "url": doc.url, "title": doc.title, "outlet": doc.outlet,
        "published": doc.published, "precision": date_precision(doc.published),
        "published_end": date_upper_bound(doc.published) if doc.published else None,
        "ingested_at": now(), "language": doc.language, "source": doc.source, "text": doc.text,
    }


def row_document(row: Any) -> Document:
    return Document(text=row.text, name=row.name, title=row.title, url=row.url, outlet=row.outlet,
                    published=row.published, language=row.language, source=row.source, id=row.id)


def entity_row(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, "kind": entity.kind.value, "type": entity.type, "name": entity.name,
            "qid": entity.qid, "attributes": dict(entity.attributes), "resolved": entity.resolved}


def row_entity(row: Any) -> Entity:
    return Entity(kind=EntityKind(row.kind), name=row.name, type=row.type, qid=row.qid,
                  attributes=dict(row.attributes or {}), resolved=bool(row.resolved), id=row.id)


def alias_row(alias: Alias) -> dict[str, Any]:
    return {"entity_id": alias.entity_id, "surface": alias.surface, "normalised": alias.normalised,
            "origin": alias.origin.value}


def row_alias(row: Any) -> Alias:
    return Alias(entity_id=row.entity_id, surface=row.surface, normalised=row.normalised,
                 origin=AliasOrigin(row.origin))


def mention_row(m: Mention) -> dict[str, Any]:
    return {"id": m.id, "doc_id": m.doc_id, "entity_id": m.entity_id, "start": m.start, "end": m.end,
            "sent_start": m.sent_start, "sent_end": m.sent_end, "surface": m.surface}


def row_mention(row: Any) -> Mention:
    return Mention(doc_id=row.doc_id, entity_id=row.entity_id, start=row.start, end=row.end,
                   sent_start=row.sent_start, sent_end=row.sent_end, surface=row.surface)


def assertion_row(a: Assertion) -> dict[str, Any]:
    return {
        "id": a.id, "subject": a.subject, "predicate": a.predicate, "object": a.object,
        "object_literal": a.object_literal, "claimant": a.claimant, "stance": a.stance.value, "hedge": a.hedge,
        "attribution": a.attribution, "valid_from": a.valid_from, "valid_to": a.valid_to, "doc_id": a.doc_id,
        "span_start": a.span[0], "span_end": a.span[1], "quote": a.quote, "extractor": a.extractor,
        "score": a.score, "created_at": now(), "superseded_at": None,
    }


STANCES = {s.value: s for s in Stance}


def assertion_reader(columns: list[str]) -> Callable[[tuple[Any, ...]], Assertion]:
    """A fast row-to-Assertion function for result rows with these column names, reading by position.

    Attribute access on SQLAlchemy rows costs about a microsecond per field; graph walks read thousands of rows per
    query, so they unpack plain tuples instead.
    """
    at = {name: i for i, name in enumerate(columns)}
    (subject, predicate, obj, claimant, stance, doc_id, start, end, quote, extractor, hedge, literal, attribution,
     valid_from, valid_to, score) = (at[n] for n in (
        "subject", "predicate", "object", "claimant", "stance", "doc_id", "span_start", "span_end", "quote",
        "extractor", "hedge", "object_literal", "attribution", "valid_from", "valid_to", "score"))

    def read(v: tuple[Any, ...]) -> Assertion:
        return Assertion(v[subject], v[predicate], v[obj], v[claimant], STANCES[v[stance]], v[doc_id],
                         (v[start], v[end]), v[quote], v[extractor], v[hedge], bool(v[literal]), v[attribution],
                         v[valid_from], v[valid_to], v[score])

    return read


def row_assertion(row: Any) -> Assertion:
    return Assertion(
        subject=row.subject, predicate=row.predicate, object=row.object, claimant=row.claimant,
        stance=Stance(row.stance), doc_id=row.doc_id, span=(row.span_start, row.span_end), quote=row.quote,
        extractor=row.extractor, hedge=row.hedge, object_literal=bool(row.object_literal),
        attribution=row.attribution, valid_from=row.valid_from, valid_to=row.valid_to, score=row.score,
    )


def outlet_row(o: Outlet) -> dict[str, Any]:
    return {"name": o.name, "domain": o.domain, "reliability": o.reliability}


def row_outlet(row: Any) -> Outlet:
    return Outlet(name=row.name, domain=row.domain, reliability=row.reliability)


def review_row(r: Review) -> dict[str, Any]:
    created = r.created_at or now()
    stamped = Review(r.assertion_id, r.verdict, r.note, r.reviewer, created, dict(r.correction))
    return {"id": stamped.id, "assertion_id": r.assertion_id, "verdict": r.verdict.value, "note": r.note,
            "reviewer": r.reviewer, "created_at": created, "correction": dict(r.correction)}


def row_review(row: Any) -> Review:
    return Review(assertion_id=row.assertion_id, verdict=Verdict(row.verdict), note=row.note,
                  reviewer=row.reviewer, created_at=row.created_at, correction=dict(row.correction or {}))


def judgement_row(j: Judgement) -> dict[str, Any]:
    created = j.created_at or now()
    stamped = Judgement(j.left, j.right, j.sameness, j.score, j.reason, j.user, created)
    return {"id": stamped.id, "left": j.left, "right": j.right, "sameness": j.sameness.value, "score": j.score,
            "reason": j.reason, "user": j.user, "created_at": created}


def row_judgement(row: Any) -> Judgement:
    return Judgement(left=row.left, right=row.right, sameness=Sameness(row.sameness), score=row.score,
                     reason=row.reason, user=row.user, created_at=row.created_at)
