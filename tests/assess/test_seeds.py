"""The seed targets, on evidence built from the hand-annotated gold (claims, relations, event attributions)."""

from __future__ import annotations

from datetime import date

import pytest

from veracity.assess.grade import Assessor, Grade
from veracity.model.ids import entity_id

ISKP = "actor:islamic-state-khorasan-province"
PAKISTAN_ISKP = ("actor:pakistan", "supports", ISKP)
KABUL = (ISKP, "responsible_for", entity_id("event", "Kabul airport bombing"))
HAQQANI = ("actor:haqqani-network", "controls", ISKP)
INDIA_TTP = ("actor:india", "supports", "actor:tehrik-i-taliban-pakistan")


@pytest.fixture(scope="module")
def grades(seeds) -> dict[tuple[str, str, str], Grade]:
    assessor = Assessor(seeds, today=date(2026, 3, 1))
    return {t: assessor.grade(assessor.props[t]) for t in (PAKISTAN_ISKP, KABUL, HAQQANI, INDIA_TTP)}


def test_seeds_kabul_airport_is_the_best_supported_of_the_four(grades):
    best = max(grades.values(), key=lambda g: g.probability)
    assert best.proposition.triple == KABUL
    assert best.word in {"likely", "very likely"} and len(best.supporting) == 2
    kinds = {line.representative.factors["interest"][1] for line in best.supporting}
    assert kinds == {"claim_uncontested", "independent"}


@pytest.mark.parametrize("triple", [PAKISTAN_ISKP, HAQQANI, INDIA_TTP])
def test_seeds_contested_propositions_are_not_above_roughly_even_chance(grades, triple):
    assert grades[triple].probability <= 0.55
    assert grades[triple].word in {"unlikely", "very unlikely", "roughly even chance", "cannot be judged"}


@pytest.mark.parametrize(("triple", "claimant"), [(PAKISTAN_ISKP, "actor:zabihullah-mujahid"),
                                                  (INDIA_TTP, "actor:pakistan")])
def test_seeds_one_interested_claimant(grades, triple, claimant):
    (line,) = grades[triple].supporting
    assert line.representative.evidence.assertion.claimant == claimant
    assert line.representative.factors["interest"][1] == "hostile_accuser"


def test_seeds_haqqani_claim_is_one_author_and_the_journalist_he_quotes_and_contradicted(grades):
    grade = grades[HAQQANI]
    (line,) = grade.supporting
    claimants = {s.evidence.assertion.claimant.split(":")[0] for s in line.members}
    assert claimants == {"author", "actor"} and len(line.members) >= 8
    assert any("repeats" in r for r in line.reasons)
    assert grade.opposing, "the Taliban's hostility to ISKP (001) should count against"
