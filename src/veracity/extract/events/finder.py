"""Events: attack and incident triggers with type, place, date and casualty counts, merged within a document.

A trigger is a noun or verb lemma from ``data/events.yaml``. A uniquely named event ("the Crocus attack", "9/11")
is recognised by its keys and gets its well-known date; anything else is dated only as precisely as the text
allows. Generic plural triggers ("attacks in Pakistan have risen") are statements about many incidents and are
not events unless the text counts, dates or places them.

Beyond single attacks (the rules live in ``events_rules``, ``events_known`` and ``events_incidents``): one sentence
listing several attacks with their own casualties is several events; wars and battles named by common nouns are
events when dated, placed or called fierce; a known war is recognised by who was fought where ("to oppose the
Soviet Red Army in Afghanistan"); a takeover of an organisation is an event about that organisation. Figurative and
hypothetical uses ("a war of words", "could launch attacks") never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from veracity.extract.actors.finder import Found, PlaceMention
from veracity.extract.events.anaphora import antecedent_place, refers_back
from veracity.extract.events.attacks import attack_type, manner_host
from veracity.extract.events.counts import casualties
from veracity.extract.events.incidents import Incident, listed_incidents
from veracity.extract.events.known import known_for, war_against
from veracity.extract.events.rules import (
    anchored_only,
    armed_group_in,
    counted,
    fierce,
    hypothetical,
    not_violent,
    phrasal_type,
    taken,
    takeover_scope,
    taker,
    war_fought,
)
from veracity.extract.events.where import attached_place, date_near, dates_near, own_phrase, place_inside, place_near
from veracity.extract.text.lexicon import KnownEvent, event_lexicon
from veracity.model.ids import slug
from veracity.model.values import date_precision


@dataclass(slots=True)
class EventMention:
    """One event in a document, possibly mentioned several times (``triggers`` holds each token index)."""

    label: str
    type: str
    date: str | None = None
    place: str | None = None
    country: str | None = None
    killed: int | None = None
    injured: int | None = None
    known: bool = False
    triggers: list[int] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"event:{slug(self.label)}"

    def attributes(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": date_precision(self.date),
            "place": self.place,
            "country": self.country,
            "killed": self.killed,
            "injured": self.injured,
            "label": self.label,
            "surfaces": list(self.surfaces),
        }


@cache
def _key_parts() -> re.Pattern[str]:
    """Every part of every known-event key as one alternation: most sentences contain none, and one search says
    so faster than testing each key."""
    parts = {
        part
        for event in event_lexicon().known
        for key in (*event.keys, *event.recent_keys)
        for part in key.replace("'", "’").split("+")
    }
    return re.compile("|".join(sorted(map(re.escape, parts), key=len, reverse=True)))


def _known_in(text: str, published: str | None) -> KnownEvent | None:
    """The known event whose longest key occurs in ``text`` (and is not after the publication date)."""
    low = text.lower().replace("'", "’")
    if _key_parts().search(low) is None:
        return None
    best: tuple[int, KnownEvent] | None = None
    for event in event_lexicon().known:
        if published and event.date and event.date[: len(published)] > published:
            continue
        for key in event.keys_for(published):
            hit = all(part in low for part in key.replace("'", "’").split("+"))
            if hit and (best is None or len(key) > best[0]):
                best = (len(key), event)
    return best[1] if best else None


def trigger_type(token: Token, found: Found | None = None) -> str | None:
    """Event type of a trigger token, refined by its modifiers ("suicide attack", "drone strike"); a verb that is
    an attack only through its doer ("suicide bombers struck", "gunmen opened fire") is typed by that doer."""
    lex = event_lexicon()
    lemma = token.lemma_.lower()
    special = phrasal_type(token) or attack_type(token, found)
    if special is not None:
        return special
    if token.pos_ in {"NOUN", "PROPN"}:
        base = lex.noun_triggers.get(lemma) or lex.noun_triggers.get(token.lower_)
    elif token.pos_ == "VERB":
        base = lex.verb_triggers.get(lemma)
    else:
        return None
    if base is None:
        return None
    near = {t.lower_ for t in token.children} | {t.lower_ for t in token.doc[max(0, token.i - 3) : token.i]}
    if base in lex.needs_context and not near & lex.needs_context[base] and lemma in lex.needs_context:
        return None
    if lemma in lex.needs_context and not near & lex.needs_context[lemma]:
        return None
    for word, refined in lex.refine.items():  # in file order: "suicide" wins over "explosive" whatever the set order
        if word in near and refined != base and base in {"armed_assault", "bombing", "airstrike"}:
            return refined
    return base


def _generic(token: Token, kind: str, found: Found, published: str | None) -> list[EventMention]:
    """The incidents a trigger reports, usually none or one; a plural trigger listing years ("the 2015 and 2018
    debacles in Jawzan") reports one per year."""
    if not_violent(token, kind):
        return []
    phrase = own_phrase(token)
    target = taken(token, found) if kind == "takeover" else None
    # an organisation taken over is placed only where the verb itself says ("... in Nangarhar")
    place = attached_place({token}, found) if target else place_near(phrase, token, found)
    dates = dates_near(phrase, token, published)
    date = dates[0] if dates else None
    killed, injured = casualties(token.sent)
    hurt = killed if killed is not None else injured  # "the blast wounded nine children" is counted too
    if not _qualifies(token, kind, place, date, hurt, found, published) or hypothetical(token):
        return []
    where = place.name if place else None
    surface = surface_of(token, kind, phrase)
    kind = _few_shot(kind, token, killed, injured)
    out = []
    for when in dates if len(dates) > 1 else [date]:
        label = event_label(kind, where, when)
        if target is not None:  # an organisation taken over: one event however often it is dated
            label = f"takeover of {target.entity.name}"
        out.append(
            EventMention(
                label=label,
                type=kind,
                date=when,
                place=where,
                country=place.country if place else None,
                killed=killed,
                injured=injured,
                triggers=[token.i],
                surfaces=[surface],
            )
        )
    return out


def _few_shot(kind: str, token: Token, killed: int | None, injured: int | None) -> str:
    """A shooting is a mass shooting only with several people hit or in so many words ("massacre", "mass
    shooting"); "a Marine was shot by a sniper" is an armed assault."""
    if kind != "mass_shooting":
        return kind
    lex = event_lexicon()
    if token.lemma_.lower() in lex.mass_words or any(c.lower_ in lex.mass_words for c in token.children):
        return kind
    if any(t.lower_ in lex.vague for t in token.sent):  # "killed dozens of worshippers"
        return kind
    hit = (killed or 0) + (injured or 0)
    return kind if hit >= lex.mass_threshold else "armed_assault"


def event_label(kind: str, where: str | None, when: str | None) -> str:
    """The label of an event known only by its type, place and date ("armed assault in Bannu (2024-03)")."""
    return f"{kind.replace('_', ' ')} in {where or 'unknown place'} ({when or 'undated'})"



def _placed_back(mention: EventMention, token: Token, found: Found) -> EventMention:
    """An unplaced "the blast" placed by the one place of the sentence before it (``events_anaphora``)."""
    if (
        mention.place is not None
        or _family(mention.type) != "incident"  # "the war" is too often elsewhere than the last place named
        or mention.label != event_label(mention.type, None, mention.date)
    ):
        return mention
    place = antecedent_place(token, found)
    if place is None:
        return mention
    mention.place, mention.country = place.name, place.country
    mention.label = event_label(mention.type, place.name, mention.date)
    return mention


def _qualifies(
    token: Token,
    kind: str,
    place: PlaceMention | None,
    date: str | None,
    killed: int | None,
    found: Found,
    published: str | None,
) -> bool:
    """Is this trigger one incident rather than talk about many ("attacks have risen") or about none ("the war")?

    A trigger qualifies when the text dates, places (singular only), counts or names it, or calls the fighting
    fierce. Words that also name political setbacks ("defeat", "debacle") need a date, a place and an armed group.
    A war needs a place, or a date and a verb of waging ("fought a brief war in May"). A takeover needs a place or
    an organisation taken over ("the group was taken over by the Haqqani network"), or a taker who names a known
    takeover ("the Taliban's military takeover of the country")."""
    if anchored_only(token):
        return bool(date and place and armed_group_in(token.sent, found))
    if kind == "takeover" and place is None:
        return _known_takeover(token, found, date, published) is not None or taken(token, found) is not None
    plural = token.tag_ in {"NNS", "NNPS"}
    if not (
        date or killed or (place and not plural) or _named_plural(token, kind) or counted(token) or fierce(token, kind)
    ):
        return False
    if kind == "war" and place is None:  # "the war" alone is too vague to be an event
        return bool(date) and (war_fought(token) or _dated_itself(token))
    return True


def _dated_itself(token: Token) -> bool:
    """A date inside the noun's own words ("the 1971 war", "the May 2025 war")."""
    return any(c.ent_type_ == "DATE" for c in token.children if c.i < token.i)


def surface_of(token: Token, kind: str, phrase: Span) -> str:
    """The trigger's phrase as quoted; for wars and battles without the clauses that describe them ("a brief war
    that ended after four days with ..." is "a brief war"), so the surface names the event, not its story."""
    if kind not in {"war", "clash"} or token.pos_ != "NOUN":
        return phrase.text
    cut = [c.left_edge.i for c in token.children if c.dep_ in {"relcl", "acl", "appos"} and c.i > token.i]
    end = min(cut) if cut else phrase.end
    span = token.doc[phrase.start : end]
    while len(span) > 1 and span[-1].pos_ in {"PUNCT", "CCONJ"}:
        span = span[:-1]
    return span.text


def _named_plural(token: Token, kind: str) -> bool:
    """'Indo-Pak clashes', 'border clashes': a plural clash named by a modifier is one episode of fighting."""
    return kind == "clash" and any(
        c.dep_ in {"compound", "amod", "nmod"} and c.text[:1].isupper() for c in token.children
    )


def _anaphoric(token: Token, mention: EventMention | None) -> bool:
    """'the attack', 'this attack': a definite singular trigger with no place, date or count of its own."""
    if (
        token.pos_ != "NOUN"
        or token.tag_ != "NN"
        or not any(c.lower_ in {"the", "this", "that"} and c.dep_ == "det" for c in token.children)
    ):
        return False
    return mention is None or not (mention.place or mention.date or mention.killed)


def _definite(token: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} for c in token.children)


