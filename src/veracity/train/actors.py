"""Train the actor filter on gold in the seeds schema (``veracity train actors``).

Every entity the product proposes that no statement names is labelled ``actor`` when one of its surfaces or its
name is a form of a gold actor of the document, else ``not``. The drop threshold and C are chosen by
document-grouped cross-validation of the actors facet (the scorer's one-to-one matching); dev is never read here.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veracity.evaluate.report import Prf
from veracity.evaluate.seeds import _match_items, clean, forms, load_documents, load_records
from veracity.extract.actors.filter import ActorFilter, candidates
from veracity.extract.pipeline import Extractor, finish
from veracity.extract.records import to_gold_record
from veracity.extract.statements.component import find_statements
from veracity.train.fitting import fit_logistic

Record = dict[str, Any]
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)


@dataclass(slots=True)
class Proposed:
    """One document: the predicted actor items (ids -> record item), the droppable entities with features and
    labels, and the gold actors."""

    gold: list[Record]
    items: dict[str, Record]
    rows: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


def label_corpus(gold_path: Path, docs_dir: Path, extractor: Extractor, limit: int | None = None) -> list[Proposed]:
    gold = load_records(gold_path)[:limit]
    documents = load_documents([str(r["doc"]) for r in gold], docs_dir)
    out = []
    for (ctx, warnings), record in zip(extractor.contexts(documents), gold, strict=True):
        if extractor.statements == "learned":
            find_statements(ctx)
        rows = candidates(ctx.sdoc, ctx.found, ctx.assertions)
        names = {m.entity.id: m.entity.name for m in ctx.found.actors}
        pred = {**to_gold_record(finish(ctx, list(warnings))), "doc": record["doc"]}
        items = {ident: a for a in pred["actors"] for ident, name in names.items() if a["name"] == name}
        gold_forms = set().union(*(forms(a) for a in record.get("actors") or [])) if record.get("actors") else set()
        doc = Proposed(list(record.get("actors") or []), items, rows)
        for ident in rows:
            item = items.get(ident, {"name": names.get(ident, ""), "surface": []})
            doc.labels[ident] = "actor" if forms(item) & gold_forms or clean(item["name"]) in gold_forms else "not"
        out.append(doc)
    return out


def actors_prf(docs: Sequence[Proposed], model: ActorFilter | None) -> Prf:
    total = Prf()
    for d in docs:
        dropped: set[str] = set()
        if model is not None and d.rows:
            idents = list(d.rows)
            probs = model.model.probs([d.rows[i] for i in idents])[:, model.model.labels.index("actor")]
            dropped = {i for i, p in zip(idents, probs, strict=True) if p < model.threshold}
        kept = [item for ident, item in d.items.items() if ident not in dropped]
        total = total + _match_items(d.gold, kept)[0]
    return total


def fit(docs: Sequence[Proposed], c: float, threshold: float = 0.5, meta: dict[str, Any] | None = None,
        ) -> ActorFilter:
    rows = [d.rows[i] for d in docs for i in d.rows]
    labels = [d.labels[i] for d in docs for i in d.rows]
    return ActorFilter(fit_logistic(rows, labels, ["not", "actor"], c), threshold, meta or {})


def train(gold_path: Path, docs_dir: Path, extractor: Extractor, *, grid: Sequence[float] = (0.1, 0.3, 1.0),
          folds: int = 5, limit: int | None = None, log: Callable[[str], None] = print) -> ActorFilter:
    """Label, choose C and the threshold by cross-validation, fit on every document."""
    docs = label_corpus(gold_path, docs_dir, extractor, limit)
    n = sum(len(d.rows) for d in docs)
    log(f"{len(docs)} documents, {n} droppable entities "
        f"({sum(1 for d in docs for y in d.labels.values() if y == 'not')} not actors in the gold)")
    base = actors_prf(docs, None)
    log(f"unfiltered: actors P {base.precision:.3f} R {base.recall:.3f} F1 {base.f1:.3f}")
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    best = (base.f1, grid[0], 0.0)
    for c in grid:
        totals = {t: Prf() for t in THRESHOLDS}
        for k in range(folds):
            held_out = set(order[k::folds])
            model = fit([docs[i] for i in order if i not in held_out], c)
            for t in THRESHOLDS:
                totals[t] = totals[t] + actors_prf([docs[i] for i in order[k::folds]],
                                                   ActorFilter(model.model, t, {}))
        for t, prf in totals.items():
            log(f"C={c} threshold={t}: actors P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f}")
            if prf.f1 > best[0]:
                best = (prf.f1, c, t)
    value, c, t = best
    log(f"chosen C={c} threshold={t} (cross-validated actors F1 {value:.3f})")
    meta = {"trained_on": gold_path.name, "documents": len(docs), "C": c, "folds": folds, "cv_f1": round(value, 4)}
    return fit(docs, c, t, meta)
