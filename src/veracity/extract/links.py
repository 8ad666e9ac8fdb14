"""Links between actors (and events) inside one clause: who supports, harbours, controls, fights whom.

Shared by claims (the complement of a reporting verb) and relations (the article's own voice). A link is found
from a cue (verb, noun or participle from ``cues.yaml``) and the dependency arcs around it: the verb's subject and
object, the noun's possessor and its prepositional object, the participle's compound ("ISI-controlled Haqqani
network"). Relative pronouns and anaphors are resolved through the context.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from veracity.extract.actors import ActorMention
from veracity.extract.context import Ctx
from veracity.extract.lexicon import cues
from veracity.model.records import Entity, EntityKind
from veracity.model.registry import registry

_OBJ_PREPS = frozenset({"to", "with", "for", "against", "on", "of", "over", "into", "from", "by"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_RELPRON = frozenset({"which", "who", "that", "whom", "whose"})
_LIGHT = frozenset(
    {
        "facilitate",
        "host",
        "broker",
        "hold",
        "provide",
        "give",
        "offer",
        "extend",
        "lend",
        "have",
        "play",
        "grant",
        "maintain",
        "establish",
        "deepen",
        "expand",
        "build",
        "forge",
        "enjoy",
        "seek",
        "find",
    }
)


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
        if t.lower_ in _RELPRON and t.head.dep_ == "relcl":
            t = t.head.head
        event = ctx.event(t)
        actor = ctx.actor(t) or _compound_actor(ctx, t)
        found = actor.entity.id if actor is not None else event.id if event is not None else _state_or_vague(ctx, t)
        if found and found not in out:
            out.append(found)
    return out


def _state_or_vague(ctx: Ctx, token: Token) -> str | None:
    """In a link slot a country named as a place is its state ("orchestrated from Pakistan"), and a vague plural
    group is a placeholder ("colludes with terrorists" -> "terrorists (unspecified)")."""
    place = ctx.found.place_at(token.i)
    if place is not None and place.kind == "country":
        state = [a for a in registry().lookup(place.name) if a.type == "state"]
        if not state:
            return None
        ctx.placeholders.setdefault(
            state[0].id,
            Entity(kind=EntityKind.ACTOR, name=state[0].name, type="state", qid=state[0].qid, id=state[0].id),
        )
        return state[0].id
    phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ in {"compound", "amod"} or t is token)
    vague = cues().words("vague_groups")
    if token.tag_ == "NNS" and (token.lower_ in vague or phrase in vague):
        name = phrase if phrase in vague else token.lower_
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
    for child in token.children:
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


def _objects(ctx: Ctx, head: Token, skip: Token | None = None) -> list[str]:
    out: list[str] = []
    for child in head.children:
        if child is skip:
            continue
        if child.dep_ in {"dobj", "attr", "oprd", "dative"}:
            out += ids(ctx, child) or _prep_objects(ctx, child)
        elif child.dep_ == "prep" and child.lower_ in _OBJ_PREPS:
            out += [i for pobj in child.children if pobj.dep_ == "pobj" for i in ids(ctx, pobj)]
        elif child.dep_ in {"xcomp", "acomp"} and child.pos_ in {"ADJ", "VERB"}:
            out += _prep_objects(ctx, child)
    return out


def _prep_objects(ctx: Ctx, head: Token, preps: frozenset[str] = _OBJ_PREPS) -> list[str]:
    return [
        i
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in preps
        for pobj in p.children
        if pobj.dep_ == "pobj"
        for i in ids(ctx, pobj)
    ]


def _subjects(ctx: Ctx, verb: Token) -> list[str]:
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return ids(ctx, child)
    if verb.dep_ in {"xcomp", "conj", "advcl", "acl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subjects(ctx, verb.head)
    if verb.dep_ in {"acl", "relcl"}:
        own = ids(ctx, verb.head)
        if own or verb.head.dep_ not in {"dobj", "attr"}:
            return own
        return _subjects(ctx, verb.head.head)  # "has not taken steps to clamp down on X": the taker
    if verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":  # "accused India of backing X"
        governor = verb.head.head
        objs = [i for c in governor.children if c.dep_ == "dobj" for i in ids(ctx, c)]
        return objs or _subjects(ctx, governor)
    head = verb.head
    hops = 0
    while head.pos_ not in {"VERB", "AUX"} and head.head is not head and hops < 4:  # "played a role in guiding X"
        head, hops = head.head, hops + 1
    if verb.dep_ == "pcomp" and head.pos_ in {"VERB", "AUX"} and head is not verb:
        return _subjects(ctx, head)
    return []


def _verb_links(ctx: Ctx, verb: Token, predicate: str) -> list[Link]:
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    agents = [i for c in verb.children if c.dep_ == "agent" for p in c.children for i in ids(ctx, p)]
    if passive:
        subj = agents or [
            i for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children for i in ids(ctx, p)
        ]
        objs = [i for c in verb.children if c.dep_ == "nsubjpass" for i in ids(ctx, c)]
    else:
        subj, objs = _subjects(ctx, verb), _objects(ctx, verb)
        if predicate == "mediates":  # "mediating between Islamabad and the TTP"
            objs += _prep_objects(ctx, verb, frozenset({"between"}))
    neg = negated(verb)
    causal = verb.lemma_.lower() in cues().words("causal_verbs")
    out = []
    for o in objs:
        if o.startswith("event:") and not causal:
            for owner in _event_owner(ctx, verb):
                out += [Link(s, predicate, owner, verb.i, neg) for s in subj]
            continue
        out += [Link(s, "responsible_for" if o.startswith("event:") else predicate, o, verb.i, neg) for s in subj]
    return out


def _event_owner(ctx: Ctx, verb: Token) -> list[str]:
    """'guiding the Taliban's takeover': the possessor of an event object is what the verb links to."""
    return [
        i
        for c in verb.children
        if c.dep_ in {"dobj", "nsubjpass"}
        for p in c.children
        if p.dep_ == "poss"
        for i in ids(ctx, p)
        if i.startswith("actor:")
    ]


