"""Crash and concurrency safety of a run: ingest killed at random points (``bench/crash_ingest.py``, 50 runs there,
a few here), and concurrent ingests into one store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from veracity.model import Document
from veracity.store import open_store

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "crash_ingest.py"


def harness():
    spec = importlib.util.spec_from_file_location("crash_ingest", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_script(*args: str) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@pytest.mark.parametrize(("backend", "runs"),
                         [("sqlite", "3"), pytest.param("postgres", "2", marks=pytest.mark.postgres)])
def test_crash_killed_ingest_loses_and_doubles_nothing(backend: str, runs: str, request) -> None:
    if backend == "postgres":
        request.getfixturevalue("pg_store")  # skips (or fails in CI) when the server is not there
    out = run_script("--runs", runs, "--docs", "600", "--backend", backend)
    assert "problems: 0" in out
    kills = out.split(" kills landed mid-run")[0].rsplit(" ", 1)[-1]
    assert int(kills) >= 1, out


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_crash_concurrent_ingests_store_every_document_once(backend: str, request) -> None:
    if backend == "postgres":
        request.getfixturevalue("pg_store")
    out = run_script("--concurrent", "2", "--docs", "300", "--backend", backend)
    assert "problems: 0" in out and "2 concurrent ingests of 301 documents" in out


def test_crash_check_store_finds_what_is_wrong(tmp_path: Path) -> None:
    crash = harness()
    expected = crash.make_corpus(tmp_path / "corpus", 10)
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    store = open_store(url)
    assert crash.check_store(url, expected, complete=False) == []
    assert crash.check_store(url, expected, complete=True) == [f"{len(expected)} documents lost after a complete run"]
    with store.writer() as w:
        w.add_document(Document(text="Not from the corpus."))
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents_fts"))
    assert crash.check_store(url, expected, complete=False) == [
        "full-text rows (0) do not match documents (1)", "1 documents that are not in the corpus"]
    store.close()


def test_crash_kills_during_extraction_on_the_dask_engine_leave_whole_documents() -> None:
    out = run_script("--runs", "1", "--docs", "200", "--extract", "--engine", "dask", "--seed", "3")
    assert "problems: 0" in out
    kills = out.split(" kills landed mid-run")[0].rsplit(" ", 1)[-1]
    assert int(kills) >= 1, out
