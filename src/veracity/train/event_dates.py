"""Train the incident date chooser on gold in the seeds schema (``veracity train dates``).

Each incident the product finds (merged, as extraction sees it) is matched to the gold incident it overlaps best;
its candidates (as found, undated, every nearby date expression resolved against publication) are labelled by
whether their value is the gold date. Candidates are grouped per incident and a conditional logit learns to pick
one. C is chosen by document-grouped cross-validation on the training file (accuracy of the chosen date over every
matched violent incident, the measure of ``veracity eval``'s ``event_date``); dev is never read here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from veracity.evaluate.seeds import is_violent, load_documents, load_records
from veracity.extract.events.date_choice import DateCandidate, candidates
from veracity.extract.pipeline import Extractor
from veracity.extract.text.linear import LinearModel, choose
from veracity.train.events import assign
from veracity.train.fitting import train_chooser

Record = dict[str, Any]


@dataclass(slots=True)
class Dated:
    """The candidate groups of one document's matched violent incidents, with each one's gold date."""

    doc: str
    groups: list[tuple[list[DateCandidate], str | None]] = field(default_factory=list)


def label_corpus(gold_path: Path, docs_dir: Path, extractor: Extractor, limit: int | None = None) -> list[Dated]:
    gold = load_records(gold_path)[:limit]
    documents = load_documents([str(r["doc"]) for r in gold], docs_dir)
    out = []
    for (ctx, _), record in zip(extractor.contexts(documents), gold, strict=True):
        by_label = {str(g.get("label")): g for g in record.get("events") or []}
        doc = Dated(str(record["doc"]))
        for event, owner in zip(ctx.events, assign(ctx.events, record), strict=True):
            if owner is None or event.known or not is_violent(by_label[owner]):
                continue
            cands = candidates(ctx.sdoc, event, ctx.published)
            if cands:
                doc.groups.append((cands, by_label[owner].get("date")))
        out.append(doc)
    return out


def _groups(docs: Sequence[Dated]) -> list[tuple[list[list[str]], list[int]]]:
    out = []
    for d in docs:
        for cands, gold in d.groups:
            labels = [int(c.value == gold) for c in cands]
            if any(labels):
                out.append(([c.features for c in cands], labels))
    return out


def accuracy(docs: Sequence[Dated], model: LinearModel | None) -> tuple[int, int]:
    """Correct and total over every group: the chosen value (or, for ``None``, the date as found) is the gold."""
    right = total = 0
    for d in docs:
        for cands, gold in d.groups:
            pick = cands[int(np.argmax(choose(model, [c.features for c in cands])))] if model else cands[1]
            right += int(pick.value == gold)
            total += 1
    return right, total


def train(gold_path: Path, docs_dir: Path, extractor: Extractor, *, grid: Sequence[float] = (0.1, 0.3, 1.0, 3.0),
          folds: int = 5, limit: int | None = None, log: Callable[[str], None] = print,
          ) -> tuple[LinearModel, dict[str, Any]]:
    """Label, choose C by cross-validation, fit on every document."""
    docs = label_corpus(gold_path, docs_dir, extractor, limit)
    return train_chooser(docs, _groups, accuracy, what="dated", grid=grid, folds=folds, log=log,
                         trained_on=gold_path.name)
