from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "A suicide bomber attacked a Shia mosque in Peshawar on Friday, killing 31 worshippers.",
            "2026-02-10",
            {"type": "suicide_bombing", "place": "Peshawar", "killed": 31, "date": "2026-02-06"},
        ),
        (
            "On October 2, a TTP militant killed four Pakistani soldiers and a policeman in an ambush in "
            "North Waziristan.",
            "2021-10",
            {"type": "armed_assault", "killed": 5, "date": "2021-10-02"},
        ),
        (
            "Hundreds were killed in the blasts at Kabul airport on 26th August.",
            "2021-08",
            {"type": "suicide_bombing", "date": "2021-08-26", "killed": None},
        ),
        (
            "Gunmen stormed the Crocus City Hall near Moscow last spring.",
            "2025-10",
            {"type": "mass_shooting", "date": "2024-03-22"},
        ),
        (
            "a car bomb exploded in quetta on monday, wounding 14 people.",
            "2024-05-15",
            {"type": "bombing", "injured": 14},
        ),
        ("Pakistani drone strikes hit Khost province overnight Saturday.", "2026-02-25", {"type": "airstrike"}),
    ],
)
def test_events_trigger_place_date_counts(record: Record, text: str, published: str, expected: dict[str, Any]) -> None:
    events = record(text, published)["events"]
    assert any(all(e.get(k) == v for k, v in expected.items()) for e in events), events


def test_events_named_event_merged_across_sentences(record: Record) -> None:
    rec = record(
        "ISIS-K claimed the Crocus City Hall attack. The Crocus attack killed 145 people. "
        "Russia blamed Ukraine for the attack.",
        "2024-04-01",
    )
    crocus = [e for e in rec["events"] if e["label"] == "Crocus City Hall attack"]
    assert len(crocus) == 1


def test_events_generic_plural_is_not_an_event(record: Record) -> None:
    rec = record("Terror attacks in Pakistan have hit a four-year high.", "2021-10")
    assert not [e for e in rec["events"] if e["type"] == "armed_assault"]


def test_events_known_event_not_before_it_happened(record: Record) -> None:
    rec = record("Security was tight at the Crocus City Hall concert.", "2019-05")
    assert not [e for e in rec["events"] if e["label"] == "Crocus City Hall attack"]


@pytest.mark.parametrize(
    ("text", "published", "label"),
    [
        ("Russia still blames Kyiv for the Moscow attack.", "2024-06", "Crocus City Hall attack"),
        ("Investigators revisited the attacks in Moscow.", "2025-10", "Crocus City Hall attack"),
        (
            "Gunmen attacked a Shia mosque in Islamabad during Friday prayers.",
            "2026-02-20",
            "Islamabad Shia mosque bombing",
        ),
    ],
)
def test_events_known_event_by_world_knowledge(record: Record, text: str, published: str, label: str) -> None:
    assert label in {e["label"] for e in record(text, published)["events"]}


def test_events_recent_key_expires(record: Record) -> None:
    rec = record("Police cordoned off the site of the Moscow attack.", "2031-05")
    assert "Crocus City Hall attack" not in {e["label"] for e in rec["events"]}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A US Marine was shot by a Taliban sniper in Helmand on Monday.", "armed_assault"),
        ("A policeman was shot dead in Quetta on Monday.", "armed_assault"),
        ("Gunmen shot dead nine passengers on a bus in Quetta on Monday.", "mass_shooting"),
        ("Gunmen killed dozens of worshippers in a shooting at a mosque in Peshawar on Friday.", "mass_shooting"),
        ("The massacre at the school in Peshawar killed two teachers.", "mass_shooting"),
    ],
)
def test_events_shooting_is_mass_only_with_several_hit(record: Record, text: str, kind: str) -> None:
    assert [e["type"] for e in record(text)["events"]] == [kind]
