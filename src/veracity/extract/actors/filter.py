"""Which names a report uses as actors: a learned judgement per entity, so that a country named only as a
location ("fighting in Afghanistan"), a festival, a language or a newspaper word is not listed as an actor.

Why learned: the registry and the NER propose every name; whether the report treats one as an acting party shows
in how its mentions are used (subject of a verb or object of "in", possessor, compound, capitals, how often),
which a logistic model weighs from ``../shared/corpus/train`` (``veracity train actors``). An entity that any
statement names (as subject, object or claimant) always stays: the filter only removes names nothing refers to.
Weights ship as ``data/actor_filter_model.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from veracity.extract.actors.finder import ActorMention, Found
from veracity.extract.text.linear import LinearModel, read_model
from veracity.model.records import Assertion

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "actor_filter_model.json"
_LOCATIVE = frozenset({"in", "into", "from", "across", "at", "to", "inside", "near", "throughout", "within", "of"})


@dataclass(frozen=True)
class ActorFilter:
    """The keep/drop model and the probability of being an actor below which an unreferenced name is dropped."""

    model: LinearModel
    threshold: float
    meta: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"meta": self.meta, "threshold": self.threshold, "model": self.model.to_json()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ActorFilter:
        return cls(LinearModel.from_json(raw["model"]), float(raw["threshold"]), raw.get("meta", {}))


@cache
def load_model(path: str | None = None) -> ActorFilter:
    """The shipped (or a given) model file, read once per process."""
    return read_model(Path(path) if path else MODEL_PATH, ActorFilter.from_json, "actor filter model", "actors")


def _mention_features(sdoc: Doc, m: ActorMention, places: set[int]) -> list[str]:
    span = sdoc[m.start : m.end]
    root = span.root
    head = root.head
    feats = [f"dep={root.dep_}", f"origin={m.origin}", f"ent={root.ent_type_ or '-'}", f"pos={root.pos_}"]
    if root.dep_ == "pobj":
        prep = head.lower_
        feats.append(f"prep={prep}")
        feats.append("locative" if prep in _LOCATIVE else "other_prep")
    if root.dep_ in {"nsubj", "nsubjpass", "agent"}:
        feats.append(f"subj_of={head.lemma_.lower()}")
        feats.append("subject")
    if any(c.dep_ == "case" for c in root.children) or root.dep_ == "poss":
        feats.append("possessor")
    if root.dep_ == "compound":
        feats.append("compound")
    if span.text.isupper() and len(span.text) > 1:
        feats.append("all_caps")
    if not span.text[:1].isupper():
        feats.append("lower")
    if places & set(range(m.start, m.end)):
        feats.append("also_place")
    return feats


def entity_features(sdoc: Doc, mentions: Sequence[ActorMention], places: set[int]) -> list[str]:
    """Features of one entity from all its mentions in the document."""
    entity = mentions[0].entity
    feats = [f"type={entity.type}", f"n={min(len(mentions), 4)}", f"words={min(len(entity.name.split()), 3)}",
             f"surfaces={min(len({m.surface for m in mentions}), 3)}"]
    seen: set[str] = set()
    for m in mentions:
        seen.update(_mention_features(sdoc, m, places))
    locative = sum(1 for m in mentions if sdoc[m.start : m.end].root.dep_ == "pobj"
                   and sdoc[m.start : m.end].root.head.lower_ in _LOCATIVE)
    feats.append(f"locative_share={round(4 * locative / len(mentions))}")
    feats.extend(sorted(seen))
    feats.extend(f"{entity.type}|{f}" for f in sorted(seen) if f.startswith(("dep=", "locative", "prep=")))
    return feats


def referenced(assertions: Sequence[Assertion]) -> set[str]:
    """Ids that some assertion names as subject, object or claimant."""
    return {x for a in assertions for x in (a.subject, a.object, a.claimant)}


def candidates(sdoc: Doc, found: Found, assertions: Sequence[Assertion]) -> dict[str, list[str]]:
    """Features of every entity no assertion names (the only ones the filter may drop), by entity id."""
    keep = referenced(assertions)
    places = {i for p in found.places for i in range(p.start, p.end)}
    by_entity: dict[str, list[ActorMention]] = {}
    for m in found.actors:
        if m.entity.id not in keep:
            by_entity.setdefault(m.entity.id, []).append(m)
    return {ident: entity_features(sdoc, ms, places) for ident, ms in by_entity.items()}


def filter_actors(sdoc: Doc, found: Found, assertions: Sequence[Assertion], model: ActorFilter | None = None,
                  ) -> set[str]:
    """Drop, from ``found``, the mentions of entities judged not to be actors; return their ids."""
    model = model or load_model()
    cands = candidates(sdoc, found, assertions)
    if not cands:
        return set()
    idents = list(cands)
    probs = model.model.probs([cands[i] for i in idents])[:, model.model.labels.index("actor")]
    dropped = {i for i, p in zip(idents, probs, strict=True) if p < model.threshold}
    found.actors = [m for m in found.actors if m.entity.id not in dropped]
    return dropped
