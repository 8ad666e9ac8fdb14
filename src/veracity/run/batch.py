"""Many documents' rows written in one transaction: the driver side of a distributed run.

Workers return extractions; writing each in its own transaction, as the single-process path does, would make the
database the bottleneck long before the workers are. A :class:`Batch` gathers the rows of a few dozen documents
(each key once), then writes them table by table with :meth:`~veracity.store.Writer.copy_rows` (COPY on
PostgreSQL). The rows are built by the same functions as the single-process path (``store.rows``, the run's warning
rows), so both paths store the same thing. Through a store that marks what it adds (``veracity ingest --tlp``),
the documents and judgements a batch adds are marked and audited in the batch's transaction, as the
single-process path marks each. A batch killed half-way is rolled back whole; nothing of it is marked
extracted, so a re-run does it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from veracity.run.build import (
    ExtractReport,
    IngestReport,
    count_document,
    document_warning_rows,
    extraction_location,
)
from veracity.store import rows as R
from veracity.store.writer import extraction_row

if TYPE_CHECKING:
    from veracity.extract import Extraction
    from veracity.ingest import Loaded
    from veracity.model.records import Judgement
    from veracity.run.runs import RunLog
    from veracity.store import Store

TABLES = ("documents", "entities", "aliases", "mentions", "assertions", "judgements", "extractions", "run_warnings")
"""Write order: every foreign key points at a table written before it."""

KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("id",), "entities": ("id",), "aliases": ("entity_id", "surface"), "mentions": ("id",),
    "assertions": ("id",), "judgements": ("id",), "extractions": ("doc_id", "extractor"),
    "run_warnings": ("run_id", "seq"),
}


@dataclass
class Batch:
    """Rows of many documents, keyed so that an entity named in twenty documents is sent once."""

    run: RunLog
    version: str
    rows: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = field(default_factory=lambda: {t: {} for t in TABLES})
    loaded: list[Loaded] = field(default_factory=list)
    keep: dict[str, set[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.loaded)

    def _add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].setdefault(tuple(row[k] for k in KEYS[table]), row)

    def add_warning_rows(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self._add("run_warnings", row)

    def add(self, item: Loaded, extraction: Extraction, judgements: list[Judgement]) -> None:
        """A read document, its (resolved) extraction and the judgements its resolution took."""
        self.loaded.append(item)
        self._add("documents", R.document_row(item.document))
        self.add_warning_rows(document_warning_rows(item, self.run))
        for judgement in judgements:
            self._add("judgements", R.judgement_row(judgement))
        for entity in extraction.entities:
            self._add("entities", R.entity_row(entity))
        for alias in extraction.aliases:
            self._add("aliases", R.alias_row(alias))
        for mention in extraction.mentions:
            self._add("mentions", R.mention_row(mention))
        for assertion in extraction.assertions:
            self._add("assertions", R.assertion_row(assertion))
        doc_id = item.document.id
        self._add("extractions", extraction_row(doc_id, self.version, extraction.warnings))
        name = extraction_location(extraction)
        self.add_warning_rows(self.run.rows("extract", name, extraction.warnings, doc_id))
        self.keep[doc_id] = {a.id for a in extraction.assertions}
        self.warnings.extend(f"{name}: {warning}" for warning in extraction.warnings)

    def flush(self, store: Store, ingested: IngestReport, extracted: ExtractReport) -> None:
        """Write everything in one transaction, count it into the reports, and empty the batch."""
        with store.writer() as w:
            inserted = {table: w.copy_rows(table, list(self.rows[table].values())) for table in TABLES}
            w.mark_added("document", [key[0] for key in inserted["documents"]], "ingest")
            w.mark_added("judgement", [key[0] for key in inserted["judgements"]], "judgement")
            extracted.superseded += w.supersede_many(self.keep) if self.keep else 0
        new_docs = {key[0] for key in inserted["documents"]}
        for item in self.loaded:
            count_document(ingested, item, item.document.id in new_docs)
            new_docs.discard(item.document.id)  # the same text twice in one batch is one document
        extracted.documents += len(self.keep)
        extracted.entities += len(inserted["entities"])
        extracted.assertions += len(inserted["assertions"])
        extracted.warnings.extend(self.warnings)
        self.rows = {t: {} for t in TABLES}
        self.loaded, self.keep, self.warnings = [], {}, []
