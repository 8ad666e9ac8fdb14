"""Claims of responsibility: uncontested, rival, retracted, denied, and authorities naming somebody else."""

from __future__ import annotations

from datetime import date

import pytest

from veracity.assess.grade import Assessor
from veracity.assess.weights import load_weights
from veracity.model.records import Stance

TODAY = date(2026, 1, 1)
EVENT = "event:market-bombing"


def claim(make, group, doc, **kw):
    return make(group, "responsible_for", EVENT, claimant=group, doc=doc, quote=f"{group} claimed the bombing.", **kw)


CASES = {
    "uncontested": lambda m: [claim(m, "ISKP", "c1")],
    "rival": lambda m: [claim(m, "ISKP", "c1"), claim(m, "TTP", "c2")],
    "retracted": lambda m: [claim(m, "ISKP", "c1", published="2024-01-01"),
                            claim(m, "ISKP", "c3", published="2024-02-01", stance=Stance.DENIES)],
    "authorities_other": lambda m: [claim(m, "ISKP", "c1"),
                                    m("TTP", "responsible_for", EVENT, claimant="Police", doc="p",
                                      attribution="accused_by_authorities")],
}


def _claim_line(make, case):
    assessor = Assessor(CASES[case](make), today=TODAY)
    prop = assessor.props[("actor:iskp", "responsible_for", EVENT)]
    grade = assessor.grade(prop)
    return grade, grade.supporting[0].representative.factors["interest"]


@pytest.mark.parametrize("case", list(CASES))
def test_responsibility_each_case_has_its_weight_and_reason(make, case):
    _, (weight, kind, why) = _claim_line(make, case)
    assert kind == f"claim_{case}" and weight == load_weights()["responsibility"][case]
    assert "market-bombing" in why


@pytest.mark.parametrize("weaker", ["rival", "retracted", "authorities_other"])
def test_responsibility_contested_claims_weigh_less_than_an_uncontested_one(make, weaker):
    assert _claim_line(make, weaker)[0].probability < _claim_line(make, "uncontested")[0].probability


def test_responsibility_retraction_is_a_denial_against_the_claim(make):
    grade, _ = _claim_line(make, "retracted")
    (against,) = grade.opposing
    kind = against.representative.factors["interest"]
    assert kind[1] == "claim_denial" and "retracts" in kind[2]
