"""Facilities of a group set up on a country's soil: "Training centers for ISIS-K have been established in Khyber
Pakhtunkhwa", "TTP camps are located inside Afghanistan".

A group's camps or training centres established (located, set up) in a place mean the state that place belongs to
hosts the group: the country harbours it (GOLD.md: sanctuary on its soil). Only the passive report of the facility
counts: "ISKP has camps in X" says where the group is, not that anyone lets it be there. Word lists are
``cues.yaml`` data (``anaphors.facilities``, ``facility_verbs``).
"""

from __future__ import annotations

from spacy.tokens import Token

from veracity.extract.claims.slots import Link, ids, negated, state_named
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues


def _owners(ctx: Ctx, facility: Token) -> list[str]:
    """Whose facility it is: 'ISKP camps', 'the TTP's hideouts', 'training centers for ISIS-K'."""
    holders = [c for c in facility.children if c.dep_ in {"compound", "poss", "nmod"}]
    holders += [p for c in facility.children if c.dep_ == "prep" and c.lower_ in {"for", "of"} for p in c.children
                if p.dep_ == "pobj"]
    return [i for h in holders for i in ids(ctx, h) if i.startswith("actor:")]


def _host_states(ctx: Ctx, verb: Token) -> list[str]:
    """The states whose soil the 'in' phrase names (a country, or the country of a province or city)."""
    out: list[str] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "inside"}):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            place = ctx.found.place_at(pobj.i)
            country = place.country or (place.name if place.kind == "country" else None) if place else None
            state = state_named(ctx, country) if country else None
            if state and state not in out:
                out.append(state)
    return out


def facility_havens(ctx: Ctx, verb: Token) -> list[Link]:
    """'Training centers for ISIS-K have been established in Khyber Pakhtunkhwa' -> Pakistan harbours ISIS-K."""
    c = cues()
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in c.words("facility_verbs"):
        return []
    facilities = [s for s in verb.children if s.dep_ == "nsubjpass"]
    facilities = [f for f in facilities if f.lemma_.lower() in c.words("anaphors", "facilities")]
    owners = [o for f in facilities for o in _owners(ctx, f)]
    if not owners:
        return []
    return [Link(s, "harbours", o, verb.i, negated(verb)) for s in _host_states(ctx, verb) for o in owners if s != o]
