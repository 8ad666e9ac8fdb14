"""Places: what is a location and under which name (GOLD.md places rules), in sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from veracity.extract.places.finder import is_demonym, lookup_hashtag, phrase_at

Record = Callable[..., dict[str, Any]]


def _places(rec: dict[str, Any]) -> dict[str, set[str]]:
    return {p["name"]: set(p["surface"]) for p in rec["places"]}


def _surfaces(rec: dict[str, Any]) -> set[str]:
    return {s for p in rec["places"] for s in p["surface"]}


def _actor_surfaces(rec: dict[str, Any]) -> set[str]:
    return {s for a in rec["actors"] for s in a["surface"]}


# --- what is never a place ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("The governor said Quetta doesn’t need more checkpoints, and Kabul won’t help.", {"n’t", "n't"}),
        ("Thousands of Pakistanis rallied in Lahore against the strikes.", {"Pakistanis"}),
        ("Hundreds of Afghans crossed at Torkham on Monday.", {"Afghans"}),
        ("Critics call it a Janus-faced policy that fools donors in Brussels.", {"Janus"}),
        ("the governor said quetta doesn't need more checkpoints.", {"n't"}),
    ],
)
def test_places_contractions_demonyms_and_modifiers_are_not_places(
    record: Record, text: str, not_place: set[str]
) -> None:
    rec = record(text)
    assert not _surfaces(rec) & not_place
    assert not set(_places(rec)) & not_place


@pytest.mark.parametrize(("word", "demonym"), [("Pakistanis", True), ("Afghan", True), ("Pakistan", False)])
def test_places_demonyms_are_known(word: str, demonym: bool) -> None:
    assert is_demonym(word) is demonym


# --- "of": possessor or location -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "not_place"),
    [
        ("The intelligence chiefs of China, Russia and Iran met in Dushanbe.", "Dushanbe", {"China", "Russia", "Iran"}),
        ("Officials described the state policy of Pakistan as reckless, speaking in Herat.", "Herat", {"Pakistan"}),
        ("Gunmen attacked a police post on the outskirts of Peshawar.", "Peshawar", set()),
        ("Foreign troops pulled out of Afghanistan in a hurry.", "Afghanistan", set()),
        ("Refugees kept arriving from the northern parts of Pakistan.", "Pakistan", set()),
    ],
)
def test_places_of_marks_a_possessor_unless_after_a_place_noun(
    record: Record, text: str, place: str, not_place: set[str]
) -> None:
    rec = record(text)
    assert place in _places(rec)
    assert not set(_places(rec)) & not_place


def test_places_of_a_possessor_leaves_the_country_an_actor(record: Record) -> None:
    rec = record("The intelligence chiefs of China, Russia and Iran met in Dushanbe.")
    assert {"China", "Russia", "Iran"} <= _actor_surfaces(rec)


# --- capitals and countries acting or located -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor_surface"),
    [
        ("Beijing’s investment plans in Gwadar were put on hold.", "Beijing"),
        ("Moscow's regional strategy now depends on the Taliban.", "Moscow"),
        ("The deal will allow Islamabad to reopen the crossing.", "Islamabad"),
        ("The new corridor would enable Tehran to bypass the sanctions.", "Tehran"),
    ],
)
def test_places_capital_as_government_is_not_a_place(record: Record, text: str, actor_surface: str) -> None:
    rec = record(text)
    assert actor_surface in _actor_surfaces(rec)
    assert actor_surface not in _surfaces(rec)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Rockets fell on Islamabad’s outskirts overnight.", "Islamabad"),
        ("Protesters filled Kabul's streets on Friday.", "Kabul"),
        ("A gunman opened fire in Russia's Crocus City Hall concert venue.", "Russia"),
        ("The province borders Afghanistan and Iran.", "Iran"),
        ("Washington has long ignored Afghanistan, where it fought for twenty years.", "Afghanistan"),
    ],
)
def test_places_location_readings(record: Record, text: str, place: str) -> None:
    assert place in _places(record(text))


def test_places_possessor_of_an_agency_stays_an_actor(record: Record) -> None:
    rec = record("Pakistan's ISI denied any role in the ambush near Quetta.")
    assert "Pakistan" not in _places(rec)
    assert "Quetta" in _places(rec)


# --- names the NER calls organisations or persons ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "surface"),
    [
        ("Months after Pahalgam, Delhi is still weighing its options.", "Pahalgam", "Pahalgam"),
        ("Survivors of the Crocus massacre testified in court.", "Crocus City Hall", "Crocus"),
        ("A drone hit a house in the Datta Khel area, local elders said.", "Datta Khel", "Datta Khel"),
    ],
)
def test_places_named_as_modifiers_or_alone(record: Record, text: str, name: str, surface: str) -> None:
    assert surface in _places(record(text)).get(name, set())


# --- several-word names ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "surface"),
    [
        ("Two rockets landed near the Kabul airport on Sunday.", "Hamid Karzai International Airport", "Kabul airport"),
        ("Troops exchanged fire along the Pakistan-Afghanistan border overnight.", "Durand Line",
         "Pakistan-Afghanistan border"),
        ("Drone strikes in the tribal areas have resumed.", "Federally Administered Tribal Areas", "tribal areas"),
        ("Trade corridors linking south and central Asia were discussed.", "South and Central Asia",
         "south and central Asia"),
        ("Militants regrouped in Afghanistan’s northern provinces.", "Northern Afghanistan",
         "Afghanistan’s northern provinces"),
        ("drone strikes in the tribal areas have resumed.", "Federally Administered Tribal Areas", "tribal areas"),
    ],
)
def test_places_several_word_names(record: Record, text: str, name: str, surface: str) -> None:
    assert surface in _places(record(text)).get(name, set())


@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("The gulf between the two parties is widening.", "Persian Gulf"),
        ("Trade corridors linking south and central Asia were discussed.", "Asia"),
        ("Smugglers avoid the international border at night.", "India-Pakistan border"),
    ],
)
def test_places_several_word_names_keep_their_capitals(record: Record, text: str, not_place: str) -> None:
    assert not_place not in _places(record(text))


def test_places_country_inside_a_region_is_still_a_place(record: Record) -> None:
    places = _places(record("ISKP cells found refuge in southern Afghanistan, officials said."))
    assert "southern Afghanistan" in places.get("Southern Afghanistan", set())
    assert "Afghanistan" in places


def test_places_phrase_at_matches_curly_apostrophes() -> None:
    words = ["in", "Afghanistan", "’s", "northern", "provinces", "."]
    found = phrase_at(words, 1)
    assert found is not None and found[0] == 5 and found[1].name == "Northern Afghanistan"
    assert phrase_at(words, 0) is None


# --- compass regions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighting spread across northern Syria last week.", "Northern Syria"),
        ("Floods swept the eastern provinces of Iran.", "Eastern Iran"),
        ("Clashes were reported in Pakistan’s western districts and in western Iraq.", "Western Iraq"),
    ],
)
def test_places_compass_regions(record: Record, text: str, name: str) -> None:
    rec = record(text)
    assert (name, "region") in {(p["name"], p["kind"]) for p in rec["places"]}


def test_places_a_city_described_by_compass_is_no_region(record: Record) -> None:
    rec = record("Gunmen attacked a bank in Pakistan’s southern city of Karachi.")
    assert "Karachi" in _places(rec)
    assert "Southern Pakistan" not in _places(rec)


# --- hashtags -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("KabulAirport", "Hamid Karzai International Airport"),
        ("KabulAirpot", "Hamid Karzai International Airport"),  # one letter dropped in a long tag
        ("Afganistan", "Afghanistan"),
        ("Iraq", "Iraq"),
    ],
)
def test_places_hashtags(tag: str, name: str) -> None:
    hit = lookup_hashtag(tag)
    assert hit is not None and hit.name == name


@pytest.mark.parametrize("tag", ["Irak", "Pakistn", "Kabulxyzairportq"])
def test_places_short_or_distant_hashtags_need_an_exact_match(tag: str) -> None:
    assert lookup_hashtag(tag) is None


def test_places_hashtag_in_text_keeps_its_mark(record: Record) -> None:
    rec = record("Prayers for the victims #KabulAirpot #Afganistan")
    places = _places(rec)
    assert "#KabulAirpot" in places.get("Hamid Karzai International Airport", set())
    assert "#Afganistan" in places.get("Afghanistan", set())


def test_places_hashtag_of_an_acting_state_stays_an_actor(record: Record) -> None:
    rec = record("#Pakistan condemned the attack.")
    assert "Pakistan" in _actor_surfaces(rec)


# --- the NER's own place guesses, checked span by span (the statistical tags vary from sentence to sentence) -------


@pytest.mark.parametrize(
    ("text", "word", "label", "kept"),
    [
        ("Quetta doesn’t need more checkpoints.", "n’t", "GPE", False),
        ("Crowds of Pakistanis filled the square.", "Pakistanis", "GPE", False),
        ("It is a Janus-faced policy.", "Janus", "LOC", False),
        ("They met in Zorabad last week.", "Zorabad", "GPE", True),
        ("Officials fear a Hydra-headed network.", "Hydra", "LOC", False),
        ("The convoy reached the zorabad valley.", "zorabad", "LOC", False),
    ],
)
def test_places_ner_guess_must_read_as_a_place_name(
    extractor: Any, text: str, word: str, label: str, kept: bool
) -> None:
    from spacy.tokens import Span

    from veracity.extract.actors.finder import _place

    doc = extractor.nlp(text)
    i = next(t.i for t in doc if t.text == word)
    assert (_place(Span(doc, i, i + 1, label=label), i, i + 1) is not None) is kept


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Two of the suspects were later arrested in the US.", "United States"),
        ("Two of the suspects were later arrested in the U.S.", "United States"),
    ],
)
def test_places_abbreviated_country_in_a_locative_is_a_place(record: Record, text: str, name: str) -> None:
    assert name in _places(record(text))
