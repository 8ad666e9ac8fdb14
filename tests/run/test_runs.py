"""Runs and their warnings (``veracity.run.runs``): every rejection and warning of a batch can be listed later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.model.errors import NotFound
from veracity.run import build
from veracity.run.runs import find_run, run_report, warning_kind

URDU = "پاکستان کے صوبہ بلوچستان میں ایک دھماکے میں بارہ افراد ہلاک ہو گئے ہیں اور پولیس کے مطابق " * 3
ENGLISH = "A bomb exploded in a crowded market in Quetta on Friday, killing at least twelve people, police said."


def batch(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("DATE: someday\n---\n" + ENGLISH, encoding="utf-8")
    (folder / "b.txt").write_bytes(("The caf\u00e9 reopened. " + ENGLISH).encode("cp1252"))
    (folder / "c.txt").write_text(URDU, encoding="utf-8")
    (folder / "d.pdf").write_bytes(b"%PDF-1.4")
    return folder


def test_runs_ingest_records_every_warning_with_its_kind(any_store, tmp_path: Path) -> None:
    report = build.ingest(any_store, [batch(tmp_path / "in")], max_bytes=100_000)
    assert report.counts() == {"ingested": 3, "duplicates": 0, "rejected": 1, "warnings": 3,
                               "unreadable_language": 1}
    assert report.languages == {"ur": 1}
    run, rows = run_report(any_store, None)
    assert run["id"] == report.run.id and run["finished_at"] and run["counts"]["ingested"] == 3
    assert [(r["kind"], Path(r["location"]).name) for r in rows] == [
        ("date", "a.txt"), ("encoding", "b.txt"), ("language", "c.txt"), ("rejected", "d.pdf")]
    assert all(r["doc_id"] for r in rows[:3]) and rows[3]["doc_id"] is None
    assert [r["kind"] for r in run_report(any_store, report.run.id[:10], "language")[1]] == ["language"]


def test_runs_each_batch_is_its_own_run_and_the_latest_is_the_default(sqlite_store, tmp_path: Path) -> None:
    first = build.ingest(sqlite_store, [batch(tmp_path / "in")], max_bytes=100_000)
    second = build.ingest(sqlite_store, [tmp_path / "in"], max_bytes=100_000)
    assert second.counts()["duplicates"] == 3
    assert find_run(sqlite_store, None)["id"] == second.run.id
    assert len(run_report(sqlite_store, first.run.id)[1]) == 4
    assert len(run_report(sqlite_store, second.run.id)[1]) == 4


@pytest.mark.parametrize("run_id", [None, "nosuchrun"])
def test_runs_missing_run_is_not_found(sqlite_store, run_id: str | None) -> None:
    with pytest.raises(NotFound):
        run_report(sqlite_store, run_id)


@pytest.mark.parametrize(
    ("message", "kind"),
    [("file is not UTF-8; decoded it as cp1252", "encoding"), ("file is UTF-16 text, not UTF-8", "encoding"),
     ("page is malformed HTML; ...", "html"), ("language is Urdu (ur); ...", "language"),
     ("date 'x' could not be read", "date"), ("something else", "ingest")],
)
def test_runs_warning_kind(message: str, kind: str) -> None:
    assert warning_kind(message) == kind


def test_runs_cli_lists_the_warnings_of_the_latest_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from veracity.cli import app

    runner = CliRunner()
    db = str(tmp_path / "kb.db")
    folder = batch(tmp_path / "in")
    ingested = runner.invoke(app, ["--db", db, "ingest", "--no-extract", str(folder)])
    assert ingested.exit_code == 0, ingested.output
    assert "1 documents in a language the extractor cannot read (ur 1)" in ingested.output
    listed = runner.invoke(app, ["--db", db, "warnings"])
    assert listed.exit_code == 0, listed.output
    assert "4 warnings (date 1, encoding 1, language 1, rejected 1)" in listed.output
    assert "c.txt: language is Urdu (ur)" in listed.output
    only = runner.invoke(app, ["--db", db, "warnings", "--kind", "rejected", "--json"])
    assert [json.loads(line)["kind"] for line in only.output.splitlines()] == ["rejected"]
    missing = runner.invoke(app, ["--db", db, "warnings", "--run", "nosuch"])
    assert missing.exit_code == 3 and "no run with an id starting 'nosuch'" in missing.output


def names(rows) -> list[str]:
    return sorted(Path(r["location"]).name for r in rows)


def _marked_batches(store, tmp_path: Path) -> tuple[build.IngestReport, build.IngestReport]:
    """A RED batch of organisation A (a dated report and a rejected file), then an unmarked batch that holds the
    same report again (its warning names A's RED document) and a cp1252 page."""
    from veracity.store.accounts import add_group, add_org
    from veracity.store.marking import Actor, Marking

    for org in ("A", "B"):
        add_org(store, org)
    add_group(store, "ab", ["A", "B"])
    red, plain = tmp_path / "red", tmp_path / "plain"
    red.mkdir()
    plain.mkdir()
    (red / "secret-op.txt").write_text("DATE: someday\n---\n" + ENGLISH, encoding="utf-8")
    (red / "secret-plan.pdf").write_bytes(b"%PDF-1.4")
    (plain / "again.txt").write_text("DATE: someday\n---\n" + ENGLISH, encoding="utf-8")
    (plain / "page.txt").write_bytes(("The caf\u00e9 reopened. " + ENGLISH).encode("cp1252"))
    first = build.ingest(store.acting(Actor("cli", "A"), Marking("A", "RED")), [red], max_bytes=100_000)
    return first, build.ingest(store, [plain], max_bytes=100_000)


def test_runs_warnings_are_scoped_by_the_run_and_the_document(any_store, tmp_path: Path) -> None:
    from veracity.store.marking import Scope

    first, second = _marked_batches(any_store, tmp_path)
    assert second.counts()["duplicates"] == 1
    everyone, owner, other = any_store.view(), any_store.view(Scope("A")), any_store.view(Scope("B", frozenset({"ab"})))
    for view in (everyone, owner):
        assert view.run()["id"] == second.run.id and view.run(first.run.id[:-3])["id"] == first.run.id
        assert names(view.run_warnings(first.run.id)) == ["secret-op.txt", "secret-plan.pdf"]
        assert names(view.run_warnings(second.run.id)) == ["again.txt", "page.txt"]
    assert other.run()["id"] == second.run.id
    assert other.run(first.run.id) is None and other.run_warnings(first.run.id) == []
    assert names(other.run_warnings(second.run.id)) == ["page.txt"]  # again.txt's warning is about A's RED report
    assert [r["kind"] for r in owner.run_warnings(first.run.id, "rejected")] == ["rejected"]
    assert [r["id"] for r in other.rows("runs")] == [second.run.id]
    assert names(other.rows("run_warnings")) == ["page.txt"]


def test_runs_warnings_of_a_run_are_read_through_its_key(sqlite_store, tmp_path: Path) -> None:
    """The query behind ``veracity warnings`` searches the warnings by the run's key, scoped or not: it never
    scans the warnings of every run."""
    from sqlalchemy import event

    from veracity.store.marking import Scope

    first, _ = _marked_batches(sqlite_store, tmp_path)
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany) -> None:
        if "FROM run_warnings" in statement and "EXPLAIN" not in statement:
            seen.append((statement, parameters))

    event.listen(sqlite_store.engine, "before_cursor_execute", capture)
    try:
        for scope in (None, Scope("B", frozenset({"ab"}))):
            sqlite_store.view(scope).run_warnings(first.run.id, "date")
    finally:
        event.remove(sqlite_store.engine, "before_cursor_execute", capture)
    assert len(seen) == 2
    with sqlite_store.engine.connect() as conn:
        for statement, parameters in seen:
            plan = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
            outer = [step for step in plan if "run_warnings" in step]
            assert outer and all(step.startswith("SEARCH run_warnings USING") and "run_id=?" in step
                                 for step in outer), plan
