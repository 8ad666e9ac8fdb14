"""Analysis of competing hypotheses (Heuer) for who was behind an event.

Hypotheses: every actor with a responsibility assertion about the event (asserted or denied), every actor said to
sponsor one of those (supports, controls, trains, moves fighters to), and "unattributed". Evidence rows are the
independent lines of the relevant propositions, each with its credibility (the line's weight from the grading
model), so twenty copies of one claim are one row. Each cell is C (consistent), I (inconsistent) or N (neutral);
hypotheses are ranked by weighted inconsistency over the *diagnostic* rows only (a row rated the same against
every hypothesis cannot tell them apart): ACH asks which hypothesis the evidence fails to refute, not which one
collects the most agreement. When the best hypotheses lie within ``ach.tie_margin`` of each other the matrix says
the evidence does not discriminate between them (a sponsor hypothesis is rarely contradicted by anything); the
listed order among them then only follows consistent claims of the act itself, then consistent evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from veracity.assess.grade import Assessor
from veracity.assess.independence import Line
from veracity.assess.propositions import Proposition
from veracity.model.records import Evidence, is_author
from veracity.model.vocabulary import vocabulary

UNATTRIBUTED = "unattributed"
RESPONSIBLE = "responsible_for"


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """An actor (or "unattributed") and the roles in which it is put forward."""

    id: str
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One independent line of evidence and its rating against every hypothesis."""

    kind: str
    proposition: Proposition
    line: Line
    cells: dict[str, str]

    @property
    def credibility(self) -> float:
        return self.line.weight

    @property
    def evidence(self) -> Evidence:
        return self.line.representative.evidence

    @property
    def diagnostic(self) -> bool:
        """True when the row rates some hypotheses differently from others (only such rows can rank them)."""
        return len(set(self.cells.values())) > 1


@dataclass(frozen=True, slots=True)
class Matrix:
    """The Heuer matrix: hypotheses ranked by weighted inconsistency, and the rows behind it."""

    event: str
    hypotheses: tuple[Hypothesis, ...]
    rows: tuple[Row, ...]
    inconsistency: dict[str, float]
    consistency: dict[str, float]
    undiscriminated: tuple[str, ...] = ()
    margin: float = 0.0

    @property
    def discriminates(self) -> bool:
        """False when the evidence leaves the best hypotheses within ``ach.tie_margin`` of each other."""
        return len(self.undiscriminated) < 2

    def verdict(self, name: Any = str) -> str:
        """One sentence an analyst can read: which hypothesis the diagnostic evidence favours, or that none is."""
        label = _labeller(name)
        diagnostic = sum(r.diagnostic for r in self.rows)
        if not self.hypotheses or not diagnostic:
            return "no diagnostic evidence: nothing here tells the hypotheses apart"
        if not self.discriminates:
            tied = ", ".join(label(h) for h in self.undiscriminated)
            return (f"the evidence does not discriminate between {tied} (weighted inconsistency within "
                    f"{self.margin:g} of each other on {diagnostic} diagnostic row(s))")
        best = self.hypotheses[0].id
        return f"{label(best)} is least contradicted by {diagnostic} diagnostic row(s)"

    def to_dict(self, name: Any = str) -> dict[str, Any]:
        """JSON shape of ``veracity ach --json``."""
        return {
            "event": self.event, "discriminates": self.discriminates, "verdict": self.verdict(name),
            "undiscriminated": list(self.undiscriminated),
            "hypotheses": [{"id": h.id, "name": name(h.id) if h.id != UNATTRIBUTED else UNATTRIBUTED,
                            "roles": list(h.roles), "weighted_inconsistency": round(self.inconsistency[h.id], 4),
                            "weighted_consistency": round(self.consistency[h.id], 4)} for h in self.hypotheses],
            "evidence": [_row_dict(r, name) for r in self.rows],
        }

    def table(self, name: Any = str) -> list[list[str]]:
        """Header plus one line per row and a closing score line (for CSV and the printed matrix)."""
        labels = [name(h.id) if h.id != UNATTRIBUTED else UNATTRIBUTED for h in self.hypotheses]
        out = [["evidence", "kind", "claimant", "published", "credibility", *labels]]
        for r in self.rows:
            a = r.evidence.assertion
            claimant = "article" if is_author(a.claimant) else name(a.claimant)
            out.append([a.quote, r.kind, claimant, r.evidence.published or "", f"{r.credibility:.3f}",
                        *(r.cells[h.id] for h in self.hypotheses)])
        out.append(["weighted inconsistency", "", "", "", "",
                    *(f"{self.inconsistency[h.id]:.3f}" for h in self.hypotheses)])
        return out


def _labeller(name: Any) -> Any:
    return lambda h: name(h) if h != UNATTRIBUTED else UNATTRIBUTED


