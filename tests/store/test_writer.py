"""The batching writer (``veracity.store.writer``) and migration 0004, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from veracity.model import Document
from veracity.store.engine import MIGRATIONS, migrate

OPERATIONAL = {"runs", "run_warnings", "feeds"}


def test_writer_counts_what_it_inserted_on_both_backends(any_store) -> None:
    docs = [Document(text=f"Report number {n} from Quetta.") for n in range(3)]
    with any_store.writer() as w:
        assert w.add_document(docs[0]) is True
        assert w.add_document(docs[0]) is False
    stored = list(any_store.view().rows("documents"))
    with any_store.writer() as w:
        assert w.insert_rows("documents", stored) == 0
        assert w.insert_rows("documents", [{**stored[0], "id": d.id, "text": d.text} for d in docs[1:]]) == 2
    with any_store.writer() as w:
        w.start_run("r1", "ingest", ["a"])
        rows = [{"run_id": "r1", "seq": n, "kind": "date", "location": "a", "doc_id": None, "message": "m"}
                for n in (1, 2)]
        assert w.add_run_warnings(rows) == 2
        assert w.add_run_warnings(rows) == 0
        w.finish_run("r1", {"ingested": 1})
        w.set_feed_state("http://127.0.0.1/feed", '"v1"', None)
        w.set_feed_state("http://127.0.0.1/feed", '"v2"', "Mon, 07 Dec 2026 10:00:00 GMT")
    [run] = any_store.view().rows("runs")
    assert run["counts"] == {"ingested": 1} and run["finished_at"]
    [feed] = any_store.view().rows("feeds")
    assert (feed["etag"], feed["last_modified"]) == ('"v2"', "Mon, 07 Dec 2026 10:00:00 GMT")


def test_writer_migration_0004_downgrades_and_upgrades(any_store) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with any_store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert not OPERATIONAL & set(inspect(any_store.engine).get_table_names())
    migrate(any_store.engine)
    assert set(inspect(any_store.engine).get_table_names()) >= OPERATIONAL
