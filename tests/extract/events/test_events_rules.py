"""Events beyond single named attacks: listed incidents, wars and battles named by common nouns, known wars read from
who fought whom where, takeovers of organisations, counted incidents; and the figurative or hypothetical uses that
must stay silent. Sentences are written for these tests, in the register of regional news."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from veracity.extract.text.dates import resolve_date

Record = Callable[..., dict[str, Any]]
VIOLENT = {
    "bombing",
    "suicide_bombing",
    "armed_assault",
    "mass_shooting",
    "kidnapping",
    "assassination",
    "airstrike",
    "clash",
    "war",
    "takeover",
}


def _violent(record: Record, text: str, published: str | None) -> list[dict[str, Any]]:
    return [e for e in record(text, published)["events"] if e["type"] in VIOLENT]


def _has(events: list[dict[str, Any]], expected: dict[str, Any]) -> bool:
    return any(all(e.get(k) == v for k, v in expected.items()) for e in events)


# --- one sentence, several incidents ------------------------------------------------------------------------------

LISTING = (
    "Over the past two weeks gunmen have attacked a police checkpoint in Quetta, killing four officers; "
    "a bank in Mastung, killing two guards; and a girls' school, killing one teacher."
)


@pytest.mark.parametrize("text", [LISTING, LISTING.lower()])
def test_events_listed_incidents_each_with_own_casualties(record: Record, text: str) -> None:
    events = _violent(record, text, "2024-05-20")
    assert len(events) == 3, events
    assert {e["killed"] for e in events} == {4, 2, 1}
    assert {e["type"] for e in events} == {"mass_shooting"}
    assert _has(events, {"killed": 2, "date": "2024-05"})


def test_events_listed_suicide_attacks_inherit_type(record: Record) -> None:
    events = _violent(
        record,
        "Suicide bombers attacked a market in Bannu, killing 12 shoppers; an army convoy, killing three soldiers; "
        "and a checkpost, killing two.",
        "2023-07-10",
    )
    assert len(events) == 3, events
    assert {e["type"] for e in events} == {"suicide_bombing"}
    assert _has(events, {"killed": 2})


@pytest.mark.parametrize(
    "text",
    [
        "Militants attacked soldiers and policemen in Bannu on Tuesday, killing three.",
        "militants attacked soldiers and policemen in bannu on tuesday, killing three.",
    ],
)
def test_events_several_targets_of_one_attack_stay_one_event(record: Record, text: str) -> None:
    assert len(_violent(record, text, "2023-07-10")) == 1


# --- wars and battles named by common nouns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "In March last year the two neighbours fought a short war that left hundreds dead.",
            "2021-06",
            {"type": "war", "date": "2020-03"},
        ),
        (
            "in march last year the two neighbours fought a short war that left hundreds dead.",
            "2021-06",
            {"type": "war", "date": "2020-03"},
        ),
        (
            "The truce between the factions soon collapsed, giving way to fierce battles.",
            "2022-01",
            {"type": "clash"},
        ),
        ("Heavy fighting raged through the night near the border.", "2022-01", {"type": "clash"}),
        (
            "The commander said his men fought another big battle in Kunar in 2017.",
            "2022-01",
            {"type": "clash", "date": "2017", "place": "Kunar"},
        ),
        (
            "ISIS-K never recovered from its 2016 defeat in Nangarhar.",
            "2021-09",
            {"type": "clash", "date": "2016", "place": "Nangarhar"},
        ),
    ],
)
def test_events_wars_and_battles_by_common_nouns(
    record: Record, text: str, published: str, expected: dict[str, Any]
) -> None:
    events = _violent(record, text, published)
    assert _has(events, expected), events


def test_events_listed_years_are_separate_battles(record: Record) -> None:
    events = _violent(record, "The TTP was weakened by the 2014 and 2016 routs in North Waziristan.", "2021-09")
    assert {e["date"] for e in events if e["type"] == "clash"} == {"2014", "2016"}


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Officials in Islamabad held talks about the war on terror.", "2019-05"),
        ("the two ministers were locked in a war of words over the dam in 2019.", "2019-05"),
        ("The ruling party's 2018 defeat in Punjab surprised analysts.", "2019-05"),
        ("The family fought a long legal battle in Lahore in 2015.", "2019-05"),
        ("Analysts fear the group could launch attacks across the border.", "2019-05"),
        ("Pakistan could fight a war with India in the coming years.", "2019-05"),
        ("In May, the TTP vowed to wage war on the Pakistani state.", "2019-05"),
        ("Analysts say the war is far from over.", "2019-05"),
        ("India and China fought a trade war in 2019.", "2020-05"),
        ("Suicide bombings targeting police have become more common.", "2019-05"),
        ("The minister launched a verbal attack on the opposition in Lahore on Monday.", "2019-05"),
    ],
)
def test_events_figurative_or_hypothetical_are_not_events(record: Record, text: str, published: str) -> None:
    assert _violent(record, text, published) == []


# --- known wars read from who fought whom, where -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "label"),
    [
        (
            "Pakistan's madrassas trained thousands of fighters to resist the Soviet army in Afghanistan.",
            "2015-03",
            "Soviet-Afghan War",
        ),
        ("Arab volunteers fought the Soviets in Afghanistan throughout the 1980s.", "2010-01", "Soviet-Afghan War"),
        (
            "The CIA funnelled weapons through Pakistan during the Afghan jihad.",
            "2010-01",
            "Soviet-Afghan War",
        ),
        (
            "Islamabad let NATO supply convoys cross its territory to sustain a military campaign in Afghanistan.",
            "2015-03",
            "War in Afghanistan (2001-2021)",
        ),
        (
            "Moscow was bogged down in a military campaign in Afghanistan.",
            "1985-06",
            "Soviet-Afghan War",
        ),
    ],
)
def test_events_known_war_without_its_name(record: Record, text: str, published: str, label: str) -> None:
    assert label in {e["label"] for e in record(text, published)["events"]}


@pytest.mark.parametrize(
    "text",
    [
        "The Soviet Union opposed the plan at the United Nations.",
        "Uzbekistan and Tajikistan are former Soviet republics that border Afghanistan.",
    ],
)
def test_events_soviet_mentions_are_not_the_war(record: Record, text: str) -> None:
    assert "Soviet-Afghan War" not in {e["label"] for e in record(text, "2015-03")["events"]}


# --- takeovers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jamaat-ul-Ahrar was taken over by the TTP in 2020.",
        "jamaat-ul-ahrar was taken over by the ttp in 2020.",
        "In 2020 the TTP took over Jamaat-ul-Ahrar.",
    ],
)
def test_events_takeover_of_an_organisation(record: Record, text: str) -> None:
    events = _violent(record, text, "2021-09")
    assert _has(events, {"type": "takeover", "date": "2020"}), events


def test_events_takeover_mentions_of_one_organisation_merge(record: Record) -> None:
    rec = record(
        "Lashkar-e-Jhangvi was quietly taken over by ISKP. Analysts say Lashkar-e-Jhangvi was taken over in 2018.",
        "2021-09",
    )
    takeovers = [e for e in rec["events"] if e["type"] == "takeover"]
    assert len(takeovers) == 1 and takeovers[0]["date"] == "2018", takeovers


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The Taliban took over Kabul in August 2021.", "2022-03"),
        ("Attacks have surged since the Taliban's military takeover of the country.", "2022-03"),
        ("since the taliban took over, attacks on pakistan have doubled.", "2022-03"),
        ("The Taliban seized power in August 2021 as US troops withdrew.", "2022-03"),
    ],
)
def test_events_taliban_takeover_recognised(record: Record, text: str, published: str) -> None:
    labels = {e["label"] for e in record(text, published)["events"]}
    assert "Taliban takeover of Kabul" in labels
    assert not [lab for lab in labels if lab.startswith("takeover")]


@pytest.mark.parametrize(
    "text",
    [
        "General Khan took over as army chief in 2019.",
        "A bankrupt firm was taken over by a rival in 2019.",
        "The TTP threatened to take over Jamaat-ul-Ahrar in 2019.",
    ],
)
def test_events_takeover_non_events(record: Record, text: str) -> None:
    assert [e for e in _violent(record, text, "2021-09") if e["type"] == "takeover"] == []


# --- counted incidents -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Violence has risen, with at least one suicide bombing targeting police since the truce.", "suicide_bombing"),
        ("violence has risen, with at least one suicide bombing targeting police since the truce.", "suicide_bombing"),
        ("Two roadside bombings targeting army convoys have been reported.", "bombing"),
    ],
)
def test_events_counted_incidents(record: Record, text: str, kind: str) -> None:
    assert _has(_violent(record, text, "2021-10"), {"type": kind})


@pytest.mark.parametrize(
    "text",
    [
        "Officials admitted the bombing in Quetta on Monday could have been prevented.",
        "officials admitted the bombing in quetta on monday could have been prevented.",
        "The ambush in Kurram on Friday may have been planned for weeks.",
    ],
)
def test_events_modal_on_the_event_as_subject_keeps_it(record: Record, text: str) -> None:
    assert _violent(record, text, "2023-03-10"), text


def test_events_political_assassination_is_still_violent(record: Record) -> None:
    events = _violent(record, "The political assassination in Karachi on Friday shocked the city.", "2021-10")
    assert _has(events, {"type": "assassination"})


def test_events_anaphor_does_not_reach_back_to_a_war(record: Record) -> None:
    rec = record(
        "A suicide bomber attacked a police station in Peshawar on Monday, killing six. "
        "The West ran a military campaign in Afghanistan for twenty years. "
        "The attack was claimed by the TTP.",
        "2023-01-20",
    )
    war = next(e for e in rec["events"] if e["label"] == "War in Afghanistan (2001-2021)")
    assert war["perpetrator_claimed_by"] == [] and war["perpetrator_stated"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban took over Spin Boldak district in July 2021.",
        "The Taliban first seized power in 1996.",
    ],
)
def test_events_other_taliban_takeovers_are_not_the_fall_of_kabul(record: Record, text: str) -> None:
    assert "Taliban takeover of Kabul" not in {e["label"] for e in record(text, "2022-03")["events"]}


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("in the last three weeks", "2026-02-20", "2026-02"),
        ("over the past few days", "2024-05", "2024-05"),
        ("in the past 10 days", "2024", "2024"),
    ],
)
def test_events_recent_stretch_dates_to_publication_month(expression: str, published: str, expected: str) -> None:
    assert resolve_date(expression, published) == expected
