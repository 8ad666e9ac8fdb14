"""Train the event-role scorer and document gate on MUC-4 train; write ``extract/data/roles_model.json``.

Usage: ``nice python bench/train_roles.py [--cache /tmp/roles] [--folds 5]``. Reads ``../shared/muc4/train.json``
only: the regularisation strength and the thresholds are chosen by cross-validation on train (out-of-fold
predictions scored with CEAF-REE), never on dev. The parse and the candidate features are cached in ``--cache``.

Why logistic regression: the weights are a readable table (feature -> five role weights) that ships as JSON with no
pickle and no extra dependency, and scoring a document is a few dictionary look-ups.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
import time
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from muc4_roles import SHARED, parsed_docs
from veracity.evaluate.muc4 import gold_from_split, load_split, normalise_mention, score
from veracity.extract.roles.candidates import DATA, Candidate, find_candidates, gate_features
from veracity.extract.roles.model import MODEL_FILE, ROLES, incident_features, select_fillers
from veracity.extract.roles.muc import MUC_ROLES, to_muc

DocCands = list[Candidate]


def featurise(docs: list[Doc], cache: Path) -> tuple[list[DocCands], list[list[str]]]:
    """Candidates and gate features of every document, cached as a pickle beside the parse."""
    path = cache / "train_feats.pkl"
    if path.exists():
        with path.open("rb") as fh:
            cached: tuple[list[DocCands], list[list[str]]] = pickle.load(fh)
            return cached
    cands = [[c for c, _ in find_candidates(d)] for d in docs]
    gates = [gate_features(d) for d in docs]
    with path.open("wb") as fh:
        pickle.dump((cands, gates), fh)
    return cands, gates


def labels(doc: Doc, cands: DocCands, record: dict[str, Any]) -> np.ndarray:
    """1 where a candidate's normalised text is any gold mention of a role (gold lists first occurrences only)."""
    extracts = record.get("extracts") or {}
    gold = [{normalise_mention(m[0]) for ent in extracts.get(MUC_ROLES[r], []) for m in ent} for r in ROLES]
    y = np.zeros((len(cands), len(ROLES)), dtype=np.int8)
    for i, c in enumerate(cands):
        text = normalise_mention(doc[c.start : c.end].text)
        y[i] = [text in g for g in gold]
    return y


def vectorise(rows: list[tuple[str, ...]] | list[list[str]], min_count: int) -> tuple[sparse.csr_matrix, list[str]]:
    """Binary sparse matrix over features seen at least ``min_count`` times."""
    counts = Counter(f for row in rows for f in set(row))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(sorted({index[f] for f in row if f in index}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab))), vocab


def fit(x: sparse.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """One L2 logistic model per column of ``y``: coefficients (features x columns) and intercepts."""
    coefs, biases = [], []
    for col in range(y.shape[1]):
        model = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=500)
        model.fit(x, y[:, col])
        coefs.append(model.coef_[0])
        biases.append(model.intercept_[0])
    return np.array(coefs).T, np.array(biases)


