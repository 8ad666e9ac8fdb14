"""Train the learned event trigger model on gold in the seeds schema (``veracity train triggers``).

Labels: the head word of every gold surface of a violent event is a trigger of that event's type; every other noun
and verb outside a name is ``none``. The candidates and features are the product's own (the rules' actors, places
and trigger verdicts on the same parse). The regularisation and the decision threshold are chosen by
document-grouped cross-validation on the training file, scored end to end with the events facet of
``veracity eval`` after the shipped incident coreference merges what was found; dev is never read here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from veracity.evaluate.report import Prf
from veracity.evaluate.seeds import is_violent, load_documents, load_records, score_events
from veracity.extract.actors.finder import Found
from veracity.extract.events.coref import CorefModel, merge_events
from veracity.extract.events.coref import load_model as load_coref
from veracity.extract.events.finder import EventMention
from veracity.extract.events.triggers import NONE, VIOLENT, TriggerModel, add_learned_events, document_rows
from veracity.extract.pipeline import Extractor
from veracity.train.events import event_records
from veracity.train.fitting import document_folds, fit_logistic

Record = dict[str, Any]
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
CLASSES = (NONE, *VIOLENT)


@dataclass(slots=True)
class Triggers:
    """One training document: its parse, actors and places, the rule events (unmerged), gold, labelled rows."""

    sdoc: Doc
    found: Found
    published: str | None
    events: list[EventMention]
    gold: Record
    rows: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def gold_heads(sdoc: Doc, gold: Record) -> dict[int, str]:
    """Token index -> violent type for the head word of every gold surface found in the text."""
    text = sdoc.text
    out: dict[int, str] = {}
    for event in gold.get("events") or []:
        if not is_violent(event):
            continue
        for surface in event.get("surface") or []:
            at = text.find(surface) if surface else -1
            span = sdoc.char_span(at, at + len(surface), alignment_mode="expand") if at >= 0 else None
            if span is not None and len(span):
                out.setdefault(span.root.i, str(event["type"]))
    return out


def label_document(sdoc: Doc, found: Found, published: str | None, events: list[EventMention],
                   gold: Record) -> Triggers:
    doc = Triggers(sdoc, found, published, events, gold)
    heads = gold_heads(sdoc, gold)
    tokens: list[Token]
    tokens, doc.rows = document_rows(sdoc, found)
    doc.labels = [heads.get(t.i, NONE) for t in tokens]
    return doc


def label_corpus(gold_path: Path, docs_dir: Path, extractor: Extractor, limit: int | None = None) -> list[Triggers]:
    """Parse every document of a gold file with only the rule events (unmerged), and label the candidates."""
    gold = load_records(gold_path)[:limit]
    documents = load_documents([str(r["doc"]) for r in gold], docs_dir)
    return [label_document(ctx.sdoc, ctx.found, ctx.published, list(ctx.events), record)
            for (ctx, _), record in zip(extractor.contexts(documents), gold, strict=True)]


def fit(docs: Sequence[Triggers], c: float, threshold: float = 0.5, meta: dict[str, Any] | None = None,
        ) -> TriggerModel:
    rows = [r for d in docs for r in d.rows]
    labels = [y for d in docs for y in d.labels]
    return TriggerModel(fit_logistic(rows, labels, list(CLASSES), c), threshold, meta or {})


def events_prf(docs: Sequence[Triggers], model: TriggerModel | None, coref: CorefModel) -> Prf:
    """The events facet over documents: the rule events, plus the learned ones under ``model`` (none for
    ``None``), merged by the shipped incident coreference as the product merges them."""
    total = Prf()
    for doc in docs:
        events = copy.deepcopy(doc.events)  # the learned events join the rules' ones: never touch the originals
        if model is not None:
            events = add_learned_events(doc.sdoc, doc.found, doc.published, events, model)
        merged = merge_events(doc.sdoc, events, coref)
        total = total + score_events(doc.gold.get("events") or [], event_records(merged))[0]
    return total


def cross_validate(docs: Sequence[Triggers], c: float, coref: CorefModel, folds: int = 5, seed: int = 0,
                   thresholds: Sequence[float] = THRESHOLDS) -> dict[float, Prf]:
    out = {t: Prf() for t in thresholds}
    for fit_on, held_out in document_folds(len(docs), folds, seed):
        model = fit([docs[i] for i in fit_on], c)
        held = [docs[i] for i in held_out]
        for t in thresholds:
            out[t] = out[t] + events_prf(held, TriggerModel(model.token, t, {}), coref)
    return out


def train(gold_path: Path, docs_dir: Path, extractor: Extractor, *, grid: Sequence[float] = (0.1, 0.3, 1.0),
          folds: int = 5, limit: int | None = None, log: Callable[[str], None] = print) -> TriggerModel:
    """Label, choose C and the threshold by cross-validation, and fit the final model on every document."""
    docs = label_corpus(gold_path, docs_dir, extractor, limit)
    coref = load_coref()
    positives = sum(1 for d in docs for y in d.labels if y != NONE)
    log(f"{len(docs)} documents, {sum(len(d.labels) for d in docs)} candidate tokens, {positives} gold triggers")
    base = events_prf(docs, None, coref)
    log(f"rules only: events P {base.precision:.3f} R {base.recall:.3f} F1 {base.f1:.3f}")
    best: tuple[float, float, float] = (base.f1, grid[0], THRESHOLDS[-1])
    for c in grid:
        for t, prf in cross_validate(docs, c, coref, folds).items():
            log(f"C={c} threshold={t}: events P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}")
            if prf.f1 > best[0]:
                best = (prf.f1, c, t)
    value, c, t = best
    log(f"chosen C={c} threshold={t} (cross-validated events F1 {value:.3f}; rules only {base.f1:.3f})")
    meta = {"trained_on": gold_path.name, "documents": len(docs), "C": c, "folds": folds, "cv_f1": round(value, 4),
            "rules_only_f1": round(base.f1, 4)}
    return fit(docs, c, t, meta)
