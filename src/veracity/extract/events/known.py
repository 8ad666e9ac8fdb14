"""Known wars and takeovers recognised by what the text says about them, not only by their names.

News rarely names a war: "a military campaign in Afghanistan", "to oppose the Soviet Red Army in Afghanistan",
"the ISI defeated the Soviet Union in Afghanistan". A known event in ``data/events.yaml`` may carry ``span`` (the
years it lasted) and ``parties`` (actors whose being fought, or whose taking over, identifies it). A generic war,
clash or takeover in the known event's place, undated or dated within its span, is that event; a verb of fighting
whose object is one of its parties, in its place, is that event too. Where several known events fit, the one that
began last before publication wins: "the war in Afghanistan" in a 2021 report is the US-led war, not the Soviet one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from veracity.extract.actors.finder import Found
from veracity.extract.events.rules import hypothetical, raw_events_data, rules
from veracity.extract.text.lexicon import KnownEvent, event_lexicon


@dataclass(frozen=True, slots=True)
class KnownScope:
    """When and by whom a known event is recognised without its name."""

    event: KnownEvent
    first: int
    last: int
    parties: frozenset[str]

    def covers(self, year: int | None) -> bool:
        return year is None or self.first <= year <= self.last


@cache
def scopes() -> tuple[KnownScope, ...]:
    """Known events with a ``span``, joined to the shared known-event table by label."""
    extra = {k["label"]: k for k in raw_events_data()["known"] if k.get("span")}
    out: list[KnownScope] = []
    for event in event_lexicon().known:
        spec = extra.get(event.label)
        if spec is None:
            continue
        first, last = (int(y) for y in spec["span"])
        out.append(KnownScope(event, first, last, frozenset(spec.get("parties", ()))))
    return tuple(out)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdecimal() else None


def _started_by(scope: KnownScope, published: str | None) -> bool:
    return published is None or scope.event.date is None or scope.event.date[: len(published)] <= published


def _in_place(scope: KnownScope, place: str | None) -> bool:
    return place is not None and place in {scope.event.place, scope.event.country}


def _latest(candidates: list[KnownScope]) -> KnownEvent | None:
    if not candidates:
        return None
    return max(candidates, key=lambda s: s.event.date or "").event


def known_for(
    kind: str, place: str | None, date: str | None, party: str | None, published: str | None
) -> KnownEvent | None:
    """The known war or takeover a generic event stands for: same type family, in its place (or, with no place,
    done by one of its parties), dated within its span or undated, and begun by the publication date."""
    if kind not in {"war", "clash", "takeover"}:
        return None
    year = _year(date)
    fits = []
    for scope in scopes():
        same_family = (scope.event.type == "takeover") == (kind == "takeover")
        if not same_family or not scope.covers(year) or not _started_by(scope, published):
            continue
        if kind == "clash" and year is None:  # undated clashes are new fighting more often than an old war
            continue
        if place is not None and not _in_place(scope, place):
            continue
        if place is None and (party is None or party not in scope.parties):
            continue
        fits.append(scope)
    return _latest(fits)


def _enemy(verb: Token, found: Found) -> str | None:
    """The actor fought: the object of "oppose/defeat/fight", or the object of "against" hanging on the verb."""
    for child in verb.children:
        targets = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ == "against":
            targets = list(child.children)
        for target in targets:
            mention = found.actor_at(target.i)
            if mention is not None:
                return mention.entity.name
    return None


def _places_of(verb: Token, found: Found) -> list[str]:
    """Places inside the verb's own phrase (its objects and prepositions), in order."""
    lo, hi = verb.left_edge.i, verb.right_edge.i
    return [p.name for p in found.places if lo <= p.start and p.end <= hi + 1]


def war_against(sent: Span, found: Found, published: str | None) -> tuple[KnownEvent, Token] | None:
    """A known war named by fighting one of its parties in its place: "to oppose the Soviet Red Army in
    Afghanistan", "defeated the Soviet Union in Afghanistan". Without the place the verb is too loose to be read
    as the war ("the party opposed the Soviet Union")."""
    verbs = rules().enemy_verbs
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs or hypothetical(token):
            continue
        enemy = _enemy(token, found)
        if enemy is None:
            continue
        for scope in scopes():
            places = _places_of(token, found)
            if enemy in scope.parties and _started_by(scope, published) and any(_in_place(scope, p) for p in places):
                return scope.event, token
    return None
