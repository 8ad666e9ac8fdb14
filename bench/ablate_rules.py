"""Rule ablation: what each hand-written rule earns on the real-report corpus, measured by switching it off.

    python bench/ablate_rules.py                      # every rule, corpus train and dev, default pipeline
    python bench/ablate_rules.py --rules-only         # the same with the learned statement model switched off
    python bench/ablate_rules.py --only claims.finder.responsibility --split dev

Each rule is a function that proposes claims, relations or links; switching it off replaces it, in every module
that imported it, by one that finds nothing. The documents are parsed once and every configuration re-reads the same
parses, so the figures differ only by the rule. The shipped learned models are not retrained per ablation: a rule
whose findings are a feature of the statement model is measured as the product would be without it today.
A rule earns its keep when switching it off costs F1 on train (where rules may be judged) and does not help on dev.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import veracity.extract
from veracity.evaluate.seeds import load_documents, load_records, score
from veracity.extract import Extractor
from veracity.extract.records import to_gold_record

SHARED = Path(__file__).resolve().parents[2] / "shared"
FACETS = ("claims", "claims_lenient", "relations", "events", "actors")

#: rule name (module.function under veracity.extract) -> what it returns when switched off
RULES: dict[str, Any] = {
    "claims.finder.find_claims": set(),
    "claims.finder.responsibility": None,
    "claims.finder.owned_or_condemned": None,
    "claims.finder.noun_claims": None,
    "claims.denials.find_denied_reports": None,
    "claims.quotes.quoted_speech": None,
    "claims.relations.find_relations": None,
    "claims.roles_bridge.add_roles": None,
    "claims.according.according_to": None,
    "claims.attribution.claimed_by_verb": None,
    "claims.attribution.involvement_links": [],
    "claims.acts.act_by_links": [],
    "claims.phrases.phrase_links": [],
    "claims.relations_nominal.label_links": [],
}


def _modules() -> list[Any]:
    names = [m.name for m in pkgutil.walk_packages(veracity.extract.__path__, "veracity.extract.")]
    return [importlib.import_module(n) for n in names]


@contextmanager
def switched_off(rule: str, value: Any) -> Iterator[int]:
    """Replace the rule's function by one returning ``value`` wherever it is bound; yields how many bindings."""
    module_name, func_name = rule.rsplit(".", 1)
    original = getattr(importlib.import_module(f"veracity.extract.{module_name}"), func_name)

    def nothing(*_args: Any, **_kwargs: Any) -> Any:
        return type(value)() if value is not None else None

    bound = [(m, name) for m in _modules() for name, obj in vars(m).items() if obj is original]
    for module, name in bound:
        setattr(module, name, nothing)
    try:
        yield len(bound)
    finally:
        for module, name in bound:
            setattr(module, name, original)


def parsed(extractor: Extractor, split: str) -> tuple[list[dict[str, Any]], list[tuple[Any, Any]]]:
    """Gold records and (document, parse) pairs of a corpus split, or of the seeds (a smoke check, never tuned)."""
    folder = SHARED / "seeds" if split == "seeds" else SHARED / "corpus"
    gold = load_records(folder / ("gold.jsonl" if split == "seeds" else f"{split}.jsonl"))
    documents = load_documents([str(r["doc"]) for r in gold], folder if split == "seeds" else folder / "docs")
    sdocs = list(extractor.nlp.pipe(d.text for d in documents))
    return gold, list(zip(documents, sdocs, strict=True))


def figures(extractor: Extractor, gold: list[dict[str, Any]], docs: list[tuple[Any, Any]]) -> dict[str, float]:
    build: Callable[..., Any] = extractor._build
    pred = [{**to_gold_record(build(d, s)), "doc": d.name} for d, s in docs]
    report = score(gold, pred)
    return {f: report.facets[f].f1 for f in FACETS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules-only", action="store_true", help="switch the learned statement model off")
    parser.add_argument("--split", action="append", choices=("train", "dev", "seeds"),
                        help="corpus split(s), or the seeds; default train and dev")
    parser.add_argument("--only", action="append", help="ablate only these rules")
    args = parser.parse_args(argv)
    extractor = Extractor(statements="rules" if args.rules_only else "learned")
    splits = args.split or ["train", "dev"]
    data = {s: parsed(extractor, s) for s in splits}
    base = {s: figures(extractor, *data[s]) for s in splits}
    head = "  ".join(f"{s}:{f[:9]:>9}" for s in splits for f in FACETS)
    print(f"{'rule switched off':45} bind  {head}")
    print(f"{'(none: baseline F1)':45}       " + "  ".join(f"{base[s][f]:>15.3f}" for s in splits for f in FACETS))
    for rule in args.only or RULES:
        with switched_off(rule, RULES.get(rule)) as bound:
            row = {s: figures(extractor, *data[s]) for s in splits}
        deltas = "  ".join(f"{row[s][f] - base[s][f]:>+15.3f}" for s in splits for f in FACETS)
        print(f"{rule:45} {bound:>4}  {deltas}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
