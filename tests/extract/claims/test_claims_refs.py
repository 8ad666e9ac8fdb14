"""What a claim is about when the text points rather than names: a group's camps set up on a country's soil,
responsibility attributed to someone (or to 'such forces' named before), a link that is only the subject of an
inquiry, and a claim noun about an indirect question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]

_EMBASSY = "A suicide bomber struck the Russian Embassy in Kabul on Monday, killing two diplomats. "
_BOMBING = "Russian Embassy in Kabul bombing"


def _claims(rec: dict[str, Any]) -> dict[tuple[str, str, str, str, str], bool]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"]): c["hedged"] for c in rec["claims"]}


@pytest.mark.parametrize(
    "text",
    [
        "Taliban spokesman Zabihullah Mujahid said that new schools have been established in Kunar province.",
        "Taliban spokesman Zabihullah Mujahid said that the TTP has camps in Kunar province.",
    ],
)
def test_other_buildings_or_a_mere_presence_harbour_nobody(record: Record, text: str) -> None:
    assert not [c for c in _claims(record(text)) if c[3] == "harbours"]


@pytest.mark.parametrize(
    ("text", "culprit", "hedged"),
    [
        (
            _EMBASSY + "A Taliban official later attributed the bombing to the TTP.",
            "Tehrik-i-Taliban Pakistan",
            False,
        ),
        (
            _EMBASSY + "The Taliban issued a vague statement attributing responsibility to foreign spy agencies.",
            "foreign spy agencies (unspecified)",
            True,
        ),
        (
            _EMBASSY + "Many analysts suspect foreign spy agencies. A Taliban official issued a statement attributing "
            "responsibility to such forces.",
            "foreign spy agencies (unspecified)",
            False,
        ),
    ],
)
def test_attributing_responsibility_names_the_doer(record: Record, text: str, culprit: str, hedged: bool) -> None:
    claims = _claims(record(text))
    assert claims.get(("Afghan Taliban", "asserts", culprit, "responsible_for", _BOMBING)) is hedged
    assert len([c for c in claims if c[3] == "responsible_for" and c[0] == "Afghan Taliban"]) == 1
    suspicions = [c for c in claims if c[3] == "responsible_for" and c[0] != "Afghan Taliban"]
    assert all(c[0] == "unnamed observers" and claims[c] for c in suspicions)  # "analysts suspect X": hedged


def test_attributing_without_a_culprit_names_nobody(record: Record) -> None:
    rec = record(_EMBASSY + "A Taliban official attributed the delay to bad weather.")
    assert not [c for c in _claims(rec) if c[3] == "responsible_for"]


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Moscow wants to learn more about the TTP's ties with al-Qaeda.", True),
        ("moscow will investigate the TTP's ties with al-Qaeda.", True),
    ],
)
def test_a_link_under_inquiry_is_hedged(record: Record, text: str, hedged: bool) -> None:
    claims = _claims(record(text))
    assert claims.get(("author", "asserts", "Tehrik-i-Taliban Pakistan", "allied_with", "al-Qaeda")) is hedged


def test_a_link_already_known_stays_background(record: Record) -> None:
    rec = record("Moscow knows about the TTP's ties with al-Qaeda.")
    assert {(r["subject"], r["predicate"], r["object"]) for r in rec["relations"]} >= {
        ("Tehrik-i-Taliban Pakistan", "allied_with", "al-Qaeda")
    }


@pytest.mark.parametrize(
    "text",
    [
        _EMBASSY + "Analysts speculated about which foreign spy agencies might have been behind it.",
        _EMBASSY + "There is speculation about which foreign spy agencies might have been behind it.",
    ],
)
def test_speculation_about_an_open_question_asserts_no_answer(record: Record, text: str) -> None:
    assert not [c for c in _claims(record(text)) if c[3] == "responsible_for"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reporter Jane Doe, who covered Kabul for years, shared several posts describing the ISI's grip on the "
            "Taliban; with the Haqqanis' double game being part of the Taliban as well as running ISKP.",
            {("Haqqani network", "member_of", "Afghan Taliban"), ("Haqqani network", "controls",
                                                                  "Islamic State Khorasan Province")},
        ),
        (
            "Jane Doe wrote about the ISI's grip on the Taliban, with the Haqqanis dominating the Taliban.",
            {("Haqqani network", "controls", "Afghan Taliban")},
        ),
    ],
)
def test_an_absolute_with_clause_goes_on_with_the_speakers_account(
    record: Record, text: str, expected: set[tuple[str, str, str]]
) -> None:
    claims = _claims(record(text))
    assert {c[2:] for c in claims if c[0] == "Jane Doe"} >= expected


def test_a_with_phrase_that_is_no_clause_adds_nothing(record: Record) -> None:
    claims = _claims(record("Jane Doe wrote with great care that the ISI backs the Taliban."))
    assert {c[0] for c in claims} <= {"Jane Doe"}


def test_a_prenominal_participle_modifies_its_own_noun_only(record: Record) -> None:
    claims = _claims(record("Analysts said the ISI-backed Haqqani network and the TTP are growing closer."))
    backed = {c[4] for c in claims if c[2:4] == ("Inter-Services Intelligence", "supports")}
    assert backed == {"Haqqani network"}


@pytest.mark.parametrize(
    ("text", "presupposed_kept"),
    [
        (
            "A Pakistani official spoke to reporters on Sunday.\n\n“The Afghan Taliban’s ties with the TTP are a "
            "serious problem for Pakistan. The Taliban shelter the TTP,” the official said.",
            False,
        ),
    ],
)
def test_a_quote_asserts_what_it_says_not_what_it_takes_for_granted(
    record: Record, text: str, presupposed_kept: bool
) -> None:
    claims = _claims(record(text))
    assert [c for c in claims if c[3] == "harbours"]
    assert bool([c for c in claims if c[3] == "allied_with"]) is presupposed_kept
