"""Fit the Emergent grading profile (``veracity train grades``): the weights that matter, by claim-grouped CV.

What is fitted, over a small grid, with every claim graded by the product's own :class:`Assessor`:

- ``prior`` (the base rate of a rumour before any headline), ``line_base`` (what one independent line adds),
  ``interest.independent_denial`` (what a debunk weighs against a repeat), ``hedged`` (what an "observing"
  headline, hedged "reportedly", counts for) and ``stance.asserts_above`` (how sure the stance model must be
  before a headline is read as asserting rather than relaying; extracted stances only): chosen by the Brier
  score of p on the resolved training claims;
- the verdict band (``verdict.false_below`` / ``true_above``): chosen by three-way accuracy on the training claims.

The figures printed are cross-validated: claims are split into folds (every headline of a claim in one fold),
the choice is made on the other folds and scored on the held-out one. Two stance modes are reported: the gold
stances, and the *extracted* stances - the headline figure - which come from the product's stance recipe
retrained without the held-out fold's claims (the shipped stance model saw all of train, so using it here would
leak). The shipped profile is then fitted on all of train with those out-of-fold extracted stances, the noise the
product meets on new claims.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from veracity.assess.stance import LABELS, MODEL_FILE, StanceModel
from veracity.assess.stance_features import features
from veracity.assess.weights import Weights, load_weights, with_overrides
from veracity.evaluate.claims import Claim, Reading, read_claims
from veracity.evaluate.veracity import Figures, Prediction, baselines, figures, reading, stances, verdict

GRID: dict[str, tuple[float, ...]] = {
    "prior": (0.1, 0.15, 0.2, 0.3, 0.5),
    "line_base": (0.5, 0.7, 1.0, 1.4),
    "independent_denial": (3.0, 5.0, 8.0),
    "hedged": (0.0, 0.25, 0.5),
    "asserts_above": (0.0, 0.5, 0.6),
}
CUTS = tuple(round(0.05 * k, 2) for k in range(2, 19))
Setting = tuple[float, ...]
Graded = dict[Setting, list[tuple[float, int]]]
Log = Callable[[str], None]


def overrides(setting: Setting) -> dict[str, Any]:
    """A grid point as a weights overlay (``asserts_above`` only when the setting has one)."""
    prior, line_base, denial, hedged, *rest = setting
    over: dict[str, Any] = {"prior": prior, "line_base": line_base, "hedged": hedged,
                            "interest": {"independent_denial": denial}}
    if rest:
        over["stance"] = {"asserts_above": rest[0]}
    return over


def folds_of(claims: Sequence[Claim], k: int) -> list[int]:
    """A fold per claim, from a hash of its id: deterministic, and every headline of a claim in one fold."""
    return [int(hashlib.sha256(c.id.encode()).hexdigest(), 16) % k for c in claims]


def fit_stance(claims: Sequence[Claim]) -> StanceModel:
    """The product's stance recipe (bench/train_stance.py's chosen C and word pruning) on these claims only."""
    cv = _shipped_cv()
    feats, labels, groups = [], [], []
    for c in claims:
        for h in c.headlines:
            feats.append(features(c.text, h.text)[0])
            labels.append(str(h.gold))
            groups.append(c.id)
    seen: dict[str, set[str]] = defaultdict(set)
    for f, g in zip(feats, groups, strict=True):
        for name in f:
            if name.startswith("w="):
                seen[name].add(g)
    keep = {n for n, gs in seen.items() if len(gs) >= int(cv.get("min_claims", 8))}
    feats = [{n: v for n, v in f.items() if not n.startswith("w=") or n in keep} for f in feats]
    vec = DictVectorizer()
    lr = LogisticRegression(C=float(cv.get("C", 0.3)), max_iter=2000, fit_intercept=False)
    lr.fit(vec.fit_transform(feats), labels)
    order = [list(lr.classes_).index(label) for label in LABELS]
    coef = lr.coef_[order]
    return StanceModel({n: tuple(float(w) for w in coef[:, j]) for n, j in vec.vocabulary_.items()}, "oof")


def _shipped_cv() -> dict[str, Any]:
    """The setting bench/train_stance.py chose by grouped CV (kept in the shipped stance model file)."""
    raw = json.loads((resources.files("veracity.model") / "data" / MODEL_FILE).read_text(encoding="utf-8"))
    return dict(raw.get("cv") or {"C": 0.3, "min_claims": 8})


Scores = list[list[dict[str, float]]]
"""Per claim, per headline: the stance model's probability of each label."""


