"""20 concurrent API clients against the team server on PostgreSQL, next to the same queries on the embedded
SQLite store, in one run: p50 / p95 latency, throughput and errors, for each PostgreSQL pool setting.

    python bench/bench_team.py                          # 60 s per server, 20 clients, pools 5:10 and 20:10
    python bench/bench_team.py --seconds 3 --size 300   # the smoke run of tests/test_bench.py

Both servers hold the same synthetic store (bench/synthetic_store.py, no article text). The embedded one is a
SQLite file with no users (no sign-in, every row visible); the team server is a copy on the machine's PostgreSQL
with organisations A, B (sharing group ab) and C, a third of the documents CLEAR, a third AMBER shared with ab and
a third RED of A, and one viewer of B per client, each with its own bearer token: so every request there also pays
for the token check, the audit row and the visibility conditions. Each server is a real ``veracity serve``
process on a loopback port; the clients are threads here, each with its own connection, cycling through the same
list of reads (lists, search, a document, grades, TAXII collections and a page of objects).
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_store import build
from veracity.store import Store, open_store
from veracity.store import accounts as acc
from veracity.store import schema as S

PG_ADMIN = os.environ.get("VERACITY_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_to(source: Store, target: Store) -> None:
    """Every knowledge table, row for row (the full-store path of ``veracity export store``)."""
    view = source.view()
    for table in S.TABLES:
        rows = list(view.rows(table.name))
        with target.writer() as w:
            for chunk in range(0, len(rows), 5000):
                w.insert_rows(table.name, rows[chunk:chunk + 5000])


def make_team(store: Store, clients: int) -> list[str]:
    """Organisations, markings (CLEAR / AMBER to ab / RED of A by thirds) and one viewer of B per client."""
    for org in ("A", "B", "C"):
        acc.add_org(store, org)
    acc.add_group(store, "ab", ["A", "B"])
    ids = [r["id"] for r in store.view().rows("documents")]
    tlps = ("CLEAR", "AMBER", "RED")
    now = "2026-01-01T00:00:00+00:00"
    with store.writer() as w:
        w.insert_rows("markings", [{"kind": "document", "ident": d, "owner_org": "A", "tlp": tlps[i % 3],
                                    "updated_at": now} for i, d in enumerate(ids)])
        w.insert_rows("marking_groups", [{"kind": "document", "ident": d, "group_name": "ab"}
                                         for i, d in enumerate(ids) if i % 3 == 1])
    return [acc.add_user(store, f"viewer{i}", "B", "viewer") for i in range(clients)]


def queries(base: Store, collection: str) -> list[str]:
    """The reads each client cycles through (a document that every reader may see)."""
    doc = next(r["id"] for i, r in enumerate(base.view().rows("documents")) if i % 3 == 0)
    return ["/api/documents?limit=20", "/api/claims?limit=20", "/api/actors?limit=20", "/api/search?q=Kabul",
            f"/api/documents/{doc}", "/api/propositions?limit=20", "/taxii2/api/collections/",
            f"/taxii2/api/collections/{collection}/objects/?limit=50"]


class Server:
    """``veracity serve`` in a process of its own, so the clients' threads do not share its interpreter."""

    def __init__(self, db: str, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-c", "from veracity.cli import main; main()", "--db", db,
                                      "serve", "--port",
                                      str(self.port)], env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)

    def __enter__(self) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server stopped: {self.proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                httpx.get(f"{self.url}/taxii2/", timeout=2)
                return self.url
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the server did not start in 120 s")

    def __exit__(self, *_: Any) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def load(url: str, paths: list[str], tokens: list[str | None], seconds: float) -> dict[str, float]:
    """Every client cycles through ``paths`` for ``seconds`` (after one warm-up round); latency per request."""
    times: list[list[float]] = [[] for _ in tokens]
    errors = [0] * len(tokens)
    start = threading.Barrier(len(tokens) + 1)
    stop = threading.Event()

    def client(i: int) -> None:
        headers = {"Authorization": f"Bearer {tokens[i]}"} if tokens[i] else {}
        with httpx.Client(base_url=url, headers=headers, timeout=120) as c:
            for path in paths:  # warm-up: token check, grade cache, connection (a failure counts, not kills)
                try:
                    c.get(path)
                except httpx.HTTPError:
                    errors[i] += 1
            start.wait()
            for path in itertools.cycle(paths[i % len(paths):] + paths[:i % len(paths)]):
                if stop.is_set():
                    break
                t0 = time.perf_counter()
                try:
                    ok = c.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                times[i].append(time.perf_counter() - t0)
                errors[i] += not ok

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(tokens))]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    flat = sorted(x for one in times for x in one)
    cuts = statistics.quantiles(flat, n=100) if len(flat) > 1 else flat * 99
    return {"requests": len(flat), "p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "rps": len(flat) / elapsed,
            "errors": sum(errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="measured time per server")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--size", type=int, default=5000, help="assertions in the synthetic store")
    parser.add_argument("--pools", default="5:10,20:10", help="PostgreSQL pool_size:max_overflow settings to run")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-team-"))
    embedded = build(folder / "embedded.db", args.size)
    name = f"veracity_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    pg_url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        team = open_store(pg_url)
        copy_to(embedded, team)
        tokens: list[str | None] = list(make_team(team, args.clients))
        print(f"store: {embedded.view().counts()['assertions']} assertions, "
              f"{embedded.view().counts()['documents']} documents; {args.clients} clients, {args.seconds:g} s each")
        print(f"load average at the start (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores")
        print(f"{'server':34} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
        rows: dict[str, dict[str, float]] = {}
        with Server(str(folder / "embedded.db"), {}) as url:
            rows["embedded SQLite, no users"] = load(url, queries(embedded, "store"), [None] * args.clients,
                                                     args.seconds)
            _print("embedded SQLite, no users", rows["embedded SQLite, no users"])
        for pool in args.pools.split(","):
            size, overflow = pool.split(":")
            label = f"team PostgreSQL, pool {size}+{overflow}"
            env = {"VERACITY_DB_POOL_SIZE": size, "VERACITY_DB_MAX_OVERFLOW": overflow}
            with Server(pg_url, env) as url:
                rows[label] = load(url, queries(team, "community"), tokens, args.seconds)
            _print(label, rows[label])
        base = rows["embedded SQLite, no users"]
        for label, row in rows.items():
            if label.startswith("team"):
                print(f"{label}: throughput x{row['rps'] / base['rps']:.2f} of embedded, "
                      f"p50 ratio {row['p50'] / base['p50']:.2f}, p95 ratio {row['p95'] / base['p95']:.2f}")
        print(f"load average at the end (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores")
        team.close()
    finally:
        embedded.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _print(label: str, row: dict[str, float]) -> None:
    print(f"{label:34} {row['requests']:>9.0f} {row['rps']:>8.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
          f"{row['errors']:>7.0f}", flush=True)


if __name__ == "__main__":
    main()
