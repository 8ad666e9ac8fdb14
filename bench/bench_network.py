"""Network query speed on a synthetic store: p50/p95 of ego networks (depth 2) and path queries.

    python bench/bench_network.py                 # 1M assertions over 50k entities (minutes to build)
    python bench/bench_network.py --scale 0.1     # 100k over 5k: the same mean degree (40), quick

Assertions join uniformly random entity pairs, so every entity has about 40 edges at any scale and an ego network
at depth 2 holds about 1,600 edges. In the same run it measures two baselines: the plain SQL neighbour query
(two indexed SELECTs that return the depth-2 edge ids, no objects built) and, to choose the graph library, a
depth-2 walk over an in-memory networkx MultiDiGraph against one over plain dict adjacency (with their load times).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from sqlalchemy import or_, select

from veracity.analyse.network import ego, paths
from veracity.store import Store, open_store
from veracity.store import schema as S

PREDICATES = ("supports", "allied_with", "controls", "hostile_to", "member_of")
NOW = "2026-01-01T00:00:00+00:00"


def build(path: Path, assertions: int, entities: int, seed: int = 7) -> Store:
    """A synthetic store: entities, one document per 100 assertions, assertions between random pairs."""
    rng = random.Random(seed)
    store = open_store(f"sqlite:///{path}")
    ids = [f"actor:e{i}" for i in range(entities)]
    docs = max(1, assertions // 100)
    with store.writer() as w:
        w.insert_rows("entities", ({"id": i, "kind": "actor", "type": "armed_group", "name": f"Entity {i[7:]}",
                                    "qid": None, "attributes": {}, "resolved": True} for i in ids))
        w.insert_rows("documents", ({"id": f"{d:064d}", "name": f"doc{d}", "url": None, "title": f"Doc {d}",
                                     "outlet": f"outlet{d % 50}", "published": f"{2000 + d % 25}-01-01",
                                     "precision": "day", "published_end": f"{2000 + d % 25}-01-01",
                                     "ingested_at": NOW, "language": "en", "source": None, "text": f"doc {d}"}
                                    for d in range(docs)))
        for start in range(0, assertions, 20000):
            w.insert_rows("assertions", (_assertion(rng, ids, n, docs) for n in range(start,
                                                                                     min(start + 20000, assertions))))
    return store


def _assertion(rng: random.Random, ids: list[str], n: int, docs: int) -> dict[str, Any]:
    subject, obj = rng.sample(ids, 2)
    doc = n % docs
    claimant = f"author:{doc:064d}" if rng.random() < 0.5 else rng.choice(ids)
    return {"id": f"a{n:023d}", "subject": subject, "predicate": rng.choice(PREDICATES), "object": obj,
            "object_literal": False, "claimant": claimant, "stance": "asserts", "hedge": None, "attribution": None,
            "valid_from": None, "valid_to": None, "doc_id": f"{doc:064d}", "span_start": 0, "span_end": 10,
            "quote": f"sentence {n}", "extractor": "bench@1", "score": 1.0, "created_at": NOW, "superseded_at": None}


def timed(call: Callable[[Any], Any], items: list[Any]) -> tuple[list[float], list[float], Any]:
    """Wall and CPU milliseconds of ``call`` over each item, and the last result.

    CPU time is reported beside wall time because a shared machine's load inflates wall time; on an idle machine
    the two agree for these single-threaded, in-process queries.
    """
    wall, cpu, result = [], [], None
    for item in items:
        start, start_cpu = time.perf_counter(), time.process_time()
        result = call(item)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu, result


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if q < 1 else ordered[-1]


def sql_neighbours(store: Store, root: str) -> set[str]:
    """Baseline: the depth-2 edge ids with two indexed SELECTs, no objects built."""
    a = S.assertions
    with store.engine.connect() as conn:
        first = conn.execute(select(a.c.subject, a.c.object).where(or_(a.c.subject == root, a.c.object == root)))
        ring = {x for row in first for x in row} | {root}
        rows = conn.execute(select(a.c.id).where(or_(a.c.subject.in_(ring), a.c.object.in_(ring))))
        return {r[0] for r in rows}


def adjacency(store: Store) -> tuple[nx.MultiDiGraph, dict[str, list[tuple[str, str]]], float, float]:
    """The whole graph in memory twice, networkx and plain dicts, with each load time in seconds."""
    view = store.view()
    start = time.perf_counter()
    rows = [(r["subject"], r["object"], r["id"]) for r in view.rows("assertions")]
    graph = nx.MultiDiGraph()
    graph.add_edges_from((s, o, i) for s, o, i in rows)
    nx_load = time.perf_counter() - start
    start = time.perf_counter()
    adj: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, o, i in (r for r in ((r["subject"], r["object"], r["id"]) for r in view.rows("assertions"))):
        adj[s].append((o, i))
        adj[o].append((s, i))
    return graph, adj, nx_load, time.perf_counter() - start


def dict_ego(adj: dict[str, list[tuple[str, str]]], root: str) -> set[str]:
    edges: set[str] = set()
    for node in [root, *(o for o, _ in adj[root])]:
        edges.update(i for _, i in adj[node])
    return edges


def nx_ego(graph: nx.MultiDiGraph, root: str) -> int:
    """Depth-2 edges with networkx: BFS on an undirected *view* (``ego_graph(undirected=True)`` would copy the
    whole graph per call), then the edges incident to the ball's inner ring."""
    ring = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), root, cutoff=1)
    out, into = graph.out_edges, graph.in_edges
    return len({k for node in ring for _, _, k in [*out(node, keys=True), *into(node, keys=True)]})


