"""The Emergent evaluation: scoring labelled files, predicting unlabelled ones, refusing malformed ones."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from veracity.cli import app
from veracity.evaluate.emergent import CLASSES, EmergentReport, run, scores
from veracity.model.errors import InvalidInput

HEADER = ["claimId", "claimHeadline", "articleId", "articleHeadline", "articleHeadlineStance"]
ROWS = [
    ["c1", "The commander was killed in an airstrike", "a1", "Commander killed in US airstrike, Pentagon confirms",
     "for"],
    ["c1", "The commander was killed in an airstrike", "a2", "Report that commander was killed is a hoax",
     "against"],
    ["c1", "The commander was killed in an airstrike", "a3", "Commander reportedly killed in airstrike, sources say",
     "observing"],
    ["c2", "The emir fled to Libya", "a4", "Officials deny the emir fled to Libya", "against"],
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_predictions(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_emergent_scores_a_small_labelled_file(tmp_path: Path) -> None:
    out = tmp_path / "pred.csv"
    report = run(write_csv(tmp_path / "tiny.csv", HEADER, ROWS), out)
    assert report.labelled and report.n == 4
    assert report.accuracy == 1.0 and report.macro_f1 == 1.0
    assert report.per_class["against"]["support"] == 2
    assert [(r["articleId"], r["stance"]) for r in read_predictions(out)] == [
        ("a1", "for"), ("a2", "against"), ("a3", "observing"), ("a4", "against")]


def test_emergent_predicts_when_unlabelled(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "test.csv", HEADER[:4], [r[:4] for r in ROWS])
    out = tmp_path / "pred.csv"
    report = run(path, out)
    assert not report.labelled and report.n == 4
    assert report.as_dict()["accuracy"] == 0.0 and report.per_class == {}
    preds = read_predictions(out)
    assert [p["articleId"] for p in preds] == ["a1", "a2", "a3", "a4"]
    assert {p["stance"] for p in preds} <= set(CLASSES)
    assert "predicted" in _render(report)


@pytest.mark.parametrize("missing", ["claimHeadline", "articleId", "articleHeadline"])
def test_emergent_names_a_missing_column(tmp_path: Path, missing: str) -> None:
    keep = [i for i, h in enumerate(HEADER) if h != missing]
    path = write_csv(tmp_path / "bad.csv", [HEADER[i] for i in keep], [[r[i] for i in keep] for r in ROWS])
    with pytest.raises(InvalidInput) as err:
        run(path, None)
    assert str(path) in str(err.value) and missing in str(err.value)


def test_emergent_rejects_an_unknown_label(tmp_path: Path) -> None:
    rows = [*ROWS[:2], [*ROWS[2][:4], "neutral"]]
    with pytest.raises(InvalidInput, match=r"bad\.csv:4: stance 'neutral'"):
        run(write_csv(tmp_path / "bad.csv", HEADER, rows), None)


def test_emergent_missing_file_is_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"nowhere\.csv"):
        run(tmp_path / "nowhere.csv", None)


@pytest.mark.parametrize(
    ("gold", "pred", "accuracy", "macro_f1"),
    [(["for", "against", "observing"], ["for", "against", "observing"], 1.0, 1.0),
     # for: P 1 R 1/2; against: perfect; observing: P 1/2 R 1
     (["for", "for", "against", "observing"], ["for", "observing", "against", "observing"], 0.75,
      (2 / 3 + 1 + 2 / 3) / 3),
     (["for", "for"], ["against", "against"], 0.0, 0.0)],
)
def test_emergent_scores_by_hand(gold: list[str], pred: list[str], accuracy: float, macro_f1: float) -> None:
    acc, mf1, per_class = scores(gold, pred)
    assert acc == pytest.approx(accuracy)
    assert mf1 == pytest.approx(macro_f1)
    assert set(per_class) == set(CLASSES)


def _render(report: EmergentReport) -> str:
    console = Console(record=True, width=120)
    console.print(report.to_table())
    return console.export_text()


def test_emergent_on_the_first_rows_of_train(tmp_path: Path, shared_dir: Path) -> None:
    train = shared_dir / "emergent" / "train.csv"
    with train.open(newline="", encoding="utf-8") as fh:
        rows = list(itertools.islice(csv.reader(fh), 51))
    report = run(write_csv(tmp_path / "head.csv", rows[0], rows[1:]), tmp_path / "pred.csv")
    assert report.labelled and report.n == 50
    assert report.accuracy > 0.6             # the model saw these rows in training; far lower means it broke
    assert 0.0 < report.macro_f1 <= 1.0
    text = _render(report)
    assert "accuracy" in text and all(label in text for label in CLASSES)
    assert len(read_predictions(tmp_path / "pred.csv")) == 50


def test_emergent_cli_scores_and_writes_predictions(tmp_path: Path) -> None:
    out = tmp_path / "pred.csv"
    result = CliRunner().invoke(app, ["eval", "emergent", str(write_csv(tmp_path / "t.csv", HEADER, ROWS)),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "accuracy 100.0%" in result.output
    assert [r["stance"] for r in read_predictions(out)] == ["for", "against", "observing", "against"]
    as_json = CliRunner().invoke(app, ["eval", "emergent", str(tmp_path / "t.csv"), "--json"])
    assert json.loads(as_json.output)["n"] == 4


def test_emergent_cli_on_the_first_rows_of_train(tmp_path: Path, shared_dir: Path) -> None:
    with (shared_dir / "emergent" / "train.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(itertools.islice(csv.reader(fh), 51))
    unlabelled = write_csv(tmp_path / "head.csv", rows[0][:4], [r[:4] for r in rows[1:]])
    result = CliRunner().invoke(app, ["eval", "emergent", str(unlabelled), "--out", str(tmp_path / "p.csv")])
    assert result.exit_code == 0, result.output
    assert "50 headlines predicted" in result.output
    assert [p["articleId"] for p in read_predictions(tmp_path / "p.csv")] == [r[2] for r in rows[1:]]


def test_emergent_cli_bad_file_is_a_clean_error(tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "bad.csv", ["claimId", "articleHeadline"], [["c", "h"]])
    result = CliRunner().invoke(app, ["eval", "emergent", str(bad)])
    assert result.exit_code == InvalidInput.exit_code
    assert "missing column 'claimHeadline'" in " ".join(result.output.split())
    assert "Traceback" not in result.output
