"""Who is said to have done an attack, in everyday news phrasing: the speaker (a named actor, an unnamed body such as
the police, lay witnesses), the accused, the stance, the hedge and the attribution (claimed, accused_by_authorities,
suspected, stated, possible). Every case opens with the attack it speaks of."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veracity.extract import Extraction
from veracity.model.records import Stance, is_author

Extract = Callable[..., Extraction]

_BUS = "A bomb killed nine people on a bus in Quetta on Monday. "
_MARKET = "A blast killed seven people at a market in Peshawar on Tuesday. "

# (text, claimant name ("author" for the article's voice), stance, culprit name, attribution, hedged)
_CASES = [
    (
        "Police said the BLA carried out the attack on a bus in Quetta that killed nine people.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "Police believe the BLA carried out the attack.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", True,
    ),
    (
        "Gunmen killed five soldiers in North Waziristan on Sunday, the army said, blaming the TTP.",
        "Pakistan Army", "asserts", "Tehrik-i-Taliban Pakistan", "accused_by_authorities", False,
    ),
    (
        _MARKET + "Officials suspect the TTP was behind the blast.",
        "anonymous official", "asserts", "Tehrik-i-Taliban Pakistan", "accused_by_authorities", True,
    ),
    (
        _MARKET + "The TTP denied involvement in the attack.",
        "Tehrik-i-Taliban Pakistan", "denies", "Tehrik-i-Taliban Pakistan", None, False,
    ),
    (
        _MARKET + "The TTP denied responsibility for the blast.",
        "Tehrik-i-Taliban Pakistan", "denies", "Tehrik-i-Taliban Pakistan", None, False,
    ),
    (
        _BUS + "The TTP admitted its involvement in the attack.",
        "Tehrik-i-Taliban Pakistan", "asserts", "Tehrik-i-Taliban Pakistan", "claimed", False,
    ),
    (
        _BUS + "Officials said the TTP had no role in the attack.",
        "anonymous official", "denies", "Tehrik-i-Taliban Pakistan", None, False,
    ),
    (
        _BUS + "Pakistani police said the BLA carried out the attack.",
        "Pakistani police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _MARKET + "Security sources attributed the attack to the Haqqani network.",
        "anonymous official", "asserts", "Haqqani network", "accused_by_authorities", False,
    ),
    (
        _BUS + "police said the ttp carried out the attack.",
        "police (unnamed)", "asserts", "Tehrik-i-Taliban Pakistan", "accused_by_authorities", False,
    ),
    (
        "police said the balochistan liberation army carried out the attack on a bus in quetta that killed nine "
        "people.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "“The BLA carried out the attack,” police said.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "According to police, the BLA carried out the attack.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "The attack was carried out by the BLA, police said.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "Police said the BLA may have carried out the attack.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "possible", True,
    ),
    (
        _BUS + "Police blamed the BLA for the bombing.",
        "police (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "Authorities blamed the attack on the BLA.",
        "authorities (unnamed)", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False,
    ),
    (
        _BUS + "The army said the TTP was responsible for the attack.",
        "Pakistan Army", "asserts", "Tehrik-i-Taliban Pakistan", "accused_by_authorities", False,
    ),
    (
        _BUS + "The BLA claimed the attack.",
        "Balochistan Liberation Army", "asserts", "Balochistan Liberation Army", "claimed", False,
    ),
    (
        _BUS + "The BLA said it carried out the attack.",
        "Balochistan Liberation Army", "asserts", "Balochistan Liberation Army", "claimed", False,
    ),
    (
        _BUS + "The BLA carried out the attack.",
        "author", "asserts", "Balochistan Liberation Army", "stated", False,
    ),
    (
        _BUS + "The BLA may have carried out the attack.",
        "author", "asserts", "Balochistan Liberation Army", "possible", True,
    ),
    (
        _BUS + "Analysts believe the BLA carried out the attack.",
        "unnamed observers", "asserts", "Balochistan Liberation Army", "possible", True,
    ),
]


def _lines(extraction: Extraction) -> set[tuple[str, str, str, str | None, bool]]:
    """Every responsible_for line about an event, as (claimant, stance, culprit, attribution, hedged)."""
    names = {e.id: e.name for e in extraction.entities}
    return {
        (
            "author" if is_author(a.claimant) else names.get(a.claimant, a.claimant),
            a.stance.value,
            names.get(a.subject, a.subject),
            a.attribution,
            a.hedged,
        )
        for a in extraction.assertions
        if a.predicate == "responsible_for" and a.object.startswith("event:")
    }


@pytest.mark.parametrize(("text", "claimant", "stance", "culprit", "attribution", "hedged"), _CASES)
def test_attribution_of_an_attack(
    extract: Extract, text: str, claimant: str, stance: str, culprit: str, attribution: str | None, hedged: bool
) -> None:
    lines = _lines(extract(text))
    assert (claimant, stance, culprit, attribution, hedged) in lines
    invented = [x for x in lines if x[2] == culprit and x[0] == culprit and x[0] != claimant]
    assert not invented, "a self-claim invented from someone else's words"


@pytest.mark.parametrize(
    "text",
    [
        "Police said the attack killed nine people.",
        _BUS + "Police said the attack killed nine people.",
        _BUS + "Pakistani officials blamed the US for its decision to talk to the Taliban.",
        _BUS + "Police arrested two TTP militants.",
        _BUS + "Attackers are often members of the TTP.",
        _BUS + "No group has claimed responsibility for the attack.",
        _BUS + "The Taliban played a role in the ceasefire between the TTP and the army.",
    ],
)
def test_no_perpetrator_is_named(extract: Extract, text: str) -> None:
    assert not [x for x in _lines(extract(text)) if x[1] == Stance.ASSERTS.value and x[2] != "gunmen"]


def test_a_groups_past_attacks_are_not_this_attack(extract: Extract) -> None:
    lines = _lines(extract(_BUS + "The BLA has carried out attacks on Chinese workers in the past."))
    assert not [x for x in lines if x[2] == "Balochistan Liberation Army"]


def test_a_witness_is_no_authority_but_an_official_is(extract: Extract) -> None:
    lines = _lines(extract(_BUS + "Pakistani officials said the BLA carried out the attack."))
    assert ("Pakistani official", "asserts", "Balochistan Liberation Army", "accused_by_authorities", False) in lines


def test_a_groups_own_name_is_no_unnamed_body(extract: Extract) -> None:
    text = _BUS + 'The "Baloch armed forces of liberation," a new group, has claimed responsibility for the attack.'
    claimants = {x[0] for x in _lines(extract(text))}
    assert not [c for c in claimants if c.endswith("(unnamed)")]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        (
            "Gunmen killed five soldiers in Kunar on Sunday. Afghan soldiers said the Taliban carried out the attack.",
            "Afghan soldiers (unnamed)",
        ),
        (
            "A bomb killed nine people in Kabul on Monday. Russian investigators said the ISKP carried out the attack.",
            "Russian investigators (unnamed)",
        ),
        (
            "A bomb killed nine people in Quetta on Monday. The government said the TTP carried out the attack.",
            "government (unnamed)",
        ),
    ],
)
def test_an_unnamed_body_of_a_state_is_the_claimant_never_the_author(
    extract: Extract, text: str, claimant: str
) -> None:
    """Soldiers, ministries and governments speak as authorities: what they say is theirs, not the article's fact."""
    lines = _lines(extract(text))
    assert any(line[0] == claimant and line[3] == "accused_by_authorities" for line in lines)
    assert not any(line[0] == "author" for line in lines)
