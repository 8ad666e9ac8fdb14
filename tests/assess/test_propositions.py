"""Propositions: grouping by normalised triple, deterministic ids, opposing links."""

from __future__ import annotations

import pytest

from veracity.assess.propositions import group, normalise, opposing_triples, proposition_id
from veracity.model.records import Stance


@pytest.mark.parametrize(
    ("triple", "expected"),
    [
        (("actor:b", "allied_with", "actor:a"), ("actor:a", "allied_with", "actor:b")),
        (("actor:a", "allied_with", "actor:b"), ("actor:a", "allied_with", "actor:b")),
        (("actor:b", "supports", "actor:a"), ("actor:b", "supports", "actor:a")),
    ],
)
def test_propositions_symmetric_predicates_normalise_order(triple, expected):
    assert normalise(*triple) == expected


def test_propositions_id_is_deterministic_and_order_free_for_symmetric():
    assert proposition_id("actor:a", "allied_with", "actor:b") == proposition_id("actor:b", "allied_with", "actor:a")
    assert proposition_id("actor:a", "supports", "actor:b") != proposition_id("actor:b", "supports", "actor:a")
    assert len(proposition_id("actor:a", "supports", "actor:b")) == 16


def test_propositions_assertions_and_denials_of_a_triple_are_one_proposition(make):
    items = [make("Pakistan", "supports", "ISKP", claimant="Taliban"),
             make("Pakistan", "supports", "ISKP", claimant="Pakistan", stance=Stance.DENIES, doc="d2")]
    props = group(items)
    assert len(props) == 1
    (prop,) = props.values()
    assert [e.assertion.stance for e in prop.evidence] == [Stance.ASSERTS, Stance.DENIES]


def test_propositions_opposites_are_linked_in_either_direction(make):
    items = [make("Taliban", "allied_with", "ISKP"), make("ISKP", "hostile_to", "Taliban", doc="d2"),
             make("Taliban", "hostile_to", "ISKP", doc="d3"), make("Taliban", "member_of", "ISKP", doc="d4")]
    props = group(items)
    allied = props[normalise("actor:taliban", "allied_with", "actor:iskp")]
    hostile_ids = {proposition_id("actor:iskp", "hostile_to", "actor:taliban"),
                   proposition_id("actor:taliban", "hostile_to", "actor:iskp")}
    assert set(allied.opposing) == hostile_ids
    assert props[("actor:taliban", "member_of", "actor:iskp")].opposing == ()


def test_propositions_opposing_triples_use_the_vocabulary():
    found = opposing_triples(("actor:a", "hostile_to", "actor:b"))
    assert ("actor:a", "supports", "actor:b") in found and ("actor:b", "controls", "actor:a") in found
    assert ("actor:a", "allied_with", "actor:b") in found


def test_propositions_carry_time_periods_without_splitting(make):
    from dataclasses import replace

    dated = make("Haqqani", "controls", "ISKP", doc="d2")
    dated = replace(dated, assertion=replace(dated.assertion, valid_from="2020"))
    props = group([make("Haqqani", "controls", "ISKP"), dated])
    (prop,) = props.values()
    assert len(prop.evidence) == 2 and prop.periods == (("2020", None),)
