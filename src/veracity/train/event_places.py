"""Train the incident place chooser on gold in the seeds schema (``veracity train places``).

As for dates (:mod:`veracity.train.event_dates`): each matched violent incident's candidates are labelled by
whether they name the gold place (through the gold's forms, as the scorer resolves a place), grouped per incident,
and a conditional logit learns to pick one; C is chosen by document-grouped cross-validation of the accuracy of
the chosen place; dev is never read here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from veracity.evaluate.seeds import Resolver, build_resolver, is_violent, load_documents, load_records
from veracity.extract.events.place_choice import PlaceCandidate, candidates
from veracity.extract.pipeline import Extractor
from veracity.extract.text.linear import LinearModel, choose
from veracity.train.events import assign
from veracity.train.fitting import train_chooser


@dataclass(slots=True)
class Placed:
    """The candidate groups of one document's matched violent incidents, each with its gold place and labels."""

    doc: str
    groups: list[tuple[list[PlaceCandidate], list[int]]] = field(default_factory=list)


def _names(resolver: Resolver, gold: str | None, cand: PlaceCandidate) -> int:
    return int(resolver.slot(gold, cand.name))


def label_corpus(gold_path: Path, docs_dir: Path, extractor: Extractor, limit: int | None = None) -> list[Placed]:
    gold = load_records(gold_path)[:limit]
    documents = load_documents([str(r["doc"]) for r in gold], docs_dir)
    out = []
    for (ctx, _), record in zip(extractor.contexts(documents), gold, strict=True):
        resolver = build_resolver(record, {}, {})
        by_label = {str(g.get("label")): g for g in record.get("events") or []}
        doc = Placed(str(record["doc"]))
        for event, owner in zip(ctx.events, assign(ctx.events, record), strict=True):
            if owner is None or event.known or not is_violent(by_label[owner]):
                continue
            cands = candidates(ctx.sdoc, ctx.found, event)
            if cands:
                target = by_label[owner].get("place")
                doc.groups.append((cands, [_names(resolver, target, c) for c in cands]))
        out.append(doc)
    return out


def _groups(docs: Sequence[Placed]) -> list[tuple[list[list[str]], list[int]]]:
    return [([c.features for c in cands], labels) for d in docs for cands, labels in d.groups if any(labels)]


def accuracy(docs: Sequence[Placed], model: LinearModel | None) -> tuple[int, int]:
    """Correct and total over every group: the chosen candidate (for ``None``, the place as found) is right."""
    right = total = 0
    for d in docs:
        for cands, labels in d.groups:
            k = int(np.argmax(choose(model, [c.features for c in cands]))) if model else 1
            right += labels[k]
            total += 1
    return right, total


def train(gold_path: Path, docs_dir: Path, extractor: Extractor, *, grid: Sequence[float] = (0.1, 0.3, 1.0, 3.0),
          folds: int = 5, limit: int | None = None, log: Callable[[str], None] = print,
          ) -> tuple[LinearModel, dict[str, Any]]:
    """Label, choose C by cross-validation, fit on every document."""
    docs = label_corpus(gold_path, docs_dir, extractor, limit)
    return train_chooser(docs, _groups, accuracy, what="placed", grid=grid, folds=folds, log=log,
                         trained_on=gold_path.name)
