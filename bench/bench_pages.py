"""p95 page render time on the seeds store, next to the raw SQL time of the query each page stands on.

    python bench/bench_pages.py [--db demo.db] [--runs 20]

Without --db it builds the seeds store (`veracity demo`) in a temporary folder first. The 100k-document synthetic
store the issue names is not built here yet (see the issue 14 report).
"""

from __future__ import annotations

import argparse
import statistics
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


def timed(call: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an existing SQLite store (default: build the seeds store)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "seeds.db"
    if not args.db:
        assert CliRunner().invoke(cli, ["--db", str(db), "demo"]).exit_code == 0
    url = f"sqlite:///{db}"
    client = TestClient(create_app(url))
    engine = open_store(url).engine
    print(f"store {db}; {args.runs} runs per page")
    print(f"{'page':<14}{'p95 page ms':>12}{'median ms':>11}{'raw SQL p95 ms':>16}{'ratio':>8}")
    for name, path, sql in PAGES:
        page = timed(lambda path=path: client.get(path).raise_for_status(), args.runs)
        with engine.connect() as conn:
            params = {"e": ISKP} if ":e" in sql else {}
            raw = timed(lambda sql=sql, conn=conn, params=params: conn.execute(text(sql), params).fetchall(),
                        args.runs)
        print(f"{name:<14}{p95(page):>12.1f}{statistics.median(page):>11.1f}{p95(raw):>16.2f}"
              f"{p95(page) / max(p95(raw), 1e-6):>8.0f}")


if __name__ == "__main__":
    main()
