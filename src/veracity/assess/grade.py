"""Grade every proposition from its independent lines: probability, ICD-203 word, the two Admiralty axes, reasons.

The model is a log-odds sum, chosen because it is simple, checkable by hand and monotone:

    log-odds = logit(prior) + sum(weight of each supporting line) - sum(weight of each opposing line)

A line's weight is its strongest member's (so twenty copies of one report weigh what one does); opposing lines
are denials of the triple and evidence for opposing propositions. Adding an independent supporting line can only
raise the probability. The probability is kept within ICD-203's outer bands (1%..99%). The ICD-203 word is given
only where the evidence supports a judgement: with information credibility 6 the word is "cannot be judged".
Curated registry lines (background, not reporting) can be left out of a grade (``background=False``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from veracity.assess.admiralty import credibility, source_reliability
from veracity.assess.context import Context, build_context
from veracity.assess.independence import Factor, KeyCache, Line, Scored, Syndication, cluster_lines
from veracity.assess.propositions import Proposition, Triple, group, normalise, opposing_triples, proposition_id
from veracity.assess.responsibility import build_claims
from veracity.assess.scoring import Scorer, published_by
from veracity.assess.weights import Weights, load_weights
from veracity.model.errors import NotFound
from veracity.model.records import Evidence, Outlet, Stance, Verdict, is_analyst, is_author, is_registry
from veracity.model.values import date_upper_bound

Texts = Mapping[str, str] | Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class Grade:
    """A proposition's grade with everything needed to explain it."""

    proposition: Proposition
    probability: float
    word: str
    admiralty: int
    lines: tuple[Line, ...]
    reports: int
    factors: dict[str, Factor]
    rejected: tuple[Evidence, ...] = ()
    as_of: str | None = None
    source: str = "F"
    credibility_why: str = ""
    source_why: str = ""
    background: bool = True

    @property
    def credibility(self) -> int:
        """Information credibility 1-6 (the Admiralty digit)."""
        return self.admiralty

    @property
    def code(self) -> str:
        """The two axes together, as an analyst writes them: "B2"."""
        return f"{self.source}{self.admiralty}"

    @property
    def judged(self) -> bool:
        """False when the evidence supports no judgement (credibility 6): the word then says so."""
        return self.admiralty != 6

    @property
    def id(self) -> str:
        return self.proposition.id

    @property
    def supporting(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.direction == "supports")

    @property
    def opposing(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.direction == "opposes")

    def summary(self) -> dict[str, Any]:
        """The one-object-per-proposition JSON shape of ``veracity assess --json``."""
        p = self.proposition
        return {"id": p.id, "subject": p.subject, "predicate": p.predicate, "object": p.object,
                "probability": round(self.probability, 4), "word": self.word, "judged": self.judged,
                "admiralty": self.admiralty, "source": self.source, "credibility": self.admiralty,
                "code": self.code, "lines": len(self.supporting), "opposing_lines": len(self.opposing),
                "background_lines": sum(line_kind(line) == "background" for line in self.lines),
                "reports": self.reports, "as_of": self.as_of, "background": self.background}


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def line_kind(line: Line) -> str:
    """What a line is: "background" (curated registry), "analyst" (an analyst's judgement) or "reporting"."""
    claimant = line.representative.evidence.assertion.claimant
    return "background" if is_registry(claimant) else "analyst" if is_analyst(claimant) else "reporting"


def combine(weights: Weights, lines: list[Line]) -> tuple[float, dict[str, Factor]]:
    """Probability from the prior and the lines' weights, with the three grade-level factors."""
    prior = float(weights["prior"])
    support = sum(line.weight for line in lines if line.direction == "supports")
    oppose = sum(line.weight for line in lines if line.direction == "opposes")
    raw = 1.0 / (1.0 + math.exp(-(logit(prior) + support - oppose)))
    probability = min(float(weights["ceiling"]), max(float(weights["floor"]), raw))
    n_for = sum(line.direction == "supports" for line in lines)
    factors: dict[str, Factor] = {
        "prior": (round(logit(prior), 4), prior, "base rate before weighing any line (log-odds)"),
        "support": (round(support, 4), n_for, f"{n_for} independent supporting line(s), log-odds added"),
        "oppose": (round(-oppose, 4), len(lines) - n_for, f"{len(lines) - n_for} opposing line(s), subtracted"),
    }
    return probability, factors


