"""Filling the store: ingest documents, then extract and resolve them, one document per transaction.

One bad document never aborts a batch or loses what was already stored: ingest rejects are reported and skipped,
and each document's rows are written in their own transaction. Re-running changes nothing: documents, entities and
assertions have content ids, and a document already read by the current extractor version is skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.ingest import Loaded, Rejected, read_paths
from veracity.ingest.language import language_warnings
from veracity.model.ids import content_hash
from veracity.model.records import Alias, AliasOrigin, Assertion, Document, Entity, EntityKind, Judgement, Stance
from veracity.model.registry import Registry, registry
from veracity.model.values import normalise_name
from veracity.run.runs import RunLog, warning_kind

if TYPE_CHECKING:
    from veracity.extract import Extraction, Extractor
    from veracity.store import Store

Progress = Callable[[str], None]
REGISTRY_EXTRACTOR = "veracity.registry@1"


@dataclass
class IngestReport:
    """What an ingest run did: counts, each rejected file with its reason, the warnings, and the run."""

    run: RunLog
    ingested: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    """Documents in a language the extractor cannot read, by language code."""

    def counts(self) -> dict[str, int]:
        return {"ingested": len(self.ingested), "duplicates": len(self.duplicates), "rejected": len(self.rejected),
                "warnings": self.warnings, "unreadable_language": sum(self.languages.values())}


@dataclass
class ExtractReport:
    """What an extraction run added."""

    documents: int = 0
    assertions: int = 0
    entities: int = 0
    superseded: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"extracted": self.documents, "assertions": self.assertions, "entities": self.entities,
                "superseded": self.superseded, "extract_warnings": len(self.warnings)}


def ingest(store: Store, paths: Iterable[str | Path], max_bytes: int, progress: Progress | None = None,
           run: RunLog | None = None) -> IngestReport:
    """Read every path and store each new document, with its warnings, in its own transaction.

    The run (a new one unless given) records every rejection and warning, so ``veracity warnings`` can list them.
    """
    paths = list(paths)
    run = run or RunLog.start(store, "ingest", [str(p) for p in paths])
    report = IngestReport(run=run)
    for item in read_paths(paths, max_bytes=max_bytes):
        if isinstance(item, Rejected):
            with store.writer() as w:
                w.add_run_warnings(rejection_rows(item, report, run))
        else:
            store_document(store, item, report, run)
        if progress:
            progress(str(item.path))
    run.finish(store, report.counts())
    return report


def store_document(store: Store, item: Loaded, report: IngestReport, run: RunLog) -> None:
    """One document and its warnings in one transaction; a duplicate's warnings are recorded too."""
    with store.writer() as w:
        added = w.add_document(item.document)
        w.add_run_warnings(document_warning_rows(item, run))
    count_document(report, item, added)


def rejection_rows(item: Rejected, report: IngestReport, run: RunLog) -> list[dict[str, Any]]:
    """Count a rejected input and give its warning row (the same row whichever engine runs the batch)."""
    report.rejected.append(item)
    return run.rows("rejected", item.where, [item.reason])


def document_warning_rows(item: Loaded, run: RunLog) -> list[dict[str, Any]]:
    """The run's rows for what reading a document warned about, each tied to the document."""
    rows: list[dict[str, Any]] = []
    for warning in item.warnings:
        rows.extend(run.rows(warning_kind(warning), item.where, [warning], item.document.id))
    return rows


def count_document(report: IngestReport, item: Loaded, added: bool) -> None:
    """Count a read document as ingested or duplicate, with its warnings and an unreadable language."""
    (report.ingested if added else report.duplicates).append(item.document.id)
    report.warnings += len(item.warnings)
    if language_warnings(item.document.language):
        report.languages[str(item.document.language)] += 1


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
            force: bool = False, run: RunLog | None = None) -> ExtractReport:
    """Extract every document the current extractor version has not read, resolving and storing as it goes."""
    view = store.view()
    todo = view.unextracted(extractor.version, force=force)
    docs = (view.document(doc_id) for doc_id in todo)
    report = ExtractReport()
    known = known_aliases(store)
    for extraction in extractor.extract_many(docs, batch_size=batch_size):
        extraction, judgements = resolve(extraction, known)
        if judgements:
            with store.writer() as w:
                for judgement in judgements:
                    w.add_judgement(judgement)
        store_extraction(store, extraction, extractor.version, report, run)
        if progress:
            progress(extraction.document.name)
    return report


def resolve(extraction: Extraction, known: dict[str, str]) -> tuple[Extraction, list[Judgement]]:
    """Cross-document resolution of unregistered entities against ``known``, which then learns the document's
    aliases; the judgements are for the caller to store. Documents must pass in one order for a run to repeat."""
    from veracity.resolve import resolve_entities

    resolved, judgements = resolve_entities(extraction, known)
    known.update({a.normalised: a.entity_id for a in resolved.aliases})
    return resolved, judgements


def extraction_location(extraction: Extraction) -> str:
    """The name a document's extraction warnings are listed under (its file name without extension)."""
    return extraction.document.name.split("#")[0].rsplit(".", 1)[0]


def store_extraction(store: Store, extraction: Extraction, version: str, report: ExtractReport,
                     run: RunLog | None = None) -> None:
    """Write one document's entities, aliases, mentions and assertions (and, given a run, its warnings there) in
    one transaction."""
    doc_id = extraction.document.id
    name = extraction_location(extraction)
    with store.writer() as w:
        report.entities += sum(w.add_entity(e) for e in extraction.entities)
        for alias in extraction.aliases:
            w.add_alias(alias)
        for mention in extraction.mentions:
            w.add_mention(mention)
        report.assertions += w.add_assertions(extraction.assertions)
        report.superseded += w.supersede(doc_id, (a.id for a in extraction.assertions))
        w.add_extraction(doc_id, version, extraction.warnings)
        if run is not None:
            run.record(w, "extract", name, extraction.warnings, doc_id)
    report.documents += 1
    report.warnings.extend(f"{name}: {warning}" for warning in extraction.warnings)
