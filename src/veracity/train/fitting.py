"""Fitting the linear models every trainer uses: a logistic regression over string features, and a conditional
logit that chooses one candidate of a group. Both return :class:`veracity.extract.text.linear.LinearModel`, the form
the extractors read."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from veracity.extract.text.linear import LinearModel

D = TypeVar("D")


def fit_logistic(rows: Sequence[Iterable[str]], labels: Sequence[str], classes: Sequence[str], c: float,
         min_count: int = 2) -> LinearModel:
    """A logistic regression over the features seen at least ``min_count`` times."""
    counts: Counter[str] = Counter(f for row in rows for f in set(row))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    x = matrix(rows, vocab)
    present = [k for k in classes if k in set(labels)]
    y = np.array([present.index(lab) for lab in labels])
    if len(present) < 2:
        return LinearModel.from_coefficients(list(classes), vocab, np.zeros((len(classes), len(vocab))),
                                             np.array([0.0 if k in present else -30.0 for k in classes]))
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y)
    coef, bias = model.coef_, model.intercept_
    if len(present) == 2 and coef.shape[0] == 1:
        coef = np.vstack([np.zeros_like(coef), coef])
        bias = np.array([0.0, bias[0]])
    full = np.zeros((len(classes), len(vocab)))
    full_bias = np.full(len(classes), -30.0)
    for k, name in enumerate(present):
        full[classes.index(name)] = coef[k]
        full_bias[classes.index(name)] = bias[k]
    return LinearModel.from_coefficients(list(classes), vocab, full, full_bias)


def document_folds(count: int, folds: int, seed: int = 0) -> Iterator[tuple[list[int], list[int]]]:
    """(fit, held out) document indices of each fold: one seeded shuffle, every k-th document held out, so a
    document never helps score itself and every trainer splits the same way."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    for k in range(folds):
        held = order[k::folds]
        held_set = set(held)
        yield [i for i in order if i not in held_set], held


def matrix(rows: Sequence[Iterable[str]], vocab: Sequence[str]) -> sparse.csr_matrix:
    index = {f: i for i, f in enumerate(vocab)}
    data, cols, ptr = [], [], [0]
    for row in rows:
        known = sorted({index[f] for f in row if f in index})
        cols.extend(known)
        data.extend([1.0] * len(known))
        ptr.append(len(cols))
    return sparse.csr_matrix((data, cols, ptr), shape=(len(ptr) - 1, len(vocab)))


def fit_choice(groups: Sequence[tuple[list[list[str]], list[int]]], c: float, min_count: int = 2) -> LinearModel:
    """A conditional logit: one weight vector scoring every candidate of a group, trained so that the softmax over
    each group puts its mass on the right candidates (any of several that name the gold claimant).

    Why not a per-candidate logistic model: the article's own voice is a candidate of every group, and judged
    alone it looks likely everywhere; only a choice among the group's candidates learns when a named speaker wins.
    """
    rows = [f for feats, _ in groups for f in feats]
    counts: Counter[str] = Counter(f for row in rows for f in set(row))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    x = matrix(rows, vocab)
    sizes = np.array([len(feats) for feats, _ in groups])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int)
    gid = np.repeat(np.arange(len(groups)), sizes)
    pos = np.array([y for _, ys in groups for y in ys], dtype=bool)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[gid])
        total = np.add.reduceat(e, starts)
        good = np.add.reduceat(np.where(pos, e, 0.0), starts)
        value = float(-(np.log(good) - np.log(total)).sum() + (w @ w) / (2 * c))
        grad = x.T @ (e / total[gid] - np.where(pos, e, 0.0) / good[gid]) + w / c
        return value, np.asarray(grad)

    from scipy.optimize import minimize

    w = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return LinearModel.from_coefficients(["score"], vocab, w.reshape(1, -1), np.zeros(1))


Groups = list[tuple[list[list[str]], list[int]]]


def train_chooser(docs: Sequence[D], groups: Callable[[Sequence[D]], Groups],
                  accuracy: Callable[[Sequence[D], LinearModel | None], tuple[int, int]], *, what: str,
                  grid: Sequence[float], folds: int, log: Callable[[str], None], trained_on: str,
                  ) -> tuple[LinearModel, dict[str, Any]]:
    """Choose C for a choice model by document-grouped cross-validation of its accuracy (``accuracy`` with
    ``None`` scores the value as found, the baseline), then fit it on every document. Shared by the incident
    date and place choosers, which differ only in their candidates and labels."""
    right, total = accuracy(docs, None)
    log(f"{len(docs)} documents, {total} {what} candidate groups; "
        f"as found: {right}/{total} = {right / max(total, 1):.3f}")
    best = (-1.0, grid[0])
    for c in grid:
        right = total = 0
        for fit_on, held in document_folds(len(docs), folds):
            model = fit_choice(groups([docs[i] for i in fit_on]), c)
            r, t = accuracy([docs[i] for i in held], model)
            right, total = right + r, total + t
        value = right / max(total, 1)
        log(f"C={c}: cross-validated accuracy {right}/{total} = {value:.3f}")
        if value > best[0]:
            best = (value, c)
    value, c = best
    log(f"chosen C={c} (cross-validated accuracy {value:.3f})")
    meta = {"trained_on": trained_on, "documents": len(docs), "C": c, "folds": folds, "cv_accuracy": round(value, 4)}
    return fit_choice(groups(docs), c), meta
