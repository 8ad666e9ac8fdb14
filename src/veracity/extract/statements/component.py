"""The learned statement extractor: which node pairs of a sentence are linked, by what predicate, who says so, with
what stance and hedge.

Why learned: the hand rules written on five articles found one accusation in eight on real reports. Four linear
models trained on ``../shared/corpus/train`` (``veracity train statements``, shipped as
``data/statements_model.json``) decide instead; the rules stay as proposers (the claimant finder, the events and
actors they find). Output is ordinary assertions: the article's own unhedged voice becomes a relation, everything
else a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span

from veracity.extract.context import Ctx
from veracity.extract.statements.candidates import PairCandidate, document_candidates, with_claimants
from veracity.extract.statements.features import cue_class
from veracity.extract.statements.nodes import Node, vague_name
from veracity.extract.text.linear import LinearModel, choose, read_model
from veracity.model.records import Assertion, Stance
from veracity.model.vocabulary import vocabulary

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "statements_model.json"
NONE = "none"
CLAIMS = "claims.learned"
RELATIONS = "relations.learned"
def is_rule_statement(a: Assertion) -> bool:
    """A link between actors or events found by the hand rules (what the learned statement model replaces);
    event roles and the event extractor's own perpetrators stay."""
    return a.predicate not in vocabulary().event_roles and not a.extractor.startswith("events.")


@dataclass(frozen=True)
class StatementModel:
    """The four models, the decision thresholds and the scope (what of the rules' output the model replaces:
    ``all`` statements, or only the ``relations``, the rules' claims staying beside learned claims above
    ``claim_threshold``), all chosen on training folds."""

    predicate: LinearModel
    claimant: LinearModel
    stance: LinearModel
    hedge: LinearModel
    threshold: float
    meta: dict[str, Any]
    scope: str = "all"
    claim_threshold: float = 1.0
    voice: LinearModel | None = None
    speaker: LinearModel | None = None
    voice_threshold: float = 0.5

    def to_json(self) -> dict[str, Any]:
        optional = {name: part.to_json() for name in ("voice", "speaker") if (part := getattr(self, name)) is not None}
        return {"meta": self.meta, "threshold": self.threshold, "scope": self.scope,
                "claim_threshold": self.claim_threshold, "voice_threshold": self.voice_threshold,
                **{name: getattr(self, name).to_json() for name in ("predicate", "claimant", "stance", "hedge")},
                **optional}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> StatementModel:
        parts = {name: LinearModel.from_json(raw[name]) for name in ("predicate", "claimant", "stance", "hedge")}
        optional = {name: LinearModel.from_json(raw[name]) for name in ("voice", "speaker") if name in raw}
        return cls(**parts, **optional, threshold=float(raw["threshold"]), meta=raw.get("meta", {}),
                   scope=str(raw.get("scope", "all")), claim_threshold=float(raw.get("claim_threshold", 1.0)),
                   voice_threshold=float(raw.get("voice_threshold", 0.5)))


@cache
def load_model(path: str | None = None) -> StatementModel:
    """The shipped (or a given) model file, read once per process."""
    return read_model(Path(path) if path else MODEL_PATH, StatementModel.from_json, "statement model", "statements")


def allowed(label: str, obj: Node) -> bool:
    """Type constraints from the vocabulary: an event is only ever the object of an event predicate, and only an
    event predicate takes one."""
    if label in {NONE, "other"}:
        return True
    spec = vocabulary().predicates.get(label)
    return (spec is not None and spec.object_kind == "event") == (obj.kind == "event")


def predicates(model: StatementModel, cands: Sequence[PairCandidate]) -> list[tuple[str, float]]:
    """The likeliest allowed predicate (never ``none``) of each candidate and its probability: the threshold, not
    the ``none`` class, decides whether the pair is linked, so that it can trade precision for recall."""
    probs = model.predicate.probs([c.features for c in cands])
    labels = model.predicate.labels
    out = []
    for cand, row in zip(cands, probs, strict=True):
        options = [k for k in np.argsort(-row) if labels[k] != NONE and allowed(labels[k], cand.object)]
        out.append((labels[options[0]], float(row[options[0]])) if options else (NONE, 0.0))
    return out


def _dedupe(kept: list[tuple[PairCandidate, str, float]]) -> list[tuple[PairCandidate, str, float]]:
    """One statement per sentence and unordered pair (a symmetric predicate read both ways is one link)."""
    best: dict[tuple[int, frozenset[str], str], tuple[PairCandidate, str, float]] = {}
    for cand, label, p in kept:
        spec = vocabulary().predicates.get(label)
        pair = frozenset((cand.subject.ident, cand.object.ident))
        key = (cand.sent.start, pair if spec is not None and spec.symmetric else pair | {cand.subject.ident + ">"},
               label)
        if key not in best or p > best[key][2]:
            best[key] = (cand, label, p)
    return list(best.values())


def _hedge_cue(sent: Span) -> str:
    """The word that hedges the sentence, for the record ("may", "reportedly"), or a generic marker."""
    for t in sent:
        if cue_class(t) in {"hedge", "hedgeverb"} or (t.tag_ == "MD" and t.lower_ in {"may", "might", "could"}):
            return t.text
    return "hedged"