def _known_mention(sent: Span, published: str | None) -> EventMention | None:
    known = _known_in(sent.text, published)
    return _from_known(known, [sent.start], []) if known is not None else None


def _merge(into: EventMention, new: EventMention) -> None:
    into.triggers += new.triggers
    into.surfaces += [s for s in new.surfaces if s not in into.surfaces]
    for attr in ("date", "place", "country", "killed", "injured"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(new, attr))


def _add(events: dict[str, EventMention], mention: EventMention) -> EventMention:
    """Record a mention, merged into the event of the same label when there is one."""
    if mention.label in events:
        _merge(events[mention.label], mention)
    else:
        events[mention.label] = mention
    return events[mention.label]


def _from_known(known: KnownEvent, triggers: list[int], surfaces: list[str]) -> EventMention:
    return EventMention(
        label=known.label,
        type=known.type,
        date=known.date,
        place=known.place,
        country=known.country,
        known=True,
        triggers=triggers,
        surfaces=surfaces,
    )


def _as_known(mention: EventMention, token: Token, found: Found, published: str | None) -> EventMention:
    """A generic war, clash or takeover that is a known one ("a military campaign in Afghanistan")."""
    if mention.type == "takeover" and mention.place is None:
        known = _known_takeover(token, found, mention.date, published)
    else:
        known = known_for(mention.type, mention.place, mention.date, None, published)
    if known is None:
        return mention
    merged = _from_known(known, mention.triggers, mention.surfaces)
    merged.killed, merged.injured = mention.killed, mention.injured
    return merged


