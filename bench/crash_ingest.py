"""Kill ingest at random points, then check the store: integrity, completion on re-run, nothing lost or doubled.

    python bench/crash_ingest.py --runs 50                       # SQLite
    python bench/crash_ingest.py --runs 50 --backend postgres    # the machine's PostgreSQL (127.0.0.1:5432)
    python bench/crash_ingest.py --concurrent 2                  # two ingests into one store at once
    python bench/crash_ingest.py --runs 20 --docs 60 --extract   # kills during extraction too
    python bench/crash_ingest.py --runs 20 --docs 60 --extract --engine dask   # ... on the Dask engine

Each run gets a fresh store and starts ``veracity ingest --no-extract`` on a corpus of text files, a JSON Lines
file, a feed and some bad files, then sends SIGKILL after a random delay drawn between 0 and the time a complete
run takes (measured first), so kills land during start-up, migration, reading and writing alike. Between one and
three kills may hit the same store before a run is let finish. After every kill the store must pass its integrity
check, hold only documents of the corpus, each once, with their full-text rows and warnings consistent; after the
final run it must hold exactly the corpus. The same checks follow ``--concurrent N`` ingests of overlapping inputs
into one store. With ``--extract`` the ingests extract too (``--engine dask``: on a local Dask cluster of one
worker), so kills land while documents are parsed and their rows written; then every document marked extracted
must hold exactly the assertions and mentions the uninterrupted reference run stored for it, a document not marked
extracted none, and after the final run every document must be extracted. It prints what it found and exits
non-zero on any violation.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from veracity.ingest import Loaded, read_paths

PG_ADMIN = os.environ.get("VERACITY_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SENTENCES = ("A bomb exploded in a crowded market in {place} on {day}, killing {n} people, police said.",
             "Officials in {place} said {n} suspects were arrested after the attack on {day}.")
PLACES = ("Quetta", "Peshawar", "Kabul", "Karachi", "Lahore", "Jalalabad", "Kandahar", "Bannu")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def make_corpus(folder: Path, docs: int, seed: int = 7) -> set[str]:
    """Write ``docs`` documents (files, one JSONL, one feed) and some bad files; return the expected ids."""
    rng = random.Random(seed)
    texts = [" ".join(s.format(place=rng.choice(PLACES), day=rng.choice(DAYS), n=i + 2) for s in SENTENCES)
             + f" Report {i}." for i in range(docs)]
    files, lines, entries = texts[: docs // 2], texts[docs // 2: docs - 3], texts[docs - 3:]
    folder.mkdir(parents=True, exist_ok=True)
    for i, body in enumerate(files):
        (folder / f"doc{i:05d}.txt").write_text(f"TITLE: Report {i}\nDATE: 2024-03-{i % 28 + 1:02d}\n---\n{body}\n")
    (folder / "lines.jsonl").write_text("".join(json.dumps({"text": t}) + "\n" for t in lines) + "{broken\n")
    items = "".join(f"<item><title>E{i}</title><description>{t}</description></item>" for i, t in enumerate(entries))
    (folder / "feed.xml").write_text(f"<rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>")
    (folder / "binary.txt").write_bytes(b"\x00\x01PNG")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 owners in Quetta said the market reopened.".encode("cp1252"))
    return {item.document.id for item in read_paths([folder]) if isinstance(item, Loaded)}


@contextmanager
def fresh_store(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty store (a new SQLite file, or a new PostgreSQL database dropped afterwards)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'kb-{uuid.uuid4().hex[:8]}.db'}"
        return
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"veracity_crash_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


NO_EXTRACT = ("--no-extract",)


def ingest_command(url: str, paths: list[Path], flags: tuple[str, ...] = NO_EXTRACT) -> list[str]:
    return [sys.executable, "-c", "from veracity.cli import main; main()", "--db", url, "ingest", *flags,
            *map(str, paths)]


def run_to_end(url: str, paths: list[Path], flags: tuple[str, ...] = NO_EXTRACT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ingest_command(url, paths, flags), capture_output=True, text=True, timeout=600,
                          check=False)


def run_and_kill(url: str, paths: list[Path], delay: float, flags: tuple[str, ...] = NO_EXTRACT) -> bool:
    """Start an ingest and SIGKILL it after ``delay`` seconds; ``True`` when it was still running (killed).

    The ingest leads its own process group, so a kill also takes the Dask workers it started (as a lost machine
    would), not only the driver."""
    process = subprocess.Popen(ingest_command(url, paths, flags), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return True


Extracted = dict[str, tuple[frozenset[str], frozenset[str]]]
"""Document id -> (its assertion ids, its mention ids), for each document marked extracted."""


def extracted_rows(url: str) -> Extracted:
    """What each extracted document holds (empty when the schema is not there yet)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if "extractions" not in conn.dialect.get_table_names(conn):
                return {}
            done = {row[0] for row in conn.execute(text(
                "SELECT doc_id FROM extractions WHERE extractor NOT LIKE 'veracity.registry%'"))}
            found: dict[str, tuple[set[str], set[str]]] = {}
            for table in ("assertions", "mentions"):
                for doc_id, row_id in conn.execute(text(f"SELECT doc_id, id FROM {table}")):  # noqa: S608
                    found.setdefault(doc_id, (set(), set()))[table == "mentions"].add(row_id)
    finally:
        engine.dispose()
    return {doc_id: (frozenset(found.get(doc_id, ((), ()))[0]), frozenset(found.get(doc_id, ((), ()))[1]))
            for doc_id in done | set(found)}


