"""A definite event noun that points back: "the attack", "the blast".

Reports name an incident once and then call it "the attack": "Militants stormed a checkpoint in Bannu on Monday.
The attack killed three soldiers." The count in the second sentence belongs to the first event; making it an event
of its own would report one incident twice. When no earlier event is near ("Police sealed off the main bazaar in
Parachinar. The blast killed 11 people."), the blast is new, and it happened where the sentence before it, in the
same paragraph, says, provided that sentence names exactly one place and the blast's own sentence names none. A
paragraph break, two places, or a place of its own, and nothing is taken: a guess is worse than no place.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from veracity.extract.actors.finder import Found, PlaceMention

_BREAK = re.compile(r"\n|\s{3,}")  # a line break, or the run of spaces that separates MUC-4 paragraphs
_DEFINITE = frozenset({"the", "this", "that"})


def same_paragraph(doc: Doc, a: int, b: int) -> bool:
    """Tokens ``a`` and ``b`` lie in one paragraph: no line break (or MUC-4 paragraph gap) between them."""
    lo, hi = sorted((a, b))
    return not _BREAK.search(doc[lo:hi].text_with_ws)  # the text between them, without rebuilding the whole


def definite(trigger: Token) -> bool:
    """A singular noun trigger with "the", "this" or "that": the way a report points back at an incident."""
    return (
        trigger.pos_ == "NOUN"
        and trigger.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children)
    )


def refers_back(trigger: Token, own_place: str | None, own_date: str | None, earlier: list[int]) -> bool:
    """A definite trigger without a place or date of its own ("the attack killed three soldiers") is the event
    whose latest mention (in ``earlier``, token indices) is in its sentence or the one before, same paragraph."""
    if not definite(trigger) or own_place or own_date:
        return False
    before = [i for i in earlier if i < trigger.i]
    if not before:
        return False
    last = trigger.doc[max(before)]
    sent = trigger.sent
    previous = trigger.doc[sent.start - 1].sent if sent.start > 0 else sent
    return previous.start <= last.i and same_paragraph(trigger.doc, last.i, trigger.i)


def _names(span: Span, found: Found) -> list[PlaceMention]:
    inside = [p for p in found.places if span.start <= p.start and p.end <= span.end]
    return list({p.name: p for p in inside}.values())


def antecedent_place(trigger: Token, found: Found) -> PlaceMention | None:
    """The one place named by the previous sentence of the paragraph, for a definite singular trigger ("the
    blast") whose own sentence names none; None whenever that is not clear-cut."""
    if not definite(trigger):
        return None
    sent = trigger.sent
    if sent.start == 0 or _names(sent, found):
        return None
    before = trigger.doc[sent.start - 1].sent
    words = [t for t in before if not t.is_space]
    names = _names(before, found)
    if len(names) != 1 or not words or not same_paragraph(trigger.doc, words[-1].i, trigger.i):
        return None
    return names[0]
