"""Flat, graph and full-store exports: columns, round trips, and nothing lost."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from veracity.analyse.export import dump_store, load_store, network_of, write_graph
from veracity.analyse.interchange import export_to, import_from
from veracity.model.errors import InvalidInput
from veracity.model.records import Judgement, Mention, Outlet, Review, Sameness, Verdict
from veracity.store import Store, open_store
from veracity.store.schema import TABLES


def every_row(store: Store) -> dict[str, list[dict]]:
    view = store.view()
    return {t.name: list(view.rows(t.name)) for t in TABLES}


@pytest.fixture()
def full_store(gold_store: Store, tmp_path: Path) -> Store:
    """The gold store plus a row in every table the gold leaves empty (outlets, mentions, reviews, ...)."""
    dump = tmp_path / "gold.jsonl"
    dump_store(gold_store.view(), dump)
    store = open_store(f"sqlite:///{tmp_path / 'full.db'}")
    load_store(store, dump)
    first = next(iter(store.view().evidence()))
    doc = first.assertion.doc_id
    with store.writer() as w:
        w.add_outlet(Outlet("outlet-000", "example.org", "B"))
        w.add_mention(Mention(doc, first.assertion.subject, 0, 5, 0, 40, "Tali\u00e9ban"))
        w.add_review(Review(first.id, Verdict.CORRECT, "wrong object", correction={"object": "actor:x"}))
        w.add_judgement(Judgement("actor:isi", "actor:inter-services-intelligence", Sameness.SAME, 0.9, "alias"))
        w.add_extraction(doc, "veracity.extract@1", ["a warning"])
        w.supersede(doc, [e.id for e in store.view().evidence(doc_id=doc) if e.id != first.id])
    return store


def test_export_store_round_trip_compares_every_row(full_store: Store, tmp_path: Path) -> None:
    before = every_row(full_store)
    assert all(before[t.name] for t in TABLES), "every table must hold a row for this test to mean anything"
    dump = tmp_path / "dump.jsonl"
    written = export_to(full_store.view(), "store", dump)
    copy = open_store(f"sqlite:///{tmp_path / 'copy.db'}")
    assert import_from(copy, "store", dump) == written == sum(len(rows) for rows in before.values())
    assert every_row(copy) == before
    assert copy.view().search("Crocus")
    assert import_from(copy, "store", dump) == 0


def test_export_store_rejects_bad_lines(empty_store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"table": "documents", "row": {}}\n{"tables": 1}\n', encoding="utf-8")
    with pytest.raises(InvalidInput):
        load_store(empty_store, bad)


def test_export_csv_columns_and_rows(gold_store: Store, tmp_path: Path) -> None:
    export_to(gold_store.view(), "csv", tmp_path / "csv")
    with open(tmp_path / "csv" / "assertions.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == gold_store.view().counts()["assertions"]
    mujahid = [r for r in rows if r["claimant_name"] == "Zabihullah Mujahid" and r["predicate"] == "supports"]
    assert mujahid and mujahid[0]["kind"] == "claim" and mujahid[0]["subject_name"] == "Pakistan"
    assert {"probability", "grade", "quote", "outlet", "published"} <= set(rows[0])
    with open(tmp_path / "csv" / "events.csv", encoding="utf-8") as handle:
        events = {r["name"]: r for r in csv.DictReader(handle)}
    assert events["Sinwam ambush"]["killed"] == "5" and events["Sinwam ambush"]["date"] == "2021-10-02"


def test_export_jsonl_about(gold_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "iskp.jsonl"
    export_to(gold_store.view(), "jsonl", out, about="ISKP")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = {r["record"] for r in records}
    assert kinds == {"actor", "event", "assertion"}
    iskp = "actor:islamic-state-khorasan-province"
    assert all(iskp in (r["subject"], r["object"]) for r in records if r["record"] == "assertion")


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graph_formats_read_back(gold_store: Store, tmp_path: Path, fmt: str, reader) -> None:  # type: ignore[no-untyped-def]
    net = network_of(gold_store.view(), "Haqqani network")
    out = tmp_path / f"net.{fmt}"
    assert write_graph(net, out, fmt) == len(net.edges)
    graph = reader(out)
    assert graph.number_of_edges() == len(net.edges)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert "Islamic State Khorasan Province" in labels
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert kinds == {"stated", "claim"}


@pytest.mark.parametrize(("fmt", "about"), [("pdf", None), ("store", "ISKP")])
def test_export_refuses(gold_store: Store, tmp_path: Path, fmt: str, about: str | None) -> None:
    with pytest.raises(InvalidInput):
        export_to(gold_store.view(), fmt, tmp_path / "x", about)