def light_ego(store: Store, root: str, depth: int = 2) -> int:
    """Prototype of a light store call: one query per level returning plain tuples, folded into edge counts.

    Measures the proposed ``View.edges(about=[ids], as_of)`` (no Evidence objects; quotes fetched only for the
    edges a reader opens).
    """
    a, d = S.assertions, S.documents
    edges: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    seen, frontier = {root}, [root]
    with store.engine.connect() as conn:
        for _ in range(depth):
            stmt = select(a.c.id, a.c.subject, a.c.predicate, a.c.object, a.c.claimant, a.c.stance, a.c.doc_id,
                          d.c.published).join(d, d.c.id == a.c.doc_id).where(
                or_(a.c.subject.in_(frontier), a.c.object.in_(frontier)))
            nxt = []
            for ident, subject, predicate, obj, claimant, stance, doc_id, _published in conn.execute(stmt):
                bucket = edges[(subject, predicate, obj)]
                bucket.append((ident, claimant, stance, doc_id))
                if len(bucket) == 1:
                    nxt.extend(n for n in (subject, obj) if n not in seen)
                    seen.update((subject, obj))
            frontier = nxt
    return len(edges)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1M assertions / 50k entities")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--db", type=Path, help="reuse or create the store here (default: a temp file)")
    args = parser.parse_args()
    n_assert, n_ent = int(1_000_000 * args.scale), int(50_000 * args.scale)
    path = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    start = time.perf_counter()
    store = open_store(f"sqlite:///{path}") if path.exists() else build(path, n_assert, n_ent)
    print(f"store: {n_assert:,} assertions over {n_ent:,} entities, ready in {time.perf_counter() - start:.1f} s")
    rng = random.Random(1)
    roots = [f"actor:e{rng.randrange(n_ent)}" for _ in range(args.queries)]
    pairs = [(f"actor:e{rng.randrange(n_ent)}", f"actor:e{rng.randrange(n_ent)}")
             for _ in range(max(1, args.queries // 4))]
    view = store.view()
    report("ego depth 2 (veracity.analyse.ego)", *timed(lambda r: len(ego(view, r, depth=2).edges), roots))
    report("baseline: SQL depth-2 edge ids", *timed(lambda r: len(sql_neighbours(store, r)), roots))
    report("prototype: one store query per level", *timed(lambda r: batched_ego(store, r), roots))
    report("prototype: light rows per level", *timed(lambda r: light_ego(store, r), roots))
    report("path max_len 3 (veracity.analyse.paths)", *timed(lambda p: len(paths(view, *p, max_len=3)), pairs))
    graph, adj, nx_load, dict_load = adjacency(store)
    print(f"in-memory load: networkx {nx_load:.1f} s, dict {dict_load:.1f} s")
    report("in-memory networkx depth-2 walk", *timed(lambda r: nx_ego(graph, r), roots))
    report("in-memory dict depth-2 walk", *timed(lambda r: len(dict_ego(adj, r)), roots))


def report(label: str, wall: list[float], cpu: list[float], last: Any) -> None:
    print(f"{label:46} wall p50 {statistics.median(wall):7.1f} p95 {pct(wall, 0.95):7.1f} ms | "
          f"cpu p50 {statistics.median(cpu):7.1f} p95 {pct(cpu, 0.95):7.1f} ms  (size {last})")


def batched_ego(store: Store, root: str, depth: int = 2) -> int:
    """Prototype of a batched store call (one query per BFS level, Evidence built as View does).

    Measures what ``View.evidence(about=[ids])`` would give; analysis code itself only uses the View.
    """
    from veracity.analyse.graph import Network, usable
    from veracity.model.records import Evidence
    from veracity.store.rows import row_assertion

    a, d = S.assertions, S.documents
    net, seen, frontier = Network(), {root}, [root]
    with store.engine.connect() as conn:
        for _ in range(depth):
            stmt = select(a, d.c.published, d.c.outlet, d.c.url, d.c.title, d.c.name.label("doc_name")).join(
                d, d.c.id == a.c.doc_id).where(or_(a.c.subject.in_(frontier), a.c.object.in_(frontier)))
            nxt = []
            for row in conn.execute(stmt):
                ev = Evidence(row_assertion(row), row.published, row.outlet, row.url, row.title, row.doc_name)
                if usable(ev):
                    edge = net.add(ev)
                    nxt.extend(n for n in (edge.source, edge.target) if n not in seen)
                    seen.update((edge.source, edge.target))
            frontier = nxt
    return len(net.edges)


if __name__ == "__main__":
    main()
