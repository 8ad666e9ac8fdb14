"""A run on an engine: documents stream from the readers to extraction workers and back to batched writers.

The single-process path (:mod:`veracity.run.build`) reads, stores, then extracts, one document per transaction.
An engine instead sends documents out in small chunks to workers that each hold the loaded pipeline, and writes the
results from here, the driver, in batches. What stays the same is everything a user sees: the same readers and
rejections, the same resolution (done here, in reading order, since it learns from each document), the same rows
and the same run warnings. Memory stays bounded: at most ``in_flight`` chunks are out at once and one batch waits
to be written; the corpus itself is never held. A re-run skips, before sending anything, every document already
stored and read by this extractor version (its id is the hash of its text), so a killed run resumes where it was.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from veracity.ingest import Loaded, Rejected, read_paths
from veracity.run.batch import Batch
from veracity.run.build import (
    ExtractReport,
    IngestReport,
    Progress,
    count_document,
    document_warning_rows,
    known_aliases,
    rejection_rows,
    resolve,
)
from veracity.run.runs import RunLog

if TYPE_CHECKING:
    from veracity.extract import Extraction
    from veracity.model.records import Document
    from veracity.store import Store


class Pending(Protocol):
    """A chunk sent out (a ``distributed.Future`` is one)."""

    def result(self) -> list[Extraction]: ...


class Executor(Protocol):
    """Where extraction runs: ``submit`` sends a chunk of documents, ``workers`` says how many take them."""

    workers: int
    version: str

    def submit(self, docs: list[Document]) -> Pending: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Flow:
    """How much is in flight: documents per chunk sent, chunks out per worker, documents per written batch."""

    chunk: int = 8
    per_worker: int = 3
    batch: int = 64


def _chunks(items: Iterable[Loaded | Rejected], size: int) -> Iterator[list[Loaded | Rejected]]:
    chunk: list[Loaded | Rejected] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Driver:
    """The state of one engine run: the window of chunks out, the batch to write, and the reports."""

    def __init__(self, store: Store, executor: Executor, flow: Flow, run: RunLog) -> None:
        self.store, self.executor, self.flow, self.run = store, executor, flow, run
        self.ingested, self.extracted = IngestReport(run=run), ExtractReport()
        self.known = known_aliases(store)
        self.batch = Batch(run, executor.version)
        self.window: deque[tuple[Pending, list[Loaded]]] = deque()
        self.pending: set[str] = set()  # ids sent or waiting to be written: the same text twice is sent once

    def take(self, chunk: list[Loaded | Rejected]) -> None:
        """Record the chunk's rejections, skip what is stored already, and send the rest out."""
        loaded = [item for item in chunk if isinstance(item, Loaded)]
        for item in chunk:
            if isinstance(item, Rejected):
                self.batch.add_warning_rows(rejection_rows(item, self.ingested, self.run))
        with self.store.writer() as w:
            done = w.extracted_by([i.document.id for i in loaded], self.executor.version)
        send = []
        for item in loaded:
            if item.document.id in done or item.document.id in self.pending:
                self.batch.add_warning_rows(document_warning_rows(item, self.run))
                count_document(self.ingested, item, False)
            else:
                self.pending.add(item.document.id)
                send.append(item)
        if send:
            self.window.append((self.executor.submit([i.document for i in send]), send))
        while len(self.window) >= max(1, self.executor.workers * self.flow.per_worker):
            self.collect()

    def collect(self) -> None:
        """Wait for the oldest chunk (results are taken in reading order, so resolution repeats exactly)."""
        pending, items = self.window.popleft()
        for item, extraction in zip(items, pending.result(), strict=True):
            extraction, judgements = resolve(extraction, self.known)
            self.batch.add(item, extraction, judgements)
        if len(self.batch) >= self.flow.batch:
            self.flush()

    def flush(self) -> None:
        ids = [item.document.id for item in self.batch.loaded]
        self.batch.flush(self.store, self.ingested, self.extracted)
        self.pending.difference_update(ids)

    def finish(self) -> None:
        while self.window:
            self.collect()
        self.flush()
        self.run.finish(self.store, self.ingested.counts() | self.extracted.counts())


def ingest_on(store: Store, paths: Iterable[str | Path], max_bytes: int, executor: Executor,
              progress: Progress | None = None, flow: Flow | None = None) -> tuple[IngestReport, ExtractReport]:
    """Ingest and extract ``paths`` on ``executor``; the reports mean what :func:`build.ingest` and
    :func:`build.extract` report for the same files."""
    paths = list(paths)
    run = RunLog.start(store, "ingest", [str(p) for p in paths])
    driver = _Driver(store, executor, flow or Flow(), run)
    for chunk in _chunks(read_paths(paths, max_bytes=max_bytes), driver.flow.chunk):
        driver.take(chunk)
        if progress:
            for item in chunk:
                progress(str(item.path))
    driver.finish()
    return driver.ingested, driver.extracted


ENGINES = ("local", "dask")


def ingest_distributed(store: Store, paths: Iterable[str | Path], max_bytes: int, *, engine: str = "dask",
                       address: str | None = None, workers: int = 2, model: str, statements: str,
                       batch_size: int = 64, progress: Progress | None = None) -> tuple[IngestReport, ExtractReport]:
    """``veracity ingest --engine dask``: a cluster (local, or the scheduler at ``address``) for one run."""
    from veracity.model.errors import ConfigError

    if engine not in ENGINES[1:]:
        raise ConfigError(f"unknown engine {engine!r}", fix=f"use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}", fix="give --workers 1 or more")
    from veracity.run.dask_engine import DaskExecutor

    with DaskExecutor(model, statements, address=address, workers=workers, batch_size=batch_size) as executor:
        return ingest_on(store, paths, max_bytes, executor, progress=progress)
