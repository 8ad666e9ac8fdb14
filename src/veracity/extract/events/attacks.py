"""Attacks told by who or what struck: "suicide bombers struck a market", "gunmen opened fire on a bus".

News names most attacks with a verb that is not itself violent ("struck", "hit", "targeted", "opened fire"). What
makes such a verb an attack is its doer: an attacker noun ("militants", "a suicide attacker", "a drone") or an
armed group that kills or wounds in the same sentence. The president who "struck a deal", the storm that "hit the
coast", a minister who "opened fire on critics" have no such doer and are never events. A doer that is itself a
trigger noun ("an IED hit a convoy", "a blast ripped through a mosque") is left to that noun, which takes its place
and date from the verb it acts through (:func:`impact_verb`), so one incident is never reported twice.

The vocabulary is ``attacks`` in ``data/events.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from veracity.extract.actors.finder import Found
from veracity.extract.events.rules import raw_events_data
from veracity.extract.text.lexicon import event_lexicon

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_KEEP_OUT = frozenset({"ccomp", "advcl", "conj", "punct", "cc", "relcl", "parataxis"})


@dataclass(frozen=True, slots=True)
class AttackWords:
    """The ``attacks`` section of ``events.yaml`` as lookup tables."""

    verbs: frozenset[str]
    counting_verbs: frozenset[str]
    phrases: dict[str, str]
    attackers: dict[str, str]
    armed_modifiers: frozenset[str]
    armed_heads: frozenset[str]
    suicide_heads: frozenset[str]
    not_objects: frozenset[str]
    not_settings: frozenset[str]
    impact_verbs: frozenset[str]
    manner: frozenset[str]
    specificity: tuple[str, ...]
    locative: frozenset[str]


def _set(values: object) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ()) if isinstance(values, list) else frozenset()


@cache
def attack_words() -> AttackWords:
    """The shipped attack vocabulary, loaded once."""
    raw = raw_events_data().get("attacks", {})
    return AttackWords(
        verbs=_set(raw.get("verbs")),
        counting_verbs=_set(raw.get("counting_verbs")),
        phrases={str(p).lower(): kind for kind, items in raw.get("phrases", {}).items() for p in items},
        attackers={str(w).lower(): kind for kind, items in raw.get("attackers", {}).items() for w in items},
        armed_modifiers=_set(raw.get("armed_modifiers")),
        armed_heads=_set(raw.get("armed_heads")),
        suicide_heads=_set(raw.get("suicide_heads")),
        not_objects=_set(raw.get("not_objects")),
        not_settings=_set(raw.get("not_settings")),
        impact_verbs=_set(raw.get("impact_verbs")),
        manner=_set(raw.get("manner")),
        specificity=tuple(str(k) for k in raw.get("specificity", ())),
        locative=_set(raw.get("locative")),
    )


def doer(verb: Token) -> Token | None:
    """Who or what does the verb: its active subject, or the object of its "by" agent in the passive."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def _is_trigger_noun(token: Token) -> bool:
    nouns = event_lexicon().noun_triggers
    return token.lemma_.lower() in nouns or token.lower_ in nouns


def attacker_type(noun: Token) -> str | None:
    """The attack type an attacker noun stands for ("bombers": bombing, "gunmen": armed assault, "a drone":
    airstrike), with "suicide" on it a suicide bombing; None for anyone else ("the president", "the storm")."""
    words = attack_words()
    kind = words.attackers.get(noun.lemma_.lower()) or words.attackers.get(noun.lower_)
    modifiers = {c.lower_ for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}}
    if kind is None and noun.lemma_.lower() in words.armed_heads and modifiers & words.armed_modifiers:
        kind = "armed_assault"
    if kind is None:
        return None
    return "suicide_bombing" if "suicide" in modifiers else kind


def _suicide_in(sent: Span) -> bool:
    """The sentence calls the attack a suicide one ("a suicide vest", "one was a suicide bomber")."""
    heads = attack_words().suicide_heads
    return any(t.lower_ == "suicide" and (t.head.lemma_.lower() in heads or t.head.lower_ in heads) for t in sent)


