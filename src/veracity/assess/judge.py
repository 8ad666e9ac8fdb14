"""An analyst's judgement of a proposition (``veracity judge``): a separate, attributed line, never a review.

Checking an extraction (``review``) and endorsing a claim are different acts. A judgement is stored as an
assertion whose claimant is the analyst (the organisation is its document's outlet), so the grade weighs it
like a source graded ``analyst.reliability`` and shows it as the analyst's own line, apart from the reporting.
"""

from __future__ import annotations

from typing import Any

from veracity.assess.service import assessor_for, find_proposition
from veracity.model.records import Assertion
from veracity.store import Store
from veracity.store.review import record_judgement


def judge(store: Store, proposition: str, verdict: str, note: str = "", analyst: str = "analyst",
          organisation: str = "") -> tuple[Any, Assertion]:
    """Record ``agree`` / ``disagree`` / ``uncertain`` on a proposition given by id or unique prefix."""
    view = store.view()
    prop = find_proposition(assessor_for(view), proposition)
    obj = prop.object if prop.object_literal else view.name(prop.object)
    statement = f"{view.name(prop.subject)} {prop.predicate} {obj}"
    made = record_judgement(store, prop.triple, statement, verdict, note, analyst, organisation,
                            prop.object_literal)
    return prop, made
