"""Who is said to have done one attack, in everyday news phrasing, and how the article attributes it.

News rarely writes "X claimed responsibility for E"; it writes "police said the BLA carried out the attack", "the
army said, blaming the TTP", "suspicion fell on the ISKP", "the TTP denied involvement in the attack", "residents
said the attackers were members of the ISKP", "police arrested two suspects linked to the TTP in connection with
the bombing". This module reads those shapes:

* the unnamed bodies that speak for a state ("police", "the army", "authorities") and lay witnesses ("residents")
  as claimants: a placeholder "<head> (unnamed)", or the registry's national body when the registry has one ("the
  army" in a Pakistani event is the Pakistan Army);
* the attribution of a perpetrator line (MUC-4's confidence): the doer's own word is ``claimed``; a hedge inside
  the claim ("may have carried out") makes it ``possible``; an authority's accusation, even a belief or suspicion,
  is ``accused_by_authorities``; a witness's or an unnamed report's is ``suspected``;
* blame on an actor ("blaming the TTP", "blamed the TTP for the attack"), suspicion that falls on someone, arrests
  of people tied to a group over an attack, a self-claim with a plain verb ("ISKP claimed the attack");
* links a clause states either way: a part in an attack ("involvement in", "a role in", "a hand in") and the
  attackers' membership ("the attackers were members of the ISKP").

An attack here is an event of a violent type (``vocabulary.violent_event_types``): a role in a ceasefire is not a
part in an attack. Word lists are ``cues.yaml`` data (``unnamed_sources``, ``perpetration``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Span, Token

from veracity.extract.claims.slots import Link, ids, negated
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Entity, EntityKind, Stance
from veracity.model.registry import registry
from veracity.model.vocabulary import vocabulary

EXTRACTOR = "claims.attribution"
_UNNAMED = " (unnamed)"


def _words(key: str) -> frozenset[str]:
    return cues().words("perpetration", key)


# --- claimants ------------------------------------------------------------------------------------------------------


def unnamed_authority(ctx: Ctx, subj: Token) -> str | None:
    """'Police said', 'the army said', 'Pakistani authorities believe', 'residents said': an unnamed body or lay
    witnesses speak. The registry's national body stands for an army named with (or, for ``national_heads``, in an
    event of) one country; anything else is a placeholder named by the phrase."""
    c = cues()
    head = subj.lower_
    authority = head in c.words("unnamed_sources", "authorities")
    state = _state_modifier(ctx, subj)
    if (not authority and head not in c.words("unnamed_sources", "witnesses")) or _a_name(subj, state):
        return None
    nation = _nationality(subj) or (state.text if state is not None else None)
    if authority and (known := _registry_body(ctx, subj, nation)) is not None:
        return known
    words = [t.lower_ for t in subj.lefts if t.dep_ == "compound" and not t.ent_type_]
    name = " ".join([*([nation] if nation else []), *words, head])
    return ctx.placeholder(f"{name}{_UNNAMED}", "state_agency" if authority else "other")


def _state_modifier(ctx: Ctx, subj: Token) -> Token | None:
    """A state named before the speaker ('US troops', 'Afghan Taliban police' is not one): the state they serve."""
    for child in subj.lefts:
        mention = ctx.found.actor_at(child.i)
        if child.dep_ in {"compound", "nmod"} and mention is not None and mention.entity.type == "state":
            return child
    return None


def _a_name(subj: Token, state: Token | None = None) -> bool:
    """'the "zarate willka armed forces of liberation"', 'the Army of Islam': a group's own name, not a body of the
    state (quoted, proper-noun modifiers other than a state's name, or an 'of' phrase)."""
    quoted = any(t.is_quote for t in subj.subtree)
    skip = state.i if state is not None else -1
    proper = any(t.pos_ == "PROPN" and t.dep_ in {"compound", "nmod"} and t.i != skip for t in subj.lefts)
    return quoted or proper or any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)


def _nationality(subj: Token) -> str | None:
    """The nationality adjective on the speaker ('Pakistani police'), capitalised as a demonym."""
    demonyms = cues().raw.get("demonyms", {})
    for child in subj.lefts:
        if child.lower_ in demonyms:
            return child.text[:1].upper() + child.text[1:].lower()
    return None


