"""Events: attack and incident triggers with type, place, date and casualty counts, merged within a document.

A trigger is a noun or verb lemma from ``data/events.yaml``. A uniquely named event ("the Crocus attack", "9/11")
is recognised by its keys and gets its well-known date; anything else is dated only as precisely as the text
allows. Generic plural triggers ("attacks in Pakistan have risen") are statements about many incidents and are
not events unless the text counts, dates or places them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from veracity.extract.actors import Found, PlaceMention
from veracity.extract.dates import resolve_date
from veracity.extract.lexicon import KnownEvent, event_lexicon
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


def _known_in(text: str, published: str | None) -> KnownEvent | None:
    """The known event whose longest key occurs in ``text`` (and is not after the publication date)."""
    low = text.lower().replace("'", "’")
    best: tuple[int, KnownEvent] | None = None
    for event in event_lexicon().known:
        if published and event.date and event.date[: len(published)] > published:
            continue
        for key in event.keys_for(published):
            hit = all(part in low for part in key.replace("'", "’").split("+"))
            if hit and (best is None or len(key) > best[0]):
                best = (len(key), event)
    return best[1] if best else None


def trigger_type(token: Token) -> str | None:
    """Event type of a trigger token, refined by its modifiers ("suicide attack", "drone strike")."""
    lex = event_lexicon()
    lemma = token.lemma_.lower()
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
    for word in near:
        if word in lex.refine and lex.refine[word] != base and base in {"armed_assault", "bombing", "airstrike"}:
            return lex.refine[word]
    return base


def _phrase(token: Token) -> Span:
    """The trigger's own phrase: a noun's subtree, or a verb with its subject and objects (not its clauses)."""
    doc = token.doc
    if token.pos_ != "VERB":
        return doc[token.left_edge.i : token.right_edge.i + 1]
    keep = [token] + [c for c in token.children if c.dep_ not in {"ccomp", "advcl", "conj", "punct", "cc", "relcl"}]
    lo = min(t.left_edge.i for t in keep)
    hi = max(t.right_edge.i if t is not token else t.i for t in keep)
    return doc[lo : hi + 1]


def _place_in(phrase: Span, found: Found) -> PlaceMention | None:
    for place in found.places:
        if phrase.start <= place.start and place.end <= phrase.end:
            return place
    return None


def _date_in(phrase: Span, trigger: Token, published: str | None) -> str | None:
    """A date inside the trigger's phrase, or hanging on the verb the trigger is subject or object of."""
    governor = trigger.head if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"} else trigger
    if trigger.dep_ == "pobj":  # "killed four soldiers in an ambush on October 2"
        governor = trigger.head.head
    for ent in phrase.sent.ents:
        if ent.label_ not in {"DATE", "TIME"} or resolve_date(ent.text, published) is None:
            continue
        attached = ent.root.head if ent.root.head.dep_ != "prep" else ent.root.head.head
        if (
            phrase.start <= ent.start < phrase.end
            or attached in {trigger, governor}
            or ent.root.head.head in {trigger, governor}
        ):
            return resolve_date(ent.text, published)
    return None


def _generic(token: Token, kind: str, found: Found, published: str | None) -> EventMention | None:
    phrase = _phrase(token)
    place = _place_in(phrase, found)
    date = _date_in(phrase, token, published)
    killed, injured = casualties(token.sent)
    plural = token.tag_ in {"NNS", "NNPS"}
    if not (date or killed or (place and not plural)) and not _named_plural(token, kind):
        return None
    if kind in {"war", "takeover"} and place is None:  # "the war", "a takeover" alone are too vague to be events
        return None
    where = place.name if place else None
    label = f"{kind.replace('_', ' ')} in {where or 'unknown place'} ({date or 'undated'})"
    return EventMention(
        label=label,
        type=kind,
        date=date,
        place=where,
        country=place.country if place else None,
        killed=killed,
        injured=injured,
        triggers=[token.i],
        surfaces=[phrase.text],
    )


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


