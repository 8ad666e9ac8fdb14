"""A real store built by the demo (the seed articles through the whole run) plus one hostile article, shared by
the web tests; tests that write get their own copy of the file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from veracity.cli import app as cli
from veracity.serve.web import create_app
from veracity.store import open_store

HOSTILE_NAME = "zz_hostile"
HOSTILE = (
    "Kabul, 3 March 2025. Pakistan backs ISIS-K, Zabihullah Mujahid said on Monday. "
    '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> '
    "The Haqqani network denied any link to ISIS-K.\n"
)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`veracity demo` on the seeds, then `veracity ingest` of an article carrying script payloads."""
    folder = tmp_path_factory.mktemp("web-demo")
    db = folder / "demo.db"
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", str(db), "demo"])
    assert done.exit_code == 0, done.output
    article = folder / f"{HOSTILE_NAME}.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    done = runner.invoke(cli, ["--db", str(db), "ingest", str(article)])
    assert done.exit_code == 0, done.output
    open_store(f"sqlite:///{db}").close()
    return db


@pytest.fixture(scope="session")
def client(demo_db: Path) -> Iterator[TestClient]:
    """A read-only client over the shared demo store (tests using it must not write)."""
    with TestClient(create_app(f"sqlite:///{demo_db}")) as c:
        yield c


@pytest.fixture()
def writable_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo store for a test that writes reviews or documents."""
    copy = tmp_path / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        source = demo_db.with_name(demo_db.name + suffix)
        if source.exists():
            shutil.copy(source, copy.with_name(copy.name + suffix))
    return copy


@pytest.fixture()
def writer_client(writable_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(f"sqlite:///{writable_db}")) as c:
        yield c
