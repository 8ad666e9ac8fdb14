"""The learned statement extractor: its linear models, its candidates, and the shipped model on sentences written
for these tests in the manner of wire copy (never article text)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from veracity.extract import Extractor
from veracity.extract.statements.component import (
    MODEL_PATH,
    StatementModel,
    find_statements,
    is_rule_statement,
    load_model,
)
from veracity.extract.text.linear import LinearModel, choose
from veracity.model.records import Assertion, Document, Stance
from veracity.model.vocabulary import vocabulary


def test_statements_linear_model_round_trips_through_json() -> None:
    coef = np.array([[0.5, -1.0, 0.0], [-0.5, 2.0, 0.25]])
    model = LinearModel.from_coefficients(["a", "b"], ["f1", "f2", "f3"], coef, np.array([0.1, -0.1]))
    again = LinearModel.from_json(model.to_json())
    rows = [["f1"], ["f2", "f3"], ["unknown"], []]
    assert np.allclose(model.probs(rows), again.probs(rows))
    assert "f3" in again.index and np.allclose(again.probs([["f2"]])[0], model.probs([["f2"]])[0])
    # a feature listed twice counts once: features are a set
    assert np.allclose(model.probs([["f1", "f1"]]), model.probs([["f1"]]))


def test_statements_binary_coefficients_become_a_two_column_softmax() -> None:
    model = LinearModel.from_coefficients(["no", "yes"], ["x"], np.array([[2.0]]), np.array([-1.0]))
    p = model.probs([["x"], []])
    assert p[0, 1] == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert p[1, 1] == pytest.approx(1 / (1 + np.exp(1.0)))


def test_statements_choose_is_a_softmax_over_rows() -> None:
    model = LinearModel.from_coefficients(["score"], ["good", "bad"], np.array([[3.0, -3.0]]), np.zeros(1))
    p = choose(model, [["bad"], ["good"], []])
    assert p.sum() == pytest.approx(1.0) and int(np.argmax(p)) == 1 and p[0] < p[2] < p[1]


def test_statements_shipped_model_loads_with_every_part() -> None:
    model = load_model()
    assert isinstance(model, StatementModel) and MODEL_PATH.is_file()
    assert set(model.predicate.labels) == {"none", *vocabulary().predicates}
    assert model.stance.labels == ("asserts", "denies") and model.hedge.labels == ("plain", "hedged")
    assert 0 < model.threshold < 1 and model.scope in {"all", "relations"}
    assert model.meta["trained_on"] == "train.jsonl"
    # the two-step attribution: whose voice (the article's settled link or someone's claim), then which speaker
    assert model.voice is not None and model.voice.labels == ("claim", "relation") and model.speaker is not None


def test_statements_rule_links_are_replaced_but_event_roles_stay() -> None:
    def link(predicate: str, extractor: str) -> Assertion:
        return Assertion("a", predicate, "b", "author:d", Stance.ASSERTS, "d", (0, 1), "q", extractor)

    assert is_rule_statement(link("supports", "claims.reported_speech@3"))
    assert is_rule_statement(link("member_of", "relations.author_voice@3"))
    assert not is_rule_statement(link("target", "events.roles@3"))
    assert not is_rule_statement(link("responsible_for", "events.roles@3"))


WIRE = ("QUETTA, March 12 (Reuters) - The Balochistan Liberation Army claimed responsibility for the bombing "
        "of a passenger train in Balochistan on Tuesday that killed 26 people. Pakistan's foreign office accused "
        "the Afghan Taliban of harbouring the Tehrik-i-Taliban Pakistan. The Afghan Taliban denied the charge. "
        "The Haqqani network is part of the Afghan Taliban.")


@pytest.fixture(scope="module")
def wire(learned: Extractor) -> dict[str, Any]:
    from veracity.extract.records import to_gold_record

    return to_gold_record(learned.extract(Document(text=WIRE, name="wire", published="2024-03-12")))


def test_statements_learned_mode_is_the_default_and_names_its_extractor(learned: Extractor) -> None:
    extraction = learned.extract(Document(text=WIRE, name="wire", published="2024-03-12"))
    names = {a.extractor.split("@")[0] for a in extraction.assertions if is_rule_statement(a)}
    assert learned.statements == "learned"
    assert names and names <= {"claims.learned", "relations.learned", "claims.reported_speech",
                               "claims.responsibility", "claims.attribution", "claims.anaphoric",
                               "claims.denied_reports"}
    assert not any(n.startswith("relations.") and n != "relations.learned" for n in names)


def test_statements_wire_paragraph(wire: dict[str, Any]) -> None:
    links = [(c["subject"], c["predicate"], c["object"]) for c in wire["claims"] + wire["relations"]]
    pairs = {(s, o) for s, _, o in links}
    assert ("Afghan Taliban", "Tehrik-i-Taliban Pakistan") in pairs
    assert any(s == "Haqqani network" and o == "Afghan Taliban" and p in {"member_of", "controls", "allied_with"}
               for s, p, o in links)


def test_statements_rules_mode_adds_no_learned_line(extractor: Extractor) -> None:
    extraction = extractor.extract(Document(text=WIRE, name="wire", published="2024-03-12"))
    assert not any(a.extractor.startswith(("claims.learned", "relations.learned")) for a in extraction.assertions)


def test_statements_unknown_mode_is_a_config_error() -> None:
    from veracity.model.errors import ConfigError

    with pytest.raises(ConfigError, match="statements mode"):
        Extractor(statements="oracle")


def test_statements_find_is_idempotent_on_a_context(learned: Extractor) -> None:
    doc = Document(text=WIRE, name="wire", published="2024-03-12")
    ctx, _ = next(learned.contexts([doc]))
    before = list(ctx.assertions)
    find_statements(ctx)
    first = sorted(a.id for a in ctx.assertions)
    ctx.assertions = before
    find_statements(ctx)
    assert sorted(a.id for a in ctx.assertions) == first
