"""The grade cache gives exactly the grades ``veracity.assess`` gives, and any write (a review from the CLI, a
judgement, an ingest) moves the revision so the next page grades afresh."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from veracity.assess import assess_view, explain_view
from veracity.cli import app as cli
from veracity.serve.web import gradecache
from veracity.store import open_store


def test_cached_grades_equal_a_fresh_assessment(demo_db: Path) -> None:
    store = open_store(f"sqlite:///{demo_db}")
    gradecache.clear()
    view = store.view()
    fresh = [g.summary() for g in assess_view(view)]
    cached = gradecache.graded(view)
    assert [g.summary() for g in cached.all()] == fresh
    assert gradecache.graded(store.view()) is cached, "a second view of an unchanged store rebuilt the assessor"
    some = fresh[len(fresh) // 2]["id"]
    assert cached.find(some).summary() == explain_view(view, some).summary()
    isk = view.find_entity("ISKP").id
    assert [g.summary() for g in cached.all(isk)] == [g.summary() for g in assess_view(view, about=isk)]
    dated = gradecache.graded(view, "2024-01-01")
    assert dated is not cached
    assert [g.summary() for g in dated.all()] == [g.summary() for g in assess_view(view, as_of="2024-01-01")]
    store.close()


def test_a_write_from_another_process_moves_the_revision(writable_db: Path, writer_client: TestClient) -> None:
    claim = next(c for c in writer_client.get("/api/claims", params={"about": "ISKP", "limit": 500}).json()["items"]
                 if c["predicate"] == "supports" and not c["background"])
    before = writer_client.get(f"/api/propositions/{claim['proposition']}").json()
    store = open_store(f"sqlite:///{writable_db}")
    first = gradecache.revision(store.view())
    done = CliRunner().invoke(cli, ["--db", str(writable_db), "judge", claim["proposition"], "disagree",
                                    "--analyst", "Dana"])
    assert done.exit_code == 0, done.output
    assert gradecache.revision(store.view()) != first
    after = writer_client.get(f"/api/propositions/{claim['proposition']}").json()
    assert after["opposing_lines"] == before["opposing_lines"] + 1
    assert after["probability"] == explain_view(store.view(), claim["proposition"]).summary()["probability"]
    store.close()


def test_the_revision_moves_on_postgresql(tmp_path: Path) -> None:
    """PostgreSQL has no rowid: the revision counts rows and superseded assertions there."""
    import os
    import uuid

    import pytest
    from sqlalchemy import create_engine, text

    pg_admin = os.environ.get("VERACITY_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # as tests/store/conftest.py: a failure in CI, a skip on a machine without it
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {pg_admin} is not reachable in CI: {exc}")
        pytest.skip(f"PostgreSQL at {pg_admin} is not reachable: {exc}")
    name = f"veracity_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = pg_admin.rsplit("/", 1)[0] + f"/{name}"
    try:
        article = tmp_path / "kabul.txt"
        article.write_text("Kabul, 3 March 2025. Pakistan backs ISIS-K, Zabihullah Mujahid said on Monday.\n",
                           encoding="utf-8")
        store = open_store(url)
        empty = gradecache.revision(store.view())
        done = CliRunner().invoke(cli, ["--db", url, "ingest", str(article)])
        assert done.exit_code == 0, done.output
        ingested = gradecache.revision(store.view())
        assert ingested != empty
        claim = next(iter(store.view().evidence()))
        done = CliRunner().invoke(cli, ["--db", url, "review", claim.assertion.id, "reject"])
        assert done.exit_code == 0, done.output
        assert gradecache.revision(store.view()) != ingested
        store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_each_reader_scope_has_its_own_cached_grades(demo_db: Path) -> None:
    """On a team server one organisation's grades (built from what it may see) are never served to another."""
    from veracity.store.marking import Scope

    store = open_store(f"sqlite:///{demo_db}")
    gradecache.clear()
    a = gradecache.graded(store.view(Scope("org-a")))
    b = gradecache.graded(store.view(Scope("org-b")))
    assert a is not b
    assert gradecache.graded(store.view(Scope("org-a"))) is a
    assert gradecache.graded(store.view(Scope("org-b", frozenset({"partners"})))) is not b
    store.close()
