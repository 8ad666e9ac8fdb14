"""One attack sentence that lists several incidents: "suicide bombers have attacked a mosque in X, killing 31; a
military outpost, killing 11; and a police station, killing two."

Reporters compress a series of attacks into one verb with several objects, each followed by its own casualty
clause. Each object with its own casualties (or its own place) is a separate incident; objects without them are
simply several targets of one attack ("militants attacked soldiers and policemen") and are left alone. The
segments are cut by token position, not by the parse, because parsers attach the trailing "killing ..." clauses to
whichever object they like.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from veracity.extract.actors.finder import Found
from veracity.extract.text.lexicon import event_lexicon

_EDGE = frozenset({"PUNCT", "CCONJ"})


@dataclass(frozen=True, slots=True)
class Incident:
    """One listed incident: the object attacked and its own stretch of the sentence."""

    target: Token
    segment: Span

    @property
    def target_text(self) -> str:
        """The object's own words without article ("military outpost"), used to name the incident."""
        words = [t for t in self.target.subtree if t.i <= self.target.i and t.dep_ not in {"det", "poss", "case"}]
        return " ".join(t.text for t in words)


def _objects(verb: Token) -> list[Token]:
    """Direct objects of the verb and their conjuncts, in text order. A noun conjoined or in apposition to the verb
    after its first object counts too: that is how parsers attach the later items of a list cut by semicolons."""
    nouns = [c for c in verb.children if c.pos_ in {"NOUN", "PROPN"}]
    first = next((c.i for c in nouns if c.dep_ == "dobj"), None)
    if first is None:
        return []
    out: list[Token] = []
    for child in nouns:
        if child.dep_ == "dobj" or (child.dep_ in {"conj", "appos"} and child.i > first):
            out += [child, *[c for c in child.conjuncts if c.pos_ in {"NOUN", "PROPN"} and c is not verb]]
    return sorted(set(out), key=lambda t: t.i)


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while end > start and span.doc[end - 1].pos_ in _EDGE:
        end -= 1
    return span.doc[start:end]


def _own_detail(segment: Span, found: Found) -> bool:
    """A segment with its own casualty word or its own place is its own incident."""
    lex = event_lexicon()
    if any(t.lemma_.lower() in lex.killed | lex.injured for t in segment):
        return True
    return any(segment.start <= p.start and p.end <= segment.end for p in found.places)


def _by_parse(verb: Token, found: Found) -> list[Incident]:
    """Incidents cut at each object the parse gives the verb (every stretch needs its own detail)."""
    objects = _objects(verb)
    if len(objects) < 2:
        return []
    starts = [o.left_edge.i for o in objects] + [verb.sent.end]
    incidents = [Incident(obj, _trim(verb.doc[starts[k] : starts[k + 1]])) for k, obj in enumerate(objects)]
    return incidents if all(_own_detail(i.segment, found) for i in incidents) else []


def _chunk_head(chunk: Span) -> Token | None:
    """The noun a list item is about ("and a police station, killing two": station), None for a new clause."""
    start = chunk.start
    while start < chunk.end and chunk.doc[start].pos_ in _EDGE:
        start += 1
    if start >= chunk.end:
        return None
    root = chunk.doc[start : chunk.end].root
    return root if root.pos_ in {"NOUN", "PROPN"} else None


def _by_semicolons(verb: Token, found: Found) -> list[Incident]:
    """Incidents cut at the semicolons after the verb's object, when the parse lost the list: every item must be a
    noun phrase with its own casualties or place ("; a bank in Mastung, killing two guards; and a school ...")."""
    first = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)
    if first is None:
        return []
    sent = verb.sent
    semis = [t.i for t in sent if t.text == ";" and t.i > first.i]
    if not semis:
        return []
    bounds = list(zip([first.left_edge.i] + [i + 1 for i in semis], [*semis, sent.end], strict=True))
    incidents = [Incident(first, _trim(verb.doc[bounds[0][0] : bounds[0][1]]))]
    for lo, hi in bounds[1:]:
        chunk = verb.doc[lo:hi]
        head = _chunk_head(chunk)
        if head is None:
            return []
        incidents.append(Incident(head, _trim(verb.doc[head.left_edge.i if head.left_edge.i >= lo else lo : hi])))
    return incidents if all(_own_detail(i.segment, found) for i in incidents) else []


def listed_incidents(verb: Token, found: Found) -> list[Incident]:
    """The incidents of a verb with several objects, first one included; empty when the objects are one attack
    (several targets without casualties or places of their own)."""
    if verb.pos_ != "VERB":
        return []
    return _by_parse(verb, found) or _by_semicolons(verb, found)
