"""Runs and their warnings: what a batch warned about, kept so it can be listed after the batch is gone.

A batch of 10,000 files prints hundreds of warnings (a date nobody can read, a page decoded as cp1252, a report in
Urdu) that scroll away. Each run gets a row, and each warning a row tied to the run, written in the same
transaction as the document it is about: a run killed half-way keeps exactly the warnings of what it stored.
``veracity warnings [--run ID]`` reads them back.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from veracity.model.errors import NotFound

if TYPE_CHECKING:
    from veracity.store import Store, Writer

KIND_PREFIXES = (
    ("file is not UTF-8", "encoding"), ("line is not UTF-8", "encoding"), ("file is UTF-", "encoding"),
    ("page is malformed", "html"), ("language is", "language"), ("date ", "date"),
)
"""How an ingest warning's opening words name its kind (readers word their warnings this way)."""


def warning_kind(message: str) -> str:
    """``encoding``, ``html``, ``language``, ``date`` or ``ingest`` for an ingest warning."""
    return next((kind for prefix, kind in KIND_PREFIXES if message.startswith(prefix)), "ingest")


@dataclass
class RunLog:
    """One run's id and warning counter; hands out rows for the writer to store with each document."""

    id: str
    kind: str = "ingest"
    seq: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def start(cls, store: Store, kind: str, inputs: list[str]) -> RunLog:
        """A new run, recorded in the store at once (so a killed run still shows up)."""
        run = cls(f"{datetime.now(UTC):%Y%m%dT%H%M%S.%f}-{secrets.token_hex(3)}", kind)
        with store.writer() as w:
            w.start_run(run.id, kind, inputs)
        return run

    def record(self, w: Writer, kind: str, location: str, messages: tuple[str, ...] | list[str],
               doc_id: str | None = None) -> None:
        """Store ``messages`` as warnings of this run, in ``w``'s transaction."""
        w.add_run_warnings(self.rows(kind, location, messages, doc_id))

    def rows(self, kind: str, location: str, messages: tuple[str, ...] | list[str],
             doc_id: str | None = None) -> list[dict[str, Any]]:
        """The rows :meth:`record` stores, numbered in the order met (a batched writer stores them later)."""
        rows = []
        for message in messages:
            self.seq += 1
            rows.append({"run_id": self.id, "seq": self.seq, "kind": kind, "location": location, "doc_id": doc_id,
                         "message": message})
        return rows

    def finish(self, store: Store, counts: dict[str, int]) -> None:
        with store.writer() as w:
            w.finish_run(self.id, counts)


def runs(store: Store) -> list[dict[str, Any]]:
    """Every run the store's scope may see, oldest first."""
    return list(store.view().rows("runs"))  # ids begin with the start time to the microsecond


def find_run(store: Store, run_id: str | None) -> dict[str, Any] | None:
    """The run whose id starts with ``run_id`` (the newest when several do), the newest run for ``None``, or
    ``None`` when there is no such run (or none the store's scope may see)."""
    return store.view().run(run_id)


def run_warnings(store: Store, run_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    """The warnings of one run the store's scope may see, in the order they were met."""
    return store.view().run_warnings(run_id, kind)


def run_report(store: Store, run_id: str | None, kind: str | None = None
               ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """``(run, warnings)`` for ``veracity warnings``; raises :class:`NotFound` when there is no such run."""
    found = find_run(store, run_id)
    if found is None:
        what = f"no run with an id starting {run_id!r}" if run_id else "no run has been recorded in this store"
        raise NotFound(what, fix="ingest something first, or see the run ids ingest prints")
    return found, run_warnings(store, found["id"], kind)