class Assessor:
    """Grades propositions over one evidence set: background, syndication and scorer are built once."""

    def __init__(self, evidence: Iterable[Evidence], *, outlets: Mapping[str, Outlet] | None = None,
                 texts: Texts | None = None, weights: Weights | None = None, as_of: str | None = None,
                 name: Callable[[str], str] = str, today: date | None = None, background: bool = True) -> None:
        self.weights = weights or load_weights()
        self.as_of = as_of
        self.background = background
        items = [e for e in evidence if (e.reviews or not e.superseded) and published_by(e, as_of)
                 and (background or not is_registry(e.assertion.claimant))]
        self.context: Context = build_context(items, registry=background)
        self.props: dict[Triple, Proposition] = group(items)
        self.syndication = _syndication(items, texts, self.weights)
        reference = date.fromisoformat(date_upper_bound(as_of)) if as_of else (today or date.today())
        self.scorer = Scorer(self.weights, self.context, outlets or {}, reference, name,
                             build_claims(items, self.context, self.weights), track_record(items, self.weights))
        self.name = name
        self._keys: KeyCache = {}
        self._against_cache: dict[tuple[str, float, tuple[str, str] | None], list[Scored]] = {}

    def propositions(self, about: str | None = None) -> list[Proposition]:
        return [p for p in self.props.values() if about is None or p.mentions(about)]

    def grade(self, prop: Proposition) -> Grade:
        scored, rejected = self._own(prop)
        scored += self._opposing(prop)
        lines = cluster_lines(scored, context=self.context, syndication=self.syndication, weights=self.weights,
                              name=self.name, cache=self._keys)
        probability, factors = combine(self.weights, lines)
        supporting = [line for line in lines if line.direction == "supports"]
        opposing = [line for line in lines if line.direction == "opposes"]
        digit, why = credibility(self.weights, supporting, opposing, probability)
        source, source_why = source_reliability(supporting, opposing)
        word = self.weights.word(probability) if digit != 6 else str(self.weights["unjudged_word"])
        return Grade(prop, probability, word, digit, tuple(lines), len(prop.evidence), factors, tuple(rejected),
                     self.as_of, source, why, source_why, self.background)

    def grade_all(self, about: str | None = None) -> list[Grade]:
        """Every proposition (or those naming ``about``), best supported first."""
        grades = [self.grade(p) for p in self.propositions(about)]
        return sorted(grades, key=lambda g: (-g.probability, g.id))

    def _own(self, prop: Proposition) -> tuple[list[Scored], list[Evidence]]:
        scored: list[Scored] = []
        rejected: list[Evidence] = []
        for item in prop.evidence:
            direction = "supports" if item.assertion.stance is Stance.ASSERTS else "opposes"
            s = self.scorer.score(item, direction)
            (scored.append(s) if s is not None else rejected.append(item))
        return scored, rejected

    def _opposing(self, prop: Proposition) -> list[Scored]:
        """Assertions of opposing propositions, directly or through the subject's parent body, count against."""
        direct = float(self.weights["opposite"])
        targets: dict[Triple, tuple[float, str | None]] = {t: (direct, None) for t in opposing_triples(prop.triple)}
        for body in sorted(self.context.parents.get(prop.subject, ())):
            for t in opposing_triples(normalise(body, prop.predicate, prop.object)):
                targets.setdefault(t, (direct * float(self.weights["via_parent"]), body))
        found: list[Scored] = []
        for triple, (factor, parent) in targets.items():
            other = self.props.get(triple)
            if other is not None:
                found += self._against(other, factor, (prop.subject, parent) if parent else None)
        return found

    def _against(self, other: Proposition, factor: float, through: tuple[str, str] | None) -> list[Scored]:
        """The assertions of ``other`` scored as opposing evidence (cached: many propositions share opposites)."""
        key = (other.id, factor, through)
        if key not in self._against_cache:
            why = f"evidence for the opposing proposition {' '.join(map(self.name, other.triple))}"
            if through:
                why += f" (through {self.name(through[0])} member_of {self.name(through[1])})"
            extra: dict[str, Factor] = {"opposite": (factor, other.id, why)}
            scored = (self.scorer.score(item, "opposes", extra, via=other.id) for item in other.evidence
                      if item.assertion.stance is Stance.ASSERTS)
            self._against_cache[key] = [s for s in scored if s is not None]
        return self._against_cache[key]


