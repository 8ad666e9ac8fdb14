"""``veracity backup`` and ``veracity restore``: a round trip through the CLI, compared row by row on both backends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from veracity.cli import app
from veracity.run import build
from veracity.store import Store, open_store
from veracity.store.schema import metadata

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def _rows(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {table.name: list(store.view().rows(table.name)) for table in metadata.sorted_tables}


def test_cli_ops_backup_restore_round_trip(store_urls: Callable[[], str], tmp_path: Path) -> None:
    source_url, target_url = store_urls(), store_urls()
    source = open_store(source_url)
    build.load_registry(source)
    build.ingest(source, [EXAMPLES], max_bytes=1_000_000)
    before = _rows(source)
    source.close()
    runner = CliRunner()
    dest = tmp_path / "kb.backup"
    done = runner.invoke(app, ["--db", source_url, "backup", str(dest)])
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["--db", source_url, "backup", str(dest)])
    assert again.exit_code != 0 and "exists" in again.output
    refused = runner.invoke(app, ["--db", target_url, "restore", str(dest)], input="n\n")
    assert refused.exit_code != 0
    target = open_store(target_url)
    assert target.view().counts()["documents"] == 0
    done = runner.invoke(app, ["--db", target_url, "restore", str(dest), "--yes"])
    assert done.exit_code == 0, done.output
    assert _rows(target) == before and before["documents"] and before["assertions"]
    target.close()


def test_cli_ops_restore_names_a_file_that_is_no_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_text("not a database", encoding="utf-8")
    done = CliRunner().invoke(app, ["--db", str(tmp_path / "kb.db"), "restore", str(junk), "--yes"])
    assert done.exit_code != 0 and "junk.backup" in done.output
    missing = CliRunner().invoke(app, ["--db", str(tmp_path / "kb.db"), "restore", str(tmp_path / "nope"), "--yes"])
    assert missing.exit_code != 0 and "no such backup file" in missing.output