def out_of_fold_scores(claims: Sequence[Claim], folds: Sequence[int], k: int) -> Scores:
    """Each headline's label probabilities from a stance model trained without its claim's fold."""
    scores: Scores = [[] for _ in claims]
    for fold in range(k):
        fitted = fit_stance([c for c, f in zip(claims, folds, strict=True) if f != fold])
        for i, c in enumerate(claims):
            if folds[i] == fold:
                scores[i] = [fitted.scores(features(c.text, h.text)[0]) for h in c.headlines]
    return scores


Reader = Callable[[float], Sequence[list[Reading]]]
"""Every claim's headline stances read with one ``asserts_above`` threshold."""


def scores_reader(scores: Scores) -> Reader:
    """The out-of-fold probabilities read as stances, once per threshold."""
    cache: dict[float, list[list[Reading]]] = {}

    def read(threshold: float) -> list[list[Reading]]:
        if threshold not in cache:
            cache[threshold] = [[reading(s, threshold) for s in claim] for claim in scores]
        return cache[threshold]

    return read


def fixed_reader(labels: Sequence[list[Reading]]) -> Reader:
    """Readings that no threshold changes (the gold stances)."""
    return lambda _threshold: labels


def threshold_of(setting: Setting) -> float:
    """A grid point's ``asserts_above`` (0, the most probable label, when the setting has none)."""
    return setting[4] if len(setting) > 4 else 0.0


def grade_grid(claims: Sequence[Claim], read: Reader, base: Weights,
               grid: dict[str, tuple[float, ...]]) -> Graded:
    """(probability, credibility) of every claim under every grid point, graded by the product's Assessor."""
    from veracity.evaluate.veracity import grade_claim

    out: Graded = {}
    for setting in itertools.product(*grid.values()):
        weights = with_overrides(base, overrides(setting))
        labels = read(threshold_of(setting))
        out[setting] = [(g.probability, g.credibility) for g in
                        (grade_claim(c, lab, weights) for c, lab in zip(claims, labels, strict=True))]
    return out


def _brier(graded: list[tuple[float, int]], claims: Sequence[Claim], idx: Sequence[int]) -> float:
    resolved = [i for i in idx if claims[i].resolved]
    return sum((graded[i][0] - (claims[i].truth == "true")) ** 2 for i in resolved) / max(len(resolved), 1)


def choose(graded: Graded, claims: Sequence[Claim], idx: Sequence[int]) -> tuple[Setting, tuple[float, float]]:
    """The grid point with the lowest Brier on ``idx``'s resolved claims, then the band best at three-way there."""
    setting = min(graded, key=lambda s: (round(_brier(graded[s], claims, idx), 6), s))
    rows = graded[setting]

    def three_way(band: tuple[float, float]) -> float:
        return sum(verdict(*rows[i], band) == claims[i].truth for i in idx)

    bands = [(lo, hi) for lo in CUTS for hi in CUTS if lo <= hi]
    band = max(bands, key=lambda b: (three_way(b), -(b[1] - b[0])))
    return setting, band


@dataclass(frozen=True, slots=True)
class ModeResult:
    """Cross-validated figures of one stance mode, its baselines and the choice made on each fold."""

    mode: str
    figures: Figures
    baselines: dict[str, float]
    choices: list[tuple[Setting, tuple[float, float]]]
    stance_accuracy: float


