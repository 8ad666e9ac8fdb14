"""Shared fixtures: paths to the shared gold data, and fresh stores per test: SQLite files, and databases on the
machine's real PostgreSQL (dropped after the test), so any behaviour can be asserted on both backends."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from veracity.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_GOLD = SHARED / "seeds" / "gold.jsonl"
SEEDS_DIR = SHARED / "seeds"
EXAMPLES = ROOT / "examples" / "seeds"
MUC4_DIR = SHARED / "muc4"
EMERGENT_DIR = SHARED / "emergent"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout (CI has it there too)."""
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: tests read gold data from ../shared beside the checkout")
    return SHARED


@pytest.fixture()
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store file per test."""
    store = open_store(f"sqlite:///{tmp_path / 'kb.db'}")
    yield store
    store.close()


PG_ADMIN = os.environ.get("VERACITY_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _pg_admin():
    engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # the server is part of the machine; say clearly why the test cannot run
        engine.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_ADMIN} is not reachable in CI: {exc}")
        pytest.skip(f"PostgreSQL at {PG_ADMIN} is not reachable: {exc}")
    return engine


@pytest.fixture()
def pg_store() -> Iterator[Store]:
    admin = _pg_admin()
    name = f"veracity_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    store = open_store(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}")
    try:
        yield store
    finally:
        store.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request) -> Store:
    """Both backends: the same behaviour is asserted on SQLite and on PostgreSQL."""
    return request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "pg_store")


@pytest.fixture()
def pg_databases() -> Iterator[Callable[[], str]]:
    """``new()`` -> the URL of a fresh PostgreSQL database; every one is dropped after the test."""
    admin = _pg_admin()
    names: list[str] = []

    def new() -> str:
        names.append(f"veracity_test_{uuid.uuid4().hex[:10]}")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{names[-1]}"'))
        return PG_ADMIN.rsplit("/", 1)[0] + f"/{names[-1]}"

    yield new
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_urls(request, tmp_path) -> Callable[[], str]:
    """``new()`` -> the URL of a new, empty store on the backend of the parameter (files in ``tmp_path``)."""
    if request.param == "postgres":
        return request.getfixturevalue("pg_databases")
    counter = iter(range(1_000))
    return lambda: f"sqlite:///{tmp_path / f'store{next(counter)}.db'}"
