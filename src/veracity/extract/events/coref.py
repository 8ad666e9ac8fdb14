"""Incident coreference inside a document: which of the events found are one incident ("the raid", "the blast"
and the named attack), decided by a pairwise model and merged.

Why learned: the event finder already merges mentions by label and by anaphora, yet on real reports a quarter of
its violent events duplicate another; whether "an armed assault in Turbat" and "the attack on the naval air
station" are one incident depends on several weak signals at once (type, place, date, counts, wording, distance),
which a logistic model weighs from ``../shared/corpus/train`` (``veracity train events``) better than a rule that
picks one. Weights ship as ``data/event_coref_model.json``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from veracity.extract.events.finder import EventMention
from veracity.extract.text.linear import LinearModel, read_model

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "event_coref_model.json"
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "and", "by", "for", "from", "with", "this", "that",
                   "undated"})
_FAMILIES = {"war": "war", "clash": "clash", "takeover": "takeover"}


@dataclass(frozen=True)
class CorefModel:
    """The pairwise model and the probability above which two events are merged (chosen on training folds)."""

    pair: LinearModel
    threshold: float
    meta: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"meta": self.meta, "threshold": self.threshold, "pair": self.pair.to_json()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CorefModel:
        return cls(LinearModel.from_json(raw["pair"]), float(raw["threshold"]), raw.get("meta", {}))


@cache
def load_model(path: str | None = None) -> CorefModel:
    """The shipped (or a given) model file, read once per process."""
    return read_model(Path(path) if path else MODEL_PATH, CorefModel.from_json, "event coreference model", "events")


def _words(texts: Sequence[str]) -> set[str]:
    return {w for t in texts for w in _WORD.findall(t.casefold()) if w not in _STOP}


def _compare(name: str, a: object, b: object) -> str:
    if a is None and b is None:
        return f"{name}=none"
    if a is None or b is None:
        return f"{name}=one"
    if a == b:
        return f"{name}=same"
    if name == "date" and (str(a).startswith(str(b)) or str(b).startswith(str(a))):
        return "date=prefix"
    return f"{name}=diff"


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(1 for e in edges if value >= e)


def _sentence_of(event: EventMention, sent_index: Sequence[int]) -> int:
    first = min(event.triggers, default=0)
    return sent_index[min(first, len(sent_index) - 1)] if sent_index else 0


def pair_features(sdoc: Doc, a: EventMention, b: EventMention, sent_index: Sequence[int]) -> list[str]:
    """Features of two events of one document (order-free: the earlier one is ``a``)."""
    if min(b.triggers, default=0) < min(a.triggers, default=0):
        a, b = b, a
    types = sorted((a.type, b.type))
    feats = [f"types={types[0]}|{types[1]}", "same_type" if a.type == b.type else "other_type"]
    fam_a, fam_b = _FAMILIES.get(a.type, "incident"), _FAMILIES.get(b.type, "incident")
    feats.append("same_family" if fam_a == fam_b else "other_family")
    for name in ("place", "date", "country", "killed", "injured"):
        feats.append(_compare(name, getattr(a, name), getattr(b, name)))
    feats.append(f"known={int(a.known)}{int(b.known)}")
    wa, wb = _words([a.label, *a.surfaces]), _words([b.label, *b.surfaces])
    jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    feats.append(f"words={_bucket(jaccard, (0.01, 0.15, 0.3, 0.5))}")
    sa, sb = _words(a.surfaces), _words(b.surfaces)
    feats.append(f"surfaces={_bucket(len(sa & sb) / len(sa | sb) if sa | sb else 0.0, (0.01, 0.2, 0.5))}")
    gap = abs(_sentence_of(b, sent_index) - _sentence_of(a, sent_index))
    feats.append(f"gap={_bucket(gap, (1, 2, 3, 6))}")
    definite = all(s.casefold().startswith(("the ", "this ", "that ")) for s in b.surfaces) if b.surfaces else False
    feats.append(f"b_definite={int(definite)}")
    feats.append(f"mentions={_bucket(len(a.triggers), (2, 4))}{_bucket(len(b.triggers), (2, 4))}")
    return feats


def sentence_index(sdoc: Doc) -> list[int]:
    """The sentence number of every token (asking a token for its sentence walks the document each time)."""
    out = [0] * len(sdoc)
    for k, sent in enumerate(sdoc.sents):
        out[sent.start : sent.end] = [k] * (sent.end - sent.start)
    return out


def _representative(events: Sequence[EventMention]) -> EventMention:
    """The event that names a merged incident: a known one, else the most fully described, else the first."""
    def rank(e: EventMention) -> tuple[int, int, int]:
        filled = sum(getattr(e, n) is not None for n in ("date", "place", "killed", "injured"))
        return (int(e.known), filled, -min(e.triggers, default=0))

    return max(events, key=rank)


def _absorb(into: EventMention, other: EventMention) -> None:
    into.triggers += [i for i in other.triggers if i not in into.triggers]
    into.surfaces += [s for s in other.surfaces if s not in into.surfaces]
    for attr in ("date", "place", "country", "killed", "injured"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(other, attr))


def merge_events(sdoc: Doc, events: list[EventMention], model: CorefModel | None = None) -> list[EventMention]:
    """The document's events with coreferent ones merged (most probable pairs first; two known events of
    different names are never one)."""
    if len(events) < 2:
        return events
    model = model or load_model()
    index = sentence_index(sdoc)
    pairs = [(i, j) for i in range(len(events)) for j in range(i + 1, len(events))]
    probs = model.pair.probs([pair_features(sdoc, events[i], events[j], index) for i, j in pairs])[:, 1]
    parent = list(range(len(events)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for (i, j), p in sorted(zip(pairs, probs, strict=True), key=lambda x: -x[1]):
        if p < model.threshold:
            break
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        known = {e.label for k, e in enumerate(events) if e.known and root(k) in {ri, rj}}
        if len(known) > 1:
            continue
        parent[rj] = ri
    groups: dict[int, list[EventMention]] = {}
    for k, e in enumerate(events):
        groups.setdefault(root(k), []).append(e)
    merged = []
    for members in groups.values():
        head = _representative(members)
        for other in members:
            if other is not head:
                _absorb(head, other)
        merged.append(head)
    return merged