def track_record(items: Iterable[Evidence], weights: Weights) -> dict[str, str]:
    """Sources whose earlier lines mostly failed an analyst: source -> "k of n ... went against it".

    A source is an outlet (for its own voice) or a named claimant (a spokesman, a state). Its record counts the
    analyst's latest review of each of its extractions (reject = failed) and, for a claimant, every analyst
    judgement (`veracity judge`) of a proposition it asserted (disagree = failed, agree = held; uncertain does
    not count). At least ``track_record.min_reviews`` such verdicts, ``reject_share`` of them failed: one grade
    lower, with the record in the explanation.
    """
    spec = weights["track_record"]
    items = list(items)
    record: dict[str, list[bool]] = {}
    for item in items:
        if item.reviews:
            failed = sorted(item.reviews, key=lambda r: r.created_at)[-1].verdict is Verdict.REJECT
            for source in _sources(item):
                record.setdefault(source, []).append(failed)
    for claimant, failed in _judged(items):
        record.setdefault(claimant, []).append(failed)
    return {source: f"{sum(got)} of {len(got)} analyst verdicts on its earlier lines went against it"
            for source, got in record.items()
            if len(got) >= int(spec["min_reviews"]) and sum(got) / len(got) >= float(spec["reject_share"])}


def _sources(item: Evidence) -> list[str]:
    """The outlet and, for a named claimant, the claimant: whose record a review of this line joins."""
    claimant = item.assertion.claimant
    named = [] if is_author(claimant) or is_analyst(claimant) or is_registry(claimant) else [claimant]
    return ([item.outlet] if item.outlet else []) + named


def _judged(items: list[Evidence]) -> list[tuple[str, bool]]:
    """(claimant, failed) for every named claimant's assertion of a proposition an analyst judged."""
    verdicts: dict[tuple[str, str, str], bool] = {}
    for item in items:
        a = item.assertion
        if is_analyst(a.claimant) and a.hedge != "uncertain":
            verdicts[(a.subject, a.predicate, a.object)] = a.stance is Stance.DENIES
    out = []
    for item in items:
        a = item.assertion
        key = (a.subject, a.predicate, a.object)
        if key in verdicts and a.stance is Stance.ASSERTS and _sources(item)[-1:] == [a.claimant]:
            out.append((a.claimant, verdicts[key]))
    return out


def _syndication(items: list[Evidence], texts: Texts | None, weights: Weights) -> Syndication | None:
    if texts is None:
        return None
    lookup: Callable[[str], str | None] = texts.get if isinstance(texts, Mapping) else texts
    docs = [e.assertion.doc_id for e in items if is_author(e.assertion.claimant)]
    return Syndication(docs, lookup, weights)


def assess(evidence: Iterable[Evidence], *, outlets: Mapping[str, Outlet] | None = None, texts: Texts | None = None,
           weights: Weights | None = None, as_of: str | None = None, about: str | None = None,
           name: Callable[[str], str] = str, today: date | None = None, background: bool = True) -> list[Grade]:
    """Grade every proposition in ``evidence`` (as of a date when given), best supported first."""
    assessor = Assessor(evidence, outlets=outlets, texts=texts, weights=weights, as_of=as_of, name=name, today=today,
                        background=background)
    return assessor.grade_all(about)


def grade_of(evidence: Iterable[Evidence], triple: Triple, **options: Any) -> Grade:
    """The grade of one triple (a convenience for tests and notebooks)."""
    assessor = Assessor(evidence, **options)
    prop = assessor.props.get(normalise(*triple))
    if prop is None:
        raise NotFound(f"no evidence for {' '.join(triple)} ({proposition_id(*triple)})",
                       fix="check the names with `veracity assess --about`")
    return assessor.grade(prop)

