"""Links between actors (and events) inside one clause: who supports, harbours, controls, fights whom.

Shared by claims (the complement of a reporting verb) and relations (the article's own voice). A link is found
from a cue (verb, noun or participle from ``cues.yaml``) and the dependency arcs around it: the verb's subject and
object, the noun's possessor and its prepositional object, the participle's compound ("ISI-controlled Haqqani
network"). Relative pronouns and anaphors are resolved through the context. Noun-phrase patterns (labels such as
"Pakistan's arch enemy India", named units, umbrellas, aid, mediation parties, presupposed and hypothetical links)
live in ``relations_nominal``; this module dispatches to them.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from veracity.extract.claims.acts import act_by_links, front_predicate, purpose_agent
from veracity.extract.claims.attribution import involvement_links, link_attribution
from veracity.extract.claims.hedges import hedge_for as hedge_for
from veracity.extract.claims.hedges import hedge_in as hedge_in
from veracity.extract.claims.phrases import phrase_links
from veracity.extract.claims.relations_nominal import (
    between_parties,
    bilateral,
    companions,
    hypothetical,
    is_label_noun,
    label_links,
    named_as,
    possessive,
    presupposed,
)
from veracity.extract.claims.slots import Link as Link
from veracity.extract.claims.slots import demonym_state
from veracity.extract.claims.slots import ids as ids
from veracity.extract.claims.slots import negated as negated
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

_OBJ_PREPS = frozenset({"to", "with", "for", "against", "on", "of", "over", "into", "from", "by"})
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})


def _haven_links(ctx: Ctx, noun: Token) -> list[Link]:
    """'some terrorists seek sanctuary in Pakistan', 'militants enjoy safe havens in Afghanistan's border areas':
    the country the refuge is in harbours whoever seeks, finds or enjoys it."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in cues().words("haven_verbs"):
        return []
    places = [
        p
        for h in (noun, verb)
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in {"in", "inside"}
        for p in c.children
        if p.dep_ == "pobj"
    ]
    hosts = [i for p in places for t in (p, *[c for c in p.children if c.dep_ == "poss"]) for i in ids(ctx, t)]
    guests = _subjects(ctx, verb)
    return [
        Link(h, "harbours", g, noun.i, negated(verb)) for h in hosts if h.startswith("actor:") for g in guests if g != h
    ]


def _objects(ctx: Ctx, head: Token, skip: Token | None = None) -> list[str]:
    out: list[str] = []
    for child in head.children:
        if child is skip:
            continue
        if child.dep_ in {"dobj", "attr", "oprd", "dative"}:  # "backed a campaign against X" is not backing X
            out += ids(ctx, child) or _prep_objects(ctx, child, _OBJ_PREPS - {"against"})
        elif child.dep_ == "prep" and child.lower_ in _OBJ_PREPS:
            out += [i for pobj in child.children if pobj.dep_ == "pobj" for i in ids(ctx, pobj)]
        elif child.dep_ in {"xcomp", "acomp"} and child.pos_ in {"ADJ", "VERB"}:
            out += _prep_objects(ctx, child)
    return out


def _prep_objects(ctx: Ctx, head: Token, preps: frozenset[str] = _OBJ_PREPS) -> list[str]:
    found = [p for p in head.children if p.dep_ in {"prep", "dative"} and p.lower_ in preps]  # 'to' may be a dative
    return [
        i
        for p in [*found, *(x for f in found for x in _repeated_prep(f))]
        for pobj in p.children
        if pobj.dep_ == "pobj"
        for i in ids(ctx, pobj)
    ]


def _repeated_prep(prep: Token) -> list[Token]:
    """'attacks against the army and often against Chinese workers': the repeated preposition of a coordinated
    phrase, which the parser hangs on the verb as a conjunct, continues the first one."""
    doc = prep.doc
    return [
        t
        for t in doc[prep.i + 1 : prep.sent.end]
        if t.dep_ in {"conj", "prep"}
        and t.lower_ == prep.lower_
        and t.head.i < prep.i
        and any(x.dep_ == "cc" for x in doc[prep.right_edge.i + 1 : t.i])
    ]


