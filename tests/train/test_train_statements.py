"""The statement trainer: labels from gold on a document written for the test, and one small real training run
through the CLI on ``../shared/corpus/train`` (the full run is ``make train``)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from veracity.cli import app
from veracity.extract import Extractor
from veracity.extract.statements.component import load_model
from veracity.model.records import Document
from veracity.train.statements import NONE, fit, label_document, predict

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
TEXT = "Pakistan accused the Afghan Taliban of harbouring the TTP. The Haqqani network is part of the Afghan Taliban."
GOLD = {
    "doc": "t",
    "actors": [{"name": "Pakistan", "type": "state", "surface": ["Pakistan"]},
               {"name": "Afghan Taliban", "type": "armed_group", "surface": ["Afghan Taliban"]},
               {"name": "Tehrik-i-Taliban Pakistan", "type": "armed_group", "surface": ["TTP"]},
               {"name": "Haqqani network", "type": "armed_group", "surface": ["Haqqani network"]}],
    "claims": [{"claimant": "Pakistan", "stance": "asserts", "subject": "Afghan Taliban", "predicate": "harbours",
                "object": "Tehrik-i-Taliban Pakistan", "hedged": False,
                "quote": "the Afghan Taliban of harbouring the TTP"}],
    "relations": [{"subject": "Haqqani network", "predicate": "member_of", "object": "Afghan Taliban",
                   "quote": "The Haqqani network is part of the Afghan Taliban."}],
}


def _labelled() -> object:
    extractor = Extractor(statements="rules")
    ctx, warnings = next(extractor.contexts([Document(text=TEXT, name="t")]))
    return label_document(ctx, warnings, GOLD)


def test_train_labels_align_gold_claims_and_relations_with_pairs() -> None:
    doc = _labelled()
    labels = {(c.subject.ident, c.object.ident): y for c, y in doc.pairs}  # type: ignore[attr-defined]
    positives = {k: v for k, v in labels.items() if v != NONE}
    assert positives == {("actor:afghan-taliban", "actor:tehrik-i-taliban-pakistan"): "harbours",
                         ("actor:haqqani-network", "actor:afghan-taliban"): "member_of"}
    # the claim's claimant group marks Pakistan, the relation's marks the article's own voice
    groups = doc.claimant_groups  # type: ignore[attr-defined]
    assert len(groups) == 2 and all(sum(ys) >= 1 for _, ys in groups)
    assert doc.stance_rows and {y for _, y in doc.stance_rows} == {"asserts"}  # type: ignore[attr-defined]


def test_train_fit_then_predict_on_the_training_document() -> None:
    doc = _labelled()
    model = fit([doc, doc], c=10.0, threshold=0.3)  # type: ignore[list-item]
    record = predict(doc, model)  # type: ignore[arg-type]
    links = {(x["subject"], x["predicate"], x["object"]) for x in record["claims"] + record["relations"]}
    assert ("Haqqani network", "member_of", "Afghan Taliban") in links


def test_train_cli_smoke_run_writes_a_loadable_model(tmp_path: Path) -> None:
    out = tmp_path / "statements.json"
    result = CliRunner().invoke(app, ["train", "statements", "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", "8", "--folds", "2", "--grid", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "8 documents" in result.output and "chosen C=1.0" in result.output
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["meta"]["documents"] == 8 and raw["predicate"]["weights"]
    model = load_model(str(out))
    assert model.threshold == raw["threshold"]


def test_train_events_cli_smoke_run_writes_a_loadable_model(tmp_path: Path) -> None:
    from veracity.extract.event_coref import load_model as load_coref

    out = tmp_path / "coref.json"
    result = CliRunner().invoke(app, ["train", "events", "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", "20", "--folds", "2", "--grid", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "20 documents" in result.output and "unmerged: events" in result.output
    model = load_coref(str(out))
    assert model.meta["documents"] == 20 and model.pair.labels == ("other", "same")


def test_train_dates_cli_smoke_run_writes_a_loadable_model(tmp_path: Path) -> None:
    from veracity.extract.event_dates import load_model as load_dates

    out = tmp_path / "dates.json"
    result = CliRunner().invoke(app, ["train", "dates", "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", "20", "--folds", "2", "--grid", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "20 documents" in result.output and "as found:" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["documents"] == 20
    assert load_dates(str(out)).labels == ("score",)


def test_train_places_cli_smoke_run_writes_a_loadable_model(tmp_path: Path) -> None:
    from veracity.extract.event_places import load_model as load_places

    out = tmp_path / "places.json"
    result = CliRunner().invoke(app, ["train", "places", "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", "20", "--folds", "2", "--grid", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "20 documents" in result.output and "as found:" in result.output
    assert load_places(str(out)).labels == ("score",)


def test_train_actors_cli_smoke_run_writes_a_loadable_model(tmp_path: Path) -> None:
    from veracity.extract.actor_filter import load_model as load_filter

    out = tmp_path / "actors.json"
    result = CliRunner().invoke(app, ["train", "actors", "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", "12", "--folds", "2", "--grid", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "12 documents" in result.output and "unfiltered: actors" in result.output
    assert load_filter(str(out)).meta["documents"] == 12
