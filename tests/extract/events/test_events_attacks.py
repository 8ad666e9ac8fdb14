"""Attacks told by who or what struck ("suicide bombers struck a market", "gunmen opened fire on a bus"), placed
through the verb a trigger acts through, through the gazetteer, or by the sentence before "the blast"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]
PUBLISHED = "2025-10-15"  # a Wednesday: "on Tuesday" is 2025-10-14, "on Monday" 2025-10-13


def _violent(record: Record, text: str) -> list[dict[str, Any]]:
    return [e for e in record(text, PUBLISHED)["events"] if e["type"] != "other"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two suicide bombers struck a crowded vegetable market in Quetta on Tuesday, killing 14 people and "
            "wounding 40.",
            {"type": "suicide_bombing", "place": "Quetta", "date": "2025-10-14", "killed": 14, "injured": 40},
        ),
        (
            "two suicide bombers struck a crowded vegetable market in quetta on tuesday, killing 14 people.",
            {"type": "suicide_bombing", "place": "Quetta", "date": "2025-10-14", "killed": 14},
        ),
        (
            "Heavily armed militants stormed a police checkpoint in Lakki Marwat on Monday, killing three constables.",
            {"type": "armed_assault", "place": "Lakki Marwat", "date": "2025-10-13", "killed": 3},
        ),
        (
            "Gunmen opened fire on a passenger van near Turbat on Monday, killing six labourers.",
            {"type": "armed_assault", "place": "Turbat", "date": "2025-10-13", "killed": 6},
        ),
        (
            "gunmen opened fire on a passenger van near turbat on monday, killing six labourers.",
            {"type": "armed_assault", "place": "Turbat", "killed": 6},
        ),
        (
            "An IED hit a Frontier Corps convoy in Bajaur on Monday, wounding five personnel.",
            {"type": "bombing", "place": "Bajaur", "date": "2025-10-13", "injured": 5},
        ),
        (
            "A roadside bomb struck an army vehicle near Miranshah, killing two soldiers.",
            {"type": "bombing", "place": "Miranshah", "killed": 2},
        ),
        (
            "A police van was hit by a remote-controlled bomb in Mastung on Tuesday, wounding three officers.",
            {"type": "bombing", "place": "Mastung", "date": "2025-10-14", "injured": 3},
        ),
        (
            "A drone strike killed three suspected militants in Paktika on Monday.",
            {"type": "airstrike", "place": "Paktika", "date": "2025-10-13", "killed": 3},
        ),
        (
            "Pakistani jets struck hideouts in Khost on Monday night, killing eight people.",
            {"type": "airstrike", "place": "Khost", "killed": 8},
        ),
        (
            "A powerful blast ripped through a Sufi shrine in Peshawar, killing 20 devotees.",
            {"type": "bombing", "place": "Peshawar", "killed": 20},
        ),
        (
            "a blast ripped through a sufi shrine in peshawar, killing 20 devotees.",
            {"type": "bombing", "place": "Peshawar", "killed": 20},
        ),
        (
            "Unidentified gunmen struck a checkpoint in Bannu on Monday, and one attacker detonated his suicide vest.",
            {"type": "suicide_bombing", "place": "Bannu", "date": "2025-10-13"},
        ),
        (
            "Terrorists targeted a polio vaccination team in Bajaur on Monday, killing a policeman.",
            {"type": "armed_assault", "place": "Bajaur", "killed": 1},
        ),
        (
            "The BLA targeted a passenger train in Bolan on Tuesday, killing 21 people.",
            {"type": "armed_assault", "place": "Bolan", "killed": 21},
        ),
        (
            "A suicide bomber killed six worshippers in Kunduz on Monday.",
            {"type": "suicide_bombing", "place": "Kunduz", "killed": 6},
        ),
        (
            "Militants struck a police post in Kurram on Monday, killing two constables.",
            {"type": "armed_assault", "place": "Kurram", "killed": 2},
        ),
        (
            "A suicide bomber struck an election rally in Bajaur on Monday.",
            {"type": "suicide_bombing", "place": "Bajaur", "date": "2025-10-13"},
        ),
        # a trigger noun saying how the attack was done is the same incident, and may make its type precise
        (
            "Suicide bombers struck a bazaar in Quetta on Tuesday in an attack claimed by the TTP, killing 12 people.",
            {"type": "suicide_bombing", "place": "Quetta", "killed": 12},
        ),
        (
            "Gunmen opened fire on a bus in Kohistan on Monday in an attack that killed nine passengers.",
            {"type": "armed_assault", "place": "Kohistan", "killed": 9},
        ),
        (
            "police said terrorists had targeted the convoy in khyber district on monday with an ied.",
            {"type": "bombing", "place": "Khyber", "date": "2025-10-13"},
        ),
        (
            "Gunmen killed two polio workers and wounded a policeman in Bajaur on Tuesday.",
            {"type": "armed_assault", "place": "Bajaur", "date": "2025-10-14", "killed": 2, "injured": 1},
        ),
    ],
)
def test_events_attack_phrasings(record: Record, text: str, expected: dict[str, Any]) -> None:
    events = _violent(record, text)
    assert len(events) == 1, events  # one incident, however many words report it
    assert {k: events[0].get(k) for k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        "The president struck a deal with the IMF in Islamabad on Monday.",
        "the president struck a deal with the imf in islamabad on monday.",
        "The storm hit the coast of Sindh on Monday, killing two fishermen.",
        "The minister opened fire on critics in a speech in Lahore on Monday.",
        "the minister opened fire on critics in a speech in lahore on monday.",
        "Prices hit a record in Karachi on Monday.",
        "prices hit a record in karachi on monday.",
        "The TTP struck a deal with the provincial government in Peshawar in 2022.",
        "Taliban fighters struck back at critics in a statement on Monday.",
        "Militants could strike again in Quetta next week, officials warned.",
        "Police opened fire on protesters in Karachi on Monday, killing two.",
        "The earthquake struck northern Afghanistan on Monday, killing 2,000 people.",
        "Lightning struck a house in Swat on Monday, killing two children.",
        "The TTP said it had killed two soldiers.",
        "Dengue killed 20 people in Quetta last year.",
        "Taliban fighters hit the streets of Kabul on Monday to celebrate.",
        "militants struck fear into residents of swat on monday.",
        "Taliban fighters opened fire on critics in a statement on Monday.",
    ],
)
def test_events_attack_phrasings_negative(record: Record, text: str) -> None:
    assert not _violent(record, text)


def test_events_count_of_an_attack_is_not_another_attack(record: Record) -> None:
    events = _violent(record, "Militants killed four soldiers in an ambush in Bannu on Monday.")
    assert [(e["type"], e["killed"]) for e in events] == [("armed_assault", 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Militants attacked a checkpoint in Bannu on Monday. The attack killed three soldiers.",
            {"place": "Bannu", "date": "2025-10-13", "killed": 3},
        ),
        (
            "militants attacked a checkpoint in bannu on monday. the attack killed three soldiers.",
            {"place": "Bannu", "killed": 3},
        ),
        (
            "A bomb exploded outside a school in Mastung on Tuesday. The blast wounded nine children.",
            {"place": "Mastung", "date": "2025-10-14", "injured": 9},
        ),
    ],
)
def test_events_anaphor_with_a_count_is_the_event_just_reported(
    record: Record, text: str, expected: dict[str, Any]
) -> None:
    events = _violent(record, text)
    assert len(events) == 1, events
    assert {k: events[0].get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Police sealed off the main bazaar in Parachinar on Friday. The blast killed 11 people.", "Parachinar"),
        ("police sealed off the main bazaar in parachinar on friday. the blast killed 11 people.", "Parachinar"),
        ("Rescue teams reached the village in Kurram before dawn. The explosion killed seven.", "Kurram"),
        # two places before it, a place of its own, a paragraph break, no "the": no place taken
        ("The minister visited Quetta and Peshawar on Friday. The blast killed 11 people.", None),
        ("Security was tightened in Quetta.\n\nThe blast killed 11 people.", None),
        ("Security was tightened in Quetta. A blast killed 11 people.", None),
    ],
)
def test_events_place_from_the_sentence_before(record: Record, text: str, place: str | None) -> None:
    events = _violent(record, text)
    assert [e["place"] for e in events] == [place], events
