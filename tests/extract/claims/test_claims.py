from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]


def _claims(rec: dict[str, Any]) -> set[tuple[str, str, str, str, str, bool]]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"], c["hedged"]) for c in rec["claims"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain reporting verb with a that-less complement
        (
            "Taliban spokesman Zabihullah Mujahid said Pakistan backs ISIS-K.",
            ("Zabihullah Mujahid", "asserts", "Pakistan", "supports", "Islamic State Khorasan Province", False),
        ),
        # capital as claimant (metonym), financial backing in noun form after a light verb
        (
            "Islamabad claims that India provides financial backing to the Tehreek-e-Taliban Pakistan (TTP).",
            ("Pakistan", "asserts", "India", "supports", "Tehrik-i-Taliban Pakistan", False),
        ),
        # accuse X of V-ing Y
        (
            "Pakistan accused India of backing the Baloch Liberation Army.",
            ("Pakistan", "asserts", "India", "supports", "Balochistan Liberation Army", False),
        ),
        # denial verb flips the stance
        (
            "The Taliban denied that they shelter the TTP.",
            ("Afghan Taliban", "denies", "Afghan Taliban", "harbours", "Tehrik-i-Taliban Pakistan", False),
        ),
        # negated complement
        (
            "Russia said Islamabad does not support ISIS-K.",
            ("Russia", "denies", "Pakistan", "supports", "Islamic State Khorasan Province", False),
        ),
        # hedge inside the complement
        (
            "Indian media reported that the ISI may have trained the militants of Lashkar-e-Taiba.",
            ("Indian media", "asserts", "Inter-Services Intelligence", "trains", "Lashkar-e-Taiba", True),
        ),
        # lower-case wire text, long names matched case-insensitively
        (
            "officials said the haqqani network controls the islamic state khorasan province.",
            ("anonymous official", "asserts", "Haqqani network", "controls", "Islamic State Khorasan Province", False),
        ),
        # hedging reporting verb
        (
            "Kabul believes that Pakistan is funding the Islamic State Khorasan Province.",
            ("Afghan Taliban", "asserts", "Pakistan", "supports", "Islamic State Khorasan Province", True),
        ),
    ],
)
def test_claims_reported_speech(record: Record, text: str, expected: tuple[str, ...]) -> None:
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    ("text", "claimant", "subject"),
    [
        (
            "The TTP claimed responsibility for the attack on a police station in Bannu on Monday.",
            "Tehrik-i-Taliban Pakistan",
            "Tehrik-i-Taliban Pakistan",
        ),
        (
            "The BLA took responsibility for the bombing in Quetta on March 3.",
            "Balochistan Liberation Army",
            "Balochistan Liberation Army",
        ),
    ],
)
def test_claims_responsibility_is_claimed(record: Record, text: str, claimant: str, subject: str) -> None:
    rec = record(text)
    event = rec["events"][0]
    assert subject in event["perpetrator_claimed_by"]
    assert any(c["claimant"] == claimant and c["predicate"] == "responsible_for" for c in rec["claims"])


def test_claims_noun_form_accusation(record: Record) -> None:
    rec = record("Zabihullah Mujahid repeated accusations that Pakistan backs ISIS-K.")
    assert (
        "Zabihullah Mujahid",
        "asserts",
        "Pakistan",
        "supports",
        "Islamic State Khorasan Province",
        False,
    ) in _claims(rec)


def test_claims_blame_on_placeholder(record: Record) -> None:
    rec = record(
        "The suicide bombing in Quetta on Tuesday killed 12 people, which Pakistan blamed on India-backed militants."
    )
    assert any(
        c["claimant"] == "Pakistan" and c["predicate"] == "responsible_for" and "militants" in c["subject"]
        for c in rec["claims"]
    )


def test_claims_reported_speech_is_not_a_relation(record: Record) -> None:
    rec = record("Pakistani officials alleged that the Afghan Taliban harbour the TTP.")
    assert not any(r["predicate"] == "harbours" for r in rec["relations"])


def test_claims_passive_owned_and_condemned(record: Record) -> None:
    rec = record(
        "A suicide bomber struck the Kabul airport on Thursday. This attack has been quickly owned by the ISKP "
        "and swiftly condemned by the Taliban.",
        "2021-08-28",
    )
    got = {(c["claimant"], c["stance"], c["subject"], c["object"]) for c in rec["claims"]}
    assert (
        "Islamic State Khorasan Province",
        "asserts",
        "Islamic State Khorasan Province",
        "Kabul airport bombing",
    ) in got
    assert ("Afghan Taliban", "denies", "Afghan Taliban", "Kabul airport bombing") in got


def test_claims_member_speaks_for_the_group_that_claims(record: Record) -> None:
    rec = record(
        "In 2018, Aslam Baluch, a BLA leader who took responsibility for an attack on the Chinese "
        "consulate in Karachi, was killed in Kandahar.",
        "2019",
    )
    assert ("Aslam Baloch", "Balochistan Liberation Army", "responsible_for") in {
        (c["claimant"], c["subject"], c["predicate"]) for c in rec["claims"]
    }


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # block introduced by a colon paragraph, unnamed source with nationality and anonymity
        (
            "As a Pakistan official who spoke on condition of anonymity said:\n\n“The Afghan Taliban are sheltering "
            "the TTP and will not act against it.”",
            "anonymous Pakistani official",
        ),
        # trailer after the closing quotation mark
        (
            "“We have evidence that India funds the BLA and trains its fighters,” Pakistan’s foreign ministry said.",
            "Pakistan",
        ),
    ],
)
def test_claims_quoted_speech_belongs_to_speaker(record: Record, text: str, claimant: str) -> None:
    rec = record(text)
    assert claimant in {c["claimant"] for c in rec["claims"]}, rec["claims"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lower-cased wire text: place from the gazetteer, claim of responsibility, relative date
        (
            "the tehreek-e-taliban pakistan claimed responsibility for the bombing in peshawar on monday that killed "
            "seven policemen.",
            (
                "Tehrik-i-Taliban Pakistan",
                "Tehrik-i-Taliban Pakistan",
                "responsible_for",
                "bombing in Peshawar (2024-05-06)",
                False,
            ),
        ),
        # "was behind" in reported speech by unnamed officials of a named state
        (
            "pakistani officials said the haqqani network was behind the attack on the indian embassy in kabul.",
            ("Pakistani official", "Haqqani network", "responsible_for", "armed assault in Kabul (undated)", False),
        ),
        # "is responsible for" under a hedging reporting verb
        (
            "Officials believe the ISKP is responsible for the bombing in Jalalabad on Friday.",
            (
                "anonymous official",
                "Islamic State Khorasan Province",
                "responsible_for",
                "bombing in Jalalabad (2024-05-03)",
                True,
            ),
        ),
    ],
)
def test_claims_responsibility_statements(record: Record, text: str, expected: tuple[str, ...]) -> None:
    rec = record(text, "2024-05-10")
    got = {(c["claimant"], c["subject"], c["predicate"], c["object"], c["hedged"]) for c in rec["claims"]}
    assert expected in got, got