def _registry_body(ctx: Ctx, subj: Token, nation: str | None) -> str | None:
    """'Pakistani army' -> Pakistan Army; a bare 'the army' takes the country of the attack told in its sentence or
    just before (only for ``national_heads``: a country's 'security forces' change with its regime)."""
    if nation is None and subj.lower_ in cues().words("unnamed_sources", "national_heads"):
        countries = {e.country for e in ctx.events if e.id in recent_events(ctx, subj) and e.country}
        country = next(iter(countries)) if len(countries) == 1 else None
        nation = _demonym_of(country) if country else None
    if nation is None:
        return None
    found = [a for a in registry().lookup(f"{nation} {subj.lower_}") if a.type == "state_agency"]
    if len(found) != 1:
        return None
    actor = found[0]
    ctx.placeholders.setdefault(
        actor.id, Entity(kind=EntityKind.ACTOR, name=actor.name, type=actor.type, qid=actor.qid, id=actor.id)
    )
    return actor.id


def _demonym_of(country: str) -> str | None:
    table = {str(v).lower(): str(k) for k, v in cues().raw.get("demonyms", {}).items()}
    found = table.get(country.lower())
    return found[:1].upper() + found[1:] if found else None


def _entity(ctx: Ctx, ident: str) -> Entity | None:
    found = ctx.placeholders.get(ident)
    return found or next((m.entity for m in ctx.found.actors if m.entity.id == ident), None)


def is_authority(ctx: Ctx, claimant: str) -> bool:
    """A state, a state body or an unnamed official or body speaking for one."""
    entity = _entity(ctx, claimant)
    if entity is None:
        return False
    if entity.type in {"state", "state_agency"}:
        return True
    last = entity.name.removesuffix(_UNNAMED).split()[-1:] if entity.name else []
    return bool(last) and last[0].lower() in cues().words("unnamed_sources", "officials")


def _lay(ctx: Ctx, claimant: str) -> bool:
    """Witnesses, media and unnamed reports or observers: they suspect, they do not charge."""
    entity = _entity(ctx, claimant)
    if entity is None:
        return False
    if entity.type == "media" or entity.name in {"unnamed reports", "unnamed observers"}:
        return True
    head = entity.name.removesuffix(_UNNAMED).split()[-1].lower()
    return entity.name.endswith(_UNNAMED) and head in cues().words("unnamed_sources", "witnesses")


def link_attribution(
    ctx: Ctx, link: Link, claimant: str, verb_hedge: str | None, clause_hedge: str | None, stance: Stance
) -> str | None:
    """A found link's attribution: only perpetrator lines are attributed (see :func:`attribution`)."""
    if link.predicate != "responsible_for":
        return None
    return attribution(ctx, claimant, link.subject, verb_hedge, clause_hedge, stance)


def attribution(
    ctx: Ctx, claimant: str, subject: str, verb_hedge: str | None, clause_hedge: str | None, stance: Stance
) -> str | None:
    """How a responsible_for line is attributed (see the module docstring); a denial attributes nothing."""
    if stance is Stance.DENIES:
        return None
    if claimant == subject:
        return "claimed"
    if clause_hedge:
        return "possible"
    if is_authority(ctx, claimant):
        return "accused_by_authorities"
    if _lay(ctx, claimant):
        return "possible" if verb_hedge else "suspected"
    return "possible" if verb_hedge else "accused_by_authorities"


# --- which attack ---------------------------------------------------------------------------------------------------


def _violent(ctx: Ctx, event_id: str) -> bool:
    event = next((e for e in ctx.events if e.id == event_id), None)
    kind = event.type if event is not None else None
    return kind is None or kind in vocabulary().violent_event_types


def recent_events(ctx: Ctx, token: Token) -> list[str]:
    """The attack a sentence speaks of: the violent event told latest in its sentence, else in the sentence before."""
    sent = token.sent
    doc = token.doc
    previous = doc[sent.start - 1].sent if sent.start > 0 else None
    for lo, hi in ((sent.start, sent.end), *([(previous.start, previous.end)] if previous is not None else [])):
        best: tuple[int, str] | None = None
        for event in (e for e in ctx.events if e.type in vocabulary().violent_event_types):
            inside = [i for i in event.triggers if lo <= i < hi]
            if inside and (best is None or max(inside) > best[0]):
                best = (max(inside), event.id)
        if best is not None:
            return [best[1]]
    return []