def _by_agent(ctx: Ctx, noun: Token) -> list[str]:
    """The agent of an action noun: 'an attempt by the Pakistani deep state', 'a bid by the TTP'."""
    return [i for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children for i in ids(ctx, p)]


def _subjects(ctx: Ctx, verb: Token) -> list[str]:
    for child in verb.children:
        if child.dep_ in _SUBJ:
            return ids(ctx, child)
    if verb.dep_ in {"xcomp", "conj", "advcl", "acl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subjects(ctx, verb.head)
    if verb.dep_ == "acl" and _by_agent(ctx, verb.head):  # "an attempt by the ISI to create X"
        return _by_agent(ctx, verb.head)
    if verb.dep_ in {"acl", "relcl"}:
        own = ids(ctx, verb.head)
        if own or verb.head.dep_ not in {"dobj", "attr"}:
            return own
        return _subjects(ctx, verb.head.head)  # "has not taken steps to clamp down on X": the taker
    if agents := purpose_agent(ctx, verb):  # "an attempt by X to keep NATO invested by creating Y"
        return agents
    if verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":  # "accused India of backing X"
        governor = verb.head.head
        if verb.head.lower_ not in {"of", "for", "from", "with"}:  # "keep NATO invested by creating X", "despite
            return _subjects(ctx, governor)  # providing sanctuary to X": the governor's subject acts, not its object
        objs = [i for c in governor.children if c.dep_ == "dobj" for i in ids(ctx, c)]
        return objs or _subjects(ctx, governor)
    head = verb.head
    hops = 0
    while head.pos_ not in {"VERB", "AUX"} and head.head is not head and hops < 4:  # "played a role in guiding X"
        head, hops = head.head, hops + 1
    if verb.dep_ == "pcomp" and head.pos_ in {"VERB", "AUX"} and head is not verb:
        return _subjects(ctx, head)
    return []


def _against(ctx: Ctx, verb: Token) -> list[str]:
    """Actors in an "against" phrase on a verb of alliance: "joined the ISKP against the Taliban" names an enemy,
    not a second ally."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "against"]
    return [i for p in preps for o in p.children if o.dep_ == "pobj" for t in (o, *o.conjuncts) for i in ids(ctx, t)]


def _person(ctx: Ctx, entity_id: str) -> bool:
    """The entity is a person (from the actors found in the document)."""
    return any(m.entity.id == entity_id and m.entity.type == "person" for m in ctx.found.actors)


def _verb_links(ctx: Ctx, verb: Token, predicate: str) -> list[Link]:
    predicate = front_predicate(verb, predicate)
    if predicate == "transfers_fighters_to" and not _moves_fighters(verb):
        return []
    particles = cues().raw.get("particle_verbs", {}).get(verb.lemma_.lower())
    if particles and not any(c.dep_ == "prt" and c.lower_ in particles for c in verb.children):
        return []
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    agents = [i for c in verb.children if c.dep_ == "agent" for p in c.children for i in ids(ctx, p)]
    if passive:
        subj = agents or _source_states(ctx, verb)
        objs = [i for c in verb.children if c.dep_ == "nsubjpass" for i in ids(ctx, c)]
    else:
        subj, objs = _subjects(ctx, verb), _objects(ctx, verb)
        if predicate == "mediates":  # "mediating between Islamabad and the TTP"
            objs += between_parties(ctx, verb)
        if predicate == "transfers_fighters_to":  # the fighters sent are not whom they are sent to
            moved = {i for c in verb.children if c.dep_ == "dobj" for t in c.subtree for i in ids(ctx, t)}
            objs = [o for o in objs if o not in moved]
    if verb.lemma_.lower() == "use" and any(_territory(ctx, c) for c in verb.children if c.dep_ == "dobj"):
        return []  # "use Afghan soil against Pakistan" is not backing Afghanistan
    if not objs and not passive and predicate == "supports":  # "guiding the Taliban's takeover": backing the doer
        objs = [i for i in _event_owner(ctx, verb) if i not in subj]
    subj = [s for s in subj if not s.startswith("event:")]  # "a US airstrike targets X": the strike is no party
    if predicate == "allied_with" and verb.lemma_.lower() == "join" and subj and all(_person(ctx, s) for s in subj):
        predicate = "member_of"  # a person who joins a group becomes a member; a group that joins one, an ally
    opposed = _against(ctx, verb) if predicate in {"allied_with", "member_of", "supports"} else []
    objs = [o for o in objs if o not in opposed]
    neg = negated(verb)
    causal = verb.lemma_.lower() in cues().words("causal_verbs")
    allies = companions(ctx, verb) if predicate == "hostile_to" else []
    out = [Link(s, "allied_with", a, verb.i, neg) for s in subj for a in allies]
    out += [Link(s, "hostile_to", o, verb.i, neg) for s in subj for o in opposed if o not in subj]
    for o in (o for o in objs if o not in allies):
        if o.startswith("event:") and not causal:
            for owner in _event_owner(ctx, verb):
                out += [Link(s, predicate, owner, verb.i, neg) for s in subj]
            continue
        out += [Link(s, "responsible_for" if o.startswith("event:") else predicate, o, verb.i, neg) for s in subj]
    return out


def _event_argument(ctx: Ctx, verb: Token) -> bool:
    """The verb's passive subject or, unless the verb is a claim ('ISKP claimed the attack' is the group's own word,
    read by the claims step), its object is an event: 'the attack was planned', 'the BLA carried out the attack'."""
    deps = {"nsubjpass"} if verb.lemma_.lower() in cues().words("passive_claim_verbs") else {"nsubjpass", "dobj"}
    return any(i.startswith("event:") for c in verb.children if c.dep_ in deps for i in ids(ctx, c))


def _source_states(ctx: Ctx, verb: Token) -> list[str]:
    """Where a passive act came from: 'orchestrated from Pakistan' (any actor), 'planned in Afghanistan' (a state)."""
    out: list[str] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"from", "in", "inside"}):
        found = [i for p in prep.children if p.dep_ in {"pobj", "pcomp"} for i in ids(ctx, p)]
        out += found if prep.lower_ == "from" else [i for i in found if _territory_id(ctx, i)]
    return out


def _event_owner(ctx: Ctx, verb: Token) -> list[str]:
    """'guiding the Taliban's takeover': the possessor of an event object is what the verb links to."""
    return [
        i
        for c in verb.children
        if c.dep_ in {"dobj", "nsubjpass"}
        for p in c.subtree  # "the Taliban's lightning strike takeover": the possessor may sit on a modifier
        if p.dep_ == "poss" and p.i < c.i
        for i in ids(ctx, p)
        if i.startswith("actor:")
    ]