def _row_dict(row: Row, name: Any) -> dict[str, Any]:
    a = row.evidence.assertion
    return {"kind": row.kind, "proposition": row.proposition.id,
            "statement": " ".join(name(x) for x in row.proposition.triple), "direction": row.line.direction,
            "claimant": a.claimant, "quote": a.quote, "doc": row.evidence.doc_name or a.doc_id,
            "published": row.evidence.published, "credibility": round(row.credibility, 4),
            "reports": len(row.line.members), "diagnostic": row.diagnostic, "cells": row.cells}


def _hypotheses(assessor: Assessor, event: str) -> dict[str, list[str]]:
    sponsor_predicates = set(assessor.weights["ach"]["sponsor_predicates"])
    roles: dict[str, list[str]] = {}
    for p in assessor.props.values():
        if p.predicate == RESPONSIBLE and p.object == event:
            roles.setdefault(p.subject, []).append("perpetrator")
    for p in assessor.props.values():
        if p.predicate in sponsor_predicates and p.object in roles and p.subject != p.object \
                and "perpetrator" in roles[p.object]:
            role = f"sponsor of {p.object}"
            if role not in roles.setdefault(p.subject, []):
                roles[p.subject].append(role)
    return roles


def _linked(assessor: Assessor, left: str, right: str) -> bool:
    return left == right or assessor.context.tie(left, right) is not None


def _responsibility_cells(assessor: Assessor, actor: str, line: Line, hyps: list[str]) -> dict[str, str]:
    if line.direction == "opposes":
        return {h: "I" if h == actor else "N" for h in hyps}
    cells = {h: "C" if h == actor else "N" if _linked(assessor, h, actor) else "I" for h in hyps}
    cells[UNATTRIBUTED] = "I"
    return cells


def _kind(assessor: Assessor, p: Proposition, event: str, roles: dict[str, list[str]], scene: set[str]) -> str | None:
    """Which kind of evidence this proposition is for the event's hypotheses, or ``None`` when irrelevant."""
    spec = assessor.weights["ach"]
    if p.predicate == RESPONSIBLE and p.object == event:
        return "claim or accusation"
    if p.subject not in roles or p.subject == p.object:
        return None
    if p.predicate in spec["sponsor_predicates"] and p.object in roles:
        return "sponsorship"
    if p.predicate in spec["capability_predicates"] and p.object in scene:
        return "capability or presence"
    return None


def _cells(assessor: Assessor, kind: str, p: Proposition, line: Line, hyps: list[str]) -> dict[str, str]:
    if kind == "claim or accusation":
        return _responsibility_cells(assessor, p.subject, line, hyps)
    mark = "C" if line.direction == "supports" else "I"
    return {h: mark if h == p.subject else "N" for h in hyps}


def _rows(assessor: Assessor, event: str, roles: dict[str, list[str]]) -> list[Row]:
    hyps = [*roles, UNATTRIBUTED]
    scene = {p.object for p in assessor.props.values() if p.subject == event and p.predicate in
             vocabulary().event_roles}
    rows: list[Row] = []
    for p in assessor.props.values():
        kind = _kind(assessor, p, event, roles, scene)
        if kind is None:
            continue
        for line in assessor.grade(p).lines:
            label = kind if line.direction == "supports" else "denial or contradiction"
            rows.append(Row(label, p, line, _cells(assessor, kind, p, line, hyps)))
    return rows


def ach(evidence: Iterable[Evidence], event: str, **options: Any) -> Matrix:
    """The competing-hypotheses matrix for ``event`` (an event id); options as for :class:`Assessor`."""
    assessor = Assessor(evidence, **options)
    roles = _hypotheses(assessor, event)
    rows = sorted(_rows(assessor, event, roles), key=lambda r: (-r.credibility, r.proposition.id))
    ids = [*roles, UNATTRIBUTED]
    diagnostic = [r for r in rows if r.diagnostic]
    bad = {h: sum(r.credibility for r in diagnostic if r.cells[h] == "I") for h in ids}
    good = {h: sum(r.credibility for r in rows if r.cells[h] == "C") for h in ids}
    direct = {h: sum(r.credibility for r in rows if r.cells[h] == "C" and r.kind == "claim or accusation")
              for h in ids}
    ranked = sorted(ids, key=lambda h: (round(bad[h], 9), -direct[h], -good[h], h))
    margin = float(assessor.weights["ach"]["tie_margin"])
    tied = tuple(h for h in ranked if bad[h] - bad[ranked[0]] < margin) if diagnostic else ()
    hypotheses = tuple(Hypothesis(h, tuple(roles.get(h, ("no actor named",)))) for h in ranked)
    return Matrix(event, hypotheses, tuple(rows), bad, good, tied if len(tied) > 1 else (), margin)
