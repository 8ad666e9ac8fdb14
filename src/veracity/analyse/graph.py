"""Edges built from evidence: the unit of every network query and graph export.

An edge joins two entities by one predicate and one *kind*. Claims and facts are different kinds on purpose:
"X accuses Y of backing Z" becomes a ``claim`` edge Y->Z that keeps X among its claimants, never a plain Y->Z
fact. Only an article's own unhedged voice and curated registry lines are ``stated``. Everything here is pure
(iterables of :class:`Evidence` in, :class:`Network` out) so it is tested on hand-made records and on a real store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import networkx as nx

from veracity.assess.context import newest_review
from veracity.model.records import Evidence, Stance, Verdict, author_claimant

STATED = "stated"
CLAIM = "claim"
REGISTRY_PREFIX = "registry:"
AUTHOR_PREFIX = author_claimant("")

Triple = tuple[str, str, str]
EdgeRow = tuple[str, str, str, str, str, str, str | None, str]
"""A light walk's row: assertion id, subject, predicate, object, claimant, stance, hedge, document id."""


class GradeLike(Protocol):
    """What a network needs from an assessment grade: a probability and its ICD-203 word."""

    @property
    def probability(self) -> float: ...

    @property
    def word(self) -> str: ...


Grader = Callable[[Triple], GradeLike | None]
"""The assessment hook: a proposition's grade, or ``None`` when it has none."""


def edge_kind(evidence: Evidence) -> str:
    """``stated`` for registry lines and an article's unhedged own-voice assertions; ``claim`` for the rest.

    A denial is never stated: it is someone's claim that the proposition is false.
    """
    a = evidence.assertion
    return row_kind(a.claimant, a.stance, a.hedge)


def row_kind(claimant: str, stance: str, hedge: str | None) -> str:
    """:func:`edge_kind` from the three fields it reads."""
    if claimant.startswith(REGISTRY_PREFIX):
        return STATED
    if hedge is None and stance == Stance.ASSERTS and claimant.startswith(AUTHOR_PREFIX):
        return STATED
    return CLAIM


def usable(evidence: Evidence) -> bool:
    """Entity-to-entity evidence whose analyst's latest word is not reject or correct, as in the grades.

    A rejected line does not match its source; a corrected one is superseded by the corrected assertion, which is
    its own evidence, so counting both would put one sentence on two edges. The newest review wins (a confirm
    after a rejection restores the line). A superseded assertion counts only when an analyst reviewed it, as in
    the store's view: reviews survive re-extraction.
    """
    if evidence.assertion.object_literal or (evidence.superseded and not evidence.reviews):
        return False
    review = newest_review(evidence)
    return review is None or review.verdict not in (Verdict.REJECT, Verdict.CORRECT)


class Line(NamedTuple):
    """What an edge needs of one assertion to count and attribute it; ``evidence`` is ``None`` in light walks."""

    claimant: str
    stance: str
    doc_id: str
    evidence: Evidence | None = None


@dataclass(slots=True)
class Edge:
    """One (source, predicate, target, kind) link with every assertion behind it.

    ``lines`` holds every assertion (keyed by the assertion, or by its stored id in a light walk); ``evidence``
    gives the full records (quote, outlet, date) of those that were read in full.
    """

    source: str
    target: str
    predicate: str
    kind: str
    lines: dict[object, Line] = field(default_factory=dict)
    grade: GradeLike | None = None

    @property
    def evidence(self) -> dict[object, Evidence]:
        return {k: line.evidence for k, line in self.lines.items() if line.evidence is not None}

    @property
    def size(self) -> int:
        """How many assertions stand behind the edge."""
        return len(self.lines)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.source, self.target, self.predicate, self.kind)

    @property
    def proposition(self) -> Triple:
        return (self.source, self.predicate, self.target)

    @property
    def claimants(self) -> list[str]:
        return sorted({line.claimant for line in self.lines.values()})

    @property
    def documents(self) -> list[str]:
        return sorted({line.doc_id for line in self.lines.values()})

    def count(self, stance: Stance) -> int:
        return sum(1 for line in self.lines.values() if line.stance == stance)

    def support(self) -> dict[str, object]:
        """How well the edge is supported, in numbers a reader can check against its evidence."""
        return {
            "evidence": self.size, "documents": len(self.documents), "claimants": len(self.claimants),
            "asserts": self.count(Stance.ASSERTS), "denies": self.count(Stance.DENIES),
            "probability": self.grade.probability if self.grade else None,
            "grade": self.grade.word if self.grade else None,
        }


