"""What the record says about the parties themselves: who speaks for whom, who is hostile to or tied with whom.

Claimant interest needs background: a spokesman speaks for his group; a state hostile to the accused has a motive
to accuse it. That background is read from the same assertions being assessed (member_of, hostile_to and the
cooperative predicates, asserted and not rejected) plus the curated registry's affiliations. It is deliberately
shallow (one hop up through member_of) so every interest judgement can be traced to a named assertion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from veracity.model.ids import entity_id
from veracity.model.records import Evidence, Review, Stance, Verdict, is_analyst, is_author
from veracity.model.registry import registry as load_registry
from veracity.model.vocabulary import vocabulary

HOSTILE, MEMBER = "hostile_to", "member_of"
COOPERATIVE = vocabulary().opposites(HOSTILE) | {MEMBER, "transfers_fighters_to"}
"""Ties that make two parties one side: whatever contradicts hostility, plus membership and moving fighters."""


@dataclass(slots=True)
class Context:
    """Background relations between actors, each pair with one example source for the explanation."""

    parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    curated: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    hostile: dict[tuple[str, str], str] = field(default_factory=dict)
    cooperative: dict[frozenset[str], str] = field(default_factory=dict)
    _memo: dict[tuple[str, str, str], tuple[str, str, str] | None] = field(default_factory=dict)

    def side(self, actor: str) -> set[str]:
        """The actor and the bodies it belongs to (a spokesman speaks for his group)."""
        return {actor} | set(self.parents.get(actor, ()))

    def speaks_for(self, actor: str) -> set[str]:
        """The actor and the bodies the curated registry says it belongs to: whose claims its words are.

        Membership read from reporting is evidence to weigh, not a settled tie: one misread sentence ("journalist
        X, who reported from Taliban and ISKP areas") must not turn an outsider's assessment into a group's claim.
        """
        return {actor} | set(self.curated.get(actor, ()))

    def hostility(self, left: str, right: str) -> tuple[str, str, str] | None:
        """A recorded hostility between the two sides in either direction: (from, to, source)."""
        key = ("hostile", left, right)
        if key not in self._memo:
            self._memo[key] = self._hostility(left, right)
        return self._memo[key]

    def tie(self, left: str, right: str) -> tuple[str, str, str] | None:
        """A recorded cooperative tie between the two sides (either direction): (a, b, source)."""
        key = ("tie", left, right)
        if key not in self._memo:
            self._memo[key] = self._tie(left, right)
        return self._memo[key]

    def _hostility(self, left: str, right: str) -> tuple[str, str, str] | None:
        for a in self.side(left):
            for b in self.side(right):
                if a == b:
                    continue
                for pair in ((a, b), (b, a)):
                    if pair in self.hostile:
                        return (*pair, self.hostile[pair])
        return None

    def _tie(self, left: str, right: str) -> tuple[str, str, str] | None:
        for a in self.side(left):
            for b in self.side(right):
                key = frozenset((a, b))
                if a != b and key in self.cooperative:
                    return (a, b, self.cooperative[key])
        return None


def newest_review(item: Evidence) -> Review | None:
    """The analyst's latest word on this assertion (reviews override extraction; the later stored of a tie)."""
    return sorted(item.reviews, key=lambda r: r.created_at)[-1] if item.reviews else None


def _usable(item: Evidence) -> bool:
    """Asserted reporting whose latest review is not reject or correct; an analyst's judgement is weighed as a
    line, never taken as background."""
    review = newest_review(item)
    return item.assertion.stance is Stance.ASSERTS and not is_analyst(item.assertion.claimant) \
        and (review is None or review.verdict not in (Verdict.REJECT, Verdict.CORRECT))


def _source(item: Evidence) -> str:
    claimant = item.assertion.claimant
    return f"{'the article' if is_author(claimant) else claimant} in {item.doc_name or item.assertion.doc_id[:12]}"


def add_relation(context: Context, subject: str, predicate: str, obj: str, source: str) -> None:
    """Record one background relation (used for assertions and registry affiliations alike)."""
    if predicate == MEMBER:
        context.parents[subject].add(obj)
    if predicate == HOSTILE:
        context.hostile.setdefault((subject, obj), source)
    elif predicate in COOPERATIVE:
        context.cooperative.setdefault(frozenset((subject, obj)), source)


def build_context(evidence: Iterable[Evidence], *, registry: bool = True) -> Context:
    """Background from asserted, unrejected assertions between entities, plus registry affiliations."""
    context = Context()
    for item in evidence:
        a = item.assertion
        if not a.object_literal and _usable(item):
            add_relation(context, a.subject, a.predicate, a.object, _source(item))
    if registry:
        _add_registry(context)
    return context


def _add_registry(context: Context) -> None:
    for actor in load_registry().actors.values():
        for aff in actor.affiliations:
            add_relation(context, actor.id, aff.predicate, entity_id("actor", aff.object), f"registry ({aff.source})")
            if aff.predicate == MEMBER:
                context.curated[actor.id].add(entity_id("actor", aff.object))
