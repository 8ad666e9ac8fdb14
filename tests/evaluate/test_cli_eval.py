"""``veracity eval``: one small real run of each command (real spaCy, real files), plus its error paths."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.cli import app

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the checkout
EMERGENT_DIR = SHARED / "emergent"
MUC4_DIR = SHARED / "muc4"
SEEDS_DIR = SHARED / "seeds"
SEEDS_GOLD = SEEDS_DIR / "gold.jsonl"

runner = CliRunner()
SEED = "003_d4b52f37cc0d435a"


@pytest.fixture()
def one_seed(tmp_path: Path) -> Path:
    """A gold file with one seed article beside it (the shortest, to keep the run small)."""
    line = next(x for x in SEEDS_GOLD.read_text(encoding="utf-8").splitlines() if SEED in x)
    (tmp_path / "gold.jsonl").write_text(line + "\n", encoding="utf-8")
    (tmp_path / f"{SEED}.txt").write_text((SEEDS_DIR / f"{SEED}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "gold.jsonl"


@pytest.mark.slow
def test_cli_eval_seeds_real(tmp_path: Path) -> None:
    # the issue's own command: ``veracity eval --gold ../shared/seeds/gold.jsonl`` runs in the tests
    out = tmp_path / "pred.jsonl"
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["eval", "--gold", str(SEEDS_GOLD), "--json", "--out", str(out), "--errors",
                                 str(errors)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["docs"] == 5 and report["missing"] == []
    assert set(report["facets"]) >= {"actors", "aliases", "events", "claims", "claims_lenient", "relations"}
    gold_actors = sum(len(json.loads(line)["actors"]) for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines())
    assert report["facets"]["actors"]["gold"] == gold_actors
    assert [json.loads(line)["doc"] for line in out.read_text(encoding="utf-8").splitlines()] == list(report["per_doc"])
    per_doc = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    missed = sum(len(d["claims"]["missed"]) for d in per_doc)
    claims = report["facets"]["claims"]
    assert missed == claims["gold"] - claims["hit_gold"] and all(c["quote"] for d in per_doc
                                                                 for c in d["claims"]["missed"])


def test_cli_eval_without_gold_shows_help() -> None:
    result = runner.invoke(app, ["eval"])
    assert result.exit_code == 2 and "--gold" in result.output


def test_cli_eval_missing_document_is_one_clean_error(one_seed: Path) -> None:
    result = runner.invoke(app, ["eval", "--gold", str(one_seed), "--docs", str(one_seed.parent / "nowhere")])
    assert result.exit_code == 3
    assert "missing" in result.output and "Traceback" not in result.output


def test_cli_eval_muc4_real(tmp_path: Path) -> None:
    out = tmp_path / "pred.json"
    result = runner.invoke(app, ["eval", "muc4", str(MUC4_DIR / "dev.json"), "--out", str(out), "--limit", "2",
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["docs"] == 2 and set(report["per_role"]) == {"PerpInd", "PerpOrg", "Target", "Victim", "Weapon"}
    pred = json.loads(out.read_text(encoding="utf-8"))
    assert list(pred) == ["10001", "10002"] and set(pred["10001"]["pred_extracts"]) == set(report["per_role"])


def test_cli_eval_muc4_predicts_only_without_extracts(tmp_path: Path) -> None:
    split = tmp_path / "plain.json"
    split.write_text(json.dumps({"docid": "TST3-MUC4-0001", "doctext": "the guerrillas bombed a bus."}) + "\n")
    result = runner.invoke(app, ["eval", "muc4", str(split), "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 0, result.output
    assert "no extracts" in result.output
    assert list(json.loads((tmp_path / "p.json").read_text())) == ["30001"]


def test_cli_eval_muc4_bad_file(tmp_path: Path) -> None:
    split = tmp_path / "bad.json"
    split.write_text("{not json\n")
    result = runner.invoke(app, ["eval", "muc4", str(split), "--out", str(tmp_path / "p.json")])
    assert result.exit_code == 2 and "not JSON" in result.output


def test_cli_eval_emergent_real(tmp_path: Path) -> None:
    pytest.importorskip("veracity.evaluate.emergent")
    with (EMERGENT_DIR / "train.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:6]
    small = tmp_path / "small.csv"
    with small.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "pred.csv"
    result = runner.invoke(app, ["eval", "emergent", str(small), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["n"] == 6
    assert len(out.read_text(encoding="utf-8").splitlines()) == 7  # header + one row per headline
