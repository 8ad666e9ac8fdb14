"""Event roles: who did it (perpetrator organisation or individual), to what (target), to whom (victim), with what
(weapon).

Why a learned scorer over candidate phrases: rules on the dependency path alone ("nsubj of kill") miss most fillers
in real reports, where the perpetrator sits three sentences away from the verb or inside "members of X". A
logistic model over capitalisation-free features (head lemma, path to the nearest attack word, lexicon class) is
trained on MUC-4 train by ``bench/train_roles.py`` and ships as ``data/roles_model.json``; a document-level gate
from the same file keeps documents that report no incident free of fillers. The same function serves the product
and the MUC-4 benchmark.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.tokens import Doc

from veracity.extract.roles.candidates import DATA, Candidate, find_candidates, gate_features, load_lexicon, rule_target

ROLES: tuple[str, ...] = ("perpetrator_ind", "perpetrator_org", "target", "victim", "weapon")
MODEL_FILE = "roles_model.json"
_RULE_MARGIN = 0.01


@dataclass(frozen=True)
class RoleFiller:
    """One phrase filling an event role, with its sentence and the attack word it hangs on."""

    role: str
    start_char: int
    end_char: int
    text: str
    sent_start: int
    sent_end: int
    trigger: str | None
    trigger_char: int | None
    score: float


@dataclass(frozen=True)
class RoleModel:
    """Weights of the candidate scorer (one logistic model per role) and of the document gate.

    The role weights are one numpy row per feature so that scoring a candidate is one gather and one sum.
    """

    index: dict[str, int]
    matrix: np.ndarray
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    gate_weights: dict[str, float]
    gate_bias: float
    gate_threshold: float
    rules: frozenset[str] = frozenset()
    caps: tuple[int, ...] | None = None
    stack: tuple[float, ...] | None = None

    def role_probs(self, features: Iterable[str]) -> list[float]:
        """Probability of each role in :data:`ROLES` for one candidate; unknown features weigh nothing."""
        rows = [i for i in map(self.index.get, features) if i is not None]
        sums = self.matrix[rows].sum(axis=0) + self.bias
        return [_sigmoid(float(x)) for x in sums]

    def role_probs_many(self, rows: Sequence[Iterable[str]]) -> np.ndarray:
        """Probabilities for many candidates at once (one gather, one segmented sum): the document hot path."""
        zero = len(self.index)  # the matrix's last row is zeros, so a candidate with no known feature still sums
        idx: list[int] = []
        starts: list[int] = []
        for features in rows:
            starts.append(len(idx))
            idx.append(zero)
            idx.extend(i for i in map(self.index.get, features) if i is not None)
        if not rows:
            return np.zeros((0, len(self.bias)))
        sums = np.add.reduceat(self.matrix[idx], starts, axis=0) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(sums, -30, 30))))

    def gate_prob(self, features: Iterable[str]) -> float:
        """Probability that the document reports an incident at all, from its attack words alone."""
        return _sigmoid(self.gate_bias + sum(self.gate_weights.get(f, 0.0) for f in features))

    def incident_prob(self, gate_p: float, probs: np.ndarray) -> float:
        """The gate refined by the candidates: a document whose best victim or target is weak reports nothing.

        ``stack`` holds a bias and one weight per value of :func:`incident_features`; without it the plain gate.
        """
        if self.stack is None:
            return gate_p
        return _sigmoid(self.stack[0] + float(np.dot(self.stack[1:], incident_features(gate_p, probs))))


def incident_features(gate_p: float, probs: np.ndarray) -> np.ndarray:
    """Inputs of the stacked gate: the gate's log-odds, the best probability of each role, how many candidates
    look like fillers (log-scaled)."""
    gate_p = min(max(gate_p, 1e-6), 1 - 1e-6)
    best = probs.max(axis=0) if len(probs) else np.zeros(len(ROLES))
    strong = float((probs.max(axis=1) >= 0.3).sum()) if len(probs) else 0.0
    return np.array([math.log(gate_p / (1 - gate_p)), *best, math.log1p(strong)])


def _sigmoid(x: float) -> float:
    """Logistic function, safe for large magnitudes."""
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@cache
def load_model() -> RoleModel:
    """Read the trained weights once per process."""
    raw = json.loads((DATA / MODEL_FILE).read_text(encoding="utf-8"))
    names = sorted(raw["weights"])
    return RoleModel(
        index={name: i for i, name in enumerate(names)},
        matrix=np.array([*(raw["weights"][name] for name in names), [0.0] * len(ROLES)], dtype=np.float64),
        bias=tuple(raw["bias"]),
        thresholds=tuple(raw["thresholds"]),
        gate_weights=raw["gate"]["weights"],
        gate_bias=raw["gate"]["bias"],
        gate_threshold=raw["gate"]["threshold"],
        rules=frozenset(raw.get("rules", [])),
        caps=tuple(raw["caps"]) if raw.get("caps") else None,
        stack=tuple(raw["gate"]["stack"]) if raw["gate"].get("stack") else None,
    )


def score_candidates(sdoc: Doc, model: RoleModel | None = None) -> list[tuple[Candidate, np.ndarray]]:
    """Every candidate phrase of the document with its per-role probabilities."""
    model = model or load_model()
    cands = [cand for cand, _ in find_candidates(sdoc)]
    return list(zip(cands, model.role_probs_many([c.features for c in cands]), strict=True))


def select_fillers(
    sdoc: Doc,
    scored: Sequence[tuple[Candidate, Sequence[float] | np.ndarray]],
    thresholds: Sequence[float],
    rules: frozenset[str] = frozenset(),
    caps: Sequence[int] | None = None,
) -> list[RoleFiller]:
    """Keep candidates whose best role clears its threshold, one phrase (the likeliest) per head word and role.

    Nested forms of one phrase ("tank truck", "truck") share a head, so only the best-scored form survives. A
    phrase matching one of the enabled syntactic ``rules`` scores at least its role's threshold: the trainer keeps
    only the patterns that cross-validation on MUC-4 supports. ``caps`` keeps at most that many phrases per role,
    the best-scored: a report names few perpetrators and victims, and the long tail is mostly bystanders.
    """
    best: dict[tuple[int, int], tuple[float, Candidate]] = {}
    lex = load_lexicon()
    for cand, probs in scored:
        if cand.rule is not None and cand.rule in rules:
            probs = _lift(probs, ROLES.index(rule_target(cand.rule, lex)), thresholds, _RULE_MARGIN)
        role = max(range(len(ROLES)), key=lambda r: probs[r] - thresholds[r])
        if probs[role] < thresholds[role]:
            continue
        key = (cand.head, role)
        if key not in best or probs[role] > best[key][0]:
            best[key] = (probs[role], cand)
    kept = sorted(((prob, role, cand) for (_, role), (prob, cand) in best.items()), key=lambda x: -x[0])
    if caps is not None:
        counts = [0] * len(ROLES)
        kept = [k for k in kept if _count(counts, k[1]) <= caps[k[1]]]
    fillers = [_filler(sdoc, cand, role, prob) for prob, role, cand in kept]
    return sorted(fillers, key=lambda f: (f.start_char, f.role))


def _count(counts: list[int], role: int) -> int:
    """Increment and return the running count of one role (for the caps)."""
    counts[role] += 1
    return counts[role]


def _lift(probs: Sequence[float] | np.ndarray, role: int, thresholds: Sequence[float], floor: float) -> list[float]:
    """Raise one role's probability to its threshold plus ``floor`` (never lower it)."""
    lifted = list(probs)
    lifted[role] = max(lifted[role], min(1.0, thresholds[role] + floor))
    return lifted


def _filler(sdoc: Doc, cand: Candidate, role: int, prob: float) -> RoleFiller:
    """Build the public record of one selected candidate."""
    span = sdoc[cand.start : cand.end]
    trig = sdoc[cand.trigger] if cand.trigger is not None else None
    return RoleFiller(
        role=ROLES[role],
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        sent_start=span.sent.start_char,
        sent_end=span.sent.end_char,
        trigger=trig.text if trig is not None else None,
        trigger_char=trig.idx if trig is not None else None,
        score=round(float(prob), 4),
    )


def find_roles(sdoc: Doc) -> list[RoleFiller]:
    """Role fillers of a parsed document, or none when the document does not read as reporting an attack."""
    model = load_model()
    gate_p = model.gate_prob(gate_features(sdoc))
    if model.stack is None and gate_p < model.gate_threshold:
        return []
    scored = score_candidates(sdoc, model)
    probs = np.array([p for _, p in scored]).reshape(-1, len(ROLES))
    if model.incident_prob(gate_p, probs) < model.gate_threshold:
        return []
    return select_fillers(sdoc, scored, model.thresholds, model.rules, model.caps)
