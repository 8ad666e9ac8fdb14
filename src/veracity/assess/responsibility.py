"""Claims of responsibility and what became of them: uncontested, rivalled, retracted, denied, contradicted.

For an armed group a claim of responsibility is propaganda in its own interest, not a statement against it: it is
strong evidence of involvement when nobody contests it, and weak when a rival claims the same attack, when the
group later retracts it, or when authorities name somebody else. This module indexes, per event, who claimed it,
who retracted, and whom authorities named, so each claim line can say which case it is (weights in
``weights.yaml``: ``responsibility``, ``authority_attributions``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from veracity.assess.context import Context
from veracity.assess.weights import Weights
from veracity.model.records import Evidence, Stance, Verdict, is_author
from veracity.model.values import date_upper_bound

RESPONSIBLE = "responsible_for"


def speaker(item: Evidence) -> str:
    """Whose voice a line is: an article relaying a group's claim speaks with the group's voice."""
    a = item.assertion
    return a.subject if is_author(a.claimant) and a.attribution == "claimed" else a.claimant


def _counts(item: Evidence) -> bool:
    return not any(r.verdict in (Verdict.REJECT, Verdict.CORRECT) for r in item.reviews)


@dataclass(slots=True)
class Claims:
    """Per event: actors claiming it (with the first date), actors retracting, actors named by authorities."""

    claimed: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    retracted: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    named: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def kind(self, item: Evidence, name: Callable[[str], str] = str) -> tuple[str, str]:
        """(responsibility kind, why) for a claim or a self-denial of responsibility."""
        a, n = item.assertion, name
        actor, event = a.subject, a.object
        if a.stance is Stance.DENIES:
            if actor in self.claimed.get(event, {}):
                return "denial", f"{n(actor)} retracts its own claim of {n(event)}: a retraction, weighed as a denial"
            return "denial", f"{n(actor)} denies responsibility for {n(event)}: the accused would deny either way"
        if actor in self.retracted.get(event, {}):
            return "retracted", f"{n(actor)} later retracted its claim of {n(event)}"
        rivals = sorted(set(self.claimed.get(event, {})) - {actor})
        if rivals:
            return "rival", f"rival claims for {n(event)}: {', '.join(map(n, rivals))} also claim it"
        others = sorted(self.named.get(event, set()) - {actor})
        if others:
            return "authorities_other", f"authorities name {', '.join(map(n, others))} for {n(event)}, not {n(actor)}"
        return "uncontested", f"{n(actor)}'s claim of {n(event)} is uncontested: no rival claim, no retraction, " \
               "authorities name nobody else"


def is_claim(item: Evidence, context: Context) -> bool:
    """True for a responsibility line said by the actor itself, relayed as its claim, or said by a member the
    curated registry records (a spokesman); anyone else naming a perpetrator is an accuser, not a claimant."""
    a = item.assertion
    if a.predicate != RESPONSIBLE or a.object_literal:
        return False
    return a.attribution == "claimed" or a.subject in context.speaks_for(speaker(item))


def build_claims(evidence: Iterable[Evidence], context: Context, weights: Weights) -> Claims:
    """Index every usable responsibility line by event."""
    claims = Claims()
    authorities = set(weights["authority_attributions"])
    denials: list[Evidence] = []
    for item in evidence:
        a = item.assertion
        if a.predicate != RESPONSIBLE or a.object_literal or not _counts(item):
            continue
        if is_claim(item, context):
            if a.stance is Stance.ASSERTS:
                when = date_upper_bound(item.published) if item.published else ""
                first = claims.claimed[a.object].get(a.subject)
                claims.claimed[a.object][a.subject] = min(first, when) if first is not None else when
            else:
                denials.append(item)
        elif a.stance is Stance.ASSERTS and a.attribution in authorities:
            claims.named[a.object].add(a.subject)
    for item in denials:
        a = item.assertion
        claimed_on = claims.claimed.get(a.object, {}).get(a.subject)
        when = date_upper_bound(item.published) if item.published else ""
        if claimed_on is not None and (not when or not claimed_on or when >= claimed_on):
            claims.retracted[a.object][a.subject] = when
    return claims
