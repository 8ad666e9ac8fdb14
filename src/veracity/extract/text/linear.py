"""A multinomial linear model over sparse string features, stored as readable JSON (no pickle).

Why linear: the statement models are trained on a few hundred examples, where a linear model over well-chosen
features generalises better than anything with more capacity, trains in seconds on two cores, and its weights can be
read: ``feature -> weight per label``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from veracity.model.errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True)
class LinearModel:
    """Weights for ``labels``: one matrix row per known feature (plus a zero row), one column per label."""

    labels: tuple[str, ...]
    index: dict[str, int]
    matrix: np.ndarray
    bias: np.ndarray

    def scores(self, rows: Sequence[Iterable[str]]) -> np.ndarray:
        """Linear scores (rows x labels) before any normalisation; unknown features weigh nothing."""
        if not rows:
            return np.zeros((0, len(self.labels)))
        zero = len(self.index)
        idx: list[int] = []
        starts: list[int] = []
        for features in rows:
            starts.append(len(idx))
            idx.append(zero)
            idx.extend(i for i in map(self.index.get, set(features)) if i is not None)
        return np.asarray(np.add.reduceat(self.matrix[idx], starts, axis=0) + self.bias)

    def probs(self, rows: Sequence[Iterable[str]]) -> np.ndarray:
        """Label probabilities (softmax over labels) for each row of features."""
        sums = self.scores(rows)
        if not len(sums):
            return sums
        sums = sums - sums.max(axis=1, keepdims=True)
        exp = np.exp(sums)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def to_json(self) -> dict[str, Any]:
        """The weights as JSON: only features with a non-zero weight are kept."""
        names = sorted(self.index, key=self.index.__getitem__)
        weights = {n: [round(float(x), 5) for x in self.matrix[self.index[n]]] for n in names
                   if np.any(np.abs(self.matrix[self.index[n]]) > 1e-6)}
        return {"labels": list(self.labels), "bias": [round(float(b), 5) for b in self.bias], "weights": weights}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinearModel:
        labels = tuple(raw["labels"])
        names = sorted(raw["weights"])
        rows = [raw["weights"][n] for n in names] + [[0.0] * len(labels)]
        return cls(labels, {n: i for i, n in enumerate(names)}, np.array(rows, dtype=np.float64),
                   np.array(raw["bias"], dtype=np.float64))

    @classmethod
    def from_coefficients(cls, labels: Sequence[str], vocabulary: Sequence[str], coef: np.ndarray,
                          intercept: np.ndarray) -> LinearModel:
        """Build from a fitted scikit-learn logistic regression (``coef_`` is labels x features; a binary model
        has one row, which becomes the second label's column against a zero first column)."""
        coef = np.asarray(coef, dtype=np.float64)
        intercept = np.asarray(intercept, dtype=np.float64)
        if coef.shape[0] == 1 and len(labels) == 2:
            coef = np.vstack([np.zeros_like(coef), coef])
            intercept = np.array([0.0, intercept[0]])
        matrix = np.vstack([coef.T, np.zeros((1, len(labels)))])
        return cls(tuple(labels), {f: i for i, f in enumerate(vocabulary)}, matrix, intercept)


def choose(model: LinearModel, rows: Sequence[Iterable[str]]) -> np.ndarray:
    """Probabilities of each row being *the* choice among ``rows`` (a softmax over the rows' single score), the
    reading of a choice model such as the claimant one."""
    sums = model.scores(rows)[:, 0]
    if not len(sums):
        return sums
    exp = np.exp(sums - sums.max())
    return np.asarray(exp / exp.sum())


def read_model(path: Path, parse: Callable[[dict[str, Any]], T], what: str, command: str) -> T:
    """A shipped model file parsed by ``parse``; a missing or damaged file is one error naming the file and the
    command that rebuilds it (``veracity train COMMAND``)."""
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc}",
                          fix=f"rebuild it with `make train` (veracity train {command})") from exc


def choice_to_json(model: LinearModel, meta: dict[str, Any]) -> dict[str, Any]:
    """The file of a choice model (the incident date and place choosers): its weights and how it was trained."""
    return {"meta": meta, "choice": model.to_json()}


def choice_from_json(raw: dict[str, Any]) -> LinearModel:
    return LinearModel.from_json(raw["choice"])