@dataclass(slots=True)
class Network:
    """A set of edges plus display names: what a network query returns and what graph exports write."""

    edges: dict[tuple[str, str, str, str], Edge] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    root: str | None = None

    def add(self, evidence: Evidence) -> Edge:
        """File one piece of evidence under its edge, once per assertion.

        Evidence is keyed by the (frozen, hashable) assertion itself rather than its content-hash id: a walk
        meets each edge from both ends, and hashing fields is ~20x cheaper than the SHA-256 id.
        """
        a = evidence.assertion
        edge = self._edge(a.subject, a.object, a.predicate, edge_kind(evidence))
        edge.lines[a] = Line(a.claimant, a.stance, a.doc_id, evidence)
        return edge

    def add_row(self, row: EdgeRow) -> Edge:
        """File one light row (a graph walk's read: no quote, outlet or date) under its edge."""
        ident, subject, predicate, obj, claimant, stance, hedge, doc_id = row
        kind = row_kind(claimant, stance, hedge)
        edge = self._edge(subject, obj, predicate, kind)
        edge.lines[ident] = Line(claimant, stance, doc_id)
        return edge

    def _edge(self, source: str, target: str, predicate: str, kind: str) -> Edge:
        key = (source, target, predicate, kind)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = Edge(source, target, predicate, kind)
        return edge

    @property
    def nodes(self) -> set[str]:
        return {n for e in self.edges.values() for n in (e.source, e.target)}

    def between(self, a: str, b: str) -> list[Edge]:
        """Edges joining ``a`` and ``b`` in either direction."""
        return [e for e in self.edges.values() if {e.source, e.target} == {a, b}]

    def apply_grades(self, grade: Grader | None, min_probability: float | None = None) -> None:
        """Attach grades; with ``min_probability``, drop edges whose grade is missing or below it."""
        if grade is None:
            return
        for key, edge in list(self.edges.items()):
            edge.grade = grade(edge.proposition)
            if min_probability is not None and (edge.grade is None or edge.grade.probability < min_probability):
                del self.edges[key]

    def undirected(self) -> nx.Graph:
        """A simple weighted graph (weight = evidence count) for paths, centrality and communities."""
        graph = nx.Graph()
        for edge in self.edges.values():
            if graph.has_edge(edge.source, edge.target):
                graph[edge.source][edge.target]["weight"] += edge.size
            else:
                graph.add_edge(edge.source, edge.target, weight=edge.size)
        return graph

    def to_networkx(self) -> nx.MultiDiGraph:
        """A multigraph with scalar attributes only, so the GraphML and GEXF writers accept it."""
        graph = nx.MultiDiGraph()
        for node in sorted(self.nodes):
            graph.add_node(node, label=self.names.get(node, node), kind=node.split(":", 1)[0])
        for edge in self.edges.values():
            support = edge.support()
            graph.add_edge(
                edge.source, edge.target, key=f"{edge.kind}:{edge.predicate}", predicate=edge.predicate,
                kind=edge.kind, claimants=json.dumps(edge.claimants), documents=json.dumps(edge.documents),
                evidence=edge.size, asserts=support["asserts"], denies=support["denies"],
                probability=edge.grade.probability if edge.grade else -1.0,
                grade=edge.grade.word if edge.grade else "",
            )
        return graph


def collect(evidence: Iterable[Evidence], network: Network | None = None) -> Network:
    """Fold usable evidence into a network (a new one unless ``network`` is given)."""
    net = network if network is not None else Network()
    for item in evidence:
        if usable(item):
            net.add(item)
    return net