def _known_takeover(token: Token, found: Found, date: str | None, published: str | None) -> KnownEvent | None:
    """The known takeover an unplaced takeover names by its taker and what was taken ("the Taliban took over",
    "seized power", "took over Kabul"); a takeover of something else ("took over Spin Boldak district") is not it."""
    what = takeover_scope(token, found)
    doer = taker(token, found)
    if what is None or doer is None:
        return None
    return known_for("takeover", what or None, date, doer.entity.name, published)


def _enemy_war(sent: Span, found: Found, published: str | None) -> EventMention | None:
    """A known war named by fighting its party in its place ("to oppose the Soviet Red Army in Afghanistan")."""
    hit = war_against(sent, found, published)
    if hit is None:
        return None
    known, verb = hit
    return _from_known(known, [verb.i], [own_phrase(verb).text])


def _incident(verb: Token, kind: str, incident: Incident, found: Found, published: str | None) -> EventMention:
    """One further incident of a listing sentence: the verb's type and date, its own target, place and counts."""
    place = place_inside(incident.segment, found)
    date = date_near(own_phrase(verb), verb, published)
    killed, injured = casualties(incident.segment)
    where = f" in {place.name}" if place else ""
    return EventMention(
        label=f"{kind.replace('_', ' ')} on {incident.target_text}{where} ({date or 'undated'})",
        type=kind,
        date=date,
        place=place.name if place else None,
        country=place.country if place else None,
        killed=killed,
        injured=injured,
        triggers=[incident.target.i],
        surfaces=[incident.segment.text],
    )


