"""What a token stands for in a link or claim slot: an actor, an event, a state named as a place, a vague group
("terrorists (unspecified)"), through conjuncts, examples ("groups such as the TTP"), relative pronouns and
member nouns ("Taliban factions"); and whether a cue is negated.

Kept apart from the link patterns (``links``) so that each stays one idea: slots here, cue patterns there.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from veracity.extract.actors import ActorMention
from veracity.extract.context import Ctx
from veracity.extract.lexicon import cues
from veracity.model.records import Entity, EntityKind
from veracity.model.registry import registry

_RELPRON = frozenset({"which", "who", "that", "whom", "whose"})


@dataclass(frozen=True, slots=True)
class Link:
    """A (subject, predicate, object) found in a clause, with the cue token and its polarity."""

    subject: str
    predicate: str
    object: str
    cue: int
    negated: bool
    literal: bool = False


def ids(ctx: Ctx, token: Token) -> list[str]:
    """Entity ids a token stands for, with its conjuncts ("India and Pakistan"), through relative pronouns."""
    out: list[str] = []
    for t in [token, *token.conjuncts, *_examples(token)]:
        if t.lower_ in _RELPRON:
            t = _relative_antecedent(t)
        event = ctx.event(t)
        actor = ctx.actor(t) or _compound_actor(ctx, t)
        found = actor.entity.id if actor is not None else event.id if event is not None else _state_or_vague(ctx, t)
        if found and found not in out:
            out.append(found)
    return out


def _relative_antecedent(token: Token) -> Token:
    """What a relative pronoun stands for, through a chain of xcomps ("the TTP, which the Taliban appears to be
    using": 'which' is the object of 'using', an xcomp of the relative clause 'appears')."""
    head = token.head
    while head.dep_ == "xcomp" and head.head is not head:
        head = head.head
    return head.head if head.dep_ == "relcl" else token


def state_named(ctx: Ctx, name: str) -> str | None:
    """The registry state called ``name``, made available to the document as a placeholder actor."""
    state = [a for a in registry().lookup(name) if a.type == "state"]
    if not state:
        return None
    entity = Entity(kind=EntityKind.ACTOR, name=state[0].name, type="state", qid=state[0].qid, id=state[0].id)
    ctx.placeholders.setdefault(state[0].id, entity)
    return state[0].id


def _there(ctx: Ctx, token: Token) -> str | None:
    """'orchestrated from there': the last country named before the clause 'there' sits in, within about two
    sentences (the countries inside the clause itself are what happened there, not where it came from)."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    left = verb.left_edge.i
    places = [(p.end, p.name) for p in ctx.found.places if p.kind == "country" and left - 60 <= p.end <= left]
    states = [
        (m.end, m.entity.name) for m in ctx.found.actors if m.entity.type == "state" and left - 60 <= m.end <= left
    ]
    latest = max(places + states, default=None)
    return state_named(ctx, latest[1]) if latest else None


def demonym_state(ctx: Ctx, token: Token) -> str | None:
    """A nationality adjective on an act noun stands for its state: 'Indian support for the TTP' -> India."""
    country = cues().raw.get("demonyms", {}).get(token.lower_)
    return state_named(ctx, country) if country else None


def _state_or_vague(ctx: Ctx, token: Token) -> str | None:
    """In a link slot a country named as a place is its state ("orchestrated from Pakistan"), and a vague plural
    group is a placeholder ("colludes with terrorists" -> "terrorists (unspecified)")."""
    place = ctx.found.place_at(token.i)
    if place is not None and place.kind == "country":
        return state_named(ctx, place.name)
    if token.lower_ == "there":
        return _there(ctx, token)
    phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ in {"compound", "amod"} or t is token)
    vague = cues().words("vague_groups")
    if token.tag_ == "NN" and any(d.lower_ in {"any", "no"} for d in token.children):  # "any terror group"
        phrase, token_form = f"{phrase}s", f"{token.lower_}s"
    else:
        token_form = token.lower_
    if (token.tag_ == "NNS" or phrase.endswith("s")) and (token_form in vague or phrase in vague):
        name = phrase if phrase in vague else token_form
        return ctx.placeholder(f"{name} (unspecified)", "armed_group")
    return None


def _examples(token: Token) -> list[Token]:
    """'organizations such as the TTP', 'groups including al-Qaeda': the named examples stand for the class."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"as", "including", "like"}:
            out += [p for p in child.children if p.dep_ == "pobj"]
            out += [c for p in child.children if p.dep_ == "pobj" for c in p.conjuncts]
        elif child.dep_ == "appos":
            out.append(child)
    return out


def _compound_actor(ctx: Ctx, token: Token) -> ActorMention | None:
    """'ISIS-K cells', 'Taliban factions', 'the militants of Lashkar-e-Taiba': a member noun stands for its group."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.lemma_.lower() not in cues().words("member_heads"):
        return None
    # the nearest modifier names the member's group: "Pakistan's ISI Directorate" is the ISI's, not Pakistan's
    for child in sorted(token.children, key=lambda c: (c.dep_ == "poss", -c.i)):
        if child.dep_ in {"compound", "poss", "nmod"} and ctx.found.actor_at(child.i):
            return ctx.found.actor_at(child.i)
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                if ctx.found.actor_at(pobj.i):
                    return ctx.found.actor_at(pobj.i)
    return None


def negated(token: Token) -> bool:
    """The token or the verb governing it carries a negation ("doesn't back", "not involved")."""
    neg = cues().negations
    for t in (token, token.head if token.dep_ in {"xcomp", "acomp", "dobj", "attr"} else token):
        if any(c.dep_ == "neg" or (c.lower_ in neg and c.dep_ in {"advmod", "det"}) for c in t.children):
            return True
    return False