def extraction_problems(url: str, reference: Extracted, expected: set[str], complete: bool) -> list[str]:
    """Documents whose stored extraction is not whole: rows without the extraction mark, or marked and different
    from the reference run's."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if "extractions" not in conn.dialect.get_table_names(conn):
                return []
            marked = {row[0] for row in conn.execute(text("SELECT doc_id FROM extractions"))}
    finally:
        engine.dispose()
    problems = []
    for doc_id, rows in extracted_rows(url).items():
        if doc_id in marked and doc_id in reference and rows != reference[doc_id]:
            problems.append(f"document {doc_id[:12]} marked extracted holds other rows than the reference run")
        elif doc_id not in marked and any(rows):
            problems.append(f"document {doc_id[:12]} has rows but is not marked extracted (half written)")
    if complete and not expected <= marked:
        problems.append(f"{len(expected - marked)} documents not extracted after a complete run")
    return problems


def stored_count(url: str) -> int:
    """Corpus documents in the store (0 when the kill came before the schema existed)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if "documents" not in conn.dialect.get_table_names(conn):
                return 0
            return int(conn.execute(text("SELECT count(*) FROM documents WHERE name NOT LIKE 'registry-%'"))
                       .scalar_one())
    finally:
        engine.dispose()


def check_store(url: str, expected: set[str], complete: bool) -> list[str]:
    """What is wrong with the store: an empty list when it is sound (and, if ``complete``, holds the corpus)."""
    engine = create_engine(url)
    problems: list[str] = []
    try:
        with engine.connect() as conn:
            tables = set(conn.dialect.get_table_names(conn))
            if "documents" not in tables:
                return [] if not complete else ["no documents table after a complete run"]
            every = [row[0] for row in conn.execute(text("SELECT id FROM documents"))]
            # The CLI also stores the actor registry's sources as documents; the corpus is the rest.
            ids = [row[0] for row in conn.execute(text("SELECT id FROM documents WHERE name NOT LIKE 'registry-%'"))]
            if engine.dialect.name == "sqlite":
                problems += _sqlite_problems(conn, every)
            if "run_warnings" in tables:
                orphans = conn.execute(text("SELECT count(*) FROM run_warnings WHERE doc_id IS NOT NULL AND doc_id "
                                            "NOT IN (SELECT id FROM documents)")).scalar_one()
                problems += [f"{orphans} warnings about documents that are not stored"] if orphans else []
    finally:
        engine.dispose()
    stored = set(ids)
    if len(ids) != len(stored):
        problems.append(f"{len(ids) - len(stored)} documents stored twice")
    if stored - expected:
        problems.append(f"{len(stored - expected)} documents that are not in the corpus")
    if complete and stored != expected:
        problems.append(f"{len(expected - stored)} documents lost after a complete run")
    return problems


def _sqlite_problems(conn, ids: list[str]) -> list[str]:
    problems = []
    integrity = conn.execute(text("PRAGMA integrity_check")).scalar_one()
    if integrity != "ok":
        problems.append(f"integrity check: {integrity}")
    fts = [row[0] for row in conn.execute(text("SELECT doc_id FROM documents_fts"))]
    if sorted(fts) != sorted(ids):
        problems.append(f"full-text rows ({len(fts)}) do not match documents ({len(ids)})")
    return problems