def _says_too_little(noun: Token, predicate: str) -> bool:
    """Relation nouns that need a qualifier to mean what the predicate says (``neutral_ties``, ``negotiation``)."""
    c = cues()
    lemma = noun.lemma_.lower()
    if predicate == "allied_with" and lemma in c.words("neutral_ties", "nouns"):
        warm = c.words("neutral_ties", "warm")
        if any(m.lower_ in warm for m in noun.children if m.dep_ == "amod"):
            return False
        head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        return head is None or head.lemma_.lower() not in c.words("relations", "nouns", "allied_with")
    if predicate == "mediates" and lemma in c.words("negotiation", "nouns"):
        anchor = noun
        while anchor.dep_ == "conj" and anchor.head is not anchor:
            anchor = anchor.head
        return not (anchor.dep_ == "dobj" and anchor.head.lemma_.lower() in c.words("negotiation", "hosting_verbs"))
    if predicate == "transfers_fighters_to":
        return not _moves_fighters(noun)
    return False


def _moves_fighters(cue: Token) -> bool:
    """What a "send" / "transfer" cue moves is people who fight: its object, or its "of" object for a noun."""
    fighters = cues().words("fighter_nouns")
    moved = [c for c in cue.children if c.dep_ == "dobj"]
    moved += [o for p in cue.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    moved += [o for m in moved for p in m.children if p.lower_ == "of" for o in p.children]  # "hundreds of militants"
    return any(n.lemma_.lower() in fighters for m in moved for n in (m, *m.conjuncts))


def _noun_links(ctx: Ctx, noun: Token, predicate: str) -> list[Link]:
    if _says_too_little(noun, predicate):
        return []
    subj = [i for c in noun.children if c.dep_ in {"poss", "compound", "amod"} or possessive(c) for i in ids(ctx, c)]
    subj = subj or [i for c in noun.children if c.dep_ == "amod" and (i := demonym_state(ctx, c))]
    anchor = noun
    while anchor.dep_ == "conj" and anchor.head is not anchor:  # "backing and training to X"
        anchor = anchor.head
    preps = cues().words("noun_preps", predicate)
    objs = _prep_objects(ctx, noun, preps) or (_prep_objects(ctx, anchor, preps) if anchor is not noun else [])
    if predicate == "mediates":  # "dialogue between the TTP and Pakistan government": every party
        objs = list(dict.fromkeys([*objs, *between_parties(ctx, noun)]))
    head = anchor.head
    subj = subj or (
        [i for c in anchor.children if c.dep_ in {"poss", "compound"} for i in ids(ctx, c)]
        if anchor is not noun
        else []
    )
    haven = _haven_links(ctx, noun) if predicate == "harbours" and not subj else []
    if haven:
        return haven
    if not subj and anchor.dep_ in {"dobj", "attr"} and head.lemma_ in cues().words("light_verbs"):
        subj = _subjects(ctx, head)
        objs = objs or _prep_objects(ctx, head)
    if subj and not objs and anchor.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_ not in cues().rel_verbs:
        objs = _prep_objects(ctx, head, preps - {"of"})  # "condemned X's transfer of fighters to Y": 'to' misattached
    if not subj and noun.dep_ == "pobj" and head.head.dep_ in {"dobj", "nsubj"}:
        subj = []
    if predicate == "allied_with" and not objs and len(subj) < 2 and (pair := bilateral(ctx, noun)):
        subj = pair  # "Russian-Indian relations"
    if predicate == "allied_with" and not objs and len(subj) > 1:
        return [Link(subj[0], predicate, o, noun.i, negated(noun)) for o in subj[1:]]
    if predicate == "allied_with" and not subj and len(objs) > 1:  # "the nexus of the ISI and the Haqqanis"
        return [Link(objs[0], predicate, o, noun.i, negated(noun)) for o in objs[1:]]
    if predicate == "member_of" and not subj:
        return []
    return [Link(s, predicate, o, noun.i, negated(noun)) for s in subj for o in objs]


def _role_noun_links(ctx: Ctx, noun: Token, predicate: str) -> list[Link]:
    """'The Global Times, the mouthpiece of the CPC', 'ISKP is an arm of the ISI': the owner controls the held."""
    owner_deps = {"poss", "nmod"} if ctx.found.actor_at(noun.i) else {"poss", "nmod", "compound"}  # "the IS affiliate"
    owners = [i for c in noun.children if c.dep_ in owner_deps for i in ids(ctx, c)]
    owners += [
        i for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children for i in ids(ctx, p)
    ]
    head = noun.head
    if noun.dep_ == "appos":
        held = ids(ctx, head)
        while head.dep_ == "appos" and head.head.i != head.i:  # "Taliban, Haqqani network, ISKP all arms of X"
            head = head.head
            held += [i for i in ids(ctx, head) if i not in held]
    elif noun.dep_ in {"attr", "oprd"}:
        held = [i for c in head.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"} for i in ids(ctx, c)]
    elif head.dep_ == "appos" or (noun.dep_ == "pobj" and head.lower_ == "as"):
        held = ids(ctx, head.head)
    else:
        held = []
    held = held or named_as(ctx, noun)  # "the ISIS's affiliate in Afghanistan known as ISKP"
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
    subj = subj or [i for c in token.children if c.dep_ in {"npadvmod", "compound"} for i in ids(ctx, c)]
    subj = subj or [  # "the deep state led by the ISI": the agent is the 'by' object
        i for c in token.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj" for i in ids(ctx, p)
    ]
    objs = ids(ctx, token.head) if token.dep_ in {"amod", "acl"} else []
    if token.i < token.head.i and token.head.conjuncts and (own := _own_ids(ctx, token.head)):
        objs = own  # "the ISI-controlled Haqqani network and the ISKP": a prenominal modifier scopes over its noun
    return [Link(s, predicate, o, token.i, False) for s in subj for o in objs]


def _own_ids(ctx: Ctx, noun: Token) -> list[str]:
    """What the noun itself names, without its conjuncts."""
    actor = ctx.actor(noun)
    event = ctx.event(noun)
    return [actor.entity.id] if actor else [event.id] if event else []


def links_in(ctx: Ctx, span: Span | list[Token]) -> list[Link]:
    """Every cue-based link whose cue token lies in ``span``."""
    c = cues()
    found: list[Link] = []
    for token in span:
        lemma = token.lemma_.lower()
        if hypothetical(token):
            continue  # "if it fails to control the TTP" states no control either way
        found += act_by_links(ctx, token)  # "an attack by X", "This may be an attempt by X to ..."
        found += phrase_links(ctx, token, lambda v: _subjects(ctx, v))  # "at loggerheads with", "under the garb of"
        found += involvement_links(ctx, token, lambda v: _subjects(ctx, v))  # "denied involvement in the attack"
        if token.tag_ in {"VBN", "JJ"} and token.lower_ in c.rel_participles and token.dep_ in {"amod", "acl"}:
            found += _participle_links(ctx, token, c.rel_participles[token.lower_])
        elif token.pos_ in {"NOUN", "PROPN"} and lemma in c.raw.get("role_noun_index", _role_index()):
            found += _role_noun_links(ctx, token, _role_index()[lemma])
        elif is_label_noun(token) and (labelled := label_links(ctx, token)):
            found += labelled
        elif (token.lower_, token.dep_) in _COPULA_RESPONSIBILITY:
            found += _behind_links(ctx, token)
        elif token.lower_ == "anti" and token.i + 2 < len(token.doc) and token.nbor().text == "-":
            found += _anti_links(ctx, token)
        elif token.pos_ == "VERB" and lemma in c.words("permit_verbs"):
            found += _permit_links(ctx, token)
        elif token.pos_ == "VERB" and lemma in c.words("crackdown_verbs"):
            found += _crackdown_links(ctx, token)
        elif token.pos_ == "VERB" and lemma in c.rel_verbs:
            found += _verb_links(ctx, token, c.rel_verbs[lemma])
        elif token.pos_ == "VERB" and lemma in c.words("causal_verbs") and _event_argument(ctx, token):
            found += _verb_links(ctx, token, "responsible_for")  # "planned in Afghanistan", "carried out the attack"
        elif token.pos_ in {"NOUN", "PROPN"} and (lemma in c.rel_nouns or token.lower_ in c.rel_nouns):
            found += _presupposed(_noun_links(ctx, token, c.rel_nouns.get(lemma) or c.rel_nouns[token.lower_]), token)
    return _dedupe(found)


def _presupposed(links: list[Link], cue: Token) -> list[Link]:
    """Mark links of a relational noun the sentence takes for granted (see ``relations_nominal.presupposed``)."""
    return [replace(link, presupposed=True) for link in links] if links and presupposed(cue) else links


def _anti_links(ctx: Ctx, token: Token) -> list[Link]:
    """'the anti-China ETIM', 'anti-Pakistan organizations such as the TTP': the group is hostile to the target."""
    targets = [i for i in ids(ctx, token.doc[token.i + 2]) if i.startswith("actor:")]
    head = token.head
    while head.dep_ in {"amod", "compound"} and head.head is not head:
        head = head.head
    groups = [i for i in ids(ctx, head) if i.startswith("actor:") and not _unspecified(ctx, i)]
    return [Link(g, "hostile_to", t, token.i, False) for g in groups for t in targets if g != t]


def _unspecified(ctx: Ctx, entity_id: str) -> bool:
    """A vague placeholder group ("anti-Pakistan fighters" names nobody in particular to be hostile)."""
    entity = ctx.placeholders.get(entity_id)
    return entity is not None and entity.name.endswith("(unspecified)")


def _permit_links(ctx: Ctx, verb: Token) -> list[Link]:
    """'will not allow any group to use Afghan soil against Pakistan': whoever lets a group use its territory
    harbours it (the negation makes it a denial)."""
    use = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.lemma_.lower() == "use"]
    if not use or not any(_territory(ctx, c) for c in use[0].children if c.dep_ == "dobj"):
        return []
    users = [i for c in (*use[0].children, *verb.children) if c.dep_ in {"nsubj", "dobj"} for i in ids(ctx, c)]
    users = [u for u in users if not _territory_id(ctx, u)]
    return [Link(s, "harbours", u, verb.i, negated(verb)) for s in _subjects(ctx, verb) for u in users if s != u]


def _territory(ctx: Ctx, token: Token) -> bool:
    """A country named as a place, or 'soil', 'territory', 'land'."""
    place = ctx.found.place_at(token.i)
    if token.lemma_.lower() in cues().words("territory_nouns") or (place is not None and place.kind == "country"):
        return True
    return any(_territory_id(ctx, i) for i in ids(ctx, token))


def _territory_id(ctx: Ctx, entity_id: str) -> bool:
    return any(m.entity.id == entity_id and m.entity.type == "state" for m in ctx.found.actors) or (
        entity_id in ctx.placeholders and ctx.placeholders[entity_id].type == "state"
    )


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
    objects = [o for o in prep.children if o.dep_ == "pobj" and not _generic(o)]  # "responsible for every attack"
    events = [i for o in objects for i in ids(ctx, o) if i.startswith("event:")]
    verb = token.head if token.lower_ == "behind" or token.dep_ == "acomp" else token
    subj = [i for i in _subjects(ctx, verb) if i.startswith("actor:")]
    return [Link(s, "responsible_for", e, token.i, negated(verb)) for s in subj for e in events]


def _generic(noun: Token) -> bool:
    """'every attack', 'any bombing': a quantified noun speaks of attacks in general, never of one event."""
    return any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in cues().words("generic_quantifiers")
               for c in noun.children)


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


def add_links(ctx: Ctx, tokens: Span | list[Token], *, claimant: str, sent: Span, extractor: str,
              hedge: str | None, quote: str | None = None) -> None:
    """Record every link found in ``tokens`` as said by ``claimant``: denied when the link is negated, hedged by
    ``hedge``, attributed as :func:`link_attribution` reads it. The one way a claim step with a single claimant
    and no reporting verb of its own ("according to X", "the report that ...") writes what it found."""
    for link in links_in(ctx, tokens):
        stance = Stance.DENIES if link.negated else Stance.ASSERTS
        ctx.add_link(link, claimant=claimant, sent=sent, extractor=extractor, stance=stance, hedge=hedge,
                     attribution=link_attribution(ctx, link, claimant, None, hedge, stance), quote=quote)
