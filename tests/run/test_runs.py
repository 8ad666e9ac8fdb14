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
