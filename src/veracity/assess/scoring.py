"""The weight of one piece of evidence: a product of named factors, each returned with its value and reason.

weight = line_base x reliability x interest x hedge x recency x extraction score [x opposite x via parent]
(a reading scored below ``extraction.min_score`` is listed with weight 0: more likely a misreading)
A review says whether the extraction matches its source: a confirmation sets the extraction score to 1 (the line
then counts at exactly its normal weight); a rejection (or a correction) removes the item. Claims of responsibility
take their ``interest`` from the ``responsibility`` table (uncontested, rival, retracted, ...). Every multiplier
comes from ``weights.yaml``; none is written here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

from veracity.assess.context import Context, newest_review
from veracity.assess.independence import Factor, Scored
from veracity.assess.responsibility import RESPONSIBLE, Claims, is_claim
from veracity.assess.weights import GRADES, Weights
from veracity.model.records import Evidence, Outlet, Stance, Verdict, is_analyst, is_author, is_registry
from veracity.model.values import date_upper_bound


@cache
def _outlet_for() -> Callable[[str], Outlet] | None:
    """The registry engineer's ``veracity.model.outlets.outlet_for`` when it exists (it grades unknowns F)."""
    try:
        module = importlib.import_module("veracity.model.outlets")
    except ImportError:
        return None
    return getattr(module, "outlet_for", None)


def published_by(item: Evidence, as_of: str | None) -> bool:
    """True when the document was certainly published by ``as_of`` (partial dates count from their end)."""
    if as_of is None:
        return True
    if not item.published:
        return False
    return date_upper_bound(item.published) <= date_upper_bound(as_of)


