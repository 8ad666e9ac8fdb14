"""Where and when an event happened, read off the trigger's own phrase and the verb it hangs on.

Why apart from events.py: placing and dating a trigger is one question (what attaches to it) asked twice, and the
same attachment rules serve generic triggers, listed incidents and known events.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from veracity.extract.actors.finder import Found, PlaceMention
from veracity.extract.events.attacks import shares_count
from veracity.extract.events.places import place_fallback
from veracity.extract.text.dates import resolve_date


def own_phrase(token: Token) -> Span:
    """The trigger's own phrase: a noun's subtree, or a verb with its subject and objects (not its clauses, but a
    count that shares its subject: "killed two guards and wounded a policeman in Bajaur")."""
    doc = token.doc
    if token.pos_ != "VERB":
        return doc[token.left_edge.i : token.right_edge.i + 1]
    out = {"ccomp", "advcl", "conj", "punct", "cc", "relcl"}
    keep = [token] + [c for c in token.children if c.dep_ not in out or shares_count(c)]
    lo = min(t.left_edge.i for t in keep)
    hi = max(t.right_edge.i if t is not token else t.i for t in keep)
    return doc[lo : hi + 1]


def place_inside(phrase: Span, found: Found) -> PlaceMention | None:
    for place in found.places:
        if phrase.start <= place.start and place.end <= phrase.end:
            return place
    return None


def _governor(trigger: Token) -> Token:
    """The verb a trigger is subject or object of ("had another big battle in 2018": had), else the trigger."""
    if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        return trigger.head
    if trigger.dep_ == "pobj":  # "killed four soldiers in an ambush on October 2"
        return trigger.head.head
    return trigger


def place_near(phrase: Span, trigger: Token, found: Found) -> PlaceMention | None:
    """A place inside the trigger's phrase, or in a prepositional phrase on its governing verb ("had another big
    battle in 2018, also in Jawzan"): the same attachment that dates a trigger also places it."""
    inside = place_inside(phrase, found)
    if inside is not None:
        return inside
    # only a trigger that is an argument of the verb shares its places; "after the takeover" on a verb in Kandahar
    # says nothing of where the takeover was
    verb = trigger.head if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"} else trigger
    attached = attached_place({trigger, verb}, found) or _where_place(verb, found)
    return attached or place_fallback(phrase, trigger, found)


def attached_place(anchors: set[Token], found: Found) -> PlaceMention | None:
    """A place in a prepositional phrase on one of ``anchors`` ("in Jawzan" on the verb "had")."""
    for place in found.places:
        root = _root(place, next(iter(anchors)).doc)
        if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head in anchors:
            return place
    return None


def _where_place(verb: Token, found: Found) -> PlaceMention | None:
    """The place a "where" clause hangs on: "Afghanistan, where it fought a long and ultimately losing war"."""
    node = verb
    for _ in range(3):
        if node.dep_ not in {"conj", "advmod", "xcomp"} or node.head is node:
            break
        node = node.head
    if node.dep_ != "relcl" or not any(c.lower_ == "where" for c in node.children):
        return None
    return found.place_at(node.head.i)


def _root(place: PlaceMention, doc: Doc) -> Token:
    """The syntactic head of a place mention."""
    return doc[place.start : place.end].root


def dates_near(phrase: Span, trigger: Token, published: str | None) -> list[str]:
    """Dates inside the trigger's phrase, or hanging on the verb the trigger is subject or object of, in order.

    Several only when the phrase lists them ("the 2015 and 2018 debacles"): each is its own incident."""
    governor = _governor(trigger)
    own: list[str] = []
    near: list[str] = []
    for ent in phrase.sent.ents:
        resolved = resolve_date(ent.text, published) if ent.label_ in {"DATE", "TIME"} else None
        if resolved is None:
            continue
        attached = ent.root.head if ent.root.head.dep_ != "prep" else ent.root.head.head
        if phrase.start <= ent.start < phrase.end:
            own += [resolved] if resolved not in own else []
        elif attached in {trigger, governor} or ent.root.head.head in {trigger, governor}:
            near.append(resolved)
    dates = own or near[:1]
    listed = [d for d in dates if len(d) == 4]
    return dates[:1] if len(listed) < 2 or trigger.tag_ not in {"NNS", "NNPS"} else listed


def date_near(phrase: Span, trigger: Token, published: str | None) -> str | None:
    """A date inside the trigger's phrase, or hanging on the verb the trigger is subject or object of."""
    dates = dates_near(phrase, trigger, published)
    return dates[0] if dates else None
