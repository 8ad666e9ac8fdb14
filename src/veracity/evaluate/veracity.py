"""Calibration on claims whose truth is known (``veracity eval veracity CLAIMS.csv --articles A.csv --truth T.csv``).

Each Emergent claim goes through the product's own path: its headlines become reports (:mod:`.claims`) with the
stance the product's stance model reads from each headline (or the gold stance, to separate stance errors from
grading errors), the claim is graded by :class:`veracity.assess.grade.Assessor`, and the grade's probability and
credibility are mapped to a verdict:

- credibility 6 (the evidence supports no judgement) -> unknown;
- probability below the profile's ``verdict.false_below`` -> false, above ``verdict.true_above`` -> true;
- in between -> unknown (the product could not decide).

The weights that matter (prior, line weight, debunk weight, hedged weight) and the verdict band are fitted by
``veracity train grades`` with claim-grouped cross-validation and shipped as the Emergent profile
(``model/data/weights_emergent.yaml``, merged over ``weights.yaml`` like any user weights file).

Figures: accuracy on the resolved claims (true vs false, predicted true when p > 0.5), three-way accuracy (every
claim, unknown included), the Brier score of p on the resolved claims, a reliability table, and two baselines
computed in the same run from the same stances.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from rich.table import Table

from veracity.assess.grade import Assessor, Grade
from veracity.assess.stance import classify
from veracity.assess.weights import Weights, load_weights
from veracity.evaluate.claims import Claim, Reading, evidence, read_claims
from veracity.model.errors import InvalidInput

PROFILE = "weights_emergent.yaml"
BINS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
Stancer = Callable[[str, str], Reading]
"""(claim text, headline) -> (asserts | denies | reports, confidence)."""


def profile_path() -> str:
    """The shipped Emergent profile's path (a weights file the ``weights`` loader merges over the defaults)."""
    return str(resources.files("veracity.model") / "data" / PROFILE)


def profile() -> Weights:
    """The shipped weights with the fitted Emergent profile merged over them."""
    return load_weights(profile_path())


def reading(scores: dict[str, float], asserts_above: float = 0.0) -> Reading:
    """A headline's stance from the stance model's label probabilities, and that label's probability.

    The most probable label, except that a headline is read as asserting only when the model gives "asserts"
    at least ``asserts_above`` (the profile's ``stance.asserts_above``); below it the headline is read as only
    relaying the claim. The model confuses relaying with asserting more than anything else, and an outlet that
    is read as vouching for a rumour it only relays corroborates nothing.
    """
    label = max(scores, key=lambda lab: scores[lab])
    if label == "asserts" and scores[label] < asserts_above:
        label = "reports"
    return label, float(scores[label])


def asserts_above(weights: Weights) -> float:
    """The profile's threshold for reading a headline as asserting (0: the most probable label)."""
    return float((weights.raw.get("stance") or {}).get("asserts_above", 0.0))


def model_stancer(weights: Weights) -> Stancer:
    """The product's stance model on one headline, read with the profile's ``asserts_above``."""
    threshold = asserts_above(weights)

    def stance(claim: str, headline: str) -> Reading:
        return reading(classify(claim, headline).scores, threshold)

    return stance


def stances(claim: Claim, stancer: Stancer | None) -> list[Reading]:
    """The stance of every headline: the stancer's, or the gold one when ``stancer`` is None."""
    if stancer is not None:
        return [stancer(claim.text, h.text) for h in claim.headlines]
    missing = [h.article_id for h in claim.headlines if h.gold is None]
    if missing:
        raise InvalidInput(f"claim {claim.id}: no gold stance for article {missing[0]}",
                           fix="read the claims with their articleHeadlineStance column, or use the stance model")
    return [(str(h.gold), 1.0) for h in claim.headlines]


