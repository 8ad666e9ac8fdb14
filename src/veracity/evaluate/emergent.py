"""Score the stance classifier on Emergent-format headlines (``veracity eval emergent FILE [--out PRED.csv]``).

FILE has the columns of Emergent's ``train.csv`` (claimId, claimHeadline, articleId, articleHeadline,
articleHeadlineStance). When the stance column is there, the report gives accuracy, macro-F1 and per-class
precision / recall / F1; when it is absent (a held-out split) the run only predicts, and ``out`` is where the
predictions go: one row per headline, ``articleId,stance`` with Emergent's own labels (for / against / observing),
so the file can be scored by whoever holds the answers.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from veracity.assess.stance import classify
from veracity.evaluate.claims import read_csv
from veracity.model.errors import InvalidInput

FROM_LABEL = {"asserts": "for", "denies": "against", "reports": "observing"}
"""veracity stance -> Emergent label."""
CLASSES = ("for", "against", "observing")
REQUIRED = ("claimHeadline", "articleId", "articleHeadline")
STANCE_COLUMN = "articleHeadlineStance"


@dataclass(frozen=True, slots=True)
class EmergentReport:
    """Figures of one run; the metric fields are 0 and ``per_class`` empty when the file carried no labels."""

    n: int
    labelled: bool
    accuracy: float = 0.0
    macro_f1: float = 0.0
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    predictions: list[tuple[str, str]] = field(default_factory=list)
    path: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data (predictions left out: they go to the ``--out`` CSV)."""
        return {"file": self.path, "n": self.n, "labelled": self.labelled, "accuracy": round(self.accuracy, 4),
                "macro_f1": round(self.macro_f1, 4),
                "per_class": {k: {m: round(v, 4) for m, v in d.items()} for k, d in self.per_class.items()}}

    def to_table(self) -> Table:
        """Per-class precision / recall / F1 with accuracy and macro-F1 in the caption."""
        if not self.labelled:
            return _prediction_table(self)
        table = Table(title=f"Emergent stance: {self.n} headlines",
                      caption=f"accuracy {self.accuracy:.1%}   macro-F1 {self.macro_f1:.3f}")
        for col in ("stance", "precision", "recall", "F1", "support"):
            table.add_column(col, justify="left" if col == "stance" else "right")
        for label, m in self.per_class.items():
            table.add_row(label, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}",
                          str(int(m["support"])))
        return table


def _prediction_table(report: EmergentReport) -> Table:
    """Counts of predicted labels: all there is to show when the file has no answers."""
    table = Table(title=f"Emergent stance: {report.n} headlines predicted (no stance column to score)")
    table.add_column("predicted stance")
    table.add_column("headlines", justify="right")
    for label in CLASSES:
        table.add_row(label, str(sum(1 for _, p in report.predictions if p == label)))
    return table


def read_rows(path: Path) -> tuple[list[dict[str, str]], bool]:
    """The rows of ``path`` and whether it has the stance column; a missing column is :class:`InvalidInput`."""
    rows, columns = read_csv(path)
    for column in REQUIRED:
        if column not in columns:
            raise InvalidInput(f"{path}: missing column {column!r}",
                               fix=f"the file needs the columns of Emergent's train.csv: {', '.join(REQUIRED)}")
    return rows, STANCE_COLUMN in columns


def gold_labels(path: Path, rows: list[dict[str, str]]) -> list[str]:
    """The gold stance of every row; an unknown label names its line, since a typo would skew every figure."""
    gold = []
    for line, row in enumerate(rows, start=2):
        label = (row.get(STANCE_COLUMN) or "").strip().lower()
        if label not in CLASSES:
            raise InvalidInput(f"{path}:{line}: stance {label!r} is not one of {', '.join(CLASSES)}",
                               fix="fix the label or drop the articleHeadlineStance column to only predict")
        gold.append(label)
    return gold


def scores(gold: list[str], pred: list[str]) -> tuple[float, float, dict[str, dict[str, float]]]:
    """Accuracy, macro-F1 (mean over the three classes) and per-class precision / recall / F1 / support."""
    per_class = {}
    for label in CLASSES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        predicted, support = pred.count(label), gold.count(label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": precision, "recall": recall, "f1": f1, "support": float(support)}
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0
    return accuracy, sum(m["f1"] for m in per_class.values()) / len(CLASSES), per_class


def write_predictions(out: Path, predictions: list[tuple[str, str]]) -> None:
    """``articleId,stance`` per headline, in input order."""
    try:
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["articleId", "stance"])
            writer.writerows(predictions)
    except OSError as exc:
        raise InvalidInput(f"cannot write {out}: {exc}", fix="choose a writable --out path") from exc


def run(path: Path, out: Path | None = None) -> EmergentReport:
    """Classify every headline against its claim; score when labelled; write predictions to ``out`` if given."""
    rows, labelled = read_rows(path)
    gold = gold_labels(path, rows) if labelled else []
    predictions = [
        (row["articleId"], FROM_LABEL[classify(row["claimHeadline"], row["articleHeadline"]).label]) for row in rows
    ]
    if out is not None:
        write_predictions(out, predictions)
    if not labelled:
        return EmergentReport(n=len(rows), labelled=False, predictions=predictions, path=str(path))
    accuracy, macro_f1, per_class = scores(gold, [p for _, p in predictions])
    return EmergentReport(len(rows), True, accuracy, macro_f1, per_class, predictions, str(path))
