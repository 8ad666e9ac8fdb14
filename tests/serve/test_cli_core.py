"""The core CLI on real files and a real SQLite store: ingest, extract, listings, review, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.cli import app

runner = CliRunner()
ARTICLE = """TITLE: Attack in Peshawar
DATE: 2024-05-03
OUTLET: Example Wire
---
Tehreek-e-Taliban Pakistan claimed responsibility for a suicide bombing that killed 12 policemen in Peshawar
on Friday. Pakistan's foreign ministry accused Afghanistan of harbouring the group, which Kabul denied.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "peshawar.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    return folder


def run(db: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.output


def test_cli_ingest_reports_rejects_and_keeps_going(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    code, out = run(db, "ingest", str(corpus))
    assert code == 0, out
    assert "ingested 1, duplicates 0, rejected 2" in out
    assert "empty.txt" in out and "binary.txt" in out
    code, out = run(db, "ingest", "--strict", str(corpus))
    assert code == 1 and "ingested 0, duplicates 1, rejected 2" in out


def test_cli_ingest_fails_when_nothing_could_be_read(corpus: Path, tmp_path: Path) -> None:
    code, out = run(tmp_path / "kb.db", "ingest", str(corpus / "empty.txt"))
    assert code == 1 and "rejected 1" in out


def test_cli_extract_json_follows_gold_schema(corpus: Path, tmp_path: Path) -> None:
    code, out = run(tmp_path / "kb.db", "extract", str(corpus / "peshawar.txt"), "--json")
    assert code == 0, out
    record = json.loads(out.strip().splitlines()[-1])
    assert record["doc"] == "peshawar"
    assert set(record) >= {"doc", "published", "actors", "places", "events", "claims", "relations"}
    assert any(a["name"] == "Tehrik-i-Taliban Pakistan" or "Tehreek-e-Taliban Pakistan" in a["surface"]
               for a in record["actors"])


def test_cli_listings_and_review(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.db"
    assert run(db, "ingest", str(corpus / "peshawar.txt"))[0] == 0
    code, out = run(db, "documents")
    assert code == 0 and "peshawar" in out
    code, out = run(db, "claims", "--json")
    claims = [c for c in map(json.loads, out.splitlines()) if c["doc"] == "peshawar"]
    assert claims and all(c["quote"] and c["outlet"] == "Example Wire" for c in claims)
    assert all(c["published"] == "2024-05-03" for c in claims)
    code, out = run(db, "review", claims[0]["id"][:12], "reject", "--note", "misread")
    assert code == 0, out
    code, out = run(db, "claims", "--json")
    reviewed = [json.loads(line) for line in out.splitlines() if json.loads(line)["id"] == claims[0]["id"]]
    assert reviewed[0]["reviews"] == ["reject"]


@pytest.mark.parametrize(("args", "message", "code"), [
    (["actor", "Nobody Whatsoever"], "no actor, place or event called", 3),
    (["review", "ffffffff", "confirm"], "no assertion matches", 3),
    (["claims", "--as-of", "someday"], "cannot read the date", 2),
])
def test_cli_errors_are_one_clean_line(tmp_path: Path, args: list[str], message: str, code: int) -> None:
    exit_code, out = run(tmp_path / "kb.db", *args)
    assert exit_code == code
    assert message in out and "Traceback" not in out
