"""Token tests that decide whether a trigger is a real incident: counts, intensity, wars fought, takeovers, and the
figurative or hypothetical uses that must never become events.

The words live in ``data/events.yaml`` (section ``rules``) so an analyst can widen a list without touching code; the
tests here only read the parse. They are kept apart from ``events.py`` because each one answers a single question
about a single trigger and is easier to test (and to distrust) on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from veracity.extract.actors.finder import ActorMention, Found
from veracity.extract.places.finder import lookup_place
from veracity.extract.text.lexicon import event_lexicon
from veracity.model.errors import ConfigError

# dependency labels through which a trigger is what the verb above it does ("could launch attacks", "vowed to wage
# war"). A subject or a prepositional phrase happened whatever that verb says: "the attack could have been
# prevented", "never recovered from the defeat", "may have died in the attack"
_CLIMB = frozenset({"dobj", "xcomp", "attr", "compound", "amod", "conj", "appos", "acomp", "dative", "oprd"})
_FIGURATIVE_KINDS = frozenset({"war", "clash", "armed_assault", "takeover"})
_ORGANISATIONS = frozenset({"armed_group", "political_party", "state_agency", "state", "international_org", "other"})


@dataclass(frozen=True, slots=True)
class Rules:
    """The ``rules`` section of ``events.yaml`` as lookup sets."""

    anchored_only: frozenset[str]
    intensity: frozenset[str]
    war_verbs: frozenset[str]
    enemy_verbs: frozenset[str]
    not_modifiers: frozenset[str]
    not_objects: frozenset[str]
    modals: frozenset[str]
    marks: frozenset[str]
    intent_verbs: frozenset[str]
    phrasal: dict[str, str]
    takeover_objects: frozenset[str]


def raw_events_data() -> Any:
    """``events.yaml`` as parsed YAML (read here too: the shared lexicon loader only knows its own sections)."""
    path = resources.files("veracity.extract") / "data" / "events.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read extract data file events.yaml: {exc}", fix="fix the YAML") from exc


def _set(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@cache
def rules() -> Rules:
    """The shipped rule vocabulary, loaded once."""
    raw = raw_events_data()
    section = raw.get("rules", {})
    hyp = section.get("hypothetical", {})
    phrasal = {str(p).lower(): kind for kind, phrases in raw["triggers"].get("phrasal", {}).items() for p in phrases}
    return Rules(
        anchored_only=_set(section.get("anchored_only")),
        intensity=_set(section.get("intensity")),
        war_verbs=_set(section.get("war_verbs")),
        enemy_verbs=_set(section.get("enemy_verbs")),
        not_modifiers=_set(section.get("not_violent", {}).get("modifiers")),
        not_objects=_set(section.get("not_violent", {}).get("objects")),
        modals=_set(hyp.get("modals")),
        marks=_set(hyp.get("marks")),
        intent_verbs=_set(hyp.get("verbs")),
        phrasal=phrasal,
        takeover_objects=_set(section.get("takeover_objects")),
    )


def phrasal_type(token: Token) -> str | None:
    """Event type of a phrasal verb ("taken over"): the lemma with its particle, looked up in ``triggers.phrasal``."""
    if token.pos_ != "VERB":
        return None
    for child in token.children:
        if child.dep_ == "prt":
            kind = rules().phrasal.get(f"{token.lemma_.lower()} {child.lower_}")
            if kind:
                return kind
    return None


def not_violent(token: Token, kind: str) -> bool:
    """A figurative use: "a war of words", "the war on terror", "a legal battle", "a trade war", "a verbal attack".

    Only wars, battles, attacks and takeovers have such uses; "a political assassination" is still a killing."""
    if kind not in _FIGURATIVE_KINDS:
        return False
    r = rules()
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.lower_ in r.not_modifiers:
            return True
        objects = child.children if child.dep_ == "prep" else ()
        if any(obj.lemma_.lower() in r.not_objects or obj.lower_ in r.not_objects for obj in objects):
            return True
    return False


def _clause_verbs(token: Token) -> list[Token]:
    """The verbs a trigger depends on within its own clause ("threatened to launch attacks": launch, threatened)."""
    verbs: list[Token] = []
    node = token
    while True:
        if node.pos_ in {"VERB", "AUX"}:
            verbs.append(node)
        own_tense = node.dep_ == "conj" and any(c.dep_ in {"aux", "auxpass"} for c in node.children)
        if node.dep_ not in _CLIMB or node.head is node or own_tense:  # "... will air and two were attacked"
            return verbs
        node = node.head


def hypothetical(token: Token) -> bool:
    """A trigger under a modal, a condition, a negation or a verb of intent or threat: "could launch attacks",
    "if the group attacks", "did not attack", "vowed to wage war". Such sentences describe no incident."""
    r = rules()
    for verb in _clause_verbs(token):
        if verb is not token and verb.lemma_.lower() in r.intent_verbs:
            return True
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in r.modals:
                return True
            if child.dep_ == "mark" and child.lower_ in r.marks:
                return True
            if child.dep_ == "neg":
                return True
    return False


def counted(token: Token) -> bool:
    """A plural or generic trigger with a count of incidents ("at least one suicide bombing", "two attacks"); a year
    modifier ("the 2008 attacks") is a date, not a count."""
    lex = event_lexicon()
    for child in token.children:
        if child.dep_ != "nummod" or child.ent_type_ in {"DATE", "TIME"}:
            continue
        text = child.lower_.replace(",", "")
        if (text.isdecimal() and int(text) < 1000) or (text in lex.numbers and text not in {"a", "an"}):
            return True
    return False


def fierce(token: Token, kind: str) -> bool:
    """A clash trigger qualified as real fighting ("ferocious battles", "heavy fighting")."""
    return kind == "clash" and any(c.dep_ == "amod" and c.lower_ in rules().intensity for c in token.children)


def war_fought(token: Token) -> bool:
    """A war noun that is the object of a verb of waging ("fought a brief war", "launched a war")."""
    return token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in rules().war_verbs


def anchored_only(token: Token) -> bool:
    return token.lemma_.lower() in rules().anchored_only or token.lower_ in rules().anchored_only


def armed_group_in(sent: Span, found: Found) -> bool:
    """An armed group is named in the sentence: the test that a "defeat" or "debacle" is a military one."""
    return any(sent.start <= m.start < sent.end and m.entity.type == "armed_group" for m in found.actors)


def _actor_of(token: Token, found: Found) -> ActorMention | None:
    return found.actor_at(token.i)


def taken(token: Token, found: Found) -> ActorMention | None:
    """The organisation a takeover trigger is about: the passive subject or object of "take over"/"seize", or the
    "of" object of "takeover". A capital standing for its government ("takeover of Kabul") is a place, not this."""
    candidates: list[Token] = []
    if token.pos_ == "VERB":
        candidates = [c for c in token.children if c.dep_ in {"nsubjpass", "dobj"}]
    else:
        candidates = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    for cand in candidates:
        mention = _actor_of(cand, found)
        if mention is None or mention.entity.type not in _ORGANISATIONS:
            continue
        if lookup_place(mention.surface) is not None:
            continue
        return mention
    return None


def taker(token: Token, found: Found) -> ActorMention | None:
    """Who takes over: the "by" agent of a passive, the subject of an active verb, or the possessor of the noun."""
    for child in token.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if (m := _actor_of(obj, found)) is not None:
                    return m
        if child.dep_ in {"nsubj", "poss"} and (m := _actor_of(child, found)) is not None:
            return m
    return None


def takeover_scope(token: Token, found: Found) -> str | None:
    """What a takeover is of, for matching a known takeover: a place name ("took over Kabul", a capital standing for
    its government included), "" for power or the country or nothing said ("since the Taliban took over"), and None
    for anything else, which a taker alone does not make the known takeover ("took over Spin Boldak district")."""
    if token.pos_ == "VERB":
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    else:
        objects = [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
    if not objects:
        return ""
    for obj in objects:
        if obj.lemma_.lower() in rules().takeover_objects:
            return ""
        place = found.place_at(obj.i)
        mention = found.actor_at(obj.i)
        hit = lookup_place(mention.surface) if mention is not None and place is None else None
        if place is not None or hit is not None:
            return place.name if place is not None else hit.name if hit is not None else None
    return None
