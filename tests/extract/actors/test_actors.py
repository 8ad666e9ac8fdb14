from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from veracity.extract.actors.finder import headline

Record = Callable[..., dict[str, Any]]


def _actor_surfaces(rec: dict[str, Any]) -> dict[str, set[str]]:
    return {a["name"]: set(a["surface"]) for a in rec["actors"]}


@pytest.mark.parametrize(
    ("text", "name", "surface"),
    [
        ("ISKP fighters attacked a checkpoint in Jalalabad.", "Islamic State Khorasan Province", "ISKP"),
        (
            "the islamic state khorasan province claimed the attack.",
            "Islamic State Khorasan Province",
            "islamic state khorasan province",
        ),
        ("Pakistan’s ISI was accused of backing the group.", "Inter-Services Intelligence", "ISI"),
        ("#Pakistan condemned the attack.", "Pakistan", "Pakistan"),
        ("Islamabad rejected the accusation on Sunday.", "Pakistan", "Islamabad"),
        ("Kabul denied that its territory was used against Pakistan.", "Afghan Taliban", "Kabul"),
        ("police said the bla carried out the attack in quetta.", "Balochistan Liberation Army", "bla"),
        ("the blf claimed the ambush near turbat.", "Balochistan Liberation Front", "blf"),
    ],
)
def test_actors_registry_and_metonyms(record: Record, text: str, name: str, surface: str) -> None:
    assert surface in _actor_surfaces(record(text)).get(name, set())


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        ("Pakistani soldiers and Afghan guards exchanged fire.", {"Pakistani", "Afghan"}),
        ("Thousands gathered in Islamabad to protest.", {"Islamabad"}),
        ("Militants attacked a checkpoint in Pakistan on Monday.", {"Pakistan"}),
        ("Analysts say the Afghan ISK recruits from the east.", {"Afghan"}),
        ("The Iranian IRGC seized a tanker on Friday.", {"Iranian"}),
    ],
)
def test_actors_adjectives_and_locations_are_not_actors(record: Record, text: str, not_actor: set[str]) -> None:
    surfaces = {s for forms in _actor_surfaces(record(text)).values() for s in forms}
    assert not surfaces & not_actor


def test_actors_location_country_is_a_place(record: Record) -> None:
    rec = record("Militants attacked a checkpoint in Pakistan on Monday.")
    assert {"name": "Pakistan", "kind": "country", "surface": ["Pakistan"]} in rec["places"]


def test_actors_unregistered_org_is_unresolved(extract: Callable[..., Any]) -> None:
    ex = extract("The Hafiz Gul Bahadur Group spokesman Ahmadullah Ahmadi said the convoy was hit.")
    unresolved = {e.name for e in ex.entities if e.kind.value == "actor" and not e.resolved}
    assert unresolved & {"Ahmadullah Ahmadi", "Hafiz Gul Bahadur Group"}


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        ("Survivors of the Crocus terrorist attack testified on Monday.", "Crocus"),
        ("Troops were deployed in the Sinwam area of North Waziristan.", "Sinwam"),
        ("A suicide bomber struck the Russian Embassy in Kabul.", "Russian Embassy"),
    ],
)
def test_actors_event_and_site_names_are_not_actors(record: Record, text: str, not_actor: str) -> None:
    surfaces = {s for forms in _actor_surfaces(record(text)).values() for s in forms}
    assert not_actor not in surfaces


def test_actors_site_is_a_place(record: Record) -> None:
    rec = record("A suicide bomber struck the Russian Embassy in Kabul.")
    places = {(p["name"], p["kind"]) for p in rec["places"]}
    assert ("Russian Embassy, Kabul", "site") in places  # the curated site, its city kept as a place too
    assert ("Kabul", "city") in places


@pytest.mark.parametrize(
    "headline",
    [
        "The Taliban Claimed That The Border Attack Was Planned In Quetta",
        "Pakistan's President Adopts Orphan Boy to Keep Him from Joining the Taliban",
    ],
)
def test_actors_headline_title_case_invents_no_names(record: Record, headline: str) -> None:
    """Title Case keeps short words ("to", "from", "into") low; the long ones all capitalised still make a headline."""
    rec = record(f"{headline}\n\nThe Taliban said so.")
    assert {a["name"] for a in rec["actors"]} <= {"Afghan Taliban", "Quetta", "Pakistan"}


@pytest.mark.parametrize(
    ("line", "is_headline"),
    [
        ("Bolivia's President Hires Chef to Keep Him from Going into Exile with Family", True),
        ("The Taliban Claimed That The Border Attack Was Planned In Quetta", True),
        ("The ISI was accused by Afghan officials of backing the Haqqani network in Kabul.", False),
    ],
)
def test_actors_headline_detection(extractor: Any, line: str, is_headline: bool) -> None:
    """Short words ("from", "into", "with") stay low in Title Case, so only the longer words are counted."""
    sent = next(extractor.nlp(line).sents)
    assert headline(sent) is is_headline



@pytest.mark.parametrize(
    "text",
    [
        "Zabiullah Mujahid's statement denied the report.",
        "The TTP’s leaders met in Kunar, and Noor Wali Mehsud's deputy spoke.",
    ],
)
def test_actors_aliases_carry_no_possessive(extract: Callable[..., Any], text: str) -> None:
    aliases = {a.surface for a in extract(text).aliases}
    assert aliases and not any(s.endswith(("'s", "’s")) for s in aliases)