def attribution(label: str, relation: bool, by_itself: bool, hedged: bool) -> str | None:
    """How a perpetrator line is attributed (MUC-4's categories): the article's own statement, a group claiming
    its own act, a hedged suspicion, or an accusation by someone else. Other predicates have none."""
    if label != "responsible_for":
        return None
    if relation:
        return "stated"
    if by_itself:
        return "claimed"
    return "possible" if hedged else "accused_by_authorities"


def _slot(ctx: Ctx, node: Node) -> str:
    if node.kind == "vague":
        return ctx.placeholder(vague_name(ctx.sdoc[node.start : node.end].text))
    return node.ident


def _replaced(a: Assertion, scope: str) -> bool:
    """Is this rule statement one the learned model replaces? ``all``: every link; ``relations``: only the
    article's own settled links (the rules keep the attributed claims)."""
    return is_rule_statement(a) and (scope == "all" or a.extractor.startswith("relations."))


@dataclass(frozen=True, slots=True)
class Decided:
    """One learned statement before it is kept or dropped: the assertion, its predicate probability, and whether
    it is a settled relation (the article's own voice, unhedged, asserted) or an attributed claim."""

    assertion: Assertion
    probability: float
    relation: bool
    claimant: float = 1.0


def decide(ctx: Ctx, model: StatementModel, rules: list[Assertion], floor: float) -> list[Decided]:
    """Every statement the model finds with a predicate probability of at least ``floor``, each with its claimant
    (the likeliest candidate), stance and hedge. Pure: ``ctx.assertions`` is left as it was."""
    cands = document_candidates(ctx, rules)
    kept = _dedupe([(c, label, p) for c, (label, p) in zip(cands, predicates(model, cands), strict=True)
                    if label != NONE and p >= floor])
    if not kept:
        return []
    for cand, *_ in kept:
        with_claimants(ctx, cand)
    stance = model.stance.probs([c.context for c, *_ in kept])
    hedge = model.hedge.probs([c.context for c, *_ in kept])
    settled = (model.voice.probs([voice_row(c) for c, *_ in kept])[:, model.voice.labels.index("relation")]
               if model.voice is not None else None)
    scratch = Ctx(doc=ctx.doc, sdoc=ctx.sdoc, found=ctx.found, events=ctx.events, published=ctx.published,
                  placeholders=ctx.placeholders, antecedents=ctx.antecedents)
    out: list[Decided] = []
    for k, (cand, label, p) in enumerate(kept):
        denies = stance[k, model.stance.labels.index("denies")] >= 0.5
        hedged = hedge[k, model.hedge.labels.index("hedged")] >= 0.5
        rows = [cl.features for cl in cand.claimants]
        if settled is not None and model.speaker is not None and not (settled[k] >= model.voice_threshold and not hedged
                                                                           and not denies):
            chances = choose(model.speaker, rows)  # a statement someone makes: who, among them
        else:
            chances = choose(model.claimant, rows)
        speaker = cand.claimants[int(np.argmax(chances))]
        relation = speaker.ident is None and not hedged and not denies
        scratch.assertions = []
        claimant = speaker.ident or ctx.author
        scratch.add(_slot(ctx, cand.subject), label, _slot(ctx, cand.object), claimant=claimant,
                    sent=cand.sent, extractor=RELATIONS if relation else CLAIMS,
                    stance=Stance.DENIES if denies else Stance.ASSERTS,
                    hedge=_hedge_cue(cand.sent) if hedged else None, score=round(p, 4),
                    attribution=attribution(label, relation, claimant == cand.subject.ident, hedged))
        out.extend(Decided(a, p, relation, float(chances.max())) for a in scratch.assertions)
    return out


def voice_row(cand: PairCandidate) -> list[str]:
    """What the voice model reads to tell the article's own settled link from a statement someone makes: the
    pair, its governing words, and the article voice's claimant features (is the pair under a word of saying?)."""
    return cand.features + cand.context + cand.claimants[0].features


def keeps(model: StatementModel, decided: Decided) -> bool:
    """Is a learned statement kept? A relation above the threshold; a claim above it too when the model replaces
    every rule statement, above the (stricter) claim threshold when the rules' claims stay beside it."""
    if decided.relation:
        return decided.probability >= model.threshold
    limit = model.threshold if model.scope == "all" else model.claim_threshold
    return decided.probability * decided.claimant >= limit


def split_rules(ctx: Ctx, scope: str) -> tuple[list[Assertion], list[Assertion]]:
    """The assertions that stay whatever the model decides, and every rule statement (the model's features)."""
    rules = [a for a in ctx.assertions if is_rule_statement(a)]
    return [a for a in ctx.assertions if not _replaced(a, scope)], rules


def find_statements(ctx: Ctx, model: StatementModel | None = None) -> None:
    """Replace the hand rules' statements in ``ctx.assertions`` with the learned ones, within the model's
    ``scope`` (chosen on training folds). The rules' findings are features of the model; event roles and the event
    extractor's perpetrators stay as they are."""
    model = model or load_model()
    stays, rules = split_rules(ctx, model.scope)
    learned = [d.assertion for d in decide(ctx, model, rules, min(model.threshold, model.claim_threshold))
               if keeps(model, d)]
    ctx.assertions = stays
    seen = {a.id for a in stays}
    for a in learned:
        if a.id not in seen:
            seen.add(a.id)
            ctx.assertions.append(a)
