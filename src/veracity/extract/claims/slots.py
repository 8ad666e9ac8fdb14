"""What a token stands for in a link or claim slot: an actor, an event, a state named as a place, a vague group
("terrorists (unspecified)"), through conjuncts, examples ("groups such as the TTP"), relative pronouns and
member nouns ("Taliban factions"); and whether a cue is negated.

Kept apart from the link patterns (``links``) so that each stays one idea: slots here, cue patterns there.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from veracity.extract.actors.coref import plural_antecedent
from veracity.extract.actors.finder import ActorMention
from veracity.extract.claims.event_refs import events_by_place
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Entity, EntityKind
from veracity.model.registry import registry

_RELPRON = frozenset({"which", "who", "that", "whom", "whose"})


@dataclass(frozen=True, slots=True)
class Link:
    """A (subject, predicate, object) found in a clause, with the cue token and its polarity.

    ``presupposed`` marks a link the sentence takes for granted rather than asserts (a possessive nominal such as
    "Pakistan's support for the Taliban", an act under "despite", aid openly given): in the article's own voice such
    a link is settled background even when its predicate is contested by nature.
    """

    subject: str
    predicate: str
    object: str
    cue: int
    negated: bool
    literal: bool = False
    presupposed: bool = False


def ids(ctx: Ctx, token: Token) -> list[str]:
    """Entity ids a token stands for, with its conjuncts ("India and Pakistan"), through relative pronouns."""
    out: list[str] = []
    listed = [token, *token.conjuncts, *_stranded_conjuncts(token), *_comma_modifiers(token)]
    if ctx.actor(token) is None and (earlier := plural_antecedent(token)) is not None:  # "these groups"
        listed += [earlier, *earlier.conjuncts, *_stranded_conjuncts(earlier), *_list_before(earlier)]
        listed += _facility_owners(earlier)
    elif ctx.actor(token) is None and (earlier := _such_antecedent(ctx, token)) is not None:  # "such forces"
        listed.append(earlier)
    for t in [*listed, *(e for x in listed for e in _examples(x))]:
        if t.lower_ in _RELPRON:
            t = _relative_antecedent(t)
        event = ctx.event(t)
        actor = ctx.actor(t) or _compound_actor(ctx, t) or _conduct_owner(ctx, t)
        if actor is None and event is None and (named := events_by_place(ctx, t)):
            out += [e for e in named if e not in out]  # "attacks on Iran and Russia": the attacks held there
            continue
        found = actor.entity.id if actor is not None else event.id if event is not None else _state_or_vague(ctx, t)
        if found and found not in out:
            out.append(found)
    return out


_SUCH_REACH = 60  # tokens back 'such forces' may look for what it stands for


def _such_antecedent(ctx: Ctx, token: Token) -> Token | None:
    """'which foreign intelligence agencies might have been behind it [...] attributing responsibility to such
    forces': a plural 'such' noun that names nobody stands for the nearest earlier plural that does (an actor or a
    vague group)."""
    if token.tag_ not in {"NNS", "NNPS"} or not any(c.lower_ == "such" for c in token.children):
        return None
    if _state_or_vague(ctx, token) is not None:
        return None
    for i in range(token.i - 1, max(-1, token.i - _SUCH_REACH), -1):
        earlier = token.doc[i]
        if earlier.tag_ in {"NNS", "NNPS"} and (ctx.actor(earlier) is not None or _state_or_vague(ctx, earlier)):
            return earlier
    return None


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
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
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
    if token.lemma_.lower() in cues().words("national_nouns"):  # "attacks against Chinese workers" -> China
        states = [s for c in token.children if c.dep_ == "amod" and (s := demonym_state(ctx, c))]
        if states:
            return states[0]
    phrase = " ".join(t.lower_ for t in token.subtree if t.dep_ in {"compound", "amod"} or t is token)
    vague = cues().words("vague_groups")
    if token.tag_ == "NN" and any(d.lower_ in {"any", "no"} for d in token.children):  # "any terror group"
        phrase, token_form = f"{phrase}s", f"{token.lower_}s"
    else:
        token_form = token.lower_
    words = phrase.split()
    known = next((" ".join(words[k:]) for k in range(len(words)) if " ".join(words[k:]) in vague), None)
    if (token.tag_ == "NNS" or phrase.endswith("s")) and (token_form in vague or known):
        name = known or token_form  # "suspected foreign spy agencies": the longest listed ending names the group
        return ctx.placeholder(f"{name} (unspecified)", "armed_group")
    return None


def _stranded_conjuncts(token: Token) -> list[Token]:
    """'clamp down on TTP, al-Qaeda, TTP or the ETIM groups': the parser often hangs the rest of a list of names on
    the main verb as its conjunct. A noun conjoined to a verb is always such a stray; it continues the list that
    ends right before it (with its own conjuncts)."""
    doc = token.doc
    after = token.right_edge.i + 1
    last = token.right_edge.i == token.i  # only the list's last word, not a phrase that ends with it
    if not last or token.pos_ not in {"NOUN", "PROPN"} or after + 1 >= len(doc) or doc[after].text != ",":
        return []
    nxt = doc[after + 1]
    root = nxt if nxt.head.i > nxt.i + 3 or nxt.dep_ == "conj" else nxt.head
    while root.dep_ in {"compound", "amod", "det"} and root.head.i > root.i:
        root = root.head
    if not _stray(root):
        return []
    return [root, *root.conjuncts]


def _comma_modifiers(token: Token) -> list[Token]:
    """'makes Taliban, Haqqani network, ISKP all arms of the ISI', 'the nexus of the ISI and Haqqani network': a name
    cut off from the noun it modifies by a comma or a conjunction is a list item the parser folded into the next
    name, not a modifier of it."""
    doc = token.doc
    return [
        c
        for c in token.children
        if c.dep_ in {"nmod", "compound"}
        and c.i < token.i
        and c.ent_type_
        and (doc[c.i + 1].text == "," or any(x.dep_ == "cc" for x in c.children))  # "the ISI and Haqqani network"
    ]


def _facility_owners(noun: Token) -> list[Token]:
    """Who a facility belongs to: 'training centers for ISIS-K', 'ISKP camps', 'the TTP's hideouts'. Only facility
    nouns (``anaphors.facilities``) have owners read this way."""
    if noun.lemma_.lower() not in cues().words("anaphors", "facilities"):
        return []
    owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "nmod"} and c.ent_type_]
    return owners + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children]


def _stray(token: Token) -> bool:
    """A name the parser hung on a verb as a conjunct or bare modifier: the tail of a list, never a verb's own."""
    return (
        token.dep_ in {"conj", "npadvmod"}
        and token.pos_ in {"NOUN", "PROPN"}
        and token.head.pos_ in {"VERB", "AUX"}
        and token.i > token.head.i
    )


