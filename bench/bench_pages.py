"""Page render times (first request, then p50 and p95 of the warm ones) next to the raw SQL time of the query each
page stands on, in the same run.

    python bench/bench_pages.py [--db demo.db] [--runs 20]
    python bench/bench_pages.py --synthetic 100000 [--runs 10]    # bench/synthetic_store.py, built first

Without --db or --synthetic it builds the seeds store (`veracity demo`) in a temporary folder first. The first
request of each page is reported apart ("first ms"): it includes building the grades of the whole store, which
the grade cache (serve/web/gradecache.py) then keeps until the next write.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from veracity.cli import app as cli
from veracity.serve.web import create_app
from veracity.store import open_store

ISKP = "actor:islamic-state-khorasan-province"
PAGES = [("overview", "/", "SELECT count(*) FROM assertions"),
         ("actor", f"/actors/{ISKP}", "SELECT * FROM assertions WHERE subject = :e OR object = :e"),
         ("claims", "/claims", "SELECT * FROM assertions JOIN documents ON documents.id = assertions.doc_id"),
         ("propositions", "/propositions", "SELECT * FROM assertions"),
         ("events", "/events", "SELECT * FROM entities WHERE kind = 'event'"),
         ("network", "/network?name=ISKP", "SELECT * FROM assertions WHERE subject = :e OR object = :e"),
         ("search", "/search?q=ISKP", "SELECT doc_id FROM documents_fts WHERE documents_fts MATCH 'ISKP'")]


def p95(samples: list[float]) -> float:
    return sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]


CPU: list[float] = []  # CPU milliseconds of the last timed() call's runs (a loaded machine inflates wall time)


def timed(call: object, runs: int) -> list[float]:
    """Wall milliseconds of each run; their CPU milliseconds are left in CPU."""
    out = []
    CPU.clear()
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
        CPU.append((time.process_time() - start_cpu) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing SQLite store (default: build the seeds store)")
    parser.add_argument("--synthetic", type=int, metavar="ASSERTIONS",
                        help="build a synthetic store of this many assertions (bench/synthetic_store.py) and use it")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pages", help="comma-separated page names to time (default: all)")
    args = parser.parse_args()
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    if args.synthetic:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from synthetic_store import build

        start = time.perf_counter()
        build(db, args.synthetic).close()
        print(f"built a synthetic store of {args.synthetic} assertions in {time.perf_counter() - start:.1f} s")
    elif not args.db:
        assert CliRunner().invoke(cli, ["--db", str(db), "demo"]).exit_code == 0
    url = f"sqlite:///{db}"
    client = TestClient(create_app(url))
    store = open_store(url)
    engine = store.engine
    print(f"store {db} {store.view().counts()}; {args.runs} warm runs per page")
    print(f"{'page':<14}{'first ms':>10}{'p50 ms':>9}{'p95 ms':>9}{'p95 cpu ms':>12}{'raw SQL p95 ms':>16}"
          f"{'ratio':>8}")
    wanted = set(args.pages.split(",")) if args.pages else None
    for name, path, sql in PAGES:
        if wanted and name not in wanted:
            continue
        first = timed(lambda path=path: client.get(path).raise_for_status(), 1)[0]
        page = timed(lambda path=path: client.get(path).raise_for_status(), args.runs)
        cpu = list(CPU)
        with engine.connect() as conn:
            params = {"e": ISKP} if ":e" in sql else {}
            raw = timed(lambda sql=sql, conn=conn, params=params: conn.execute(text(sql), params).fetchall(),
                        args.runs)
        print(f"{name:<14}{first:>10.1f}{statistics.median(page):>9.1f}{p95(page):>9.1f}{p95(cpu):>12.1f}"
              f"{p95(raw):>16.2f}"
              f"{p95(page) / max(p95(raw), 1e-6):>8.0f}", flush=True)


if __name__ == "__main__":
    main()
