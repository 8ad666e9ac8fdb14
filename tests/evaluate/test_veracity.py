"""Emergent calibration: claims become reports, the product grades them, the grade maps to a verdict, figures."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from veracity.assess.weights import load_weights, with_overrides
from veracity.cli import app
from veracity.evaluate.claims import Claim, Headline, evidence, read_claims
from veracity.evaluate.veracity import (
    Prediction,
    band_of,
    baselines,
    figures,
    grade_claim,
    profile,
    reading,
    stances,
    verdict,
)
from veracity.model.errors import InvalidInput
from veracity.model.records import Stance

EMERGENT = Path(__file__).resolve().parents[3] / "shared" / "emergent"
runner = CliRunner()


def _claim(*stances_: str, truth: str | None = "true", urls: tuple[str, ...] = ()) -> Claim:
    heads = tuple(Headline(f"a{i}", f"headline {i}", urls[i] if i < len(urls) else f"http://site{i}.example/x",
                           "2015-01-0" + str(1 + i % 9), s) for i, s in enumerate(stances_))
    return Claim("c1", "A man kept a burger for twenty years", heads, truth)


@pytest.mark.parametrize(("p", "credibility", "expected"), [
    (0.9, 6, "unknown"),     # cannot be judged is unknown whatever p says
    (0.1, 6, "unknown"),
    (0.1, 3, "false"),
    (0.249, 4, "false"),
    (0.25, 4, "unknown"),    # the band's edges are inside it
    (0.5, 3, "unknown"),
    (0.8, 2, "unknown"),
    (0.81, 2, "true"),
    (0.99, 1, "true"),
])
def test_veracity_verdict_maps_probability_and_credibility(p: float, credibility: int, expected: str) -> None:
    assert verdict(p, credibility, (0.25, 0.8)) == expected


def test_veracity_figures_by_hand() -> None:
    preds = [Prediction("a", 0.9, 2, "true", "true"), Prediction("b", 0.2, 3, "false", "true"),
             Prediction("c", 0.3, 3, "unknown", "false"), Prediction("d", 0.6, 6, "unknown", "unknown")]
    fig = figures(preds)
    assert (fig.n, fig.resolved) == (4, 3)
    assert fig.resolved_accuracy == pytest.approx(2 / 3)          # a right, b wrong, c right (p <= 0.5)
    assert fig.three_way == pytest.approx(2 / 4)                  # a and d
    assert fig.brier == pytest.approx((0.01 + 0.64 + 0.09) / 3)
    assert (fig.decided, fig.decided_accuracy) == (2, 0.5)
    assert [row[1] for row in fig.reliability] == [1, 1, 1]


def test_veracity_baselines_count_resolved_claims_only() -> None:
    claims = [_claim("asserts", "denies", truth="false"), _claim("asserts", truth="true"),
              _claim("reports", truth="false"), _claim("denies", truth="unknown")]
    labels = [stances(c, None) for c in claims]
    got = baselines(claims, labels)
    assert got["any headline against -> false"] == pytest.approx(2 / 3)
    assert got["more for than against -> true"] == pytest.approx(1.0)
    assert got["at least as many for as against -> true"] == pytest.approx(1 / 3)


def test_veracity_headlines_become_reports_with_outlet_stance_and_hedge() -> None:
    claim = _claim("asserts", "reports", "denies", urls=("http://www.bbc.co.uk/news/1", "http://x.example/a",
                                                         "http://y.example/b"))
    items = evidence(claim, [("asserts", 1.0), ("reports", 0.8), ("denies", 0.6)])
    assert [e.assertion.stance for e in items] == [Stance.ASSERTS, Stance.ASSERTS, Stance.DENIES]
    assert [e.assertion.hedge for e in items] == [None, "reportedly", None]
    assert [e.assertion.score for e in items] == [1.0, 0.8, 0.6]
    assert items[0].outlet == "BBC" and items[1].outlet == "x.example"
    assert len({(e.assertion.subject, e.assertion.predicate, e.assertion.object) for e in items}) == 1


def test_veracity_grade_more_support_raises_debunk_lowers() -> None:
    weights = profile()
    two = grade_claim(_claim("asserts", "asserts"), [("asserts", 1.0)] * 2, weights)
    four = grade_claim(_claim(*["asserts"] * 4), [("asserts", 1.0)] * 4, weights)
    debunked = grade_claim(_claim(*["asserts"] * 4, "denies"), [("asserts", 1.0)] * 4 + [("denies", 1.0)], weights)
    assert two.probability < four.probability
    assert debunked.probability < four.probability
    assert "debunk" not in debunked.credibility_why  # the reason speaks the product's words, not the eval's


def test_veracity_same_outlet_headlines_are_one_line() -> None:
    claim = _claim("asserts", "asserts", urls=("http://www.bbc.co.uk/news/1", "http://www.bbc.com/news/2"))
    grade = grade_claim(claim, stances(claim, None), profile())
    assert len(grade.supporting) == 1


def test_veracity_lone_unknown_outlet_cannot_be_judged() -> None:
    claim = _claim("asserts")
    grade = grade_claim(claim, stances(claim, None), profile())
    assert grade.credibility == 6
    assert verdict(grade.probability, grade.credibility, band_of(profile())) == "unknown"


def test_veracity_shipped_profile_is_fitted_and_sane() -> None:
    weights = profile()
    low, high = band_of(weights)
    assert 0 < low <= high < 1
    assert weights["fitted"]["grouped_by"] == "claimId"
    assert weights["prior"] != load_weights()["prior"] or weights["line_base"] != load_weights()["line_base"]
    assert with_overrides(load_weights(), {"prior": 0.3})["prior"] == 0.3


@pytest.mark.parametrize(("scores", "threshold", "expected"), [
    ({"asserts": 0.45, "denies": 0.2, "reports": 0.35}, 0.0, "asserts"),   # 0: the most probable label
    ({"asserts": 0.45, "denies": 0.2, "reports": 0.35}, 0.5, "reports"),   # not sure enough to vouch: a relay
    ({"asserts": 0.7, "denies": 0.1, "reports": 0.2}, 0.5, "asserts"),
    ({"asserts": 0.3, "denies": 0.4, "reports": 0.3}, 0.9, "denies"),      # the threshold never touches denials
])
def test_veracity_reading_reads_asserts_only_above_the_threshold(scores, threshold, expected) -> None:
    label, confidence = reading(scores, threshold)
    assert (label, confidence) == (expected, scores[expected])


def test_veracity_relays_make_a_lone_debunk_judgeable_but_never_alone() -> None:
    # the fitted profile weighs relays at zero; they still show that several outlets covered the claim
    weights = profile()
    assert weights["hedged"] == 0.0
    debunk = grade_claim(_claim("denies", "reports", "reports"), [("denies", 1.0)] + [("reports", 1.0)] * 2,
                         weights)
    assert debunk.credibility != 6 and debunk.probability < 0.2
    relays = grade_claim(_claim("reports", "reports"), [("reports", 1.0)] * 2, weights)
    assert relays.credibility == 6


def test_veracity_gold_stance_needed_when_no_stancer() -> None:
    claim = Claim("c", "x", (Headline("a", "y"),))
    with pytest.raises(InvalidInput, match="no gold stance"):
        stances(claim, None)


def test_veracity_read_claims_names_file_and_problem(tmp_path: Path) -> None:
    bad = tmp_path / "claims.csv"
    bad.write_text("claimId,claimHeadline\nc,x\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="missing column"):
        read_claims(bad, EMERGENT / "articles.csv")
    truth = tmp_path / "truth.csv"
    truth.write_text("claimId,claimTruthiness\nc,maybe\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"truth.csv:2: claimTruthiness 'maybe'"):
        read_claims(EMERGENT / "train.csv", EMERGENT / "articles.csv", truth)


def test_cli_eval_veracity_smoke_on_emergent_subset(tmp_path: Path) -> None:
    # the command on the first 15 claims of the real train split, both stance modes
    out = tmp_path / "pred.csv"
    result = runner.invoke(app, ["eval", "veracity", str(EMERGENT / "train.csv"), "--articles",
                                 str(EMERGENT / "articles.csv"), "--truth", str(EMERGENT / "truthiness.csv"),
                                 "--out", str(out), "--gold-stance", "--limit", "15", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["modes"]) == {"model", "gold"}
    for mode in report["modes"].values():
        assert mode["claims"] == 15
        assert 0 <= mode["three_way_accuracy"] <= 1 and 0 <= mode["brier"] <= 1
        assert len(mode["baselines"]) == 3
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 15 and set(rows[0]) == {"claimId", "probability", "verdict", "credibility"}
    assert {r["verdict"] for r in rows} <= {"true", "false", "unknown"}
    assert all(1 <= int(r["credibility"]) <= 6 for r in rows)


def test_cli_eval_veracity_table_and_clean_error(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["eval", "veracity", str(EMERGENT / "train.csv"), "--articles",
                             str(EMERGENT / "articles.csv"), "--truth", str(EMERGENT / "truthiness.csv"),
                             "--limit", "5"])
    assert ok.exit_code == 0, ok.output
    assert "reliability" in ok.output and "Brier" in ok.output
    missing = runner.invoke(app, ["eval", "veracity", str(tmp_path / "nope.csv"), "--articles",
                                  str(EMERGENT / "articles.csv")])
    assert missing.exit_code != 0 and "nope.csv" in missing.output and "Traceback" not in missing.output
