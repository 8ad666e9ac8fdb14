"""Tests for ``veracity.extract.claims.roles_bridge``: every role filler becomes an assertion on an event, faithfully.

The role finder is replaced by a fixed list of fillers over each real sentence (its public ``RoleFiller`` records),
so these tests pin what the bridge does with a finding, whatever the finder's current weights find.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from veracity.evaluate.muc4 import roles_of
from veracity.extract import Extraction, Extractor
from veracity.extract.claims import roles_bridge
from veracity.extract.roles.model import RoleFiller
from veracity.model.records import Document, EntityKind, is_author

Finding = tuple[str, str, str]
"""(role, phrase, trigger word) as the finder would report them."""


def _filler(text: str, role: str, phrase: str, trigger: str) -> RoleFiller:
    start, at = text.index(phrase), text.index(trigger)
    return RoleFiller(role, start, start + len(phrase), phrase, 0, len(text), trigger, at, 0.6)


@pytest.fixture
def bridged(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Extraction]]:
    """Extract one text with the finder reporting exactly the given findings."""

    def run(text: str, findings: list[Finding], name: str = "t") -> Extraction:
        fillers = [_filler(text, *f) for f in findings]
        monkeypatch.setattr(roles_bridge, "_finder", lambda: lambda sdoc: fillers)
        return extractor.extract(Document(text=text, name=name))

    yield run


def _roles(extraction: Extraction) -> dict[str, list[list[str]]]:
    return {role: ents for role, ents in roles_of(extraction, extraction.document.text).items() if ents}


@pytest.mark.parametrize(
    ("text", "findings", "expected"),
    [
        # MUC-style lower case, no date or place: the events step keeps no event, the bridge makes one
        (
            "guerrillas dynamited the house of the mayor of the town.",
            [("perpetrator_ind", "guerrillas", "dynamited"), ("target", "house of the mayor", "dynamited")],
            {"PerpInd": [["guerrillas"]], "Target": [["house of the mayor"]]},
        ),
        # an organisation the registry does not know is an unresolved armed group: PerpOrg, not lost
        (
            "members of the manuel rodriguez patriotic front attacked a police station.",
            [
                ("perpetrator_org", "manuel rodriguez patriotic front", "attacked"),
                ("target", "police station", "attacked"),
            ],
            {"PerpOrg": [["manuel rodriguez patriotic front"]], "Target": [["police station"]]},
        ),
        # individuals named by their group are described doers (PerpInd) and make the group responsible (PerpOrg)
        (
            "fmln guerrillas ambushed an army patrol and killed two soldiers with rifles.",
            [
                ("perpetrator_ind", "fmln guerrillas", "ambushed"),
                ("victim", "two soldiers", "killed"),
                ("weapon", "rifles", "killed"),
            ],
            {"PerpInd": [["fmln guerrillas"]], "PerpOrg": [["fmln"]], "Victim": [["two soldiers"]],
             "Weapon": [["rifles"]]},
        ),
        # a registry organisation keeps its registry entity
        (
            "the fmln attacked the power station.",
            [("perpetrator_org", "the fmln", "attacked")],
            {"PerpOrg": [["fmln"]]},
        ),
        # news: the events step's own event carries the roles
        (
            "Gunmen opened fire on a bus carrying Shia pilgrims near Quetta on Monday, killing nine people.",
            [("perpetrator_ind", "Gunmen", "fire"), ("target", "a bus", "fire"), ("victim", "nine people", "killing")],
            {"PerpInd": [["Gunmen"]], "Target": [["a bus"]], "Victim": [["nine people"]]},
        ),
        # a quantity inside a weapon phrase does not make it a number
        (
            "the guerrillas used 500 kg of dynamite to blow up the bridge.",
            [("weapon", "500 kg of dynamite", "blow")],
            {"Weapon": [["500 kg of dynamite"]]},
        ),
        # the finder's precise phrase replaces a rule-made literal that merely wraps it
        (
            "A bomb attack on the sixth floor of the Hilton hotel in Bogota on Monday killed two people.",
            [("target", "Hilton hotel", "attack")],
            {"Target": [["Hilton hotel"]]},
        ),
        # a date, a time or a number is never a target
        (
            "a bomb exploded at a police station on 27 november at 2030 hours.",
            [
                ("target", "27 november", "exploded"),
                ("target", "2030 hours", "exploded"),
                ("target", "a police station", "exploded"),
            ],
            {"Target": [["a police station"]]},
        ),
    ],
)
def test_roles_bridge_carries_every_filler(
    bridged: Callable[..., Extraction], text: str, findings: list[Finding], expected: dict[str, list[list[str]]]
) -> None:
    assert _roles(bridged(text, findings)) == expected


def test_roles_bridge_roles_hang_on_an_event(bridged: Callable[..., Extraction]) -> None:
    text = "guerrillas bombed the house of the mayor of the town."
    findings = [("perpetrator_ind", "guerrillas", "bombed"), ("target", "house of the mayor", "bombed")]
    extraction = bridged(text, findings)
    events = {e.id: e for e in extraction.entities if e.kind is EntityKind.EVENT}
    roles = [a for a in extraction.assertions if a.predicate in {"responsible_for", "target"}]
    assert {a.object if a.predicate == "responsible_for" else a.subject for a in roles} == set(events)
    assert [e.type for e in events.values()] == ["bombing"]  # "bomb" in the trigger lexicon
    assert {a.score for a in roles} == {0.6}  # the finder's confidence travels with the line
    again = bridged(text, findings)
    assert {e.id for e in again.entities if e.kind is EntityKind.EVENT} == set(events)  # deterministic id


@pytest.mark.parametrize(
    ("text", "findings", "name", "type_"),
    [
        (
            "guerrillas dynamited the house of the mayor.",
            [("perpetrator_ind", "guerrillas", "dynamited")],
            "guerrillas",
            "person",
        ),
        # a vague group is the shared placeholder the other steps use; "(unspecified)" marks it an individual
        (
            "the terrorists dynamited the house of the mayor.",
            [("perpetrator_ind", "the terrorists", "dynamited")],
            "terrorists (unspecified)",
            "armed_group",
        ),
        (
            "the ricardo franco front dynamited the bridge.",
            [("perpetrator_org", "the ricardo franco front", "dynamited")],
            "ricardo franco front",
            "armed_group",
        ),
    ],
)
def test_roles_bridge_unresolved_perpetrators(
    bridged: Callable[..., Extraction], text: str, findings: list[Finding], name: str, type_: str
) -> None:
    extraction = bridged(text, findings)
    # a description is the event's perpetrator role; a vague group the other steps share stays a placeholder doer
    doers = {a.object for a in extraction.assertions if a.predicate == "perpetrator"}
    doers |= {a.subject for a in extraction.assertions if a.predicate == "responsible_for" and "(unspecified)" in name}
    actors = [e for e in extraction.entities if e.id in doers]
    assert [(e.name, e.type, e.resolved) for e in actors] == [(name, type_, False)]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Police said the gunmen attacked a checkpoint in Quetta on Monday, killing three soldiers.", "the gunmen"),
        ("the army reported that the fmln attacked the power station on 12 march.", "the fmln"),
        ("Guerrillas attacked the garrison, the defence ministry said.", "Guerrillas"),
    ],
)
def test_roles_bridge_reported_perpetrator_is_not_the_article_voice(
    bridged: Callable[..., Extraction], text: str, phrase: str
) -> None:
    role = "perpetrator_org" if "fmln" in phrase else "perpetrator_ind"
    extraction = bridged(text, [(role, phrase, "attacked")])
    lines = [a for a in extraction.assertions if a.predicate in {"responsible_for", "perpetrator"}]
    assert lines
    for line in lines:
        assert not is_author(line.claimant) or line.attribution in {"suspected", "accused_by_authorities"}
        assert line.attribution != "stated"


def test_roles_bridge_stated_perpetrator_is_the_article_voice(bridged: Callable[..., Extraction]) -> None:
    extraction = bridged("the fmln attacked the power station.", [("perpetrator_org", "the fmln", "attacked")])
    [line] = [a for a in extraction.assertions if a.predicate == "responsible_for"]
    assert is_author(line.claimant) and line.attribution == "stated"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27 november", True),
        ("tuesday 5 august", True),
        ("2030 hours", True),
        ("15", True),
        ("the night of 3 april", True),
        ("november 17 front", False),
        ("a police station", False),
        ("may", False),  # a modal as often as a month
        ("the house of the mayor", False),
    ],
)
def test_roles_bridge_date_like(text: str, expected: bool) -> None:
    assert roles_bridge.date_like(text) is expected


def test_roles_bridge_no_finder_adds_no_roles(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(roles_bridge, "_finder", lambda: None)
    extraction = extractor.extract(Document(text="guerrillas dynamited the house of the mayor.", name="t"))
    assert not [a for a in extraction.assertions if a.extractor.startswith("events.roles")]


def _doer_event_types(extraction: Extraction) -> list[str]:
    """Types of the events that the perpetrator lines hang on."""
    types = {e.id: e.type for e in extraction.entities if e.kind is EntityKind.EVENT}
    doers = [types[a.object] for a in extraction.assertions if a.predicate == "responsible_for" and a.object in types]
    roles = [types[a.subject] for a in extraction.assertions if a.predicate == "perpetrator" and a.subject in types]
    return doers + roles


@pytest.mark.parametrize(
    ("text", "findings", "expected"),
    [
        # an attacker whose sentence holds no event never goes to a war mentioned before it
        (
            "The war in Afghanistan lasted two decades. Militants later ambushed a police patrol.",
            [("perpetrator_ind", "Militants", "ambushed")],
            ["armed_assault"],
        ),
        (
            "the war in afghanistan lasted two decades. militants later ambushed a police patrol.",
            [("perpetrator_ind", "militants", "ambushed")],
            ["armed_assault"],
        ),
        (
            "A war has raged in North Waziristan since 2014. Militants later bombed a girls' school.",
            [("perpetrator_ind", "Militants", "bombed")],
            ["bombing"],
        ),
        # a sentence naming a war and a bombing: the bomber goes to the bombing
        (
            "Amid the war in North Waziristan, the bombing of a bus in Quetta on Monday was carried out by militants.",
            [("perpetrator_ind", "militants", "carried")],
            ["bombing"],
        ),
        # its own paragraph's attack before an earlier paragraph's, even when that one comes first
        (
            "A roadside bomb killed four soldiers in Kurram on Sunday.\n\nPolice said the gunmen fled on foot. A "
            "suicide bomber killed six people in Bannu on Monday.",
            [("perpetrator_ind", "the gunmen", "fled")],
            ["suicide_bombing"],
        ),
        # no attack word near the doer: a war before it may still be what it fought
        (
            "A war has raged in North Waziristan since 2014. The TTP fought it from mountain bases.",
            [("perpetrator_org", "The TTP", "fought")],
            ["war"],
        ),
    ],
)
def test_roles_bridge_perpetrator_goes_to_a_compatible_event(
    bridged: Callable[..., Extraction], text: str, findings: list[Finding], expected: list[str]
) -> None:
    assert _doer_event_types(bridged(text, findings)) == expected


def test_roles_bridge_described_doer_is_a_role_not_an_actor_link(bridged: Callable[..., Extraction]) -> None:
    """A doer the report only describes is the event's perpetrator role: no responsible_for or member_of line
    puts "fmln guerrillas" in the network, while the FMLN it names is responsible."""
    ex = bridged("fmln guerrillas ambushed an army patrol.", [("perpetrator_ind", "fmln guerrillas", "ambushed")])
    names = {e.id: e.name for e in ex.entities}
    lines = {(names.get(a.subject, a.subject), a.predicate, names.get(a.object, a.object)) for a in ex.assertions}
    assert any(p == "perpetrator" and o == "fmln guerrillas" for _, p, o in lines)
    assert not any(s == "fmln guerrillas" for s, _, _ in lines)
    assert any(p == "responsible_for" and ("fmln" in s.lower() or "farabundo" in s.lower()) for s, p, _ in lines)
