"""Competing hypotheses: hypotheses, cells, ranking by weighted inconsistency, exports."""

from __future__ import annotations

from datetime import date

import pytest

from veracity.assess.ach import UNATTRIBUTED, ach
from veracity.model.ids import entity_id
from veracity.model.records import Stance

EVENT = "event:kabul-airport-bombing"
TODAY = date(2026, 1, 1)


@pytest.fixture()
def matrix(make):
    items = [
        make("ISKP", "responsible_for", EVENT, claimant="ISKP", doc="a"),
        make("ISKP", "responsible_for", EVENT, claimant="Joe Biden", doc="a"),
        make("Taliban", "responsible_for", EVENT, claimant="Amador Guallar", doc="b"),
        make("Taliban", "responsible_for", EVENT, claimant="Taliban", doc="c", stance=Stance.DENIES),
        make("Pakistan", "supports", "ISKP", claimant="Zabihullah Mujahid", doc="d"),
        make("Taliban", "controls", "Kabul", doc="e"),
        make(EVENT, "located_in", "Kabul", doc="a"),
        make("Somebody", "supports", "Nobody", doc="f"),
    ]
    return ach(items, EVENT, today=TODAY)


def test_ach_hypotheses_are_accused_actors_their_sponsors_and_unattributed(matrix):
    ids = {h.id for h in matrix.hypotheses}
    assert ids == {"actor:iskp", "actor:taliban", "actor:pakistan", UNATTRIBUTED}
    roles = {h.id: h.roles for h in matrix.hypotheses}
    assert roles["actor:pakistan"] == ("sponsor of actor:iskp",)


@pytest.mark.parametrize(
    ("claimant", "stance", "cells"),
    [
        ("actor:iskp", "asserts", {"actor:iskp": "C", "actor:taliban": "I", "actor:pakistan": "N",
                                   UNATTRIBUTED: "I"}),
        ("actor:taliban", "denies", {"actor:iskp": "N", "actor:taliban": "I", "actor:pakistan": "N",
                                     UNATTRIBUTED: "N"}),
        ("actor:zabihullah-mujahid", "asserts", {"actor:iskp": "N", "actor:taliban": "N", "actor:pakistan": "C",
                                                 UNATTRIBUTED: "N"}),
    ],
)
def test_ach_cells(matrix, claimant, stance, cells):
    row = next(r for r in matrix.rows if r.evidence.assertion.claimant == claimant
               and r.evidence.assertion.stance.value == stance)
    assert row.cells == cells


def test_ach_ranks_by_weighted_inconsistency(matrix):
    ranked = [h.id for h in matrix.hypotheses]
    assert ranked[0] == "actor:iskp" and ranked[-1] == UNATTRIBUTED
    scores = [matrix.inconsistency[h] for h in ranked]
    assert scores == sorted(scores)
    assert any(r.kind == "capability or presence" for r in matrix.rows)


def test_ach_exports_table_and_json(matrix):
    table = matrix.table()
    assert table[0][:5] == ["evidence", "kind", "claimant", "published", "credibility"]
    assert len(table) == len(matrix.rows) + 2 and table[-1][0] == "weighted inconsistency"
    data = matrix.to_dict()
    assert [h["id"] for h in data["hypotheses"]] == [h.id for h in matrix.hypotheses]
    assert all(set(e["cells"]) == {h.id for h in matrix.hypotheses} for e in data["evidence"])


def test_ach_seed_kabul_airport_puts_the_claimant_first(seeds):
    m = ach(seeds, entity_id("event", "Kabul airport bombing"), today=TODAY)
    ranked = [h.id for h in m.hypotheses]
    assert ranked[0] == "actor:islamic-state-khorasan-province"
    assert {"actor:haqqani-network", "actor:afghan-taliban", UNATTRIBUTED} <= set(ranked)
    assert ranked.index(UNATTRIBUTED) == len(ranked) - 1


def test_ach_only_diagnostic_rows_rank(make):
    items = [make("ISKP", "responsible_for", EVENT, claimant="ISKP", doc="a"),
             make("Taliban", "responsible_for", EVENT, claimant="Amador Guallar", doc="b")]
    m = ach(items, EVENT, today=TODAY)
    assert all(r.diagnostic for r in m.rows)
    assert m.inconsistency[UNATTRIBUTED] == pytest.approx(sum(r.credibility for r in m.rows))


@pytest.mark.parametrize(("extra", "discriminates"), [(0, False), (3, True)])
def test_ach_says_when_evidence_does_not_discriminate(make, extra, discriminates):
    items = [make("ISKP", "responsible_for", EVENT, claimant="ISKP", doc="a"),
             make("Taliban", "responsible_for", EVENT, claimant="Taliban", doc="b")]
    items += [make("Taliban", "responsible_for", EVENT, claimant=f"Witness {i}", doc=f"w{i}",
                   stance=Stance.DENIES) for i in range(extra)]
    m = ach(items, EVENT, today=TODAY)
    assert m.discriminates is discriminates
    assert ("does not discriminate" in m.verdict()) is not discriminates
    assert m.to_dict()["discriminates"] is discriminates


def test_ach_demo_kabul_airport_says_the_sponsor_is_not_told_apart(demo_db):
    from veracity.assess import ach_view
    from veracity.store import open_store

    view = open_store(f"sqlite:///{demo_db}").view()
    m = ach_view(view, "Kabul airport bombing")
    assert not m.discriminates
    assert {"actor:islamic-state-khorasan-province", "actor:inter-services-intelligence"} <= set(m.undiscriminated)
    assert "does not discriminate" in m.verdict(view.name)
