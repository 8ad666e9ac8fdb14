"""The two Admiralty axes of a grade: source reliability (A-F) and information credibility (1-6), each with why.

The Admiralty (NATO STANAG 2511) code rates a report on two separate axes: how reliable its *source* has proved
and how credible the *information* is in the light of other reporting. veracity keeps them apart so "B2" reads
as intended: a usually reliable source, and information probably true because independent lines agree.
A single uncorroborated line from a source nobody has graded is "6: truth cannot be judged", never "unlikely":
absence of corroboration is not evidence against a claim. Thresholds live in ``weights.yaml`` (``admiralty``).
"""

from __future__ import annotations

from collections.abc import Sequence

from veracity.assess.independence import Line
from veracity.assess.weights import GRADES, Weights
from veracity.model.records import is_analyst

CREDIBILITY = {1: "confirmed by independent sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
               5: "improbable", 6: "truth cannot be judged"}
SOURCE = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable", "D": "not usually reliable",
          "E": "unreliable", "F": "reliability cannot be judged"}


def line_grade(line: Line) -> str:
    """The source grade (A-F) of a line: its strongest member's reliability factor (F when none recorded)."""
    factor = line.representative.factors.get("reliability")
    grade = str(factor[1]).upper() if factor and factor[1] else "F"
    return grade if grade in GRADES else "F"


def source_reliability(supporting: Sequence[Line], opposing: Sequence[Line]) -> tuple[str, str]:
    """(A-F, why): the most reliable source among the supporting lines (the opposing ones when none supports)."""
    lines = [x for x in supporting if x.weight > 0] or [x for x in opposing if x.weight > 0]
    if not lines:
        return "F", "no line of reporting: the source cannot be judged"
    best = min(lines, key=lambda line: (GRADES.index(line_grade(line)), -line.weight))
    grade = line_grade(best)
    factor = best.representative.factors.get("reliability")
    why = factor[2] if factor else "no reliability recorded"
    side = "supporting" if best.direction == "supports" else "opposing"
    return grade, f"{SOURCE[grade]}: best {side} source ({why})"


def relays(line: Line) -> bool:
    """True for a hedged line of reporting ("reportedly ..."): it relays the proposition without vouching for it.

    A profile may weigh relays at zero (the fitted Emergent profile does): they then add nothing to p, yet they
    still show that an independent outlet covered the proposition, which is what "cannot be judged" is about.
    An analyst's "uncertain" judgement is not reporting and never counts here.
    """
    rep = line.representative
    factor = rep.factors.get("hedge")
    unsure = "unsure" in rep.factors
    return bool(factor and factor[1]) and not unsure and not is_analyst(rep.evidence.assertion.claimant)


def _judgeable(weights: Weights, lines: Sequence[Line]) -> bool:
    """Enough to judge: two independent lines in all, or one from a source graded at least ``judge_grade``.

    Lines that weigh nothing count only when they are relays and some other line weighs something: coverage by
    several outlets makes a claim judgeable, but relays alone never do (nobody vouched either way).
    """
    usable = [line for line in lines if line.weight > 0]
    if not usable:
        return False
    if len(usable) + sum(line.weight <= 0 and relays(line) for line in lines) >= 2:
        return True
    limit = GRADES.index(str(weights["admiralty"]["judge_grade"]).upper())
    return GRADES.index(line_grade(usable[0])) <= limit


def credibility(weights: Weights, supporting: Sequence[Line], opposing: Sequence[Line],
                probability: float) -> tuple[int, str]:
    """(1-6, why): information credibility from the independent lines and the probability."""
    spec = weights["admiralty"]
    lines = [*supporting, *opposing]
    if not _judgeable(weights, lines):
        why = "no usable line" if not lines else "a single uncorroborated line from a source not graded " \
              f"{spec['judge_grade']} or better"
        return 6, f"{CREDIBILITY[6]}: {why}"
    support = sum(line.weight for line in supporting)
    oppose = sum(line.weight for line in opposing)
    if oppose > support:
        return 5, f"{CREDIBILITY[5]}: opposing lines weigh {oppose:.2f}, supporting {support:.2f}"
    if oppose > 0 and oppose >= float(spec["contested"]) * support:
        return 4, f"{CREDIBILITY[4]}: contested (opposing {oppose:.2f} against supporting {support:.2f})"
    n = len(supporting)
    if n >= int(spec["confirmed_lines"]) and probability >= float(spec["confirmed_p"]):
        return 1, f"{CREDIBILITY[1]}: {n} independent supporting lines, p {probability:.2f}"
    if n >= int(spec["probable_lines"]) and probability >= float(spec["probable_p"]):
        return 2, f"{CREDIBILITY[2]}: {n} independent supporting lines, p {probability:.2f}"
    if probability >= float(spec["possible_p"]):
        return 3, f"{CREDIBILITY[3]}: {n} supporting line(s), p {probability:.2f}"
    return 4, f"{CREDIBILITY[4]}: p {probability:.2f} below {spec['possible_p']}"
