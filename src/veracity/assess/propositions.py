"""Propositions: the things being graded. One proposition is a (subject, predicate, object) over canonical ids.

Assertions and denials of the same triple are evidence for and against one proposition. A time qualifier
(valid_from / valid_to) is carried as a period of the proposition rather than splitting it: "X controls Y since
2020" is evidence that X controls Y, and splitting by period would divide corroboration. Symmetric predicates
(allied_with) put the two parties in a fixed order so "A allied_with B" and "B allied_with A" are one proposition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from veracity.model.ids import content_hash
from veracity.model.records import Evidence
from veracity.model.vocabulary import vocabulary

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Proposition:
    """A triple with every piece of evidence that asserts or denies it, and the ids of opposing propositions."""

    id: str
    subject: str
    predicate: str
    object: str
    object_literal: bool
    evidence: tuple[Evidence, ...]
    periods: tuple[tuple[str | None, str | None], ...] = ()
    opposing: tuple[str, ...] = ()

    @property
    def triple(self) -> Triple:
        return (self.subject, self.predicate, self.object)

    def mentions(self, entity: str) -> bool:
        return entity in (self.subject, self.object)


@cache
def _symmetric() -> frozenset[str]:
    return frozenset(name for name, spec in vocabulary().predicates.items() if spec.symmetric)


def normalise(subject: str, predicate: str, obj: str) -> Triple:
    """Order the parties of a symmetric predicate so both readings give one key."""
    if obj < subject and predicate in _symmetric():
        return (obj, predicate, subject)
    return (subject, predicate, obj)


def proposition_id(subject: str, predicate: str, obj: str) -> str:
    """Deterministic id (16 hex) of a normalised triple: the same claim always has the same id."""
    return content_hash("proposition", *normalise(subject, predicate, obj))[:16]


@lru_cache(maxsize=65536)
def opposing_triples(triple: Triple) -> tuple[Triple, ...]:
    """Triples that contradict this one: an opposing predicate between the same parties, in either direction.

    Hostility either way contradicts a cooperative tie (a group does not fight the body that controls it).
    """
    subject, predicate, obj = triple
    found: list[Triple] = []
    for other in sorted(vocabulary().opposites(predicate)):
        for candidate in (normalise(subject, other, obj), normalise(obj, other, subject)):
            if candidate not in found:
                found.append(candidate)
    return tuple(found)


def _period(item: Evidence) -> tuple[str | None, str | None] | None:
    a = item.assertion
    return (a.valid_from, a.valid_to) if a.valid_from or a.valid_to else None


def group(evidence: Iterable[Evidence], canonical: Callable[[str], str] | None = None) -> dict[Triple, Proposition]:
    """Group evidence into propositions keyed by normalised triple, with opposing propositions linked."""
    canon = canonical or (lambda x: x)
    buckets: dict[Triple, list[Evidence]] = defaultdict(list)
    literal: dict[Triple, bool] = {}
    for item in evidence:
        a = item.assertion
        obj = a.object if a.object_literal else canon(a.object)
        key = normalise(canon(a.subject), a.predicate, obj)
        buckets[key].append(item)
        literal[key] = literal.get(key, False) or a.object_literal
    props: dict[Triple, Proposition] = {}
    for key, items in buckets.items():
        periods = tuple(sorted({p for p in map(_period, items) if p}, key=str))
        opposing = tuple(proposition_id(*t) for t in opposing_triples(key) if t in buckets)
        props[key] = Proposition(proposition_id(*key), *key, literal[key], tuple(items), periods, opposing)
    return props
