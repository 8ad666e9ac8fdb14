"""Backup and restore (``veracity.store.engine``): SQLite's online backup and pg_dump, compared row by row."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from veracity.run import build
from veracity.store import Store, open_store
from veracity.store.engine import backup, restore
from veracity.store.schema import metadata

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def every_row(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {table.name: list(store.view().rows(table.name)) for table in metadata.sorted_tables}


def filled(url: str) -> Store:
    store = open_store(url)
    build.load_registry(store)
    build.load_outlets(store)
    build.ingest(store, [EXAMPLES], max_bytes=1_000_000)
    return store


def test_backup_round_trip_is_identical_row_by_row(store_urls: Callable[[], str], tmp_path: Path) -> None:
    source = filled(store_urls())
    before = every_row(source)
    assert all(before[name] for name in ("documents", "entities", "aliases", "assertions", "runs", "outlets"))
    copy = backup(source.engine, tmp_path / "kb.backup")
    target = open_store(store_urls())
    build.ingest(target, [EXAMPLES / next(iter(sorted(p.name for p in EXAMPLES.iterdir())))], max_bytes=1_000_000)
    restore(target.engine, copy)
    assert every_row(target) == before
    if source.engine.dialect.name == "sqlite":
        assert target.view().search("Taliban")  # the full-text index came back with the rows
    source.close()
    target.close()
