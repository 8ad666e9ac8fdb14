"""Train the incident coreference model on gold in the seeds schema (``veracity train events``).

Each event the product finds (before merging) is assigned the gold event it overlaps best (the scorer's
``event_overlap``); two events assigned to the same gold incident are a positive pair, to different ones a negative
pair, and events that match no gold incident are left out of training. The merge threshold and the regularisation
are chosen by document-grouped cross-validation on the training file, scored with the events facet of
``veracity eval``; dev is never read here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from veracity.evaluate.report import Prf
from veracity.evaluate.seeds import event_overlap, load_documents, load_records, score_events
from veracity.extract.events.coref import CorefModel, merge_events, pair_features, sentence_index
from veracity.extract.events.finder import EventMention
from veracity.extract.pipeline import Extractor
from veracity.train.fitting import document_folds, fit_logistic

Record = dict[str, Any]
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


@dataclass(slots=True)
class Events:
    """One training document: its parse, the events found before merging, its gold, and the labelled pairs."""

    sdoc: Doc
    events: list[EventMention]
    gold: Record
    pairs: list[tuple[list[str], str]] = field(default_factory=list)


def owner(event: EventMention, gold: Record) -> str | None:
    """The label of the gold incident a found event overlaps best (the scorer's ``event_overlap``), or ``None``."""
    pred = {"label": event.label, "surface": event.surfaces}
    scored = [(event_overlap(g, pred), str(g.get("label"))) for g in gold.get("events") or []]
    best = max(scored, default=(0.0, ""))
    return best[1] if best[0] > 0 else None


def assign(events: Sequence[EventMention], gold: Record) -> list[str | None]:
    """The gold incident each found event overlaps best, or ``None``."""
    return [owner(event, gold) for event in events]


def label_document(sdoc: Doc, events: list[EventMention], gold: Record) -> Events:
    doc = Events(sdoc, events, gold)
    owners = assign(events, gold)
    index = sentence_index(sdoc)
    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if owners[i] is not None and owners[j] is not None:
                doc.pairs.append((pair_features(sdoc, events[i], events[j], index),
                                  "same" if owners[i] == owners[j] else "other"))
    return doc


def label_corpus(gold_path: Path, docs_dir: Path, extractor: Extractor, limit: int | None = None) -> list[Events]:
    """Parse every document of a gold file with the events unmerged, and label the pairs."""
    gold = load_records(gold_path)[:limit]
    documents = load_documents([str(r["doc"]) for r in gold], docs_dir)
    return [label_document(ctx.sdoc, list(ctx.events), record)
            for (ctx, _), record in zip(extractor.contexts(documents), gold, strict=True)]


def fit(docs: Sequence[Events], c: float, threshold: float = 0.5, meta: dict[str, Any] | None = None) -> CorefModel:
    rows = [f for d in docs for f, _ in d.pairs]
    labels = [y for d in docs for _, y in d.pairs]
    return CorefModel(fit_logistic(rows, labels, ["other", "same"], c), threshold, meta or {})


def event_records(events: Sequence[EventMention]) -> list[Record]:
    """Found events as the scorer reads them (label, type, surfaces)."""
    return [{"label": e.label, "type": e.type, "surface": list(e.surfaces)} for e in events]


def events_prf(docs: Sequence[Events], model: CorefModel | None) -> Prf:
    """The events facet over documents, with the events merged by ``model`` (or as found, for ``None``)."""
    total = Prf()
    for doc in docs:
        events = copy.deepcopy(doc.events)
        merged = merge_events(doc.sdoc, events, model) if model is not None else events
        total = total + score_events(doc.gold.get("events") or [], event_records(merged))[0]
    return total


def cross_validate(docs: Sequence[Events], c: float, folds: int = 5, seed: int = 0,
                   thresholds: Sequence[float] = THRESHOLDS) -> dict[float, Prf]:
    out = {t: Prf() for t in thresholds}
    for fit_on, held_out in document_folds(len(docs), folds, seed):
        model = fit([docs[i] for i in fit_on], c)
        held = [docs[i] for i in held_out]
        for t in thresholds:
            out[t] = out[t] + events_prf(held, CorefModel(model.pair, t, {}))
    return out


def train(gold_path: Path, docs_dir: Path, extractor: Extractor, *, grid: Sequence[float] = (0.3, 1.0, 3.0),
          folds: int = 5, limit: int | None = None, log: Callable[[str], None] = print) -> CorefModel:
    """Label, choose C and the threshold by cross-validation, and fit the final model on every document."""
    docs = label_corpus(gold_path, docs_dir, extractor, limit)
    same = sum(1 for d in docs for _, y in d.pairs if y == "same")
    log(f"{len(docs)} documents, {sum(len(d.events) for d in docs)} events found, "
        f"{sum(len(d.pairs) for d in docs)} labelled pairs ({same} coreferent)")
    log(f"unmerged: events {events_prf(docs, None).f1:.3f}")
    best: tuple[float, float, float] = (-1.0, grid[0], THRESHOLDS[-1])
    for c in grid:
        for t, prf in cross_validate(docs, c, folds).items():
            log(f"C={c} threshold={t}: events P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}")
            if prf.f1 > best[0]:
                best = (prf.f1, c, t)
    value, c, t = best
    log(f"chosen C={c} threshold={t} (cross-validated events F1 {value:.3f})")
    meta = {"trained_on": gold_path.name, "documents": len(docs), "C": c, "folds": folds, "cv_f1": round(value, 4)}
    return fit(docs, c, t, meta)
