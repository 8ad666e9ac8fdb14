"""Acts named by a noun with a 'by' agent: "This is an attack by the radical wing of the Taliban", "This may be an
attempt by the deep state to keep NATO invested by creating a pseudo terror group".

* An event noun with a 'by' agent names its doer: the agent is responsible for the event.
* A purpose noun ("attempt", "bid", "ploy") predicated of a demonstrative ("This may be an attempt by X") reads the
  event the demonstrative points back to (the latest attack told before the sentence) as X's doing; the hedge of
  the copula ("may be") qualifies it.
* Inside such a purpose phrase the 'by V-ing' means clause is the agent's act, whatever the parser hung it on.
* Creating a front ("a pseudo terror group", "a puppet outfit") is controlling it, not merely backing it.
* Attributing responsibility to someone ("a statement attributing responsibility to foreign agencies") names them
  as the doer of the attack told last.

Word lists are ``cues.yaml`` data (``act_nouns``, ``front_modifiers``, ``creation_verbs``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from veracity.extract.claims.slots import Link, ids, negated
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues

_DEMONSTRATIVES = frozenset({"this", "that", "it"})


def _agents(ctx: Ctx, noun: Token, ruled_out: bool = False) -> list[str]:
    """Actors of the noun's 'by' phrase ('an attempt by the Pakistani deep state'); with ``ruled_out``, those of a
    'not by' phrase instead ('an attack by the TTP, not by ISKP')."""
    doc = noun.doc
    negations = cues().negations
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"]
    preps += [  # "an attack by the TTP, not by ISKP": the parser hangs the contrasted 'by' anywhere below
        c
        for c in noun.subtree
        if c.lower_ == "by" and c not in preps and c.i > 0 and doc[c.i - 1].lower_ in negations
    ]
    found = [
        i
        for c in preps
        if (c.i > 0 and doc[c.i - 1].lower_ in negations) == ruled_out
        for p in c.children
        if p.dep_ == "pobj"
        for i in ids(ctx, p)
    ]
    return [i for i in dict.fromkeys(found) if i.startswith("actor:")]


def _pointed_event(ctx: Ctx, sent: Span) -> list[str]:
    """The latest attack told before the sentence: what a sentence-initial 'This' points back to."""
    kinds = cues().words("claim_anaphora", "attack_types")
    best: tuple[int, str] | None = None
    for event in (e for e in ctx.events if e.type in kinds):
        before = [i for i in event.triggers if i < sent.start]
        if before and (best is None or max(before) > best[0]):
            best = (max(before), event.id)
    return [best[1]] if best else []


def _demonstrative_subject(noun: Token) -> bool:
    """'This may be an attempt ...': the noun is predicated of a bare demonstrative."""
    head = noun.head
    return noun.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lower_ in _DEMONSTRATIVES for c in head.children)


def act_by_links(ctx: Ctx, noun: Token) -> list[Link]:
    """'an attack by X' (X responsible for the attack); 'This is an attempt by X ...' (X responsible for the
    attack 'This' points back to)."""
    if noun.pos_ != "NOUN":
        return []
    agents = _agents(ctx, noun)
    if not agents:
        return []
    event = ctx.event(noun)
    if event is not None:
        events = [event.id]
    elif noun.lemma_.lower() in cues().words("act_nouns", "purpose") and _demonstrative_subject(noun):
        events = _pointed_event(ctx, noun.sent)
    else:
        events = []
    neg = negated(noun) or negated(noun.head)
    links = [Link(a, "responsible_for", e, noun.i, neg) for a in agents for e in events]
    return links + [Link(a, "responsible_for", e, noun.i, True) for a in _agents(ctx, noun, True) for e in events]


def purpose_agent(ctx: Ctx, verb: Token) -> list[str]:
    """'an attempt by X to keep NATO invested by creating Y': the agent of the purpose noun before a 'by V-ing'
    means clause does the act, even when the parser hangs the clause on another subject."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "by":
        return []
    purpose = cues().words("act_nouns", "purpose")
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in purpose and (agents := _agents(ctx, token)):
            return agents
    return []


def front_predicate(verb: Token, predicate: str) -> str:
    """'creating a pseudo terror group': whoever creates a front controls it (backing is the default for 'create')."""
    c = cues()
    if predicate != "supports" or verb.lemma_.lower() not in c.words("creation_verbs"):
        return predicate
    objects = [o for o in verb.children if o.dep_ == "dobj"]
    fronts = c.words("front_modifiers")
    return "controls" if any(m.lower_ in fronts for o in objects for m in o.children) else predicate

