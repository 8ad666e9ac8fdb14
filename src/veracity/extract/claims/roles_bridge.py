"""Event roles (perpetrator, target, victim, weapon) from the shared role finder, as assertions.

The role finder lives in ``veracity.extract.roles.model`` (``find_roles(sdoc) -> list[RoleFiller]``), so the benchmark
and the product use the same component. This bridge carries every filler it is given into the store:

* a filler hangs on the event of its trigger; failing that on an event of a compatible kind in its sentence, its
  paragraph or the document (``events_attach``: an attacker never on a war its sentence does not mention); and
  failing that on one event made for the finder's trigger (type from the trigger lexicon, else ``other``; its id is
  derived from the document and the trigger, so re-runs agree);
* a perpetrator who is a known actor (the registry actor its phrase names) is a ``responsible_for`` line; a doer
  the phrase only describes is the event's ``perpetrator`` role, an unresolved actor of the finder's kind: a person
  for an individual ("guerrillas", "a gunman"), an armed group for an organisation. A lone vague plural
  ("terrorists") is the shared placeholder "terrorists (unspecified)", which the MUC-4 mapping reads as
  individuals. Individuals named by their group ("fmln guerrillas", "TTP militants") are both: the group is
  responsible, the phrase describes the doers. Why: a description is a fact about the incident, not an actor of
  the network; as ``responsible_for`` lines such descriptions filled the graph with actors no report names
  (on the real-report corpus they cost 0.04 relations F1 on train);
* a perpetrator inside reported speech is never restated in the article's voice: its claimant is the speaker
  (attribution ``accused_by_authorities``, ``possible`` when hedged, ``claimed`` when the speaker is the doer), or
  the article with attribution ``suspected`` when no speaker is found;
* dates, times and bare numbers are not targets, victims or weapons, whatever the finder says.

The finder's confidence travels as the assertion's ``score``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from veracity.extract.claims.finder import claimant_of
from veracity.extract.claims.links import hedge_in, ids
from veracity.extract.context import Ctx
from veracity.extract.events.attach import Candidate, choose_event, family
from veracity.extract.events.finder import trigger_type
from veracity.extract.text.dates import MONTHS, WEEKDAYS
from veracity.extract.text.lexicon import cues
from veracity.model.ids import slug
from veracity.model.records import Entity, EntityKind

EXTRACTOR = "events.roles"
_ROLE_PREDICATE = {"target": "target", "victim": "victim", "weapon": "weapon"}
_PERPETRATOR_TYPE = {"perpetrator_ind": "person", "perpetrator_org": "armed_group"}
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "this", "that", "some", "several"})
_TIME_WORDS = frozenset(
    {
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "hours",
        "hrs",
        "gmt",
        "o'clock",
        "today",
        "yesterday",
        "tonight",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
        "night",
        "midnight",
        "noon",
        "dawn",
        "week",
        "weekend",
        "month",
        "year",
        "day",
        "days",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "of",
        "on",
        "the",
        "at",
        "about",
        "around",
    }
)
_NON_FILLER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


@dataclass(slots=True)
class _Made:
    """Events this bridge made for a document, by id, with the token where each was first seen."""

    at: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    lines: set[str] = field(default_factory=set)


@cache
def _finder() -> Any:
    try:
        module = importlib.import_module("veracity.extract.roles.model")
    except ImportError:
        return None
    return getattr(module, "find_roles", None)


def add_roles(ctx: Ctx, used: set[int]) -> None:
    """Turn each role filler into an assertion about the event it belongs to (perpetrators: responsible_for).

    ``used`` holds the tokens read as reported speech: a perpetrator found there is someone's accusation and is
    recorded with that someone as claimant, never in the article's voice.
    """
    finder = _finder()
    try:
        fillers = finder(ctx.sdoc) if finder is not None else []
    except OSError:  # the trained role model is not shipped yet: the product still works without roles
        fillers = []
    made = _Made()
    for filler in fillers:
        _add_filler(ctx, filler, used, made)
    _drop_dates(ctx)


def is_non_filler(span: Span) -> bool:
    """A date, a time or a bare number ("27 november", "2030 hours", "15"): never a target, victim or weapon."""
    words = [t for t in span if not (t.is_punct or t.lower_ in _DETERMINERS)]
    return (bool(words) and all(t.ent_type_ in _NON_FILLER_ENTS for t in words)) or date_like(span.text)


def date_like(text: str) -> bool:
    """True when every word is a number, a month, a weekday or a time word, and one of them is not filler."""
    words = [w.strip(".,;:()'\"") for w in text.lower().split()]
    words = [w for w in words if w]
    calendar = _calendar()
    anchored = any(w[:1].isdigit() or w in calendar for w in words)
    return anchored and all(w[:1].isdigit() or w in calendar or w in _TIME_WORDS for w in words)


@cache
def _calendar() -> frozenset[str]:
    return frozenset({m for m in MONTHS if len(m) > 3} | set(WEEKDAYS) | {"sept"})


def _drop_dates(ctx: Ctx) -> None:
    """Role lines whose literal object reads as a date ("the attack on 27 november" -> target "27 november")."""
    ctx.assertions[:] = [
        a
        for a in ctx.assertions
        if not (a.extractor.startswith(f"{EXTRACTOR}@") and a.object_literal and date_like(a.object))
    ]


def _add_filler(ctx: Ctx, filler: Any, used: set[int], made: _Made) -> None:
    span = ctx.sdoc.char_span(filler.start_char, filler.end_char, alignment_mode="expand")
    if span is None or is_non_filler(span):
        return
    if filler.role.startswith("perpetrator"):
        _add_perpetrator(ctx, filler, span, _event_of(ctx, filler, span, made), used)
        return
    predicate = _ROLE_PREDICATE.get(filler.role)
    if predicate is None:
        return
    event = _event_of(ctx, filler, span, made)
    actor = ctx.found.actor_at(span.root.i) if filler.role == "target" else None
    obj = actor.entity.id if actor is not None else filler.text
    _supersede(ctx, event, predicate, span, made)
    if _say(ctx, event, predicate, obj, span, filler.score, literal=actor is None):
        made.lines.add(ctx.assertions[-1].id)


def _supersede(ctx: Ctx, event: str, predicate: str, span: Span, made: _Made) -> None:
    """Drop a rule-made literal of the same role, event and sentence that merely wraps the finder's phrase ("the
    6th floor of the hilton hotel killing two people" around "hilton hotel"): one target, recorded once."""
    text, start = span.text.lower(), span.sent.start_char
    ctx.assertions[:] = [
        a
        for a in ctx.assertions
        if not (
            a.subject == event
            and a.predicate == predicate
            and a.object_literal
            and a.span[0] == start
            and a.id not in made.lines
            and text in a.object.lower()
            and a.object.lower() != text
        )
    ]


