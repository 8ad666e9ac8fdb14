"""Links carried by a fixed phrase that ends in a preposition: "a terror organization at loggerheads with the
Taliban", "the Haqqanis are unleashing terror under the garb of ISKP", "its political leadership is subordinated to
its military", "they passed under the wing of the Haqqanis".

Idioms like these carry the link in no single cue word, so they are matched on their words (``cues.yaml``
``phrase_links``). ``forward`` phrases link the clause's subject to the phrase's object ("X at loggerheads with Y":
X hostile to Y; "X acting in the name of Y": Y is X's front, X controls Y); ``reverse`` phrases make the object the
subject ("X under the wing of Y": Y controls X).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from veracity.extract.claims.slots import Link, ids, negated
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues

_LONGEST = 7  # words in the longest phrase


def _table() -> dict[str, tuple[str, bool]]:
    """Phrase -> (predicate, reversed)."""
    raw = cues().raw.get("phrase_links", {})
    out: dict[str, tuple[str, bool]] = {}
    for direction, reverse in (("forward", False), ("reverse", True)):
        for predicate, phrases in raw.get(direction, {}).items():
            out.update({str(p).lower(): (predicate, reverse) for p in phrases})
    return out


def _phrase_at(token: Token) -> tuple[Token, str, bool] | None:
    """The phrase ending at a preposition: its first token, predicate and direction."""
    table = _table()
    doc = token.doc
    for n in range(_LONGEST, 1, -1):
        start = token.i - n + 1
        if start < token.sent.start:
            continue
        words = " ".join(t.lower_ for t in doc[start : token.i + 1])
        if words in table:
            predicate, reverse = table[words]
            return doc[start], predicate, reverse
    return None


def _holders(ctx: Ctx, first: Token, subjects_of: Callable[[Token], list[str]]) -> list[str]:
    """Who the phrase is said of: the subject of the verb it hangs on, the actor noun it modifies, or the subject
    of a copula whose predicate noun it modifies ('ISKP is a group at loggerheads with ...')."""
    anchor = first if first.pos_ in {"VERB", "ADJ"} else first.head
    if anchor.pos_ in {"VERB", "AUX"}:
        return subjects_of(anchor)
    own = [i for i in ids(ctx, anchor) if i.startswith("actor:")]
    if own:
        return own
    if anchor.dep_ in {"attr", "dobj", "oprd"} and anchor.head.pos_ in {"VERB", "AUX"}:
        return subjects_of(anchor.head) or _stranded_subject(ctx, anchor.head)
    return []


def _stranded_subject(ctx: Ctx, verb: Token) -> list[str]:
    """'The narrative is ISKP is a group at loggerheads with ...': without 'that', the parser strands the inner
    clause's subject on the outer verb; a subjectless verb right after an actor takes that actor."""
    if verb.i == 0 or any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children):
        return []
    before = verb.doc[verb.i - 1]
    actor = ctx.found.actor_at(before.i)
    return [actor.entity.id] if actor is not None and before.head.i != verb.i else []


def phrase_links(ctx: Ctx, token: Token, subjects_of: Callable[[Token], list[str]]) -> list[Link]:
    """Links of a fixed phrase ending at ``token`` (a preposition with an object)."""
    if token.pos_ != "ADP" or not any(c.dep_ == "pobj" for c in token.children):
        return []
    found = _phrase_at(token)
    if found is None:
        return []
    first, predicate, reverse = found
    others = [i for c in token.children if c.dep_ == "pobj" for i in ids(ctx, c) if i.startswith("actor:")]
    holders = [i for i in _holders(ctx, first, subjects_of) if i.startswith("actor:")]
    neg = negated(first) or negated(first.head)
    pairs = [(o, h) if reverse else (h, o) for h in holders for o in others if h != o]
    return [Link(s, predicate, o, token.i, neg) for s, o in pairs]