def _number(token: Token) -> int | None:
    """The count attached to a noun ("31 worshippers", "a policeman", "four soldiers"), None if vague."""
    lex = event_lexicon()
    for child in token.children:
        if child.dep_ in {"nummod", "det", "quantmod"} or child.like_num:
            text = child.lower_.replace(",", "")
            if text in lex.vague:
                return None
            if text.isdigit():
                return int(text)
            if text in lex.numbers and (child.dep_ == "nummod" or text in {"a", "an"}):
                return lex.numbers[text]
    if token.lower_ in lex.vague:
        return None
    return None


def _count_objects(head: Token) -> int | None:
    """Sum of counts over a noun and its conjuncts ("four soldiers and a policeman" = 5); None if one is vague."""
    total = 0
    for noun in [head, *head.conjuncts]:
        n = _number(noun)
        if n is None:
            return None
        total += n
    return total


def _count_for(token: Token) -> int | None:
    if token.pos_ == "VERB":
        for child in token.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                return _count_objects(child)
        if token.head.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"acl", "amod", "relcl"}:
            return _count_objects(token.head)
        return None
    if token.head.pos_ in {"NOUN", "PROPN"} and token.dep_ == "amod":
        return _count_objects(token.head)
    for child in token.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.like_num and obj.lower_.isdigit():
                    return int(obj.lower_)
    return None


def casualties(sent: Span) -> tuple[int | None, int | None]:
    """Killed and injured counts stated in a sentence."""
    lex = event_lexicon()
    killed = injured = None
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in lex.killed and killed is None:
            killed = _count_for(token)
        elif lemma in lex.injured and injured is None:
            injured = _count_for(token)
    return killed, injured


def _known_mention(sent: Span, published: str | None) -> EventMention | None:
    known = _known_in(sent.text, published)
    if known is None:
        return None
    return EventMention(
        label=known.label,
        type=known.type,
        date=known.date,
        place=known.place,
        country=known.country,
        known=True,
        triggers=[sent.start],
        surfaces=[],
    )


def _merge(into: EventMention, new: EventMention) -> None:
    into.triggers += new.triggers
    into.surfaces += [s for s in new.surfaces if s not in into.surfaces]
    for attr in ("date", "place", "country", "killed", "injured"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(new, attr))


def find_events(sdoc: Doc, found: Found, published: str | None) -> list[EventMention]:
    """Every event of a document, one entry per incident (mentions merged by label and by anaphora)."""
    events: dict[str, EventMention] = {}
    last: EventMention | None = None
    for sent in sdoc.sents:
        known = _known_mention(sent, published)
        for token in sent:
            kind = trigger_type(token)
            if kind is None:
                continue
            phrase = _phrase(token)
            if known and (_known_in(phrase.text, published) or (_definite(token) and not known.surfaces)):
                known.triggers.append(token.i)
                known.surfaces.append(phrase.text)
                if known.killed is None and token.pos_ in {"NOUN", "VERB"}:
                    known.killed, known.injured = casualties(sent)
                continue
            mention = _generic(token, kind, found, published)
            if last is not None and _anaphoric(token, mention):  # "the attack" after an event: the same one
                last.triggers.append(token.i)
                continue
            if mention is None:
                if _definite(token) and last is not None and token.tag_ == "NN" and token.pos_ == "NOUN":
                    last.triggers.append(token.i)
                continue
            events.setdefault(mention.label, mention) if mention.label not in events else _merge(
                events[mention.label], mention
            )
            last = events[mention.label]
        if known:
            known.surfaces = known.surfaces or [sent.text.strip()[:120]]
            if known.label in events:
                _merge(events[known.label], known)
            else:
                events[known.label] = known
            last = events[known.label]
    return list(events.values())


def event_at(events: list[EventMention], i: int) -> EventMention | None:
    """The event triggered at token ``i``."""
    for event in events:
        if i in event.triggers:
            return event
    return None
