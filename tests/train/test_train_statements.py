"""The statement trainer: labels from gold on a document written for the test, and one small real training run
through the CLI on ``../shared/corpus/train`` (the full run is ``make train``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
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
    # the voice model learns the claim (Pakistan's) apart from the article's own settled relation
    assert sorted(y for _, y in doc.voice_rows) == ["claim", "relation"]  # type: ignore[attr-defined]
    assert doc.group_kinds == ["claims", "relations"] or doc.group_kinds == ["relations", "claims"]  # type: ignore[attr-defined]


def test_train_fit_then_predict_on_the_training_document() -> None:
    doc = _labelled()
    model = fit([doc, doc], c=10.0, threshold=0.3)  # type: ignore[list-item]
    record = predict(doc, model)  # type: ignore[arg-type]
    links = {(x["subject"], x["predicate"], x["object"]) for x in record["claims"] + record["relations"]}
    assert ("Haqqani network", "member_of", "Afghan Taliban") in links


def _smoke(tmp_path: Path, command: str, limit: int) -> tuple[str, Path]:
    """One small real training run through the CLI: its output and the model file it wrote."""
    out = tmp_path / f"{command}.json"
    result = CliRunner().invoke(app, ["train", command, "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", str(limit), "--folds", "2", "--grid", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{limit} documents" in result.output
    return result.output, out


def test_train_cli_smoke_run_writes_a_loadable_model(tmp_path: Path) -> None:
    output, out = _smoke(tmp_path, "statements", 8)
    assert "chosen C=1.0" in output
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["meta"]["documents"] == 8 and raw["predicate"]["weights"]
    model = load_model(str(out))
    assert model.threshold == raw["threshold"]


def _coref_loads(out: Path) -> None:
    from veracity.extract.events.coref import load_model as load_coref

    model = load_coref(str(out))
    assert model.meta["documents"] == 20 and model.pair.labels == ("other", "same")


def _dates_load(out: Path) -> None:
    from veracity.extract.events.date_choice import load_model as load_dates

    assert json.loads(out.read_text(encoding="utf-8"))["meta"]["documents"] == 20
    assert load_dates(str(out)).labels == ("score",)


def _places_load(out: Path) -> None:
    from veracity.extract.events.place_choice import load_model as load_places

    assert load_places(str(out)).labels == ("score",)


def _filter_loads(out: Path) -> None:
    from veracity.extract.actors.filter import load_model as load_filter

    assert load_filter(str(out)).meta["documents"] == 12


@pytest.mark.parametrize(("command", "limit", "phrase", "loads"), [
    ("events", 20, "unmerged: events", _coref_loads),
    ("dates", 20, "as found:", _dates_load),
    ("places", 20, "as found:", _places_load),
    ("actors", 12, "unfiltered: actors", _filter_loads),
])
def test_train_cli_smoke_runs_of_the_event_and_actor_models(tmp_path: Path, command: str, limit: int, phrase: str,
                                                            loads: Callable[[Path], None]) -> None:
    output, out = _smoke(tmp_path, command, limit)
    assert phrase in output
    loads(out)


def test_train_statements_choose_setting_prefers_smaller_c_within_noise() -> None:
    from veracity.train.statements import choose_setting

    results = [(0.210, 3.0, ("relations", 0.3, 0.5)), (0.207, 1.0, ("relations", 0.3, 0.7)),
               (0.206, 1.0, ("all", 0.3, 1.0)), (0.180, 0.3, ("all", 0.2, 1.0))]
    assert choose_setting(results) == (0.207, 1.0, ("relations", 0.3, 0.7))
    assert choose_setting(results, tolerance=0.0) == (0.210, 3.0, ("relations", 0.3, 0.5))
