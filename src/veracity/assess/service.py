"""The assessment questions asked of a store: one function per CLI command (and API route), each taking a View.

Each reads the evidence once (as of a date when asked), builds one :class:`Assessor` and answers from it, so the
CLI, the API and the web page give the same grades for the same store.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from veracity.assess.ach import Matrix, ach
from veracity.assess.grade import Assessor, Grade
from veracity.assess.independence import Line
from veracity.assess.weights import Weights, load_weights
from veracity.model.errors import InvalidInput, NotFound
from veracity.model.records import EntityKind
from veracity.model.values import clean_date


def _as_of(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = clean_date(value)
    if cleaned is None:
        raise InvalidInput(f"cannot read the date {value!r}", fix="write it as YYYY, YYYY-MM or YYYY-MM-DD")
    return cleaned


def namer(view: Any) -> Any:
    """The view's display names, cached (an explanation names the same parties many times)."""
    return lru_cache(maxsize=None)(view.name)


def assessor_for(view: Any, as_of: str | None = None, weights: Weights | None = None) -> Assessor:
    """One Assessor over the store's evidence, document texts and outlets as of a date."""
    date = _as_of(as_of)
    texts = {d.id: d.text for d in view.documents(as_of=date)}
    return Assessor(view.evidence(as_of=date), outlets=view.outlets(), texts=texts, weights=weights or load_weights(),
                    as_of=date, name=namer(view))


def assess_view(view: Any, about: str | None = None, as_of: str | None = None,
                weights: Weights | None = None) -> list[Grade]:
    """Every proposition (or those naming ``about``), graded; best supported first."""
    about_id = view.find_entity(about).id if about else None
    return assessor_for(view, as_of, weights).grade_all(about_id)


def explain_view(view: Any, proposition: str, as_of: str | None = None, weights: Weights | None = None) -> Grade:
    """The grade of one proposition by id (or an unambiguous id prefix of at least 6 characters)."""
    assessor = assessor_for(view, as_of, weights)
    found = [p for p in assessor.props.values() if p.id == proposition or
             (len(proposition) >= 6 and p.id.startswith(proposition))]
    if len(found) != 1:
        why = "no proposition has" if not found else f"{len(found)} propositions share"
        raise NotFound(f"{why} the id {proposition!r}", fix="copy an id from `veracity assess --json`")
    return assessor.grade(found[0])


def ach_view(view: Any, event: str, as_of: str | None = None, weights: Weights | None = None) -> Matrix:
    """The competing-hypotheses matrix for an event named by id, name or alias."""
    entity = view.find_entity(event)
    if entity.kind is not EntityKind.EVENT:
        raise InvalidInput(f"{event!r} is a {entity.kind.value}, not an event",
                           fix="name an event (see `veracity events` or the assess list)")
    date = _as_of(as_of)
    texts = {d.id: d.text for d in view.documents(as_of=date)}
    return ach(view.evidence(as_of=date), entity.id, outlets=view.outlets(), texts=texts,
               weights=weights or load_weights(), as_of=date, name=namer(view))


def line_dict(line: Line, name: Any = str) -> dict[str, Any]:
    """One line of reporting with its weight, factors, merge reasons and every member report."""
    rep = line.representative
    return {
        "direction": line.direction, "weight": round(line.weight, 4), "reports": len(line.members),
        "merged_because": list(line.reasons), "opposing_proposition": rep.via,
        "factors": {k: {"weight": round(v[0], 4), "value": v[1], "why": v[2]} for k, v in rep.factors.items()},
        "members": [{"claimant": s.evidence.assertion.claimant, "claimant_name": name(s.evidence.assertion.claimant),
                     "stance": s.evidence.assertion.stance.value, "quote": s.evidence.assertion.quote,
                     "doc": s.evidence.doc_name or s.evidence.assertion.doc_id, "outlet": s.evidence.outlet,
                     "url": s.evidence.url, "published": s.evidence.published, "weight": round(s.weight, 4)}
                    for s in line.members],
    }


def explanation(grade: Grade, name: Any = str) -> dict[str, Any]:
    """The full reasoning of a grade as data (``veracity explain --json``, the API and the page)."""
    p = grade.proposition
    return {
        **grade.summary(),
        "statement": f"{name(p.subject)} {p.predicate} {p.object if p.object_literal else name(p.object)}",
        "periods": [list(x) for x in p.periods], "opposing_propositions": list(p.opposing),
        "factors": {k: {"weight": v[0], "value": v[1], "why": v[2]} for k, v in grade.factors.items()},
        "evidence_lines": [line_dict(line, name) for line in grade.lines],
        "rejected_by_analyst": [e.id for e in grade.rejected],
    }
