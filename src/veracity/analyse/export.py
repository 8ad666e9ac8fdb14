"""Flat and graph exports (GraphML, GEXF, CSV, JSONL) and the full-store dump that round-trips every row.

Exports stream: rows are written as the store yields them, so memory stays flat as the store grows (measured by
``bench/bench_export.py``). Grades are added as columns when an assessment hook is given, and left empty
otherwise, so a spreadsheet made before grading and one made after have the same columns.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx

from veracity.analyse.graph import Grader, Network, collect, edge_kind
from veracity.analyse.network import ego, name_nodes
from veracity.model.errors import InvalidInput
from veracity.model.records import Entity, EntityKind, Evidence

GRAPH_FORMATS = ("graphml", "gexf")
ENTITY_COLUMNS = ("id", "kind", "type", "name", "qid", "resolved", "date", "precision", "place", "country", "killed",
                  "injured", "attributes")
ASSERTION_COLUMNS = ("id", "subject", "subject_name", "predicate", "object", "object_name", "object_literal",
                     "claimant", "claimant_name", "stance", "hedge", "attribution", "kind", "doc_id", "doc_name",
                     "published", "outlet", "url", "quote", "extractor", "probability", "grade")


def network_of(view: Any, about: str | None, depth: int = 1, grade: Grader | None = None) -> Network:
    """The network to write: the ego network of ``about``, or every entity-to-entity edge in the store."""
    if about:
        return name_nodes(view, ego(view, about, depth=depth, grade=grade))
    net = collect(view.evidence())
    net.apply_grades(grade)
    return name_nodes(view, net)


def write_graph(net: Network, path: str | Path, fmt: str) -> int:
    """Write a network as GraphML or GEXF with networkx's writers; returns the number of edges."""
    graph = net.to_networkx()
    if fmt == "graphml":
        nx.write_graphml(graph, path)
    elif fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        raise InvalidInput(f"unknown graph format {fmt!r}", fix=f"use one of {', '.join(GRAPH_FORMATS)}")
    return int(graph.number_of_edges())


def entity_record(entity: Entity) -> dict[str, Any]:
    """One actor, place or event as a flat record (event attributes spread into columns)."""
    attrs = entity.attributes
    return {"id": entity.id, "kind": entity.kind.value, "type": entity.type, "name": entity.name, "qid": entity.qid,
            "resolved": entity.resolved, "date": attrs.get("date"), "precision": attrs.get("precision"),
            "place": attrs.get("place"), "country": attrs.get("country"), "killed": attrs.get("killed"),
            "injured": attrs.get("injured"), "attributes": json.dumps(attrs, sort_keys=True, default=str)}


def assertion_record(ev: Evidence, names: dict[str, str], grade: Grader | None) -> dict[str, Any]:
    """One assertion with its document facts, display names and (when available) its proposition's grade."""
    a = ev.assertion
    graded = grade(a.triple) if grade else None
    return {"id": a.id, "subject": a.subject, "subject_name": names.get(a.subject, a.subject),
            "predicate": a.predicate, "object": a.object,
            "object_name": a.object if a.object_literal else names.get(a.object, a.object),
            "object_literal": a.object_literal, "claimant": a.claimant,
            "claimant_name": names.get(a.claimant, a.claimant), "stance": a.stance.value, "hedge": a.hedge,
            "attribution": a.attribution, "kind": edge_kind(ev), "doc_id": a.doc_id, "doc_name": ev.doc_name,
            "published": ev.published, "outlet": ev.outlet, "url": ev.url, "quote": a.quote,
            "extractor": a.extractor, "probability": graded.probability if graded else None,
            "grade": graded.word if graded else None}


def _entities(view: Any, about: str | None) -> tuple[list[Entity], dict[str, str], str | None]:
    entities = view.entities()
    about_id = view.find_entity(about).id if about else None
    return entities, {e.id: e.name for e in entities}, about_id


def records(view: Any, about: str | None = None, grade: Grader | None = None) -> Iterator[tuple[str, dict]]:
    """(record type, record) for actors, events and assertions, streamed; ``about`` keeps one entity's lines."""
    entities, names, about_id = _entities(view, about)
    for entity in entities:
        if entity.kind in (EntityKind.ACTOR, EntityKind.EVENT):
            yield entity.kind.value, entity_record(entity)
    evidence = view.evidence(about=about_id) if about_id else view.evidence()
    for ev in evidence:
        yield "assertion", assertion_record(ev, names, grade)


def export_jsonl(view: Any, path: str | Path, about: str | None = None, grade: Grader | None = None) -> int:
    """One JSON object per line, each with its ``record`` type; returns the number of lines."""
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for kind, record in records(view, about, grade):
            out.write(json.dumps({"record": kind, **record}, ensure_ascii=False) + "\n")
            count += 1
    return count


def export_csv(view: Any, folder: str | Path, about: str | None = None, grade: Grader | None = None) -> int:
    """``actors.csv``, ``events.csv`` and ``assertions.csv`` in ``folder`` (created); returns rows written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, IO[str]] = {}
    writers: dict[str, csv.DictWriter] = {}
    count = 0
    try:
        for kind, columns in (("actor", ENTITY_COLUMNS), ("event", ENTITY_COLUMNS), ("assertion", ASSERTION_COLUMNS)):
            files[kind] = open(out / f"{kind}s.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            writers[kind] = csv.DictWriter(files[kind], fieldnames=columns)
            writers[kind].writeheader()
        for kind, record in records(view, about, grade):
            writers[kind].writerow(record)
            count += 1
    finally:
        for handle in files.values():
            handle.close()
    return count


@dataclass(slots=True)
class DumpReport:
    """Rows written or read per table."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def dump_store(view: Any, path: str | Path, tables: tuple[str, ...] | None = None) -> DumpReport:
    """Every row of every table as JSONL (``{"table": name, "row": {...}}``), tables in foreign-key order."""
    from veracity.store.schema import TABLES

    report = DumpReport()
    with open(path, "w", encoding="utf-8") as out:
        for name in tables or tuple(t.name for t in TABLES):
            report.rows[name] = 0
            for row in view.rows(name):
                out.write(json.dumps({"table": name, "row": row}, ensure_ascii=False, default=str) + "\n")
                report.rows[name] += 1
    return report


def _dump_lines(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    from veracity.store.schema import metadata

    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                table, row = item["table"], item["row"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InvalidInput(f"{path}:{number}: not a store dump line ({exc})",
                                   fix="give a file written by 'veracity export store'") from exc
            if table not in metadata.tables:
                raise InvalidInput(f"{path}:{number}: unknown table {table!r}", fix="check the dump's version")
            yield table, row


def load_store(store: Any, path: str | Path, batch: int = 2000) -> DumpReport:
    """Insert a dump's rows (existing keys are kept, so loading twice adds nothing); one transaction."""
    report = DumpReport()
    pending: list[dict[str, Any]] = []
    current = ""
    with store.writer() as w:
        for table, row in _dump_lines(Path(path)):
            if (table != current or len(pending) >= batch) and pending:
                report.rows[current] = report.rows.get(current, 0) + w.insert_rows(current, pending)
                pending = []
            current = table
            pending.append(row)
        if pending:
            report.rows[current] = report.rows.get(current, 0) + w.insert_rows(current, pending)
    return report