def _not_an_attack(verb: Token) -> bool:
    """The verb strikes something that is no target ("struck a deal", "hit the streets") or speaks rather than
    fights ("struck back at critics in a statement")."""
    words = attack_words()
    direct = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    after = {o.lemma_.lower() for c in verb.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"}
    return bool(direct & words.not_objects or (direct | after) & words.not_settings)


def _other_trigger(verb: Token) -> bool:
    """Another word of the verb's sentence is an event trigger: "killed four soldiers in an ambush" counts the
    ambush's dead rather than reporting an attack of its own."""
    lex = event_lexicon()
    for token in verb.sent:
        lemma = token.lemma_.lower()
        is_noun = token.pos_ in {"NOUN", "PROPN"} and (lemma in lex.noun_triggers or token.lower_ in lex.noun_triggers)
        is_verb = token.pos_ == "VERB" and (lemma in lex.verb_triggers or lemma in attack_words().verbs)
        if token is not verb and (is_noun or (is_verb and lemma not in attack_words().counting_verbs)):
            return True
    return False


def _verb_kind(verb: Token) -> str | None:
    """The type a striking verb or phrase gives by itself: "open fire" an armed assault, "strike" or "hit" whatever
    its doer is; None when the verb is neither or acts on something that is no target ("struck a deal")."""
    words = attack_words()
    lemma = verb.lemma_.lower()
    if _not_an_attack(verb):
        return None
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    for obj in objects:
        if (kind := words.phrases.get(f"{lemma} {obj}")) is not None:
            return kind
    if lemma not in words.verbs:
        return None
    if lemma in words.counting_verbs and _other_trigger(verb):
        return None
    return ""


def attack_verb_type(verb: Token, armed_group_doer: bool, casualties: bool) -> str | None:
    """Event type of a verb that is an attack through its doer, None when it is not one.

    ``armed_group_doer`` says the doer is an armed group the registry knows ("the BLA targeted a train"); such a
    doer makes an attack only with people killed or wounded in the sentence (``casualties``), since groups also
    strike deals and hit back in words. A doer that is a trigger noun itself is left to that noun."""
    if verb.pos_ != "VERB":
        return None
    kind = _verb_kind(verb)
    who = doer(verb)
    if kind is None or who is None or _is_trigger_noun(who):
        return None
    by_doer = attacker_type(who)
    if by_doer is None and not (armed_group_doer and casualties):
        return None
    if by_doer == "suicide_bombing" or _suicide_in(verb.sent):
        return "suicide_bombing"
    return _most_specific([kind or by_doer or "armed_assault", *(_noun_kind(n) for n in manner_nouns(verb))])


def manner_nouns(verb: Token) -> list[Token]:
    """Trigger nouns that say how the verb's attack was done ("in a suicide attack", "with an IED")."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in attack_words().manner]
    return [o for p in preps for o in p.children if o.dep_ == "pobj" and _is_trigger_noun(o)]


def manner_host(noun: Token) -> Token | None:
    """The verb a trigger noun is the manner of ("struck a market in an attack": struck), else None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in attack_words().manner:
        return None
    return prep.head if prep.head.pos_ == "VERB" else None


def _noun_kind(noun: Token) -> str | None:
    """A manner noun's own type: the trigger lexicon's, a suicide one when "suicide" modifies it."""
    lex = event_lexicon()
    kind = lex.noun_triggers.get(noun.lemma_.lower()) or lex.noun_triggers.get(noun.lower_)
    if kind is not None and any(c.lower_ == "suicide" for c in noun.children):
        return "suicide_bombing"
    return kind


def _most_specific(kinds: list[str | None]) -> str:
    """The most specific attack type among ``kinds`` (the first one when none is ranked)."""
    order = attack_words().specificity
    ranked = [k for k in kinds if k in order]
    return min(ranked, key=order.index) if ranked else str(kinds[0])


def attack_type(verb: Token, found: Found | None) -> str | None:
    """:func:`attack_verb_type` with the doer looked up among the document's actors (None: no registry lookup)."""
    words = attack_words()
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in words.verbs | {p.split()[0] for p in words.phrases}:
        return None
    who = doer(verb)
    mention = found.actor_at(who.i) if found is not None and who is not None else None
    group = mention is not None and mention.entity.type == "armed_group"
    lex = event_lexicon()
    hurt = any(t.lemma_.lower() in lex.killed | lex.injured for t in verb.sent)
    return attack_verb_type(verb, group, hurt)


def shares_count(conj: Token) -> bool:
    """A conjoined counting verb with no subject of its own ("killed two guards and wounded a policeman in
    Bajaur"): its words, place and date included, belong to the verb it is conjoined to."""
    return (
        conj.dep_ == "conj"
        and conj.pos_ == "VERB"
        and conj.lemma_.lower() in attack_words().counting_verbs
        and not any(c.dep_ in _SUBJECTS for c in conj.children)
    )


def impact_verb(token: Token) -> Token | None:
    """The verb a trigger noun acts through as its doer ("an IED hit a convoy": hit; "was struck by a drone":
    struck), when that verb is one of impact; None otherwise ("the attack drew condemnation")."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    verb = token.head
    if token.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    elif token.dep_ not in _SUBJECTS:
        return None
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in attack_words().impact_verbs else None


def verb_clause(verb: Token) -> Span:
    """A verb with its subject, objects and prepositional phrases, without the clauses it governs."""
    keep = [verb] + [c for c in verb.children if c.dep_ not in _KEEP_OUT]
    lo = min(t.left_edge.i for t in keep)
    hi = max(t.right_edge.i if t is not verb else t.i for t in keep)
    return verb.doc[lo : hi + 1]
