"""The assessment questions asked of a store: one function per CLI command (and API route), each taking a View.

Each reads the evidence once (as of a date when asked), builds one :class:`Assessor` and answers from it, so the
CLI, the API and the web page give the same grades for the same store.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from veracity.assess.ach import Matrix, ach
from veracity.assess.grade import Assessor, Grade, line_kind
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


SHORT_ID = 8
"""Characters of an id that text output shows; any unique prefix of at least ``MIN_PREFIX`` is accepted."""
MIN_PREFIX = 4


def assessor_for(view: Any, as_of: str | None = None, weights: Weights | None = None,
                 background: bool = True) -> Assessor:
    """One Assessor over the store's evidence, document texts and outlets as of a date."""
    date = _as_of(as_of)
    texts = {d.id: d.text for d in view.documents(as_of=date)}
    return Assessor(view.evidence(as_of=date), outlets=view.outlets(), texts=texts, weights=weights or load_weights(),
                    as_of=date, name=namer(view), background=background)


def assess_view(view: Any, about: str | None = None, as_of: str | None = None,
                weights: Weights | None = None, background: bool = True) -> list[Grade]:
    """Every proposition (or those naming ``about``), graded; best supported first."""
    about_id = view.find_entity(about).id if about else None
    return assessor_for(view, as_of, weights, background).grade_all(about_id)


def find_proposition(assessor: Assessor, proposition: str) -> Any:
    """The proposition with this id or unique id prefix (at least ``MIN_PREFIX`` characters)."""
    key = proposition.strip().lower()
    found = [p for p in assessor.props.values() if p.id == key or (len(key) >= MIN_PREFIX and p.id.startswith(key))]
    if len(found) != 1:
        why = "no proposition has" if not found else f"{len(found)} propositions share"
        raise NotFound(f"{why} the id {proposition!r}",
                       fix=f"copy an id from `veracity assess` (a unique prefix of {MIN_PREFIX}+ characters works)")
    return found[0]


def explain_view(view: Any, proposition: str, as_of: str | None = None, weights: Weights | None = None,
                 background: bool = True) -> Grade:
    """The grade of one proposition by id or unique id prefix."""
    assessor = assessor_for(view, as_of, weights, background)
    return assessor.grade(find_proposition(assessor, proposition))


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
    kind = line_kind(line)
    claimant = rep.evidence.assertion.claimant
    return {
        "direction": line.direction, "kind": kind, "weight": round(line.weight, 4), "reports": len(line.members),
        "public_source": claimant.split(":", 1)[1] if kind == "background" else None,
        "merged_because": list(line.reasons), "opposing_proposition": rep.via,
        "factors": {k: {"weight": round(v[0], 4), "value": v[1], "why": v[2]} for k, v in rep.factors.items()},
        "members": [{"id": s.evidence.assertion.id, "claimant": s.evidence.assertion.claimant,
                     "claimant_name": name(s.evidence.assertion.claimant),
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
        "axes": {"source": {"grade": grade.source, "why": grade.source_why},
                 "credibility": {"digit": grade.admiralty, "why": grade.credibility_why}},
        "periods": [list(x) for x in p.periods], "opposing_propositions": list(p.opposing),
        "factors": {k: {"weight": v[0], "value": v[1], "why": v[2]} for k, v in grade.factors.items()},
        "evidence_lines": [line_dict(line, name) for line in grade.lines if line_kind(line) != "background"],
        "background_lines": [line_dict(line, name) for line in grade.lines if line_kind(line) == "background"],
        "rejected_by_analyst": [e.id for e in grade.rejected],
    }
