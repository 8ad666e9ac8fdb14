"""When an incident happened: a choice among the dates a report gives near it, learned from annotated reports.

Why learned: the event finder dates an incident only by a date attached to its trigger, and most reports date the
incident elsewhere: "on Sunday" on the verb of the lead, the sentence before, a weekday that means the last one
before publication. Which date expression (if any) is the incident's depends on where it sits (same sentence, the
sentence before, the lead), how it attaches (the trigger, its verb, "since", "until"), how precise it is and
whether it lies after publication. A conditional logit over those candidates (plus "as found" and "undated"),
trained on ``../shared/corpus/train`` (``veracity train dates``), chooses; weights ship as
``data/event_date_model.json``. Known incidents keep their well-known dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from veracity.extract.events.finder import EventMention
from veracity.extract.text.dates import resolve_date
from veracity.extract.text.linear import LinearModel, choice_from_json, choose, read_model
from veracity.model.values import date_precision
from veracity.model.vocabulary import vocabulary

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "event_date_model.json"
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:yesterday|today|last|earlier|ago|this|next|past|recent)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One possible date of an incident (``None``: undated) and its features."""

    value: str | None
    features: list[str]


@cache
def load_model(path: str | None = None) -> LinearModel:
    """The shipped (or a given) model file, read once per process."""
    return read_model(Path(path) if path else MODEL_PATH, choice_from_json, "event date model", "dates")


def _shape(text: str) -> str:
    if _RELATIVE.search(text):
        return "relative"
    if _WEEKDAY.search(text):
        return "weekday"
    if _MONTH.search(text):
        return "month"
    if re.fullmatch(r"\s*(?:in\s+)?\d{4}s?\s*", text):
        return "year"
    return "other"


def attachment(ent: Span, triggers: set[int]) -> str:
    """How a phrase hangs on an incident: on a trigger, on the verb a trigger is subject or object of, or only on
    the sentence."""
    head = ent.root.head
    via = head.head if head.dep_ == "prep" else head
    if via.i in triggers or head.i in triggers:
        return "trigger"
    governors = {ent.doc[i].head.i for i in triggers if ent.doc[i].dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}}
    if via.i in governors or via.head.i in governors:
        return "governor"
    return "sentence"


def _entity_features(ent: Span, value: str, where: str, triggers: set[int], published: str | None,
                     first: Token) -> list[str]:
    prep = ent.root.head.lemma_.lower() if ent.root.head.dep_ == "prep" else "-"
    shape = _shape(ent.text)
    att = attachment(ent, triggers)
    feats = [f"where={where}", f"att={att}", f"prep={prep}", f"shape={shape}", f"prec={date_precision(value)}",
             f"where_shape={where}:{shape}", f"where_att={where}:{att}",
             "side=" + ("before" if ent.start < first.i else "after")]
    if published:
        n = min(len(value), len(published))
        feats.append("vs_pub=" + ("after" if value[:n] > published[:n] else "same" if value[:n] == published[:n]
                                  else "before"))
    return feats


def candidates(sdoc: Doc, event: EventMention, published: str | None) -> list[DateCandidate]:
    """The dates an incident may have: as the finder set it, undated, and every readable date expression of the
    sentences mentioning it, the sentence before its first mention, and the lead."""
    triggers = set(event.triggers)
    if not triggers:
        return []
    first = sdoc[min(min(triggers), len(sdoc) - 1)]
    own = {sdoc[i].sent.start: sdoc[i].sent for i in triggers if i < len(sdoc)}
    sents = list(sdoc.sents)
    place = {s.start: k for k, s in enumerate(sents)}
    k = place.get(first.sent.start, 0)
    scope: list[tuple[Span, str]] = [(s, "same") for s in own.values()]
    if k > 0 and sents[k - 1].start not in own:
        scope.append((sents[k - 1], "prev"))
    if sents and sents[0].start not in own and k > 1:
        scope.append((sents[0], "lead"))
    kind = vocabulary().violent_event_types
    base = [f"type_violent={event.type in kind}"]
    out = [DateCandidate(None, ["undated", *base]),
           DateCandidate(event.date, ["as_found", f"found_prec={date_precision(event.date)}", *base]),
           DateCandidate(published, ["published", f"pub_prec={date_precision(published)}",
                                     f"pub_where={'lead' if k == 0 else 'body'}", *base])]
    for sent, where in scope:
        for ent in sent.ents:
            if ent.label_ not in {"DATE", "TIME"}:
                continue
            value = resolve_date(ent.text, published)
            if value is None:
                continue
            feats = _entity_features(ent, value, where, triggers, published, first)
            if value == event.date:
                feats.append("agrees_with_found")
            out.append(DateCandidate(value, feats))
    return out


def date_events(sdoc: Doc, events: Sequence[EventMention], published: str | None,
                model: LinearModel | None = None) -> None:
    """Set each incident's date to the likeliest candidate (known incidents keep theirs)."""
    model = model or load_model()
    for event in events:
        if event.known:
            continue
        cands = candidates(sdoc, event, published)
        if cands:
            event.date = cands[int(np.argmax(choose(model, [c.features for c in cands])))].value
