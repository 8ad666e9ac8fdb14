"""Network queries over a store view: ego networks, linking paths, centrality and communities.

Queries walk the store one level at a time (``view.evidence(about=frontier)``) rather than loading
the whole graph: an ego network at depth 2 touches the root, its neighbours and their edges, which the store's
subject/object indexes answer directly. networkx holds the (small) result for path search, centrality and
communities; ``bench/bench_network.py`` measures this against a plain SQL neighbour query and a dict BFS.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any, Protocol

import networkx as nx

from veracity.analyse.graph import Edge, EdgeRow, Grader, Network, usable
from veracity.analyse.scale import word_floor
from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import Entity, Evidence

FRONTIER_CHUNK = 400
"""Entities per store query while walking: one query per level, in chunks that keep SQL parameter lists small."""

MAX_PATH = 4
"""Longest chain a path query walks: at 40 edges per entity, 5 hops already reach most of a large store."""


class EvidenceView(Protocol):
    """The part of the store's read-only ``View`` that network queries use."""

    def evidence(self, **filters: Any) -> Iterator[Evidence]: ...

    def edge_rows(self, about: Collection[str], as_of: str | None = None) -> Iterator[EdgeRow]: ...

    def find_entity(self, name: str) -> Entity: ...

    def name(self, entity_or_claimant_id: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: the two entities and every edge between them, with evidence and support."""

    source: str
    target: str
    edges: tuple[Edge, ...]

    @property
    def evidence_count(self) -> int:
        return sum(e.size for e in self.edges)


@dataclass(frozen=True, slots=True)
class Path:
    """A chain of entities linking two actors; ``weakest`` is the least-supported hop's evidence count."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def weakest(self) -> int:
        return min((h.evidence_count for h in self.hops), default=0)


def _expand(view: EvidenceView, net: Network, roots: list[str], depth: int, as_of: str | None,
            light: bool = False) -> set[str]:
    """Breadth-first walk: fold what is said about each frontier node into ``net``; return every node reached.

    A ``light`` walk reads :meth:`View.edge_rows` (ids, claimants, stances: enough to count and attribute every
    edge) instead of full evidence, which is what keeps an ego network at depth 2 fast on a large store.
    """
    seen = set(roots)
    frontier = list(roots)
    for _ in range(depth):
        nxt: list[str] = []
        for chunk in range(0, len(frontier), FRONTIER_CHUNK):
            part = frontier[chunk:chunk + FRONTIER_CHUNK]
            if light:
                edges = [net.add_row(row) for row in view.edge_rows(part, as_of=as_of)]
            else:
                edges = [net.add(ev) for ev in view.evidence(about=part, as_of=as_of, ordered=False) if usable(ev)]
            for edge in edges:
                for other in (edge.source, edge.target):
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
        frontier = nxt
    return seen


def name_nodes(view: EvidenceView, net: Network) -> Network:
    """Fill display names for every node (one lookup each: done for exports, not inside timed queries)."""
    for node in net.nodes:
        net.names.setdefault(node, view.name(node))
    return net


def ego(view: EvidenceView, name: str, depth: int = 1, min_grade: str | None = None, as_of: str | None = None,
        grade: Grader | None = None) -> Network:
    """Every edge within ``depth`` hops of the named entity, as of a date, optionally graded and filtered.

    ``min_grade`` (an ICD-203 word) keeps only edges whose proposition is graded at or above it, so it needs a
    ``grade`` hook; asking for it without one is an error rather than a silently unfiltered answer.
    """
    if depth < 1:
        raise InvalidInput(f"depth must be 1 or more, not {depth}", fix="use --depth 1, 2 or 3")
    if min_grade is not None and grade is None:
        raise InvalidInput("--min-grade needs grades, and no assessment is available",
                           fix="drop --min-grade or install the assessment module")
    root = view.find_entity(name).id
    net = Network(root=root)
    _expand(view, net, [root], depth, as_of, light=True)
    net.apply_grades(grade, word_floor(min_grade) if min_grade else None)
    net.names[root] = view.name(root)
    return net


def _pairs(net: Network) -> dict[frozenset[str], list[Edge]]:
    """Edges by unordered pair of ends, best supported first (built once per path query)."""
    found: dict[frozenset[str], list[Edge]] = {}
    for edge in net.edges.values():
        found.setdefault(frozenset((edge.source, edge.target)), []).append(edge)
    for edges in found.values():
        edges.sort(key=lambda e: (-e.size, e.kind, e.predicate))
    return found


def paths(view: EvidenceView, a: str, b: str, max_len: int = 3, as_of: str | None = None,
          grade: Grader | None = None, limit: int = 20) -> list[Path]:
    """The chains of at most ``max_len`` hops linking two entities, shortest and best supported first.

    Meet in the middle: walk ``ceil(max_len / 2)`` hops from ``a`` and the rest from ``b``, so a path of length
    three costs two small walks instead of one large one. Hops ignore direction (ISI controls Haqqani, Haqqani
    controls ISKP, and ISKP denied by Taliban all link) and each hop lists its edges with their evidence.
    """
    if not 1 <= max_len <= MAX_PATH:
        raise InvalidInput(f"max_len must be 1 to {MAX_PATH}, not {max_len}",
                           fix=f"use --max-len 1 to {MAX_PATH} (longer chains link almost everything)")
    start, end = view.find_entity(a).id, view.find_entity(b).id
    if start == end:
        raise InvalidInput(f"{a!r} and {b!r} are the same entity", fix="name two different entities")
    net = Network(root=start)
    _expand(view, net, [start], (max_len + 1) // 2, as_of)
    _expand(view, net, [end], max_len // 2, as_of)
    net.apply_grades(grade)
    graph = net.undirected()
    if start not in graph or end not in graph or not nx.has_path(graph, start, end):
        return []
    candidates = islice(nx.all_simple_paths(graph, start, end, cutoff=max_len), 2000)
    pairs = _pairs(net)
    found = [Path(tuple(p), tuple(Hop(x, y, tuple(pairs[frozenset((x, y))])) for x, y in pairwise(p)))
             for p in candidates]
    found.sort(key=lambda p: (len(p.nodes), -p.weakest, p.nodes))
    return found[:limit]


def path_names(view: EvidenceView, path: Path) -> list[str]:
    """Display names of a path's entities (``ISI -> Haqqani network -> ISKP``)."""
    return [view.name(n) for n in path.nodes]


def centrality(net: Network, top: int = 10) -> list[tuple[str, float, float]]:
    """(node, degree centrality, betweenness) for the best-connected nodes, by betweenness then degree.

    Betweenness is exact below 2,000 nodes and sampled (k=500, fixed seed) above, to keep queries interactive.
    """
    graph = net.undirected()
    if graph.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(graph)
    k = None if graph.number_of_nodes() < 2000 else 500
    between = nx.betweenness_centrality(graph, k=k, seed=0)
    ranked = sorted(graph.nodes, key=lambda n: (-between[n], -degree[n], n))
    return [(n, degree[n], between[n]) for n in ranked[:top]]


def communities(net: Network) -> list[list[str]]:
    """Louvain communities (networkx, weight = evidence count, fixed seed), largest first."""
    graph = net.undirected()
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=0)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))


def require_nodes(net: Network, name: str) -> Network:
    """Raise :class:`NotFound` when a query found no edges, so the CLI says so instead of printing nothing."""
    if not net.edges:
        raise NotFound(f"no relations found around {name!r}", fix="check the name with 'veracity actors'")
    return net
