"""``veracity train grades``: claim-grouped folds and a small real fit on part of Emergent train."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from veracity.assess.weights import load_weights
from veracity.cli import app
from veracity.evaluate.claims import read_claims
from veracity.train.grades import folds_of, overrides

EMERGENT = Path(__file__).resolve().parents[3] / "shared" / "emergent"
runner = CliRunner()


def test_train_grades_folds_are_by_claim_and_deterministic() -> None:
    claims = read_claims(EMERGENT / "train.csv", EMERGENT / "articles.csv", limit=40)
    folds = folds_of(claims, 5)
    assert folds == folds_of(list(reversed(claims)), 5)[::-1]   # a claim's fold does not depend on file order
    assert set(folds) == set(range(5))


def test_train_grades_overrides_are_weights_keys() -> None:
    over = overrides((0.2, 1.0, 3.0, 0.5))
    assert over == {"prior": 0.2, "line_base": 1.0, "hedged": 0.5, "interest": {"independent_denial": 3.0}}
    assert overrides((0.2, 1.0, 3.0, 0.5, 0.6))["stance"] == {"asserts_above": 0.6}


def test_cli_train_grades_smoke_writes_a_loadable_profile(tmp_path: Path) -> None:
    out = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["train", "grades", "--claims", str(EMERGENT / "train.csv"), "--articles",
                                 str(EMERGENT / "articles.csv"), "--truth", str(EMERGENT / "truthiness.csv"),
                                 "--limit", "40", "--folds", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "extracted stance" in result.output and "gold stance" in result.output
    assert "baseline any headline against -> false" in result.output
    weights = load_weights(str(out))
    assert weights["verdict"]["false_below"] <= weights["verdict"]["true_above"]
    assert weights["fitted"]["folds"] == 3
    assert 0.0 <= weights["stance"]["asserts_above"] < 1.0
