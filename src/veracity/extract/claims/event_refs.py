"""Events named by where they happened: "attacks on Iran and Russia were orchestrated from there", "the attacks in
Moscow", when the document already knows an attack in that country.

Speakers often refer to attacks by their place instead of their name, especially in reported speech ("the attacks
in Iran and Moscow were orchestrated from these centers"). An attack noun that is not itself an event stands for
the document's attacks whose country is the country (or the city's country) the noun's preposition names. Only
attack types count (``claim_anaphora.attack_types``): "attacks on Russia" is never the war in Ukraine.
"""

from __future__ import annotations

from spacy.tokens import Token

from veracity.extract.context import Ctx
from veracity.extract.events.finder import EventMention
from veracity.extract.text.lexicon import cues

_PLACE_PREPS = frozenset({"on", "in", "inside", "against"})


def _countries(ctx: Ctx, token: Token) -> list[str]:
    """Countries a place word names: a country, a city's or province's country, or a state actor's name."""
    out: list[str] = []
    for t in (token, *token.conjuncts):
        place = ctx.found.place_at(t.i)
        actor = ctx.found.actor_at(t.i)
        if place is not None and place.country:
            out.append(place.country)
        elif place is not None and place.kind == "country":
            out.append(place.name)
        elif actor is not None and actor.entity.type == "state":
            out.append(actor.entity.name)
    return out


def events_by_place(ctx: Ctx, noun: Token) -> list[str]:
    """The document's attacks an attack noun names by country ("attacks on Iran and Russia"); empty when the noun
    is an event itself, names no country, or no known attack happened there."""
    c = cues()
    if noun.lemma_.lower() not in c.words("claim_anaphora", "attack_nouns") or ctx.event(noun) is not None:
        return []
    places = [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS
              for p in prep.children if p.dep_ == "pobj"]
    countries = {name for p in places for name in _countries(ctx, p)}
    if not countries:
        return []
    kinds = c.words("claim_anaphora", "attack_types")
    found = [e for e in ctx.events if e.type in kinds and e.country in countries]
    covered = {e.country for e in found}
    if noun.tag_ in {"NNS", "NNPS"}:  # "attacks on Iran and Russia": Iran's attacks are told nowhere else
        found += [_series(ctx, noun, country) for country in sorted(countries - covered)]
    return [e.id for e in found]


def _series(ctx: Ctx, noun: Token, country: str) -> EventMention:
    """The attacks in a country a speaker refers to that the document tells nowhere else: one event for the series
    (type ``other``: how many incidents, and of what kind, the reference does not say)."""
    label = f"attacks in {country}"
    for event in ctx.events:
        if event.label == label:
            event.triggers.append(noun.i)
            return event
    phrase = noun.doc[noun.left_edge.i : noun.right_edge.i + 1].text
    event = EventMention(label=label, type="other", place=country, country=country, triggers=[noun.i],
                         surfaces=[phrase])
    ctx.events.append(event)
    return event