def grade_claim(claim: Claim, labels: list[Reading], weights: Weights) -> Grade:
    """The product's grade of the claim from its headlines, dated at its latest headline (so nothing ages)."""
    items = evidence(claim, labels)
    today = date.fromisoformat(claim.latest) if claim.latest else None
    assessor = Assessor(items, weights=weights, background=False, today=today)
    props = assessor.propositions()
    if len(props) != 1:
        raise InvalidInput(f"claim {claim.id}: expected one proposition, built {len(props)}",
                           fix="every headline of a claim must grade the same claim")
    return assessor.grade(props[0])


def verdict(probability: float, credibility: int, band: tuple[float, float]) -> str:
    """true | false | unknown from a grade: unknown when it cannot be judged or p lies inside the band."""
    false_below, true_above = band
    if credibility == 6:
        return "unknown"
    if probability < false_below:
        return "false"
    if probability > true_above:
        return "true"
    return "unknown"


def band_of(weights: Weights) -> tuple[float, float]:
    """The verdict band of a weights profile (an even 0.5 / 0.5 split when the profile has none)."""
    spec = weights.raw.get("verdict") or {}
    return float(spec.get("false_below", 0.5)), float(spec.get("true_above", 0.5))


@dataclass(frozen=True, slots=True)
class Prediction:
    """One claim's grade as the evaluation reads it."""

    claim_id: str
    probability: float
    credibility: int
    verdict: str
    truth: str | None = None


def predict(claims: Sequence[Claim], labels: Sequence[list[Reading]], weights: Weights,
            band: tuple[float, float] | None = None) -> list[Prediction]:
    """Grade every claim and map it to a verdict with ``band`` (default: the profile's)."""
    chosen = band or band_of(weights)
    out = []
    for claim, claim_labels in zip(claims, labels, strict=True):
        g = grade_claim(claim, claim_labels, weights)
        out.append(Prediction(claim.id, g.probability, g.credibility, verdict(g.probability, g.credibility, chosen),
                              claim.truth))
    return out


@dataclass(frozen=True, slots=True)
class Figures:
    """The calibration figures of a set of predictions with known truth."""

    n: int
    resolved: int
    resolved_accuracy: float
    three_way: float
    brier: float
    decided: int
    decided_accuracy: float
    reliability: list[tuple[str, int, float, float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"claims": self.n, "resolved": self.resolved, "resolved_accuracy": round(self.resolved_accuracy, 4),
                "three_way_accuracy": round(self.three_way, 4), "brier": round(self.brier, 4),
                "resolved_given_a_verdict": self.decided, "accuracy_of_those_verdicts": round(self.decided_accuracy, 4),
                "reliability": [{"bin": b, "claims": n, "mean_p": round(p, 4), "share_true": round(t, 4)}
                                for b, n, p, t in self.reliability]}


def figures(predictions: Sequence[Prediction]) -> Figures:
    """Resolved accuracy (p > 0.5 -> true), three-way accuracy, Brier on resolved claims, reliability table."""
    known = [p for p in predictions if p.truth is not None]
    resolved = [p for p in known if p.truth in ("true", "false")]
    right = sum((p.probability > 0.5) == (p.truth == "true") for p in resolved)
    brier = sum((p.probability - (p.truth == "true")) ** 2 for p in resolved)
    decided = [p for p in resolved if p.verdict != "unknown"]
    return Figures(len(known), len(resolved), right / len(resolved) if resolved else 0.0,
                   sum(p.verdict == p.truth for p in known) / len(known) if known else 0.0,
                   brier / len(resolved) if resolved else 0.0, len(decided),
                   sum(p.verdict == p.truth for p in decided) / len(decided) if decided else 0.0,
                   reliability(resolved))


def reliability(resolved: Sequence[Prediction]) -> list[tuple[str, int, float, float]]:
    """(bin, claims, mean p, share resolved true) per probability bin that holds any resolved claim."""
    rows = []
    low = 0.0
    for high in BINS:
        inside = [p for p in resolved if low <= p.probability < high or (high == 1.0 and p.probability == 1.0)]
        if inside:
            rows.append((f"{low:.1f}-{high:.1f}", len(inside), sum(p.probability for p in inside) / len(inside),
                         sum(p.truth == "true" for p in inside) / len(inside)))
        low = high
    return rows


def baselines(claims: Sequence[Claim], labels: Sequence[list[Reading]]) -> dict[str, float]:
    """Baselines on the resolved claims, from the same stances the grades used.

    The issue quotes "more for than against -> true" at 58% with the gold stances; that figure is what counting
    ties as true gives (at least as many for as against), so both readings are reported.
    """
    any_against = more_for = at_least = n = 0
    for claim, claim_labels in zip(claims, labels, strict=True):
        if not claim.resolved:
            continue
        n += 1
        truth = claim.truth == "true"
        said = [label for label, _ in claim_labels]
        n_for, n_against = said.count("asserts"), said.count("denies")
        any_against += (n_against == 0) == truth
        more_for += (n_for > n_against) == truth
        at_least += (n_for >= n_against) == truth
    return {"any headline against -> false": any_against / n if n else 0.0,
            "more for than against -> true": more_for / n if n else 0.0,
            "at least as many for as against -> true": at_least / n if n else 0.0}


@dataclass(frozen=True, slots=True)
class VeracityReport:
    """One run: figures per stance mode (``model``, and ``gold`` when the file carries gold stances)."""

    path: str
    modes: dict[str, tuple[Figures, dict[str, float]]]
    weights: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.path, "weights": self.weights,
                "modes": {m: {**f.as_dict(), "baselines": {k: round(v, 4) for k, v in b.items()}}
                          for m, (f, b) in self.modes.items()}}

    def to_table(self) -> Table:
        table = Table(title=f"Emergent veracity: {self.path} ({self.weights})")
        table.add_column("stance")
        for col in ("claims", "resolved acc", "three-way", "Brier", "any against", "more for", "for >= against"):
            table.add_column(col, justify="right")
        for mode, (f, b) in self.modes.items():
            table.add_row(mode, str(f.n), f"{f.resolved_accuracy:.3f}", f"{f.three_way:.3f}", f"{f.brier:.3f}",
                          *(f"{v:.3f}" for v in b.values()))
        return table


