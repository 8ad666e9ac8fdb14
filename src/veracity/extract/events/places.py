"""Where an event happened when its own words do not say it: through the verb its trigger acts through, through
the gazetteer when the tagger missed a place name, or from the sentence before a bare "the blast".

* "An IED hit a police convoy in Bajaur", "a drone strike killed three militants in Paktika": the place hangs on
  what the verb acts on, not on the trigger noun or the verb, and the events step's own look-up misses it.
* "in bannu" in lower case, or "Bajaur" tagged as an organisation: a place the named-entity tagger did not
  see is still a place when it is a locative preposition's object and the gazetteer knows it.

A bare "the blast" placed by the sentence before it is :mod:`veracity.extract.events.anaphora`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.actors.finder import Found, PlaceMention
from veracity.extract.events.attacks import attack_words, impact_verb, verb_clause
from veracity.extract.places.finder import lookup_place


def _locative(token: Token) -> bool:
    """The token is the object of a preposition that places ("in", "near", "at")."""
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in attack_words().locative


def _found_in(span: Span, found: Found, skip: Span | None = None) -> PlaceMention | None:
    """The first place of ``span`` (outside ``skip``) that a locative preposition introduces."""
    for place in found.places:
        inside = span.start <= place.start and place.end <= span.end
        skipped = skip is not None and skip.start <= place.start < skip.end
        if inside and not skipped and _locative(span.doc[place.start : place.end].root):
            return place
    return None


def _name_span(token: Token) -> Span:
    """A place name's words: the token with the compounds and proper nouns right before it ("Lakki Marwat")."""
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].head.i >= token.i:
        start -= 1
    return token.doc[start : token.i + 1]


def _gazetteer_at(token: Token, found: Found) -> PlaceMention | None:
    """A place the tagger missed at ``token``: a locative object with no determiner that the gazetteer knows."""
    if not _locative(token) or token.pos_ not in {"PROPN", "NOUN"} or found.place_at(token.i) is not None:
        return None
    if any(c.dep_ in {"det", "poss", "amod", "nummod"} for c in token.children):
        return None
    # a registry actor is not a place; the tagger's own guess ("Lakki Marwat" as a PERSON) may be one
    mention = found.actor_at(token.i)
    if mention is not None and mention.entity.resolved and mention.entity.type not in {"other", "state"}:
        return None
    span = _name_span(token)
    hit = lookup_place(span.text) or (lookup_place(token.text) if len(span) > 1 else None)
    if hit is None:
        return None
    return PlaceMention(span.start, span.end, hit.name, hit.kind, hit.country, span.text)


def gazetteer_place(span: Span, found: Found) -> PlaceMention | None:
    """The first place in ``span`` that the gazetteer knows but the tagger missed ("in bannu", "in Bajaur")."""
    for token in span:
        place = _gazetteer_at(token, found)
        if place is not None:
            return place
    return None


def place_fallback(phrase: Span, trigger: Token, found: Found) -> PlaceMention | None:
    """Where an event is when its phrase and its verb's own prepositions named no place: in what the verb it acts
    through hits ("an IED hit a police convoy in Bajaur"), or a gazetteer name the tagger missed there."""
    verb = impact_verb(trigger)
    clause = verb_clause(verb) if verb is not None else None
    if clause is not None and (place := _found_in(clause, found, skip=phrase)) is not None:
        return place
    return gazetteer_place(phrase, found) or (gazetteer_place(clause, found) if clause is not None else None)
