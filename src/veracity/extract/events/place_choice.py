"""Where an incident happened: a choice among the places a report names near it, learned from annotated reports.

Why learned: the event finder places an incident only by a place inside or attached to its trigger phrase, while
reports place it across the lead ("in Bannu district on Sunday, militants ..."), the sentence before, or only in
the dateline. Which place is the incident's depends on where it sits, how it attaches ("in", "near", "from"), how
specific it is (a district over its province), and whether it is where the report was filed. A conditional logit
over those candidates (plus "as found" and "unplaced"), trained on ``../shared/corpus/train``
(``veracity train places``), chooses; weights ship as ``data/event_place_model.json``. Known incidents keep
theirs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from veracity.extract.actors.finder import Found, PlaceMention
from veracity.extract.document.structure import dateline_of
from veracity.extract.events.date_choice import attachment
from veracity.extract.events.finder import EventMention
from veracity.extract.places.finder import lookup_place
from veracity.extract.text.linear import LinearModel, choice_from_json, choose, read_model

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "event_place_model.json"
_SPECIFIC = {"site": 0, "city": 1, "district": 2, "border": 3, "province": 4, "region": 5, "country": 6}


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """One possible place of an incident (``None``: unplaced), its country, and its features."""

    name: str | None
    country: str | None
    features: list[str]


@cache
def load_model(path: str | None = None) -> LinearModel:
    """The shipped (or a given) model file, read once per process."""
    return read_model(Path(path) if path else MODEL_PATH, choice_from_json, "event place model", "places")


def _mention_features(sdoc: Doc, p: PlaceMention, where: str, triggers: set[int], counts: Counter[str],
                      first: int) -> list[str]:
    span = sdoc[p.start : p.end]
    prep = span.root.head.lemma_.lower() if span.root.head.dep_ == "prep" else "-"
    att = attachment(span, triggers)
    return [f"where={where}", f"att={att}", f"prep={prep}", f"kind={p.kind}", f"where_kind={where}:{p.kind}",
            f"where_att={where}:{att}", f"prep_kind={prep}:{p.kind}", "side=" + ("before" if p.start < first else
                                                                               "after"),
            f"mentions={min(counts[p.name], 3)}"]


def candidates(sdoc: Doc, found: Found, event: EventMention) -> list[PlaceCandidate]:
    """As found, unplaced, the dateline's place, and every place mentioned in the sentences naming the incident,
    the sentence before its first mention and the lead."""
    triggers = {i for i in event.triggers if i < len(sdoc)}
    if not triggers:
        return []
    first = min(triggers)
    sents = list(sdoc.sents)
    starts = [s.start for s in sents]
    index = {s.start: k for k, s in enumerate(sents)}
    own = {sdoc[i].sent.start for i in triggers}
    k = index.get(sdoc[first].sent.start, 0)
    scope: dict[int, str] = {start: "same" for start in own}
    if k > 0:
        scope.setdefault(starts[k - 1], "prev")
    if k > 1:
        scope.setdefault(starts[0], "lead")
    counts = Counter(p.name for p in found.places)
    out = [PlaceCandidate(None, None, ["unplaced"]),
           PlaceCandidate(event.place, event.country, ["as_found", f"found={'yes' if event.place else 'no'}"])]
    dateline = dateline_of(sdoc)
    if dateline is not None and (hit := lookup_place(dateline.place) or lookup_place(dateline.place.title())):
        out.append(PlaceCandidate(hit.name, hit.country, ["dateline", f"kind={hit.kind}"]))
    for p in found.places:
        sent = _sentence_start(starts, p.start)
        if sent in scope:
            feats = _mention_features(sdoc, p, scope[sent], triggers, counts, first)
            if p.name == event.place:
                feats.append("agrees_with_found")
            if dateline is not None and p.surface.casefold() == dateline.place.casefold():
                feats.append("is_dateline")
            out.append(PlaceCandidate(p.name, p.country, feats))
    return out


def _sentence_start(starts: Sequence[int], i: int) -> int:
    """The start of the sentence holding token ``i`` (``starts`` ascending, the first 0)."""
    return starts[max(bisect_right(starts, i) - 1, 0)]


def place_events(sdoc: Doc, found: Found, events: Sequence[EventMention], model: LinearModel | None = None) -> None:
    """Set each incident's place (and country) to the likeliest candidate; known incidents keep theirs."""
    model = model or load_model()
    for event in events:
        if event.known:
            continue
        cands = candidates(sdoc, found, event)
        if cands:
            pick = cands[int(np.argmax(choose(model, [c.features for c in cands])))]
            event.place, event.country = pick.name, pick.country if pick.name else event.country