def cross_validate(claims: Sequence[Claim], read: Reader, folds: Sequence[int], k: int,
                   graded: Graded, mode: str) -> ModeResult:
    """Choose on k-1 folds, predict the held-out one; figures over all out-of-fold predictions.

    The stances scored (headline accuracy, baselines) are each held-out claim's, read with its fold's choice.
    """
    preds: dict[int, Prediction] = {}
    labels: dict[int, list[Reading]] = {}
    choices = []
    for fold in range(k):
        train = [i for i, f in enumerate(folds) if f != fold]
        setting, band = choose(graded, claims, train)
        choices.append((setting, band))
        read_now = read(threshold_of(setting))
        for i, f in enumerate(folds):
            if f == fold:
                p, cred = graded[setting][i]
                preds[i] = Prediction(claims[i].id, p, cred, verdict(p, cred, band), claims[i].truth)
                labels[i] = read_now[i]
    ordered = [preds[i] for i in range(len(claims))]
    return _result(claims, [labels[i] for i in range(len(claims))], ordered, choices, mode)


def _result(claims: Sequence[Claim], labels: list[list[Reading]], ordered: list[Prediction],
            choices: list[tuple[Setting, tuple[float, float]]], mode: str) -> ModeResult:
    gold = [h.gold for c in claims for h in c.headlines]
    got = [x for lab in labels for x, _ in lab]
    agree = sum(g == p for g, p in zip(gold, got, strict=True)) / max(len(got), 1)
    return ModeResult(mode, figures(ordered), baselines(claims, labels), choices, agree)


def train(claims_csv: Path, articles: Path, truth: Path, *, k: int = 5, limit: int | None = None,
          grid: dict[str, tuple[float, ...]] | None = None,
          log: Log = print) -> tuple[dict[str, Any], list[ModeResult]]:
    """Cross-validate both stance modes, print the figures, and return the profile fitted on all claims."""
    chosen_grid = grid or GRID
    claims = read_claims(claims_csv, articles, truth, gold_stance=True, limit=limit)
    folds = folds_of(claims, k)
    base = load_weights()
    modes = {"gold": fixed_reader([stances(c, None) for c in claims]),
             "extracted": scores_reader(out_of_fold_scores(claims, folds, k))}
    results, graded_by_mode = [], {}
    for mode, read in modes.items():
        # a gold stance has no probability to threshold: the gold grid leaves asserts_above at 0
        mode_grid = chosen_grid if mode == "extracted" else {**chosen_grid, "asserts_above": (0.0,)}
        graded_by_mode[mode] = graded = grade_grid(claims, read, base, mode_grid)
        result = cross_validate(claims, read, folds, k, graded, mode)
        results.append(result)
        _log_result(result, log)
    setting, band = choose(graded_by_mode["extracted"], claims, range(len(claims)))
    result = next(r for r in results if r.mode == "extracted")
    profile = {**overrides(setting), "verdict": {"false_below": band[0], "true_above": band[1]},
               "fitted": {"on": f"Emergent train, {len(claims)} claims, out-of-fold extracted stances",
                          "folds": k, "grouped_by": "claimId", **result.figures.as_dict(),
                          "baselines": {n: round(v, 4) for n, v in result.baselines.items()}}}
    profile["fitted"].pop("reliability")
    log(f"fitted on all claims: {overrides(setting)} band {band}")
    return profile, results


def _log_result(r: ModeResult, log: Log) -> None:
    f = r.figures
    log(f"{r.mode} stance (headline stance accuracy {r.stance_accuracy:.3f}): resolved accuracy "
        f"{f.resolved_accuracy:.3f} on {f.resolved}, three-way {f.three_way:.3f} on {f.n}, Brier {f.brier:.3f}")
    for name, value in r.baselines.items():
        log(f"  baseline {name}: {value:.3f}")
    for fold, (setting, band) in enumerate(r.choices):
        log(f"  fold {fold}: {overrides(setting)} band {band}")


def write_profile(profile: dict[str, Any], target: Path) -> None:
    """The profile as YAML with a header saying where it came from (merged over weights.yaml when loaded)."""
    header = ("# Emergent grading profile, fitted by `veracity train grades` (src/veracity/train/grades.py) with\n"
              "# claim-grouped cross-validation; merged over weights.yaml. Do not edit by hand: retrain.\n")
    target.write_text(header + yaml.safe_dump(profile, sort_keys=True), encoding="utf-8")