def _say(ctx: Ctx, subject: str, predicate: str, obj: str, span: Span, score: float, **kw: Any) -> bool:
    """``ctx.add`` with the finder's confidence kept as the assertion's score; False when already recorded."""
    before = len(ctx.assertions)
    ctx.add(subject, predicate, obj, claimant=kw.pop("claimant", ctx.author), sent=span.sent, extractor=EXTRACTOR, **kw)
    if len(ctx.assertions) > before:
        ctx.assertions[-1] = replace(ctx.assertions[-1], score=float(score))
        return True
    return False


# --- events -------------------------------------------------------------------------------------------------------


def _trigger(ctx: Ctx, filler: Any) -> Token | None:
    start = getattr(filler, "trigger_char", None)
    if start is None:
        return None
    text = getattr(filler, "trigger", None) or ""
    span = ctx.sdoc.char_span(start, start + max(1, len(text)), alignment_mode="expand")
    return span.root if span is not None else None


def _event_of(ctx: Ctx, filler: Any, span: Span, made: _Made) -> str:
    """The event a filler hangs on: its trigger's, else the best of a compatible kind nearby, else a new one."""
    trigger = _trigger(ctx, filler)
    own = ctx.event(trigger) if trigger is not None else None
    if own is not None:
        return own.id
    candidates = [Candidate(e.id, e.type, tuple(e.triggers)) for e in ctx.events]
    candidates += [Candidate(eid, made.kinds.get(eid, "other"), (i,)) for eid, i in made.at.items()]
    chosen = choose_event(candidates, ctx.sdoc, span.start, _wanted(ctx, trigger, span))
    return chosen or _new_event(ctx, filler, span, made)


def _wanted(ctx: Ctx, trigger: Token | None, span: Span) -> str | None:
    """The family of event the filler's words name: its trigger's type; else an incident when its sentence has an
    attack word; else the family of the sentence's first trigger; else None (a count of dead or wounded alone says
    nothing: soldiers are "wounded in combat" as often as in an attack)."""
    kind = trigger_type(trigger, ctx.found) if trigger is not None else None
    if kind is not None:
        return family(kind)
    sent = (trigger if trigger is not None else span.root).sent
    kinds = [family(k) for t in sent if (k := trigger_type(t, ctx.found)) is not None]
    return "incident" if "incident" in kinds else kinds[0] if kinds else None


def _new_event(ctx: Ctx, filler: Any, span: Span, made: _Made) -> str:
    """An event for a trigger the events step did not keep (undated, unplaced: MUC-4's "the attack")."""
    trigger = _trigger(ctx, filler)
    kind = (trigger_type(trigger, ctx.found) if trigger is not None else None) or "other"
    word = trigger.text if trigger is not None else "incident"
    label = f"{kind.replace('_', ' ')} ({word}, {ctx.doc.name or ctx.doc.id[:12]})"
    event_id = f"event:{slug(label)}-{ctx.doc.id[:8]}"
    where = trigger if trigger is not None else span.root
    attrs = {
        "date": None,
        "precision": None,
        "place": None,
        "country": None,
        "killed": None,
        "injured": None,
        "label": label,
        "surfaces": [where.sent.text.strip()],
    }
    ctx.placeholders.setdefault(event_id, Entity(EntityKind.EVENT, label, kind, attributes=attrs, id=event_id))
    made.at.setdefault(event_id, where.i)
    made.kinds.setdefault(event_id, kind)
    return event_id