def _events_of(ctx: Ctx, token: Token) -> list[str]:
    return [i for i in ids(ctx, token) if i.startswith("event:") and _violent(ctx, i)]


def _pobjs(head: Token, preps: frozenset[str]) -> list[Token]:
    return [p for c in head.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children if p.dep_ == "pobj"]


def _actors(ctx: Ctx, token: Token) -> list[str]:
    return [i for i in ids(ctx, token) if i.startswith("actor:")]


def _record(ctx: Ctx, culprits: list[str], events: list[str], claimant: str, sent: Span, **kw: Any) -> bool:
    """One accusation line per culprit and attack; True when there was anything to record."""
    for culprit in culprits:
        for event in events:
            ctx.add(culprit, "responsible_for", event, claimant=claimant, sent=sent, extractor=EXTRACTOR, **kw)
    return bool(culprits and events)


# --- claim shapes ---------------------------------------------------------------------------------------------------


def blamed_actor(ctx: Ctx, verb: Token, claimant: str, sent: Span) -> bool:
    """'the army said, blaming the TTP', 'police blamed the BLA for the bombing': the blamed actor did the attack of
    the 'for' phrase, else the one the sentence (or the one before) tells. 'blamed the US for its decision' blames
    for no attack."""
    if verb.lemma_.lower() not in _words("blame_verbs") or any(c.dep_ == "ccomp" for c in verb.children):
        return False
    culprits = [i for c in verb.children if c.dep_ == "dobj" for i in _actors(ctx, c)]
    if not culprits:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    reasons = [p for h in (verb, *objects) for p in _pobjs(h, frozenset({"for"}))]
    events = [e for r in reasons for e in _events_of(ctx, r)] if reasons else recent_events(ctx, verb)
    hedge = verb.lemma_.lower() if verb.lemma_.lower() in cues().hedging_verbs else None
    stance = Stance.DENIES if negated(verb) else Stance.ASSERTS
    return _record(
        ctx,
        [c for c in culprits if c != claimant],
        events,
        claimant,
        sent,
        stance=stance,
        hedge=hedge,
        attribution=attribution(ctx, claimant, "", hedge, None, stance),
    )


def claimed_by_verb(ctx: Ctx, verb: Token, sent: Span) -> None:
    """'ISKP claimed the attack', 'the TTP owned the bombing': a group's plain claim of an attack is its own."""
    if verb.lemma_.lower() not in _words("claim_verbs") or any(c.dep_ == "nsubjpass" for c in verb.children):
        return
    subjects = [i for c in verb.children if c.dep_ == "nsubj" for i in _actors(ctx, c)]
    events = [e for c in verb.children if c.dep_ == "dobj" for e in _events_of(ctx, c)]
    for s in subjects:
        _record(
            ctx,
            [s],
            events,
            s,
            sent,
            stance=Stance.DENIES if negated(verb) else Stance.ASSERTS,
            attribution="claimed",
        )


# --- links a clause states ------------------------------------------------------------------------------------------


def involvement_links(ctx: Ctx, noun: Token, subjects: Callable[[Token], list[str]]) -> list[Link]:
    """'denied involvement in the attack', 'the TTP's role in the bombing', 'had a hand in the blast': the one
    whose part it is (possessor, else the verb's subject) is responsible for the attack."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _words("involvement_nouns"):
        return []
    events = [e for p in _pobjs(noun, frozenset({"in", "for", "behind"})) for e in _events_of(ctx, p)]
    if not events:
        return []
    doers = [i for c in noun.children if c.dep_ in {"poss", "compound"} for i in _actors(ctx, c)]
    if not doers and noun.dep_ in {"dobj", "attr", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        doers = [i for i in subjects(noun.head) if i.startswith("actor:")]
    return [Link(d, "responsible_for", e, noun.i, negated(noun)) for d in doers for e in events]

