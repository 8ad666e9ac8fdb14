"""Memory of `veracity ingest` while a stream of distinct documents flows through it, checkpoint by checkpoint.

    python bench/bench_memory.py --docs 10000                                # the default pipeline, one process
    python bench/bench_memory.py --docs 10000 --engine dask --workers 2      # each Dask worker, and the driver
    python bench/bench_memory.py --docs 2000 --checkpoints 500,1000,2000     # smaller

It writes ``--docs`` distinct documents (bench/stream_corpus.py: ../shared reports, spliced, with invented names so
every document brings new words) to one JSON Lines file in a temporary folder, runs the real command line on it
into a fresh SQLite store, and every two seconds reads, for the command's process and each worker process, the
resident memory now (VmRSS) and the peak so far (VmHWM), with how many documents the store says are extracted.
At each checkpoint it prints those figures; at the end the peak of every process and, per process, the ratio of
its resident memory at the last checkpoint to that at the first (flat memory: close to 1.00, whatever the
number of documents). The issue-12 target is a peak under 1.5 GB for 10,000 documents through the default
pipeline.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from stream_corpus import write_stream

VERACITY = Path(sys.executable).with_name("veracity")


def status_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a live process in MB; zeros once it is gone."""
    found = {"VmRSS": 0.0, "VmHWM": 0.0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                key = line.split(":", 1)[0]
                if key in found:
                    found[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return found["VmRSS"], found["VmHWM"]


def workers(proc: psutil.Process) -> list[int]:
    """The Dask worker processes under the command (spawned by multiprocessing), in start order."""
    try:
        children = proc.children(recursive=True)
    except psutil.Error:
        return []
    found = []
    for child in children:
        try:
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child.pid)
        except psutil.Error:
            continue
    return sorted(found)


def extracted(db: Path) -> int:
    """Documents the store has marked extracted so far (a read-only look at the file the run is writing)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT count(*) FROM extractions WHERE extractor LIKE 'veracity.extract@%'").fetchone()
            return int(row[0])
    except sqlite3.Error:
        return 0


def watch(command: list[str], db: Path, checkpoints: list[int], log: Path) -> dict[str, list[tuple[float, float]]]:
    """Run ``command``, printing memory at each checkpoint; returns (RSS, peak) per process at each checkpoint."""
    at: dict[str, list[tuple[float, float]]] = {}
    peaks: dict[str, float] = {}
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    proc = psutil.Process(child.pid)
    pending = list(checkpoints)
    while child.poll() is None:
        time.sleep(2)
        pids = {"main": child.pid} | {f"worker {i + 1}": pid for i, pid in enumerate(workers(proc))}
        figures = {name: status_mb(pid) for name, pid in pids.items()}
        if not figures["main"][0]:  # exited between the poll and the read: no figure to take
            continue
        for name, (_, hwm) in figures.items():
            peaks[name] = max(peaks.get(name, 0.0), hwm)
        done = extracted(db)
        while pending and done >= pending[0]:
            at.setdefault("docs", []).append((pending[0], time.perf_counter() - start))
            for name, pair in figures.items():
                at.setdefault(name, []).append(pair)
            shown = "  ".join(f"{name} {rss:5.0f} MB (peak {hwm:5.0f})" for name, (rss, hwm) in figures.items())
            print(f"{pending.pop(0):6d} documents extracted  {time.perf_counter() - start:6.0f} s  {shown}",
                  flush=True)
    if child.returncode:
        print(f"the command failed ({child.returncode}); see {log}:\n{log.read_text()[-2000:]}")
        sys.exit(1)
    print(f"finished in {time.perf_counter() - start:.0f} s, {extracted(db)} documents extracted")
    for name, peak in peaks.items():
        series = at.get(name, [])
        ratio = f"; resident at the last checkpoint / the first: x{series[-1][0] / series[0][0]:.2f}" \
            if len(series) > 1 and series[0][0] else ""
        print(f"{name}: peak {peak:.0f} MB{ratio}")
    return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--checkpoints", default="1000,2000,5000,10000")
    parser.add_argument("--engine", default="local", choices=("local", "dask"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    checkpoints = [int(n) for n in args.checkpoints.split(",") if int(n) <= args.docs]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        stream, db = tmp / "stream.jsonl", tmp / "kb.db"
        words = write_stream(stream, args.docs)
        print(f"{args.docs} documents, {words} words, {stream.stat().st_size / 1e6:.0f} MB of JSON Lines; "
              f"engine {args.engine}" + (f", {args.workers} workers" if args.engine == "dask" else ""), flush=True)
        command = [str(VERACITY), "--db", str(db), "ingest", str(stream)]
        if args.engine == "dask":
            command += ["--engine", "dask", "--workers", str(args.workers)]
        watch(command, db, checkpoints, tmp / "ingest.log")


if __name__ == "__main__":
    main()