# --- perpetrators -------------------------------------------------------------------------------------------------


def _add_perpetrator(ctx: Ctx, filler: Any, span: Span, event: str, used: set[int]) -> None:
    inside = [m.entity.id for t in span if (m := ctx.found.actor_at(t.i)) is not None]
    known = _dedupe_ids([*ids(ctx, span.root), *inside])
    actors, described = _perpetrators(ctx, filler, span, known)
    claimant, attribution, hedge = _voice(ctx, span, used)
    if described is not None:  # who says so travels with the role as with a responsible_for line
        _say(ctx, event, "perpetrator", described, span, filler.score, claimant=claimant,
             attribution=attribution, hedge=hedge)
    for actor in actors:
        if claimant == actor:
            attribution = "claimed"
        if not any(a.subject == actor and a.object == event for a in ctx.assertions):
            _say(
                ctx,
                actor,
                "responsible_for",
                event,
                span,
                filler.score,
                claimant=claimant,
                attribution=attribution,
                hedge=hedge,
            )


def _dedupe_ids(found: list[str]) -> list[str]:
    return [i for i in dict.fromkeys(found) if i.startswith("actor:")]


def _perpetrators(ctx: Ctx, filler: Any, span: Span, known: list[str]) -> tuple[list[str], str | None]:
    """Who did it: the known actors the phrase names (responsible_for lines), and the doer as the phrase
    describes it when it names no known actor of the finder's kind (the incident's perpetrator role). "fmln
    guerrillas" is both: the FMLN is responsible, and "fmln guerrillas" describes the doers."""
    entities = {**{m.entity.id: m.entity for m in ctx.found.actors}, **ctx.placeholders}
    if filler.role != "perpetrator_ind":
        return (known, None) if known else ([], _unresolved(ctx, span, _PERPETRATOR_TYPE[filler.role]))
    people = [k for k in known if entities.get(k) is not None and entities[k].type == "person"]
    if people:
        return people, None
    groups = [k for k in known if k not in ctx.placeholders]
    if groups:
        return groups, _unresolved(ctx, span, _PERPETRATOR_TYPE[filler.role])
    if known:  # a vague group the other steps share ("militants (unspecified)") stays their placeholder
        return known, None
    return [], _unresolved(ctx, span, _PERPETRATOR_TYPE[filler.role])


def _unresolved(ctx: Ctx, span: Span, type_: str) -> str:
    """An actor the registry does not know, named by the phrase without its determiner ("the guerrillas")."""
    words = list(span)
    while len(words) > 1 and words[0].lower_ in _DETERMINERS:
        words = words[1:]
    name = ctx.sdoc[words[0].i : span.end].text
    vague = type_ == "person" and words[-1].lower_ in cues().words("vague_groups") and len(words) == 1
    name = f"{name} (unspecified)" if vague else name
    entity = Entity(kind=EntityKind.ACTOR, name=name, type=type_, resolved=False, id=f"actor:{slug(name)}")
    ctx.placeholders.setdefault(entity.id, entity)
    return entity.id


def _voice(ctx: Ctx, span: Span, used: set[int]) -> tuple[str, str, str | None]:
    """Claimant, attribution and hedge of a perpetrator line: the article states it, unless it sits in reported
    speech (a clause the claims step consumed, or one under a reporting verb), where the speaker accuses or, with
    no speaker found, the article only reports a suspicion."""
    hedge = hedge_in(span.sent)
    verb = _reporting_verb(span.root)
    if span.root.i not in used and verb is None:
        return ctx.author, "possible" if hedge else "stated", hedge
    speaker = claimant_of(ctx, verb) if verb is not None else None
    if speaker is None:
        return ctx.author, "suspected", hedge
    return speaker, "possible" if hedge else "accused_by_authorities", hedge


def _reporting_verb(token: Token) -> Token | None:
    """The nearest reporting verb above the token ("police said guerrillas attacked"), or one the sentence's main
    clause hangs on ("guerrillas attacked, the army said")."""
    c = cues()
    reporting = c.assert_verbs | c.deny_verbs
    head, hops = token, 0
    while head.head is not head and hops < 8:
        head, hops = head.head, hops + 1
        if head.pos_ == "VERB" and head.lemma_.lower() in reporting:
            return head
    root = token.sent.root
    return next((ch for ch in root.children if ch.dep_ == "parataxis" and ch.lemma_.lower() in reporting), None)
