"""The event trigger trainer: gold surfaces become head-word labels, and one small real training run through the
CLI on ``../shared/corpus/train`` (the full run is ``make train``)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from veracity.cli import app
from veracity.extract import Extractor
from veracity.extract.events.triggers import NONE, TriggerModel
from veracity.model.records import Document
from veracity.train.event_triggers import CLASSES, gold_heads, label_document

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
TEXT = "A gunfight broke out in Bannu on Monday. Officials met in Islamabad."
GOLD = {"doc": "t", "events": [
    {"label": "Bannu gunfight", "type": "clash", "surface": ["A gunfight broke out in Bannu"]},
    {"label": "Islamabad meeting", "type": "other", "surface": ["Officials met in Islamabad"]},
]}


def test_train_triggers_label_the_head_of_violent_surfaces_only() -> None:
    extractor = Extractor(statements="rules", learn_triggers=False, merge_events=False)
    ctx, _ = next(extractor.contexts([Document(text=TEXT, name="t")]))
    heads = gold_heads(ctx.sdoc, GOLD)
    assert [(ctx.sdoc[i].text, kind) for i, kind in heads.items()] == [("broke", "clash")]
    doc = label_document(ctx.sdoc, ctx.found, ctx.published, list(ctx.events), GOLD)
    assert sorted(set(doc.labels)) == ["clash", NONE] and doc.labels.count("clash") == 1


def test_train_triggers_cli_smoke(tmp_path: Path) -> None:
    out = tmp_path / "triggers.json"
    result = CliRunner().invoke(app, ["train", "triggers", "--gold", str(CORPUS / "train.jsonl"), "--docs",
                                      str(CORPUS / "docs"), "--limit", "6", "--folds", "2", "--grid", "0.3",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "rules only: events" in result.output and "chosen C=0.3" in result.output
    model = TriggerModel.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert model.token.labels == CLASSES and model.meta["documents"] == 6
