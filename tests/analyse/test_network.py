"""Network queries on a real SQLite store holding the seeds as annotated."""

from __future__ import annotations

import pytest

from veracity.analyse.graph import CLAIM, STATED
from veracity.analyse.network import centrality, communities, ego, path_names, paths
from veracity.model.errors import InvalidInput, NotFound
from veracity.store import Store

ISI, HAQQANI = "actor:inter-services-intelligence", "actor:haqqani-network"
ISKP = "actor:islamic-state-khorasan-province"


def test_network_path_isi_haqqani_iskp_with_claimants(gold_store: Store) -> None:
    view = gold_store.view()
    found = paths(view, "ISI", "ISKP", max_len=2)
    chains = [path_names(view, p) for p in found]
    assert ["Inter-Services Intelligence", "Haqqani network", "Islamic State Khorasan Province"] in chains
    chain = next(p for p in found if p.nodes == (ISI, HAQQANI, ISKP))
    second = {(e.predicate, e.kind, tuple(view.name(c) for c in e.claimants)) for e in chain.hops[1].edges}
    assert ("controls", CLAIM, ("Amador Guallar",)) in second
    assert any(kind == STATED and claimants[0].startswith("author") for _, kind, claimants in second)
    assert all(h.evidence_count >= 1 for h in chain.hops)
    assert all(ev.assertion.quote for hop in chain.hops for e in hop.edges for ev in e.evidence.values())


def test_network_paths_shortest_first_and_bounded(gold_store: Store) -> None:
    found = paths(gold_store.view(), "ISI", "ISKP", max_len=3)
    lengths = [len(p.nodes) for p in found]
    assert lengths == sorted(lengths) and lengths[0] == 2 and max(lengths) <= 4


@pytest.mark.parametrize(
    ("depth", "must_have", "must_not"),
    [
        (1, {HAQQANI, ISKP, ISI}, {"actor:russia"}),
        (2, {HAQQANI, ISKP, ISI, "actor:pakistan"}, set()),
    ],
)
def test_network_ego_depth(gold_store: Store, depth: int, must_have: set[str], must_not: set[str]) -> None:
    net = ego(gold_store.view(), "Haqqani network", depth=depth)
    assert must_have <= net.nodes
    assert not (must_not & net.nodes)
    assert net.names[HAQQANI] == "Haqqani network" and net.root == HAQQANI


def test_network_ego_depth_grows(gold_store: Store) -> None:
    view = gold_store.view()
    assert len(ego(view, "Haqqani network", 1).edges) < len(ego(view, "Haqqani network", 2).edges)


@pytest.mark.parametrize(("as_of", "present"), [("2021-07", False), ("2021-08", True), (None, True)])
def test_network_ego_as_of(gold_store: Store, as_of: str | None, present: bool) -> None:
    """Haqqani controls ISKP is argued in 002 (published 2021-08): absent from the record before then."""
    net = ego(gold_store.view(), "Haqqani network", as_of=as_of)
    assert any(e.predicate == "controls" and e.target == ISKP for e in net.edges.values()) is present


def test_network_accusation_keeps_claimant(gold_store: Store) -> None:
    """Zabihullah Mujahid says Pakistan backs ISIS-K: a claim edge naming him, never a stated edge."""
    view = gold_store.view()
    net = ego(view, "Pakistan")
    backing = [e for e in net.edges.values() if e.proposition == ("actor:pakistan", "supports", ISKP)]
    assert backing and all(e.kind == CLAIM for e in backing)
    assert "actor:zabihullah-mujahid" in backing[0].claimants


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda v: ego(v, "No Such Group"), NotFound),
        (lambda v: ego(v, "ISI", depth=0), InvalidInput),
        (lambda v: ego(v, "ISI", min_grade="likely"), InvalidInput),
        (lambda v: paths(v, "ISI", "Inter-Services Intelligence"), InvalidInput),
        (lambda v: paths(v, "ISI", "ISKP", max_len=9), InvalidInput),
    ],
)
def test_network_errors(gold_store: Store, call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        call(gold_store.view())


class Grade:
    def __init__(self, probability: float, word: str) -> None:
        self.probability, self.word = probability, word


def test_network_min_grade_uses_hook(gold_store: Store) -> None:
    def grade(triple: tuple[str, str, str]) -> Grade | None:
        return Grade(0.6, "likely") if triple == (HAQQANI, "controls", ISKP) else Grade(0.3, "unlikely")

    net = ego(gold_store.view(), "Haqqani network", min_grade="likely", grade=grade)
    assert {e.proposition for e in net.edges.values()} == {(HAQQANI, "controls", ISKP)}


def test_network_centrality_and_communities(gold_store: Store) -> None:
    net = ego(gold_store.view(), "ISKP", depth=2)
    top = centrality(net, top=3)
    assert ISKP in [node for node, _, _ in top] and all(between > 0 for _, _, between in top)
    assert [between for _, _, between in top] == sorted((b for _, _, b in top), reverse=True)
    groups = communities(net)
    assert sum(len(g) for g in groups) == len(net.undirected())
    assert len(groups) >= 2


@pytest.mark.parametrize("as_of", [None, "2021-12"])
def test_network_light_ego_counts_like_a_full_walk(gold_store: Store, as_of: str | None) -> None:
    """The ego query reads light rows; its edges must count and attribute exactly what full evidence gives."""
    from veracity.analyse.graph import collect
    from veracity.analyse.network import _expand

    view = gold_store.view()
    light = ego(view, "Haqqani network", depth=2, as_of=as_of)
    full = collect([])
    _expand(view, full, [light.root], 2, as_of, light=False)
    assert light.edges.keys() == full.edges.keys()
    for key, edge in light.edges.items():
        assert (edge.size, edge.claimants, edge.documents, edge.support()) == (
            full.edges[key].size, full.edges[key].claimants, full.edges[key].documents, full.edges[key].support())