def _listed(
    events: dict[str, EventMention], main: EventMention, token: Token, kind: str, found: Found, published: str | None
) -> None:
    """Split a verb with several attacked objects, each with its own casualties, into one event per object; the
    first object stays with the event the verb already reported, now quoted and counted by its own stretch."""
    if hypothetical(token):
        return
    incidents = listed_incidents(token, found)
    if not incidents:
        return
    first = incidents[0].segment
    phrase = own_phrase(token)
    own = token.doc[min(phrase.start, first.start) : first.end].text
    main.surfaces = [own if s == phrase.text else s for s in main.surfaces]
    if not main.known:
        main.killed, main.injured = casualties(token.doc[phrase.start : first.end])
    for incident in incidents[1:]:
        _add(events, _incident(token, kind, incident, found, published))


def find_events(sdoc: Doc, found: Found, published: str | None) -> list[EventMention]:
    """Every event of a document, one entry per incident (mentions merged by label and by anaphora)."""
    events: dict[str, EventMention] = {}
    latest: dict[str, EventMention] = {}  # the last event of each family, for "the attack", "the war"
    for sent in sdoc.sents:
        known = _known_mention(sent, published)
        enemy = _enemy_war(sent, found, published)
        if enemy is not None and (known is None or known.label != enemy.label):
            _remember(latest, _add(events, enemy))
        for token in sent:
            kind = trigger_type(token, found)
            if kind is None:
                continue
            last = latest.get(_family(kind))
            phrase = own_phrase(token)
            if known and (_known_in(phrase.text, published) or (_definite(token) and not known.surfaces)):
                known.triggers.append(token.i)
                known.surfaces.append(phrase.text)
                if known.killed is None and token.pos_ in {"NOUN", "VERB"}:
                    known.killed, known.injured = casualties(sent)
                _listed(events, known, token, kind, found, published)
                continue
            if _manner_of(events, token, kind, found):
                continue
            mentions = _generic(token, kind, found, published)
            first = mentions[0] if mentions else None
            if last is not None and _anaphoric(token, first):  # "the attack": the same
                _refer(last, token, first)
                continue
            if last is not None and first and refers_back(token, first.place, first.date, last.triggers):
                _refer(last, token, first)  # "The attack killed three soldiers": the count of the event just reported
                continue
            if not mentions:
                if _definite(token) and last is not None and token.tag_ == "NN" and token.pos_ == "NOUN":
                    last.triggers.append(token.i)
                continue
            mentions = [_placed_back(mention, token, found) for mention in mentions]
            recorded = [_add(events, _as_known(mention, token, found, published)) for mention in mentions]
            for event in recorded:
                _remember(latest, event)
            _listed(events, recorded[0], token, kind, found, published)
        if known:
            known.surfaces = known.surfaces or [sent.text.strip()[:120]]
            _remember(latest, _add(events, known))
    return list(events.values())


def _manner_of(events: dict[str, EventMention], token: Token, kind: str, found: Found) -> bool:
    """A trigger noun that says how a verb trigger's attack was done ("struck a market in an attack", "targeted
    the convoy with an IED") is a mention of that verb's event, not an incident of its own (True: handled)."""
    host = manner_host(token)
    if host is None or _family(kind) != "incident" or trigger_type(host, found) is None:
        return False
    event = event_at(list(events.values()), host.i)
    if event is not None:
        event.triggers.append(token.i)
    return True


def _refer(event: EventMention, token: Token, mention: EventMention | None) -> None:
    """An anaphor ("the blast") is one more mention of ``event``, whose counts it may give."""
    event.triggers.append(token.i)
    if mention is not None:
        event.killed = event.killed if event.killed is not None else mention.killed
        event.injured = event.injured if event.injured is not None else mention.injured


def _family(kind: str) -> str:
    """Which earlier event an anaphor can mean: "the attack" an attack, never a war, battle or takeover before it."""
    return kind if kind in {"war", "clash", "takeover"} else "incident"


def _remember(latest: dict[str, EventMention], event: EventMention) -> None:
    latest[_family(event.type)] = event


def event_at(events: list[EventMention], i: int) -> EventMention | None:
    """The event triggered at token ``i``."""
    for event in events:
        if i in event.triggers:
            return event
    return None
