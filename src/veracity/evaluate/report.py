"""Scoring primitives shared by every benchmark: precision/recall counts, accuracy, one-to-one alignment, tables.

Counts are kept rather than ratios so that figures can be summed over documents and roles (micro averaging) and
so that a report can say *why* a score is what it is ("12 of 15 found, 12 of 14 predicted right").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from rich.table import Table
from scipy.optimize import linear_sum_assignment

from veracity.model.errors import InvalidInput

G = TypeVar("G")
P = TypeVar("P")


def _ratio(hit: float, total: float, other_total: float) -> float:
    """``hit / total``; with nothing to count, 1.0 only when the other side is empty too.

    An empty gold and an empty prediction agree perfectly; predicting nothing where something was expected (or the
    reverse) earns nothing rather than a division error.
    """
    if total:
        return hit / total
    return 1.0 if not other_total else 0.0


@dataclass(frozen=True, slots=True)
class Prf:
    """Precision over ``pred`` items and recall over ``gold`` items, as summable hit counts.

    For one-to-one matching ``hit_pred == hit_gold`` (the number of matched pairs). B-cubed keeps the sums of the
    per-item precisions and recalls in them, which is why the hits are floats.
    """

    hit_pred: float = 0.0
    pred: int = 0
    hit_gold: float = 0.0
    gold: int = 0

    @classmethod
    def matched(cls, matches: int, pred: int, gold: int) -> Prf:
        """Counts of a one-to-one alignment."""
        return cls(float(matches), pred, float(matches), gold)

    def __add__(self, other: Prf) -> Prf:
        return Prf(self.hit_pred + other.hit_pred, self.pred + other.pred, self.hit_gold + other.hit_gold,
                   self.gold + other.gold)

    @property
    def precision(self) -> float:
        return _ratio(self.hit_pred, self.pred, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.hit_gold, self.gold, self.pred)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """Ratios and the counts behind them (JSON-ready)."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "hit_pred": round(self.hit_pred, 4), "pred": self.pred, "hit_gold": round(self.hit_gold, 4),
                "gold": self.gold}


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How many of the compared items were right (an attribute on matched events, hedging on matched claims)."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @classmethod
    def of(cls, flags: Sequence[bool]) -> Accuracy:
        return cls(sum(1 for f in flags if f), len(flags))

    @property
    def value(self) -> float:
        """Share right; 0.0 when nothing could be compared (no matched items is not a success)."""
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"accuracy": round(self.value, 4), "correct": self.correct, "total": self.total}


def align(gold: Sequence[G], pred: Sequence[P], weight: Callable[[G, P], float]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, pred index)`` maximising the total weight (Hungarian algorithm).

    A weight of 0 means "cannot match": such pairs are never returned. Greedy matching would under-count when one
    prediction could match two gold items, so every benchmark here aligns with this instead.
    """
    if not gold or not pred:
        return []
    matrix = np.array([[weight(g, p) for p in pred] for g in gold], dtype=float)
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if matrix[r, c] > 0]


def prf_table(title: str, rows: Mapping[str, Prf], accuracies: Mapping[str, Accuracy] | None = None) -> Table:
    """A rich table with one row per facet: P, R, F1 and the counts, then any accuracies below."""
    table = Table(title=title)
    for name in ("facet", "P", "R", "F1", "hit/pred", "hit/gold"):
        table.add_column(name, justify="left" if name == "facet" else "right")
    for name, prf in rows.items():
        table.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}",
                      f"{_num(prf.hit_pred)}/{prf.pred}", f"{_num(prf.hit_gold)}/{prf.gold}")
    for name, acc in (accuracies or {}).items():
        table.add_row(f"{name} (accuracy)", "", "", f"{acc.value:.3f}", f"{acc.correct}/{acc.total}", "")
    return table


def _num(value: float) -> str:
    """Whole counts without a decimal point; B-cubed sums with two decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def as_json(value: Any) -> Any:
    """Recursively turn report parts (Prf, Accuracy, mappings) into JSON-ready values."""
    if isinstance(value, Prf | Accuracy):
        return value.as_dict()
    if isinstance(value, Mapping):
        return {str(k): as_json(v) for k, v in value.items()}
    return value


def read_json_lines(path: Path | str, required: Sequence[str], fix: str) -> list[dict[str, Any]]:
    """Objects of a JSON-lines file, each checked for the ``required`` keys; a bad line is :class:`InvalidInput`."""
    records: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{path}:{number}: not JSON ({exc.msg})", fix="one JSON object per line") from exc
            if not isinstance(record, dict) or any(key not in record for key in required):
                keys = " and ".join(repr(k) for k in required)
                raise InvalidInput(f"{path}:{number}: each line needs {keys}", fix=fix)
            records.append(record)
    return records


def write_json_lines(records: Iterable[Mapping[str, Any]], path: Path | str) -> None:
    """One JSON object per line, non-ASCII kept as written (article quotes stay readable)."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