def crash_runs(backend: str, runs: int, docs: int, seed: int, flags: tuple[str, ...] = NO_EXTRACT
               ) -> tuple[int, int, list[str]]:
    """``(kills that hit a running ingest, kills that left a partly filled store, problems)`` over ``runs``."""
    rng = random.Random(seed)
    problems: list[str] = []
    kills = partial = half_extracted = 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        expected = make_corpus(corpus, docs)
        with fresh_store(backend, Path(tmp)) as url:
            (Path(tmp) / "empty").mkdir()
            started = time.perf_counter()
            run_to_end(url, [Path(tmp) / "empty"], flags)
            startup = time.perf_counter() - started
            started = time.perf_counter()
            done = run_to_end(url, [corpus], flags)
            full = time.perf_counter() - started
            problems += [f"reference run failed: {done.stderr[-300:]}"] if done.returncode else []
            problems += check_store(url, expected, complete=True)
            extract = NO_EXTRACT[0] not in flags
            reference = extracted_rows(url) if extract else {}
        for number in range(runs):
            with fresh_store(backend, Path(tmp)) as url:
                for _ in range(rng.randint(1, 3)):
                    # A quarter of the kills anywhere (start-up, migration), the rest while documents are written.
                    delay = rng.uniform(0, full) if rng.random() < 0.25 else rng.uniform(startup, full)
                    kills += run_and_kill(url, [corpus], delay, flags)
                    partial += 0 < stored_count(url) < len(expected)
                    problems += [f"run {number} after a kill: {p}" for p in check_store(url, expected, False)]
                    if extract:
                        problems += [f"run {number} after a kill: {p}"
                                     for p in extraction_problems(url, reference, expected, False)]
                        half_extracted += 0 < len(set(extracted_rows(url)) & expected) < len(expected)
                done = run_to_end(url, [corpus], flags)
                problems += [f"run {number}: re-run failed: {done.stderr[-300:]}"] if done.returncode else []
                problems += [f"run {number} after the re-run: {p}" for p in check_store(url, expected, True)]
                if extract:
                    problems += [f"run {number} after the re-run: {p}"
                                 for p in extraction_problems(url, reference, expected, True)]
    during = f", {half_extracted} left it partly extracted" if NO_EXTRACT[0] not in flags else ""
    print(f"{backend}: {runs} stores, {kills} kills landed mid-run, {partial} left a partly filled store{during} "
          f"(full run {full:.2f}s, {len(expected)} documents)")
    return kills, partial, problems


def concurrent_runs(backend: str, ingests: int, docs: int) -> list[str]:
    """``ingests`` processes ingesting overlapping halves of one corpus into one new store at the same time."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        expected = make_corpus(corpus, docs)
        files = sorted(corpus.iterdir())
        with fresh_store(backend, Path(tmp)) as url:
            chunks = [files[i::2] + files[: len(files) // 2] for i in range(ingests)]  # every file in some chunk
            processes = [subprocess.Popen(ingest_command(url, chunk), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True) for chunk in chunks]
            failed = [p.communicate(timeout=600)[1][-300:] for p in processes if p.wait(timeout=600)]
            problems = [f"a concurrent ingest failed: {err}" for err in failed]
            problems += check_store(url, expected, complete=True)
    print(f"{backend}: {ingests} concurrent ingests of {len(expected)} documents, problems: {len(problems)}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--concurrent", type=int, default=0, help="Only run N concurrent ingests (no kills).")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--extract", action="store_true", help="Ingest with extraction, so kills hit it too.")
    parser.add_argument("--engine", choices=["local", "dask"], default="local", help="With --extract: the engine.")
    args = parser.parse_args()
    flags = ("--engine", args.engine, "--workers", "1") if args.extract else NO_EXTRACT
    if args.concurrent:
        problems = concurrent_runs(args.backend, args.concurrent, args.docs)
    else:
        problems = crash_runs(args.backend, args.runs, args.docs, args.seed, flags)[2]
    for problem in problems:
        print(f"PROBLEM {problem}")
    print(f"problems: {len(problems)}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
