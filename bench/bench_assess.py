"""Bench: grade 100k synthetic assertions (target: under 60 s) against a plain-grouping baseline, same run.

    .venv/bin/python bench/bench_assess.py [--assertions 100000] [--docs 10000]

The synthetic record mimics the shape of real reporting: a few hundred actors, spokesmen who belong to groups,
hostility between some of them, outlets of mixed reliability, wire stories syndicated to several outlets,
hedged lines, denials and analyst reviews.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import date

from veracity.assess.grade import Assessor
from veracity.model.records import Assertion, Evidence, Outlet, Review, Stance, Verdict, author_claimant

PREDICATES = ["supports", "harbours", "allied_with", "controls", "hostile_to", "trains", "responsible_for"]
GROUPS, SPOKESMEN = 60, 300


def _texts(rng: random.Random, docs: int) -> dict[str, str]:
    """Random 120-word articles; one in five is a syndicated copy of the article before it."""
    words = [f"w{i}" for i in range(3000)]
    texts: dict[str, str] = {}
    for i in range(docs):
        if i % 10 and rng.random() < 0.2 and texts:
            texts[f"doc{i}"] = texts[f"doc{i - 1}"] + " (syndicated)"
        else:
            texts[f"doc{i}"] = " ".join(rng.choices(words, k=120))
    return texts


def _claimant(rng: random.Random, doc: str) -> str:
    roll = rng.random()
    if roll < 0.4:
        return author_claimant(doc)
    if roll < 0.8:
        return f"actor:s{rng.randrange(SPOKESMEN)}"
    return f"actor:g{rng.randrange(GROUPS)}"


def _assertion(rng: random.Random, i: int, docs: int) -> Assertion:
    doc = f"doc{rng.randrange(docs)}"
    subject, obj = rng.sample(range(GROUPS), 2)
    predicate = rng.choice(PREDICATES)
    target = f"event:e{obj}" if predicate == "responsible_for" else f"actor:g{obj}"
    return Assertion(subject=f"actor:g{subject}", predicate=predicate, object=target, claimant=_claimant(rng, doc),
                     stance=Stance.DENIES if rng.random() < 0.1 else Stance.ASSERTS, doc_id=doc,
                     span=(i, i + 40), quote=f"sentence {i} of {doc}", extractor="bench@1",
                     hedge="may" if rng.random() < 0.2 else None)


def _membership(published: dict[str, str]) -> list[Evidence]:
    """Each spokesman belongs to one group (stated once, in the first document)."""
    return [Evidence(Assertion(f"actor:s{i}", "member_of", f"actor:g{i % GROUPS}", author_claimant("doc0"),
                               Stance.ASSERTS, "doc0", (0, 10), f"s{i} speaks for g{i % GROUPS}", "bench@1"),
                     published=published["doc0"], outlet="Outlet 0", doc_name="doc0") for i in range(SPOKESMEN)]


def synthetic(n: int, docs: int, seed: int = 0) -> tuple[list[Evidence], dict[str, str], dict[str, Outlet]]:
    """n assertions over ``docs`` documents, 200 outlets (grades A-F), about 25k distinct propositions."""
    rng = random.Random(seed)
    outlets = {f"Outlet {i}": Outlet(f"Outlet {i}", reliability="ABCDEF"[i % 6]) for i in range(200)}
    published = {f"doc{i}": f"20{rng.randrange(10, 26)}-{rng.randrange(1, 13):02d}" for i in range(docs)}
    evidence = _membership(published)
    for i in range(n - len(evidence)):
        a = _assertion(rng, i, docs)
        reviews = (Review(a.id, Verdict.REJECT, created_at="2025"),) if rng.random() < 0.005 else ()
        evidence.append(Evidence(a, published=published[a.doc_id], outlet=f"Outlet {int(a.doc_id[3:]) % 200}",
                                 doc_name=a.doc_id, reviews=reviews))
    return evidence, _texts(rng, docs), outlets


def baseline(evidence: list[Evidence]) -> int:
    """Plain grouping: reports per (subject, predicate, object), the article-counting that assessment replaces."""
    counts = Counter((e.assertion.subject, e.assertion.predicate, e.assertion.object) for e in evidence)
    return len(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assertions", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args()
    evidence, texts, outlets = synthetic(args.assertions, args.docs)
    start = time.perf_counter()
    groups = baseline(evidence)
    base = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    assessor = Assessor(evidence, outlets=outlets, texts=texts, today=date(2026, 1, 1))
    built = time.perf_counter() - start
    grades = assessor.grade_all()
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    lines = sum(len(g.lines) for g in grades)
    print(f"assertions {len(evidence):,}  documents {len(texts):,}  propositions {len(grades):,} "
          f"(baseline groups {groups:,})  lines {lines:,}  syndicated docs {len(assessor.syndication.root if assessor.syndication else {}):,}")  # noqa: E501
    print(f"baseline (plain grouping)   {base:8.2f} s  {len(evidence) / base:12,.0f} assertions/s")
    print(f"assess: setup (context, grouping, MinHash LSH) {built:6.2f} s")
    print(f"assess: total                {total:8.2f} s  {len(evidence) / total:12,.0f} assertions/s "
          f"({'within' if total < 60 else 'OVER'} the 60 s target); CPU time {cpu:.2f} s")


if __name__ == "__main__":
    main()