def predict(x: sparse.csr_matrix, coef: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Sigmoid of the linear scores."""
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ coef + bias))))


def out_of_fold(x: sparse.csr_matrix, y: np.ndarray, groups: np.ndarray, folds: int, c: float) -> np.ndarray:
    """Probabilities for every row from a model that never saw its document."""
    out = np.zeros(y.shape, dtype=np.float64)
    for k in range(folds):
        held = groups % folds == k
        coef, bias = fit(x[~held], y[~held], c)
        out[held] = predict(x[held], coef, bias)
    return out


def gate_model(x: sparse.csr_matrix, y: np.ndarray, folds: int) -> tuple[float, np.ndarray]:
    """Pick the gate's regularisation by out-of-fold log loss; return it with the out-of-fold probabilities."""
    best: tuple[float, float, np.ndarray] = (np.inf, 1.0, np.zeros(len(y)))
    for c in (0.03, 0.1, 0.3, 1.0):
        p = np.clip(out_of_fold(x, y, np.arange(len(y)), folds, c)[:, 0], 1e-6, 1 - 1e-6)
        loss = -np.mean(y[:, 0] * np.log(p) + (1 - y[:, 0]) * np.log(1 - p))
        acc = np.mean((p >= 0.5) == y[:, 0])
        print(f"gate C={c}: log loss {loss:.3f}, accuracy {acc:.3f}", flush=True)
        if loss < best[0]:
            best = (loss, c, p)
    return best[1], best[2]


def stack_gate(gate_oof: np.ndarray, probs: list[np.ndarray], yg: np.ndarray, folds: int) -> tuple[list[float], Any]:
    """Refine the gate with the candidates' out-of-fold probabilities; weights (bias first) and out-of-fold output."""
    z = sparse.csr_matrix(np.vstack([incident_features(g, p) for g, p in zip(gate_oof, probs, strict=True)]))
    oof = out_of_fold(z, yg, np.arange(z.shape[0]), folds, 1.0)[:, 0]
    coef, bias = fit(z, yg, 1.0)
    return [round(float(bias[0]), 4), *(round(float(w), 4) for w in coef[:, 0])], oof


def muc_predictions(
    docs: list[Doc],
    cands: list[DocCands],
    probs: list[np.ndarray],
    gate: np.ndarray,
    cut: tuple[float, ...],
    rules: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Decode like ``find_roles`` does: the gate, per-role thresholds and caps, then MUC entities.

    ``cut`` is five role thresholds, the gate threshold, then five per-role caps (99: none).
    """
    pred: dict[str, Any] = {}
    for i, doc in enumerate(docs):
        if gate[i] < cut[5]:
            continue
        keep = np.flatnonzero(probs[i].max(axis=1) >= min(cut[:5]))
        if rules:
            keep = np.union1d(keep, [k for k, c in enumerate(cands[i]) if c.rule in rules]).astype(int)
        scored = [(cands[i][k], probs[i][k]) for k in keep]
        pred[doc.user_data["docid"]] = to_muc(select_fillers(doc, scored, cut[:5], rules, caps(cut)))
    return pred


def choose_rules(gold: dict[str, Any], run: Any, cut: tuple[float, ...], cands: list[DocCands]) -> tuple[Any, float]:
    """Greedy forward choice of the lexicon's syntactic patterns: keep one only if it raises the CV F1."""
    counts = Counter(c.rule for cs in cands for c in cs if c.rule is not None)
    rules: frozenset[str] = frozenset()
    best_f = score(gold, run(cut)).micro.f1
    for rule, _ in counts.most_common():
        f1 = score(gold, run(cut, rules | {rule})).micro.f1
        if f1 > best_f + 0.0005:
            rules, best_f = rules | {rule}, f1
    print(f"rules kept by CV: {sorted(rules)} of {len(counts)}; CV F1 {best_f:.3f}", flush=True)
    return rules, best_f


def caps(cut: tuple[float, ...]) -> list[int] | None:
    """The per-role caps of a cut, or None when no role is capped."""
    found = [int(x) for x in cut[6:]]
    return found if found and min(found) < 99 else None


def tune(gold: dict[str, Any], run: Any, start: tuple[float, ...]) -> tuple[tuple[float, ...], float]:
    """Coordinate ascent over role thresholds, gate threshold and per-role caps, maximising micro F1."""
    grid = [0.06, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
    cap_grid = [1, 2, 3, 5, 99]
    best, best_f = start, score(gold, run(start)).micro.f1
    for _ in range(2):
        for pos in range(len(best)):
            for value in grid if pos < 6 else cap_grid:
                trial = (*best[:pos], value, *best[pos + 1 :])
                f1 = score(gold, run(trial)).micro.f1
                if f1 > best_f:
                    best, best_f = trial, f1
    return best, best_f


def export(
    coef: np.ndarray,
    bias: np.ndarray,
    vocab: list[str],
    gate: tuple[Any, ...],
    cut: tuple[float, ...],
    rules: Any,
    out: Path = DATA / MODEL_FILE,
) -> int:
    """Write the JSON model, dropping near-zero weights so the file stays small; returns its size in bytes."""
    weights = {
        f: [round(float(w), 3) for w in row] for f, row in zip(vocab, coef, strict=True) if np.abs(row).max() >= 0.1
    }
    gcoef, gbias, gvocab, stack = gate
    model = {
        "version": 1,
        "roles": list(ROLES),
        "weights": weights,
        "bias": [round(float(b), 4) for b in bias],
        "thresholds": list(cut[:5]),
        "caps": caps(cut),
        "rules": sorted(rules),
        "gate": {
            "weights": {f: round(float(w[0]), 3) for f, w in zip(gvocab, gcoef, strict=True) if abs(w[0]) >= 0.01},
            "bias": round(float(gbias[0]), 4),
            "threshold": cut[5],
            "stack": stack,
        },
    }
    text = json.dumps(model, separators=(",", ":"), sort_keys=True)
    out.write_text(text + "\n", encoding="utf-8")
    return len(text)


def split_rows(values: np.ndarray, cands: list[DocCands]) -> list[np.ndarray]:
    """Cut a row-aligned array back into one block per document."""
    bounds = np.cumsum([0] + [len(c) for c in cands])
    return [values[a:b] for a, b in itertools.pairwise(bounds)]


@dataclass
class TrainSet:
    """Everything the cross-validation needs: documents, candidates, matrices and labels."""

    records: list[dict[str, Any]]
    docs: list[Doc]
    cands: list[DocCands]
    x: sparse.csr_matrix
    y: np.ndarray
    vocab: list[str]
    xg: sparse.csr_matrix
    yg: np.ndarray
    gvocab: list[str]


def prepare(cache: Path, min_count: int) -> TrainSet:
    """Parse (cached), find candidates (cached), label them and build the sparse matrices."""
    records = load_split(SHARED / "train.json")
    docs = parsed_docs("train", records, cache)
    for doc, rec in zip(docs, records, strict=True):
        doc.user_data["docid"] = rec["docid"]
    cands, gates = featurise(docs, cache)
    y = np.vstack([labels(d, c, r) for d, c, r in zip(docs, cands, records, strict=True)])
    x, vocab = vectorise([c.features for cs in cands for c in cs], min_count)
    xg, gvocab = vectorise(gates, min_count)
    yg = np.array([[int(any(r["extracts"][k] for k in r["extracts"]))] for r in records])
    return TrainSet(records, docs, cands, x, y, vocab, xg, yg, gvocab)


def report(name: str, result: Any, cut: tuple[float, ...], t0: float) -> None:
    """One line of cross-validated figures, per role and micro."""
    roles = ", ".join(f"{k} P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f}" for k, v in result.per_role.items())
    micro = result.micro
    print(
        f"{name}: CV micro P {micro.precision:.3f} R {micro.recall:.3f} F1 {micro.f1:.3f} cut={cut}; {roles}; "
        f"{time.perf_counter() - t0:.0f}s",
        flush=True,
    )


def main() -> None:
    """Featurise train, cross-validate C, gate, thresholds and rules, fit on all of train, export."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/roles"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, nargs="+", default=[0.3, 0.6])
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", type=Path, default=DATA / MODEL_FILE, help="where to write the model")
    args = ap.parse_args()
    t0 = time.perf_counter()
    ts = prepare(args.cache, args.min_count)
    print(f"{len(ts.docs)} docs, {ts.x.shape[0]} candidates, {ts.x.shape[1]} features, positives {ts.y.sum(0)}")
    gold = gold_from_split(ts.records)
    gate_c, gate_oof = gate_model(ts.xg, ts.yg, args.folds)
    groups = np.repeat(np.arange(len(ts.docs)), [len(c) for c in ts.cands])
    best: dict[str, Any] = {"f1": -1.0}
    for c in args.c:
        probs = split_rows(out_of_fold(ts.x, ts.y, groups, args.folds, c), ts.cands)
        stack, stacked_oof = stack_gate(gate_oof, probs, ts.yg, args.folds)
        for name, gate in (("plain gate", gate_oof), ("stacked gate", stacked_oof)):
            run = partial(muc_predictions, ts.docs, ts.cands, probs, gate)
            cut, f1 = tune(gold, run, (0.3,) * 6 + (99,) * 5)
            report(f"C={c}, {name}", score(gold, run(cut)), cut, t0)
            rules, f1 = choose_rules(gold, run, cut, ts.cands)
            if f1 > best["f1"]:
                best = {"f1": f1, "cut": cut, "c": c, "rules": rules, "stack": stack if "stacked" in name else None}
    coef, bias = fit(ts.x, ts.y, best["c"])
    gate_model_ = (*fit(ts.xg, ts.yg, gate_c), ts.gvocab, best["stack"])
    size = export(coef, bias, ts.vocab, gate_model_, best["cut"], best["rules"], args.out)
    stacked = best["stack"] is not None
    print(f"wrote {MODEL_FILE}: {size} bytes, C={best['c']}, rules {len(best['rules'])}, stacked gate {stacked}")
    print(f"CV micro F1 {best['f1']:.3f}; {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
