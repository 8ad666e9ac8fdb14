"""Filling the store: ingest documents, then extract and resolve them, one document per transaction.

One bad document never aborts a batch or loses what was already stored: ingest rejects are reported and skipped,
and each document's rows are written in their own transaction. Re-running changes nothing: documents, entities and
assertions have content ids, and a document already read by the current extractor version is skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.ingest import Loaded, Rejected, read_paths
from veracity.model.ids import content_hash
from veracity.model.records import Alias, AliasOrigin, Assertion, Document, Entity, EntityKind, Stance
from veracity.model.registry import Registry, registry
from veracity.model.values import normalise_name

if TYPE_CHECKING:
    from veracity.extract import Extraction, Extractor
    from veracity.store import Store

Progress = Callable[[str], None]
REGISTRY_EXTRACTOR = "veracity.registry@1"


@dataclass
class IngestReport:
    """What an ingest run did: counts, and each rejected file with its reason."""

    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


@dataclass
class ExtractReport:
    """What an extraction run added."""

    documents: int = 0
    assertions: int = 0
    entities: int = 0
    superseded: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)


def ingest(store: Store, paths: Iterable[str | Path], max_bytes: int, progress: Progress | None = None
           ) -> IngestReport:
    """Read every path and store each new document in its own transaction."""
    report = IngestReport()
    for item in read_paths(paths, max_bytes=max_bytes):
        if isinstance(item, Rejected):
            report.rejected.append(item)
        else:
            _store_document(store, item, report)
        if progress:
            progress(str(item.path))
    return report


def _store_document(store: Store, item: Loaded, report: IngestReport) -> None:
    with store.writer() as w:
        added = w.add_document(item.document)
    (report.ingested if added else report.duplicates).append(item.document.id)


def load_registry(store: Store, reg: Registry | None = None) -> int:
    """Store the curated actors, their aliases, and their affiliations as assertions claimed by their sources.

    Each public source becomes a small document listing the lines it supports, so a registry affiliation has the
    same provenance (document, span, quote) as any extracted claim and is graded like one.
    """
    reg = reg or registry()
    lines_by_source: dict[str, list[tuple[str, str, str, Any]]] = {}
    with store.writer() as w:
        for actor in reg.actors.values():
            w.add_entity(Entity(kind=EntityKind.ACTOR, name=actor.name, type=actor.type, qid=actor.qid,
                                attributes={"country": actor.country} if actor.country else {}))
            for surface in actor.surfaces:
                w.add_alias(Alias(actor.id, surface, normalise_name(surface), AliasOrigin.REGISTRY))
            for aff in actor.affiliations:
                target = reg.get(aff.object)
                if target is not None:
                    lines_by_source.setdefault(aff.source, []).append((actor.id, aff.predicate, target.id, aff))
    added = 0
    for source, lines in sorted(lines_by_source.items()):
        added += _store_source(store, reg, source, lines)
    return added


def _store_source(store: Store, reg: Registry, source: str, lines: list[tuple[str, str, str, Any]]) -> int:
    texts = [f"{reg.actors[s].name} {p.replace('_', ' ')} {reg.actors[o].name}." for s, p, o, _ in lines]
    doc = Document(text=f"Registry source: {source}\n" + "\n".join(texts), name=f"registry-{content_hash(source)[:8]}",
                   title=f"Registry source: {source}", outlet="veracity registry", source=source)
    claimant = f"registry:{source}"
    offset = len(f"Registry source: {source}\n")
    added = 0
    with store.writer() as w:
        w.add_document(doc)
        w.add_extraction(doc.id, REGISTRY_EXTRACTOR, [])
        for (subject, predicate, obj, aff), sentence in zip(lines, texts, strict=True):
            span = (offset, offset + len(sentence))
            offset += len(sentence) + 1
            added += w.add_assertion(Assertion(
                subject=subject, predicate=predicate, object=obj, claimant=claimant, stance=Stance.ASSERTS,
                doc_id=doc.id, span=span, quote=sentence, extractor=REGISTRY_EXTRACTOR,
                valid_from=aff.valid_from, valid_to=aff.valid_to))
    return added


def load_outlets(store: Store, extra_path: str | None = None) -> int:
    """Store the outlet reliability grades (shipped file, with the user's file merged over it)."""
    from veracity.model.outlets import outlets

    found = outlets(extra_path or None)
    with store.writer() as w:
        for outlet in found.values():
            w.add_outlet(outlet)
    return len(found)


def known_aliases(store: Store) -> dict[str, str]:
    """Normalised alias -> entity id for everything already in the store (input to cross-document resolution)."""
    return {row["normalised"]: row["entity_id"] for row in store.view().rows("aliases")}


def extract(store: Store, extractor: Extractor, batch_size: int = 64, progress: Progress | None = None,
            force: bool = False) -> ExtractReport:
    """Extract every document the current extractor version has not read, resolving and storing as it goes."""
    view = store.view()
    todo = view.unextracted(extractor.version, force=force)
    docs = (view.document(doc_id) for doc_id in todo)
    report = ExtractReport()
    known = known_aliases(store)
    for extraction in extractor.extract_many(docs, batch_size=batch_size):
        extraction = _resolve(extraction, known, store)
        store_extraction(store, extraction, extractor.version, report)
        known.update({a.normalised: a.entity_id for a in extraction.aliases})
        if progress:
            progress(extraction.document.name)
    return report


def _resolve(extraction: Extraction, known: dict[str, str], store: Store) -> Extraction:
    """Cross-document resolution of unregistered entities, recording its judgements."""
    try:
        from veracity.resolve import resolve_entities
    except ImportError:  # resolution across documents is optional until the resolve stage provides it
        return extraction
    resolved, judgements = resolve_entities(extraction, known)
    if judgements:
        with store.writer() as w:
            for judgement in judgements:
                w.add_judgement(judgement)
    return resolved


def store_extraction(store: Store, extraction: Extraction, version: str, report: ExtractReport) -> None:
    """Write one document's entities, aliases, mentions and assertions in one transaction."""
    doc_id = extraction.document.id
    name = extraction.document.name.split("#")[0].rsplit(".", 1)[0]
    with store.writer() as w:
        report.entities += sum(w.add_entity(e) for e in extraction.entities)
        for alias in extraction.aliases:
            w.add_alias(alias)
        for mention in extraction.mentions:
            w.add_mention(mention)
        report.assertions += w.add_assertions(extraction.assertions)
        report.superseded += w.supersede(doc_id, (a.id for a in extraction.assertions))
        w.add_extraction(doc_id, version, extraction.warnings)
    report.documents += 1
    report.warnings.extend(f"{name}: {warning}" for warning in extraction.warnings)
