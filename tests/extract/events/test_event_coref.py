"""Incident coreference: pair features, the merge itself (with a model built for the test), and the shipped model
on a paragraph written for the test."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from veracity.extract import Extractor
from veracity.extract.events.coref import CorefModel, load_model, merge_events, pair_features, sentence_index
from veracity.extract.events.finder import EventMention
from veracity.extract.text.linear import LinearModel
from veracity.model.records import Document, EntityKind


@pytest.fixture(scope="module")
def sdoc() -> spacy.tokens.Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp("Gunmen stormed a naval base in Turbat. The attack killed four. Later a bomb hit Quetta.")


def _event(label: str, type_: str, triggers: list[int], **attrs: object) -> EventMention:
    return EventMention(label=label, type=type_, triggers=triggers, surfaces=[label], **attrs)  # type: ignore[arg-type]


def _model(weights: dict[str, float], threshold: float = 0.5) -> CorefModel:
    names = list(weights)
    coef = np.array([[weights[n] for n in names]])
    return CorefModel(LinearModel.from_coefficients(["other", "same"], names, coef, np.array([-1.0])), threshold, {})


def test_event_coref_pair_features_compare_attributes(sdoc: spacy.tokens.Doc) -> None:
    a = _event("armed assault in Turbat", "armed_assault", [1], place="Turbat", date="2024-03")
    b = _event("the attack", "armed_assault", [8], place="Turbat", date="2024-03-25", killed=4)
    feats = pair_features(sdoc, b, a, sentence_index(sdoc))  # order-free
    assert {"same_type", "place=same", "date=prefix", "killed=one", "gap=1", "b_definite=1"} <= set(feats)
    assert feats == pair_features(sdoc, a, b, sentence_index(sdoc))


def test_event_coref_merges_above_threshold_and_keeps_the_described_event(sdoc: spacy.tokens.Doc) -> None:
    model = _model({"place=same": 3.0})
    a = _event("armed assault in Turbat", "armed_assault", [1], place="Turbat")
    b = _event("the attack", "armed_assault", [8], place="Turbat", killed=4)
    c = _event("bombing in Quetta", "bombing", [14], place="Quetta")
    merged = merge_events(sdoc, [a, b, c], model)
    assert len(merged) == 2
    head = next(e for e in merged if 8 in e.triggers)
    assert head.triggers == [8, 1] and head.killed == 4 and "armed assault in Turbat" in head.surfaces
    assert any(e.label == "bombing in Quetta" and e.triggers == [14] for e in merged)


def test_event_coref_never_merges_two_known_events(sdoc: spacy.tokens.Doc) -> None:
    model = _model({"same_type": 5.0})
    a = _event("Kabul airport bombing", "suicide_bombing", [1], known=True)
    b = _event("Russian embassy bombing", "suicide_bombing", [8], known=True)
    assert len(merge_events(sdoc, [a, b], model)) == 2


def test_event_coref_shipped_model_merges_a_repeated_incident() -> None:
    assert load_model().meta["trained_on"] == "train.jsonl" and 0 < load_model().threshold <= 1
    text = ("Gunmen attacked a police station in Rask on Friday, killing 11 officers. Jaish al-Adl claimed the "
            "attack on the police station in Rask. The raid on the police station was the deadliest this year.")
    merged = Extractor().extract(Document(text=text, name="t", published="2023-12-15"))
    unmerged = Extractor(merge_events=False, statements="rules").extract(
        Document(text=text, name="t", published="2023-12-15"))
    before = [e for e in unmerged.entities if e.kind is EntityKind.EVENT]
    after = [e for e in merged.entities if e.kind is EntityKind.EVENT]
    assert len(before) == 3  # the finder alone: the shooting, "the attack on the police station", "the raid"
    assert len(after) == 1 and len(after[0].attributes["surfaces"]) == 3
