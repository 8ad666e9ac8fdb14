"""The learned event triggers: features, the decision and how a new trigger becomes an event, on sentences written
for the test; the shipped model's weights are exercised through the default extractor."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from veracity.extract import Extractor
from veracity.extract.actors.finder import find_actors
from veracity.extract.events.finder import find_events
from veracity.extract.events.triggers import (
    NONE,
    VIOLENT,
    TriggerModel,
    add_learned_events,
    candidates,
    document_rows,
    load_model,
)
from veracity.extract.text.linear import LinearModel
from veracity.model.errors import ConfigError

LABELS = (NONE, *VIOLENT)


def _model(weights: dict[str, dict[str, float]], threshold: float = 0.5) -> TriggerModel:
    """A model that knows only the given features: feature -> {label: weight}; everything else is ``none``."""
    names = sorted(weights)
    matrix = np.array([[weights[n].get(lab, 0.0) for lab in LABELS] for n in names] + [[0.0] * len(LABELS)])
    bias = np.array([3.0] + [0.0] * len(VIOLENT))
    return TriggerModel(LinearModel(LABELS, {n: i for i, n in enumerate(names)}, matrix, bias), threshold, {})


GUNFIGHT = _model({"lemma=gunfight": {"clash": 8.0}, "lemma=operation": {"clash": 8.0}})


@pytest.fixture(scope="module")
def parse(extractor: Extractor):  # type: ignore[no-untyped-def]
    def run(text: str, published: str | None = "2024-05-20"):  # type: ignore[no-untyped-def]
        sdoc = extractor.nlp(text)
        found = find_actors(sdoc)
        return sdoc, found, find_events(sdoc, found, published), published

    return run


def test_triggers_candidates_skip_names(parse) -> None:  # type: ignore[no-untyped-def]
    sdoc, found, _, _ = parse("The Pakistan Army fought a gunfight with the TTP in Bannu.")
    words = {t.text for t in candidates(sdoc, found)}
    assert "gunfight" in words and "fought" in words
    assert not words & {"Pakistan", "Army", "TTP", "Bannu"}


def test_triggers_features_name_arguments_and_rule_verdict(parse) -> None:  # type: ignore[no-untyped-def]
    sdoc, found, _, _ = parse("On Monday militants attacked a police post in Bannu.")
    tokens, rows = document_rows(sdoc, found)
    row = rows[[t.text for t in tokens].index("attacked")]
    assert "lemma=attack" in row and "rule=armed_assault" in row
    assert "s:place" in row and "s:date" in row and "nsubj_lemma=militant" in row
    assert "dobj_lemma=post" in row


def test_triggers_new_event_is_placed_and_dated(parse) -> None:  # type: ignore[no-untyped-def]
    sdoc, found, events, published = parse("A major gunfight broke out in Bannu on 12 May 2024.")
    assert not events  # no rule trigger word
    out = add_learned_events(sdoc, found, published, events, GUNFIGHT)
    assert [(e.type, e.place, e.date) for e in out] == [("clash", "Bannu", "2024-05-12")]
    assert out[0].surfaces == ["A major gunfight"]


def test_triggers_threshold_above_one_adds_nothing(parse) -> None:  # type: ignore[no-untyped-def]
    sdoc, found, events, published = parse("A major gunfight broke out in Bannu on 12 May 2024.")
    assert add_learned_events(sdoc, found, published, events, _model({"lemma=gunfight": {"clash": 8.0}}, 1.01)) == []


def test_triggers_bare_definite_mention_joins_the_last_event(parse) -> None:  # type: ignore[no-untyped-def]
    text = "A gunfight broke out in Bannu on 12 May 2024. The operation lasted six hours."
    sdoc, found, events, published = parse(text)
    out = add_learned_events(sdoc, found, published, events, GUNFIGHT)
    assert len(out) == 1
    assert [sdoc[i].text for i in out[0].triggers] == ["gunfight", "operation"]


def test_triggers_leave_rule_events_alone(parse) -> None:  # type: ignore[no-untyped-def]
    sdoc, found, events, published = parse("A suicide bomber killed five people in Quetta on 3 March 2024.")
    before = [(e.label, list(e.triggers)) for e in events]
    out = add_learned_events(sdoc, found, published, events, _model({"lemma=kill": {"clash": 9.0}}))
    assert before and [(e.label, e.triggers) for e in out] == before


def test_triggers_shipped_model_finds_unlisted_incident_words(learned: Extractor, extractor: Extractor) -> None:
    from veracity.extract.records import to_gold_record
    from veracity.model.records import Document

    text = "Three men were forcibly disappeared by security forces in Panjgur district of Balochistan in March."
    doc = Document(text=text, name="t", published="2024-06-05")
    assert not to_gold_record(extractor.extract(doc))["events"]  # no trigger rule reads "disappeared"
    rec = to_gold_record(learned.extract(doc))
    assert any(e["type"] in VIOLENT for e in rec["events"])


def test_triggers_model_file_round_trips_and_bad_file_is_named(tmp_path: Path) -> None:
    model = load_model()
    assert model.token.labels == LABELS and 0.0 < model.threshold <= 1.01
    again = TriggerModel.from_json(json.loads(json.dumps(GUNFIGHT.to_json())))
    assert again.threshold == GUNFIGHT.threshold and again.token.labels == LABELS
    bad = tmp_path / "broken.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.json"):
        load_model(str(bad))