def _noun_links(ctx: Ctx, noun: Token, predicate: str) -> list[Link]:
    subj = [i for c in noun.children if c.dep_ in {"poss", "compound", "amod"} for i in ids(ctx, c)]
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head is not anchor:  # "backing and training to X"
        anchor = anchor.head
    preps = cues().words("noun_preps", predicate)
    objs = _prep_objects(ctx, noun, preps) or (_prep_objects(ctx, anchor, preps) if anchor is not noun else [])
    head = anchor.head
    subj = subj or (
        [i for c in anchor.children if c.dep_ in {"poss", "compound"} for i in ids(ctx, c)]
        if anchor is not noun
        else []
    )
    if not subj and anchor.dep_ in {"dobj", "attr"} and head.lemma_ in _LIGHT:
        subj = _subjects(ctx, head)
        objs = objs or _prep_objects(ctx, head)
    if not subj and noun.dep_ == "pobj" and head.head.dep_ in {"dobj", "nsubj"}:
        subj = []
    if predicate == "allied_with" and not objs and len(subj) > 1:
        return [Link(subj[0], predicate, o, noun.i, negated(noun)) for o in subj[1:]]
    if predicate == "member_of" and not subj:
        return []
    return [Link(s, predicate, o, noun.i, negated(noun)) for s in subj for o in objs]