def _list_before(token: Token) -> list[Token]:
    """The head of a list whose tail (holding ``token``) was stranded: 'on the TTP, al-Qaeda or the ETIM groups'
    read back from 'groups'."""
    root = token
    while root.dep_ == "conj" and root.head.pos_ in {"NOUN", "PROPN"}:
        root = root.head
    start = root.left_edge.i
    if not _stray(root) or start < 2 or token.doc[start - 1].text != ",":
        return []
    first = token.doc[start - 2]
    return [first, *first.conjuncts]


def _examples(token: Token) -> list[Token]:
    """'organizations such as the TTP', 'groups including al-Qaeda': the named examples stand for the class."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"as", "including", "like"}:
            out += [p for p in child.children if p.dep_ == "pobj"]
            out += [c for p in child.children if p.dep_ == "pobj" for c in p.conjuncts]
        elif child.dep_ == "appos":
            out.append(child)
        elif child.dep_ == "acl" and child.lemma_.lower() in cues().words("naming_verbs"):
            out += [n for n in child.children if n.dep_ in {"oprd", "attr", "dobj"}]  # "a group called ISKP"
        elif child.dep_ in {"nmod", "compound"} and token.lemma_.lower() in cues().words("class_heads"):
            out += [child, *child.conjuncts]  # "the ETIM and TTP groups": the named members of a class noun
    return out


def _compound_actor(ctx: Ctx, token: Token) -> ActorMention | None:
    """'ISIS-K cells', 'Taliban factions', 'the militants of Lashkar-e-Taiba': a member noun stands for its group."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.lemma_.lower() not in cues().words("member_heads"):
        return None
    # the nearest modifier names the member's group: "Pakistan's ISI Directorate" is the ISI's, not Pakistan's
    for child in sorted(token.children, key=lambda c: (c.dep_ == "poss", -c.i)):
        if child.dep_ in {"compound", "poss", "nmod"} and ctx.found.actor_at(child.i):
            return ctx.found.actor_at(child.i)
        if child.dep_ == "poss" and (through := _pronoun_owner(ctx, child)) is not None:
            return through
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                if ctx.found.actor_at(pobj.i):
                    return ctx.found.actor_at(pobj.i)
    return None


def _conduct_owner(ctx: Ctx, token: Token) -> ActorMention | None:
    """'the Haqqani's Jekyll and Hyde act being part of the Taliban', 'Pakistan's double game': an actor's conduct
    stands for the actor (the possessor may sit on a modifier of the noun)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in cues().words("conduct_nouns"):
        return None
    owners = [t for left in token.lefts for t in left.subtree if t.dep_ == "poss" and ctx.actor(t) is not None]
    return ctx.actor(owners[0]) if owners else None


def _pronoun_owner(ctx: Ctx, pronoun: Token) -> ActorMention | None:
    """'providing sanctuary to its fighters': the pronoun's antecedent owns the members, unless it is the acting
    clause's own subject ('the Taliban sheltered its fighters' says nothing about who the fighters belong to)."""
    owner = ctx.antecedents.get(pronoun.i)
    if owner is None:
        return None
    verb = pronoun
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subjects = {m.entity.id for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} if (m := ctx.actor(c))}
    return None if owner.entity.id in subjects else owner


def negated(token: Token) -> bool:
    """The token or the verb governing it carries a negation ("doesn't back", "not involved")."""
    neg = cues().negations
    for t in (token, token.head if token.dep_ in {"xcomp", "acomp", "dobj", "attr"} else token):
        if any(c.dep_ == "neg" or (c.lower_ in neg and c.dep_ in {"advmod", "det"}) for c in t.children):
            return True
    return False
