"""The analysis commands end to end on the seeds gold store: one call each, content checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.cli import app
from veracity.store import Store

runner = CliRunner()


def run(store: Store, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(store.engine.url.database), *args], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("network", "Haqqani network", "--communities"), ["Islamic State Khorasan Province", "community 1:"]),
        (("path", "ISI", "ISKP", "--max-len", "2"),
         ["Inter-Services Intelligence -> Haqqani network -> Islamic State Khorasan Province", "Amador Guallar"]),
        (("timeline", "--actor", "ISKP", "--from", "2021-08", "--to", "2021-08"),
         ["2021-08-26", "Kabul airport bombing", "Joe Biden"]),
        (("surges", "--by", "country"), ["Poisson upper tail", "Pakistan"]),
        (("places",), ["Mastung", "located"]),
    ],
)
def test_cli_analyse_commands(gold_store: Store, args: tuple[str, ...], expected: list[str]) -> None:
    output = run(gold_store, *args)
    for text in expected:
        assert text in output


def test_cli_analyse_exports_and_imports(gold_store: Store, empty_store: Store, tmp_path: Path) -> None:
    bundle, geo, graph = tmp_path / "b.json", tmp_path / "p.geojson", tmp_path / "n.graphml"
    assert "records to" in run(gold_store, "export", "stix", str(bundle), "--about", "ISKP")
    assert json.loads(bundle.read_text(encoding="utf-8"))["type"] == "bundle"
    assert "imported" in run(empty_store, "import", "stix", str(bundle))
    assert empty_store.view().counts()["assertions"] > 0
    run(gold_store, "places", "--geojson", str(geo))
    assert json.loads(geo.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    run(gold_store, "network", "ISKP", "--graphml", str(graph))
    assert graph.read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "code"),
    [(("network", "No Such Group"), 3), (("export", "pdf", "x"), 2), (("import", "stix", "missing.json"), 2),
     (("network", "ISKP", "--min-grade", "probably"), 2)],
)
def test_cli_analyse_errors_are_one_line(gold_store: Store, args: tuple[str, ...], code: int) -> None:
    result = runner.invoke(app, ["--db", str(gold_store.engine.url.database), *args])
    assert result.exit_code == code
    assert "Traceback" not in result.output
