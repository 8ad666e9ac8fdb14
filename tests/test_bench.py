"""Small real runs of every bench script: they must keep working, and print their figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize(("script", "args", "expect"), [
    ("bench_extract.py", ["--docs", "6"], "ratio"),
    ("bench_extract.py", ["--docs", "4", "--corpus"], "learned statements cost"),
    ("bench_assess.py", ["--assertions", "400", "--docs", "40"], "assertions/s"),
    ("bench_network.py", ["--scale", "0.002", "--queries", "4"], "ego depth 2"),
    ("bench_export.py", ["--small", "200", "--factor", "2", "--entities", "50"], "stix"),
    ("ablate_rules.py", ["--split", "seeds", "--only", "claims.finder.responsibility"], "claims.finder.responsibility"),
    ("bench_memory.py", ["--docs", "12", "--checkpoints", "6,12"], "main: peak"),
])
def test_bench_scripts_run_and_print_figures(script: str, args: list[str], expect: str) -> None:
    done = subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert expect in done.stdout


def test_bench_engine_runs_and_prints_figures() -> None:
    """bench_engine.py at smoke size: the single process, 1 and 2 Dask workers, memory and the write rate."""
    done = subprocess.run([sys.executable, str(BENCH / "bench_engine.py"), "--docs", "6", "--rss-docs", "3,6"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for figure in ("single process", "dask, 2 workers", "overhead at 1 worker", "worker peak RSS at", "rows/s"):
        assert figure in done.stdout


def test_synthetic_store_and_page_bench_run_small(tmp_path: Path) -> None:
    """bench/synthetic_store.py builds a store whose quotes sit at their offsets; bench_pages times it."""
    db = tmp_path / "synthetic.db"
    done = subprocess.run([sys.executable, str(BENCH / "synthetic_store.py"), str(db), "--size", "400"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "'assertions': 400" in done.stdout
    from veracity.store import open_store

    store = open_store(f"sqlite:///{db}")
    view = store.view()
    texts = {d.id: d.text for d in view.documents()}
    found = list(view.evidence())
    assert len(found) == 400 and {e.assertion.stance.value for e in found} == {"asserts", "denies"}
    assert all(texts[e.assertion.doc_id][e.assertion.span[0]:e.assertion.span[1]] == e.assertion.quote
               for e in found)
    store.close()
    done = subprocess.run([sys.executable, str(BENCH / "bench_pages.py"), "--db", str(db), "--runs", "2",
                           "--pages", "overview,actor,propositions"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "p95 ms" in done.stdout and "actor" in done.stdout and "claims" not in done.stdout


@pytest.mark.postgres
def test_bench_team_runs_and_prints_figures() -> None:
    """bench_team.py at smoke size: 20 clients for 3 s against the embedded store and the team server."""
    done = subprocess.run([sys.executable, str(BENCH / "bench_team.py"), "--seconds", "3", "--size", "300",
                           "--pools", "20:10"], capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for figure in ("embedded SQLite, no users", "team PostgreSQL, pool 20+10", "p95 ms", "throughput x"):
        assert figure in done.stdout
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith(("embedded", "team PostgreSQL, pool"))
            and "throughput" not in line]
    assert len(rows) == 2 and all(row[-1] == "0" for row in rows), done.stdout  # zero errors