def reliability_table(fig: Figures, mode: str) -> Table:
    """Mean predicted probability against the share of resolved claims that proved true, per bin."""
    table = Table(title=f"reliability ({mode} stance, resolved claims)")
    for col in ("p bin", "claims", "mean p", "share true"):
        table.add_column(col, justify="right")
    for b, n, p, t in fig.reliability:
        table.add_row(b, str(n), f"{p:.3f}", f"{t:.3f}")
    return table


def write_predictions(out: Path, predictions: Sequence[Prediction]) -> None:
    """``claimId,probability,verdict,credibility`` per claim, in input order."""
    try:
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["claimId", "probability", "verdict", "credibility"])
            writer.writerows([p.claim_id, f"{p.probability:.4f}", p.verdict, p.credibility] for p in predictions)
    except OSError as exc:
        raise InvalidInput(f"cannot write {out}: {exc}", fix="choose a writable --out path") from exc


def run(claims_csv: Path, articles: Path, truth: Path | None = None, out: Path | None = None, *,
        gold: bool = False, weights: Weights | None = None, limit: int | None = None) -> VeracityReport | None:
    """Grade every claim with the product's stance model (and the gold stance when ``gold``); score with truth.

    Returns None when there is no truth file (predictions only, written to ``out``).
    """
    chosen = weights or profile()
    claims = read_claims(claims_csv, articles, truth, gold_stance=gold, limit=limit)
    stancer = model_stancer(chosen)
    labels = [stances(c, stancer) for c in claims]
    predictions = predict(claims, labels, chosen)
    if out is not None:
        write_predictions(out, predictions)
    if truth is None:
        return None
    modes = {"model": (figures(predictions), baselines(claims, labels))}
    if gold:
        gold_labels = [stances(c, None) for c in claims]
        modes["gold"] = (figures(predict(claims, gold_labels, chosen)), baselines(claims, gold_labels))
    name = "Emergent profile" if weights is None else "given weights"
    return VeracityReport(str(claims_csv), modes, name)
