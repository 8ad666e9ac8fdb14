"""Edges from evidence: claims keep their claimants and never become plain facts."""

from __future__ import annotations

import pytest

from veracity.analyse.graph import CLAIM, STATED, Network, collect, edge_kind, usable
from veracity.model.records import Assertion, Evidence, Review, Stance, Verdict


def evidence(claimant: str = "author:d1", stance: Stance = Stance.ASSERTS, hedge: str | None = None,
             subject: str = "actor:y", obj: str = "actor:z", literal: bool = False, doc: str = "d1",
             reviews: tuple[Review, ...] = ()) -> Evidence:
    a = Assertion(subject, "supports", obj, claimant, stance, doc, (0, 10), "quote", "test@1", hedge=hedge,
                  object_literal=literal)
    return Evidence(a, published="2024-01-01", outlet="o", reviews=reviews)


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        (evidence(), STATED),
        (evidence(claimant="registry:Wikidata Q1"), STATED),
        (evidence(hedge="reportedly"), CLAIM),
        (evidence(stance=Stance.DENIES), CLAIM),
        (evidence(claimant="actor:x"), CLAIM),
        (evidence(claimant="registry:src", stance=Stance.DENIES), STATED),
    ],
)
def test_graph_edge_kind(item: Evidence, kind: str) -> None:
    assert edge_kind(item) == kind


def test_graph_accusation_is_a_claim_edge_with_its_claimant() -> None:
    """'X accuses Y of backing Z' gives a claim edge Y->Z that names X, and no stated Y->Z edge."""
    net = collect([evidence(claimant="actor:x")])
    [edge] = net.edges.values()
    assert (edge.source, edge.target, edge.kind, edge.claimants) == ("actor:y", "actor:z", CLAIM, ["actor:x"])
    assert not [e for e in net.edges.values() if e.kind == STATED]


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        (evidence(), True),
        (evidence(literal=True, obj="militants (unspecified)"), False),
        (evidence(reviews=(Review("x", Verdict.REJECT),)), False),
        (evidence(reviews=(Review("x", Verdict.CONFIRM),)), True),
        (Evidence(evidence().assertion, superseded=True), False),
        (Evidence(evidence().assertion, superseded=True, reviews=(Review("x", Verdict.CONFIRM),)), True),
    ],
)
def test_graph_usable(item: Evidence, kept: bool) -> None:
    assert usable(item) is kept


def test_graph_counts_each_assertion_once_and_groups_by_kind() -> None:
    items = [evidence(), evidence(), evidence(doc="d2", claimant="author:d2"), evidence(claimant="actor:x"),
             evidence(claimant="actor:w", stance=Stance.DENIES)]
    net = Network()
    collect(items, net)
    collect(items, net)
    stated = net.edges[("actor:y", "actor:z", "supports", STATED)]
    claim = net.edges[("actor:y", "actor:z", "supports", CLAIM)]
    assert stated.support()["evidence"] == 2 and stated.documents == ["d1", "d2"]
    assert claim.support()["asserts"] == 1 and claim.support()["denies"] == 1
    assert claim.claimants == ["actor:w", "actor:x"]


class Grade:
    def __init__(self, probability: float, word: str) -> None:
        self.probability, self.word = probability, word


def test_graph_apply_grades_filters_below_threshold() -> None:
    net = collect([evidence(), evidence(subject="actor:a", obj="actor:b")])
    grades = {("actor:y", "supports", "actor:z"): Grade(0.9, "very likely")}
    net.apply_grades(grades.get, min_probability=0.55)
    assert [e.proposition for e in net.edges.values()] == [("actor:y", "supports", "actor:z")]
    assert next(iter(net.edges.values())).support()["grade"] == "very likely"