def _role_noun_links(ctx: Ctx, noun: Token, predicate: str) -> list[Link]:
    """'The Global Times, the mouthpiece of the CPC', 'ISKP is an arm of the ISI': the owner controls the held."""
    owners = [i for c in noun.children if c.dep_ == "poss" for i in ids(ctx, c)]
    owners += [
        i for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children for i in ids(ctx, p)
    ]
    head = noun.head
    if noun.dep_ == "appos":
        held = ids(ctx, head)
    elif noun.dep_ in {"attr", "oprd"}:
        held = [i for c in head.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"} for i in ids(ctx, c)]
    elif head.dep_ == "appos" or (noun.dep_ == "pobj" and head.lower_ == "as"):
        held = ids(ctx, head.head)
    else:
        held = []
    neg = negated(noun) or negated(head)
    if predicate == "member_of":
        return [Link(h, predicate, o, noun.i, neg) for h in held for o in owners if o.startswith("actor:")]
    return [Link(o, predicate, h, noun.i, neg) for h in held for o in owners if o.startswith("actor:")]


def _participle_links(ctx: Ctx, token: Token, predicate: str) -> list[Link]:
    """'ISI-controlled Haqqani network': controller in the compound/npadvmod, controlled is the head noun."""
    doc = token.doc
    subj: list[str] = []
    if token.i >= 2 and doc[token.i - 1].text == "-":
        actor = ctx.found.actor_at(token.i - 2)
        subj = [actor.entity.id] if actor else []
    subj = subj or [i for c in token.children if c.dep_ in {"npadvmod", "compound", "agent"} for i in ids(ctx, c)]
    objs = ids(ctx, token.head) if token.dep_ in {"amod", "acl"} else []
    return [Link(s, predicate, o, token.i, False) for s in subj for o in objs]


def links_in(ctx: Ctx, span: Span | list[Token]) -> list[Link]:
    """Every cue-based link whose cue token lies in ``span``."""
    c = cues()
    found: list[Link] = []
    for token in span:
        lemma = token.lemma_.lower()
        if token.tag_ in {"VBN", "JJ"} and token.lower_ in c.rel_participles and token.dep_ in {"amod", "acl"}:
            found += _participle_links(ctx, token, c.rel_participles[token.lower_])
        elif token.pos_ in {"NOUN", "PROPN"} and lemma in c.raw.get("role_noun_index", _role_index()):
            found += _role_noun_links(ctx, token, _role_index()[lemma])
        elif (token.lower_, token.dep_) in _COPULA_RESPONSIBILITY:
            found += _behind_links(ctx, token)
        elif token.pos_ == "VERB" and lemma in c.words("crackdown_verbs"):
            found += _crackdown_links(ctx, token)
        elif token.pos_ == "VERB" and lemma in c.rel_verbs:
            found += _verb_links(ctx, token, c.rel_verbs[lemma])
        elif token.pos_ in {"NOUN", "PROPN"} and (lemma in c.rel_nouns or token.lower_ in c.rel_nouns):
            found += _noun_links(ctx, token, c.rel_nouns.get(lemma) or c.rel_nouns[token.lower_])
    return _dedupe(found)


def _crackdown_links(ctx: Ctx, verb: Token) -> list[Link]:
    """'refused to crack down on the TTP' -> harbours; 'acted against ISKP' -> hostile_to."""
    c = cues()
    objs = [
        i
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ in c.words("crackdown_preps")
        for o in p.children
        if o.dep_ == "pobj"
        for i in ids(ctx, o)
    ]
    if not objs:
        return []
    refused, head, hops = negated(verb), verb, 0
    while not refused and head.head is not head and hops < 4 and head.dep_ in {"xcomp", "acl", "relcl", "ccomp"}:
        head, hops = head.head, hops + 1
        refused = (
            negated(head)
            or head.lemma_.lower() in c.words("refusal_verbs")
            or (any(ch.dep_ == "neg" for ch in head.head.children) and head.dep_ == "dobj")
        )
    if head.dep_ == "dobj" and negated(head.head):  # "has not taken any steps to clamp down"
        refused = True
    predicate = "harbours" if refused else "hostile_to"
    return [Link(s, predicate, o, verb.i, False) for s in _subjects(ctx, verb) for o in objs]


_COPULA_RESPONSIBILITY = frozenset({("behind", "prep"), ("responsible", "acomp")})


def _behind_links(ctx: Ctx, token: Token) -> list[Link]:
    """'X was behind the attack', 'X is responsible for the bombing': responsibility stated with a copula."""
    prep = token if token.lower_ == "behind" else next((c for c in token.children if c.lower_ == "for"), None)
    if prep is None:
        return []
    events = [i for o in prep.children if o.dep_ == "pobj" for i in ids(ctx, o) if i.startswith("event:")]
    verb = token.head if token.lower_ == "behind" or token.dep_ == "acomp" else token
    subj = [i for i in _subjects(ctx, verb) if i.startswith("actor:")]
    return [Link(s, "responsible_for", e, token.i, negated(verb)) for s in subj for e in events]


def _role_index() -> dict[str, str]:
    table = cues().raw.get("role_nouns", {})
    return {str(w).lower(): pred for pred, words in table.items() for w in words}


def _dedupe(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for link in links:
        key = (link.subject, link.predicate, link.object)
        if key not in seen and link.subject != link.object:
            seen.add(key)
            out.append(link)
    return out


def hedge_in(tokens: Span | list[Token]) -> str | None:
    """The first hedge cue among the tokens (modal verbs, adverbs, "if true", "widely considered")."""
    c = cues()
    toks = list(tokens)
    text = " ".join(t.lower_ for t in toks).replace(" n't", "n't")
    for phrase in c.hedge_phrases:
        if phrase in text:
            return phrase
    for t in toks:
        if t.lower_ in c.hedge_words and not (t.lower_ == "believed" and t.dep_ != "ROOT" and t.tag_ != "VBN"):
            return t.lower_
    return None


def hedge_for(token: Token) -> str | None:
    """Hedge on a cue: in its own phrase, or on a verb above it ("is believed to have guided", "may seek to")."""
    found = hedge_in(list(token.subtree))
    head = token
    while (
        found is None
        and head.dep_ in {"xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "dobj", "acomp"}
        and head.head is not head
    ):
        head = head.head
        found = hedge_in([head, *[c for c in head.children if c.dep_ in {"aux", "auxpass", "advmod", "neg"}]])
    return found