@dataclass(frozen=True, slots=True)
class Scorer:
    """Scores evidence against one set of weights, background, outlets and reference date."""

    weights: Weights
    context: Context
    outlets: Mapping[str, Outlet]
    reference: date
    name: Callable[[str], str] = str
    claims: Claims = field(default_factory=Claims)
    track: Mapping[str, str] = field(default_factory=dict)
    cache: dict[int, tuple[float, dict[str, Factor], bool] | None] = field(default_factory=dict)

    def score(self, item: Evidence, direction: str, extra: dict[str, Factor] | None = None,
              via: str | None = None) -> Scored | None:
        """The scored item, or ``None`` when an analyst rejected or corrected it."""
        base = self._base(item)
        if base is None:
            return None
        weight, factors, confirmed = base
        if extra:
            factors = {**factors, **extra}
            for value in extra.values():
                weight *= value[0]
        return Scored(item, direction, weight, factors, via, confirmed)

    def _base(self, item: Evidence) -> tuple[float, dict[str, Factor], bool] | None:
        """Weight and factors of the item itself, computed once per item (it may oppose many propositions)."""
        key = id(item)  # identity: the Assessor holds every item for its lifetime; hashing content is slow
        if key not in self.cache:
            self.cache[key] = self._compute(item)
        return self.cache[key]

    def _compute(self, item: Evidence) -> tuple[float, dict[str, Factor], bool] | None:
        review = newest_review(item)
        if review is not None and review.verdict in (Verdict.REJECT, Verdict.CORRECT):
            return None
        confirmed = review is not None and review.verdict is Verdict.CONFIRM
        factors: dict[str, Factor] = {"base": (float(self.weights["line_base"]), None, "one line of reporting")}
        factors["reliability"] = self.reliability(item)
        factors["interest"] = self.interest(item)
        factors["hedge"] = self.hedge(item)
        factors["recency"] = self.recency(item)
        if confirmed and review is not None:
            why = f"{review.reviewer} confirmed the extraction matches its source: extractor score set to 1, " \
                  f"normal weight. {review.note}".strip()
            factors["review"] = (1.0, "confirm", why)
        elif item.assertion.score < 1.0:
            factors["extraction"] = (item.assertion.score, item.assertion.extractor, "extractor's confidence")
            unsure = self.unsure(item.assertion.score)
            if unsure is not None:
                factors["unsure"] = unsure
        weight = 1.0
        for value in factors.values():
            weight *= value[0]
        return weight, factors, confirmed

    def unsure(self, score: float) -> Factor | None:
        """A reading the extractor scores below ``extraction.min_score`` is listed but not weighed.

        Extractors keep uncertain readings so that an analyst can review them (the statements model keeps
        links from 0.3, tuned for recall); below even odds a reading is more likely a misreading than what
        the sentence says, and several such readings of one sentence ("Pakistan supports ISKP", "ISI supports
        ISKP", "Haqqani member_of Pakistan" from one clause) would otherwise each add a line. Confirming the
        extraction (``review ... confirm``) sets its score to 1 and it counts at its normal weight.
        """
        floor = float(self.weights["extraction"]["min_score"])
        if score >= floor:
            return None
        return (0.0, score, f"read with confidence {score:.2f}, below {floor:.2f}: more likely a misreading "
                            "than a statement; listed, not weighed, until an analyst confirms it")

    def grade_of(self, item: Evidence) -> tuple[str, str]:
        """(Admiralty source grade, where it came from); unknown outlets are F, never C."""
        claimant = item.assertion.claimant
        if is_registry(claimant):
            return str(self.weights["registry_reliability"]), f"curated registry: {claimant.split(':', 1)[1]}"
        if is_analyst(claimant):
            return str(self.weights["analyst"]["reliability"]), f"analyst judgement by {self.name(claimant)}"
        name = item.outlet or ""
        outlet = self.outlets.get(name) if name else None
        lookup = _outlet_for()
        if outlet is None and lookup is not None and (name or item.url):
            outlet = lookup(name or item.url or "")
        if outlet is None:
            grade, why = "F", f"outlet {name or 'unknown'} not graded: cannot be judged"
        else:
            grade, why = (outlet.reliability or "F").upper(), f"outlet {outlet.name} graded {outlet.reliability}"
        claimant_record = self.track.get(claimant)
        record = claimant_record or (self.track.get(name) if name else None)
        if record and grade in GRADES and grade != "F":
            whose = f"{self.name(claimant)}'s" if claimant_record else "its"
            grade = GRADES[min(GRADES.index(grade) + 1, len(GRADES) - 2)]
            why += f"; one grade lower for {whose} track record ({record})"
        return grade, why

    def reliability(self, item: Evidence) -> Factor:
        grade, why = self.grade_of(item)
        return (self.weights.reliability(grade), grade, why)

    def interest(self, item: Evidence) -> Factor:
        a = item.assertion
        if a.predicate == RESPONSIBLE and is_claim(item, self.context):
            kind, why = self.claims.kind(item, self.name)
            return (float(self.weights["responsibility"][kind]), f"claim_{kind}", why)
        if is_analyst(a.claimant):
            return (1.0, "analyst", f"{self.name(a.claimant)}'s own judgement, weighed like a source")
        kind, why = self.interest_kind(item)
        return (self.weights.interest(kind), kind, why)

    def interest_kind(self, item: Evidence) -> tuple[str, str]:
        """How the claimant's stake in the subject bears on its word (see ``interest`` in weights.yaml)."""
        a, n = item.assertion, self.name
        if is_registry(a.claimant):
            return "independent", "curated registry line"
        claimant = a.subject if is_author(a.claimant) and a.attribution == "claimed" else a.claimant
        if is_author(claimant):
            if a.stance is Stance.DENIES:
                return "independent_denial", "the article's own voice denies it: no recorded stake"
            return "independent", "the article's own voice: no recorded stake"
        if a.subject in self.context.side(claimant):
            if a.stance is Stance.DENIES:
                return "accused_denial", f"{n(claimant)} denies about itself: the accused would deny either way"
            if a.predicate in self.weights["incriminating"]:
                return "self_incrimination", f"{n(a.subject)} says this of itself, against its own interest"
            return "self_serving", f"{n(a.subject)} says this of itself, in its own favour"
        if a.stance is Stance.DENIES:
            tie = self.context.tie(claimant, a.subject)
            if tie:
                return "ally_denial", f"{n(tie[0])} is tied to {n(tie[1])} (per {tie[2]}): an interested denial"
            return "independent_denial", f"{n(claimant)} denies it, with no recorded tie to {n(a.subject)}"
        hostile = self.context.hostility(claimant, a.subject)
        if hostile:
            speaks = "" if claimant in hostile[:2] else f"{n(claimant)} speaks for a party that is hostile: "
            return "hostile_accuser", f"{speaks}{n(hostile[0])} is hostile to {n(hostile[1])} (per {hostile[2]})"
        return "independent", f"{n(claimant)} has no recorded hostility to {n(a.subject)}"

    def hedge(self, item: Evidence) -> Factor:
        hedge = item.assertion.hedge
        if hedge is None:
            return (1.0, None, "stated without hedging")
        if is_analyst(item.assertion.claimant) and hedge == "uncertain":
            return (float(self.weights["analyst"]["uncertain"]), hedge, "the analyst is uncertain: adds nothing")
        return (float(self.weights["hedged"]), hedge, f"hedged (\"{hedge}\")")

    def recency(self, item: Evidence) -> Factor:
        spec = self.weights["recency"]
        if is_registry(item.assertion.claimant) or is_analyst(item.assertion.claimant):
            return (1.0, item.published, "curated registry line or analyst judgement: kept current, does not age")
        if item.assertion.predicate in spec["timeless"]:
            return (1.0, item.published, "an event happens once: its reporting does not age")
        if not item.published:
            return (float(spec["unknown_date"]), None, "publication date unknown")
        age, value = _decay(item.published, self.reference, float(spec["half_life_years"]), float(spec["floor"]))
        return (value, item.published, f"published {item.published}, {age:.1f} years before the reference date")


@lru_cache(maxsize=4096)
def _decay(published: str, reference: date, half_life: float, floor: float) -> tuple[float, float]:
    """(age in years, multiplier): halved every ``half_life`` years, never below ``floor``."""
    age = (reference - date.fromisoformat(date_upper_bound(published))).days / 365.25
    return age, max(floor, 0.5 ** (max(age, 0.0) / half_life))
