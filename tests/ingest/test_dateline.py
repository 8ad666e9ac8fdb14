"""Datelines: the forms of wire copy and South Asian outlets, and openings that only look like one (all written
for the test)."""

from __future__ import annotations

import pytest

from veracity.ingest.dateline import find_dateline


@pytest.mark.parametrize(("text", "place", "date", "agency", "rest"), [
    ("RAWALPINDI: In a major development, the army said", "RAWALPINDI", None, None, "In a major"),
    ("PESHAWAR – The Afghan Taliban on Friday said", "PESHAWAR", None, None, "The Afghan"),
    ("Islamabad [Pakistan], December 19 (ANI): Amid a surge", "Islamabad", "December 19", "ANI", "Amid"),
    ("Peshawar, Dec 16 (PTI) Two people were killed", "Peshawar", "Dec 16", "PTI", "Two people"),
    ("ISLAMABAD (Dunya News) - The minister said", "ISLAMABAD", None, "Dunya News", "The minister"),
    ("KABUL, Afghanistan: Islamic State has claimed", "KABUL", None, None, "Islamic State"),
    ("Quetta, Nov 16 At least seven soldiers died", "Quetta", "Nov 16", None, "At least"),
    ("ISLAMABAD/ QUETTA: Seven soldiers were martyred", "ISLAMABAD", None, None, "Seven"),
    ("Quetta, 12 March 2024 (Reuters) – The BLA claimed", "Quetta", "12 March 2024", "Reuters", "The BLA"),
    ("TEHRAN, May 30 (MNA) – Iran said", "TEHRAN", "May 30", "MNA", "Iran said"),
    ("ISLAMABAD — A new U.N. report", "ISLAMABAD", None, None, "A new"),
])
def test_dateline_forms(text: str, place: str, date: str | None, agency: str | None, rest: str) -> None:
    found = find_dateline(text)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert text[found.end :].startswith(rest)


@pytest.mark.parametrize("text", [
    "Police say it was a suicide bombing.",
    "BRAS (Baloch Raaji Aajoi Sangar is an alliance of four armed groups) said",
    "AN attack targeting two Chinese nationals in Karachi",
    "Pakistan's Gwadar Port Authority Complex came under attack",
    "Iranian media reported that the country had raided two bases",
    "Taliban – the movement that took power – said",
    "",
])
def test_dateline_openings_that_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None


def test_dateline_a_place_in_brackets_is_no_agency() -> None:
    found = find_dateline("Khost (Afghanistan) Three people were killed")
    assert found is not None and found.place == "Khost" and found.agency is None
