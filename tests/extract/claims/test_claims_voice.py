"""Whose voice a claim is in and what it refers to when the text does not name it outright: attacks named by their
country, unnamed former officials, the article speaking of itself,
acts 'by' someone, and links carried by idioms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]
Claim = tuple[str, str, str, str, str]

_CROCUS = "Gunmen stormed Crocus City Hall near Moscow in March 2024, killing 145 people. "
_MARKET = "Two suicide bombers struck a crowded market in Kabul on Monday, killing 40 people. "


def _claims(rec: dict[str, Any]) -> set[Claim]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"]) for c in rec["claims"]}


def _hedged(rec: dict[str, Any]) -> dict[Claim, bool]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"]): c["hedged"] for c in rec["claims"]}


@pytest.mark.parametrize(
    "text",
    [
        _CROCUS + "Zabihullah Mujahid, the Taliban spokesman, said the attacks on Russia were planned in Pakistan.",
        _CROCUS + "Zabihullah Mujahid said that attacks in Moscow and Tehran were orchestrated from Pakistan.",
    ],
)
def test_attacks_named_by_their_country_are_the_known_attacks_there(record: Record, text: str) -> None:
    expected = ("Zabihullah Mujahid", "asserts", "Pakistan", "responsible_for", "Crocus City Hall attack")
    assert expected in _claims(record(text))


def test_attacks_in_a_country_with_no_known_attack_are_one_series_event(record: Record) -> None:
    text = _CROCUS + "Zabihullah Mujahid, the Taliban spokesman, said the attacks in India were planned in Pakistan."
    rec = record(text)
    assert ("Zabihullah Mujahid", "asserts", "Pakistan", "responsible_for", "attacks in India") in _claims(rec)
    assert {(e["label"], e["type"]) for e in rec["events"]} == {
        ("Crocus City Hall attack", "mass_shooting"),
        ("attacks in India", "other"),
    }


def test_attacks_in_a_country_with_a_known_attack_add_no_event(record: Record) -> None:
    text = _CROCUS + "Zabihullah Mujahid, the Taliban spokesman, said the attacks on Russia were planned in Pakistan."
    assert [e["label"] for e in record(text)["events"]] == ["Crocus City Hall attack"]


@pytest.mark.parametrize(
    "text",
    [
        "In a speech last week, a former ISI chief said that the ISI had defeated the Soviet Union with American help.",
        "In a speech last week, a Former ISI chief said that the ISI had defeated the Soviet Union with American help.",
        "A clip shows the former chief of Pakistan's spy agency ISI, where he boasts to students, claiming, “When the "
        "history is written, it will be said that the ISI defeated the Soviet Union with the help of America.”",
    ],
)
def test_an_unnamed_former_official_gets_a_placeholder_name(record: Record, text: str) -> None:
    expected = ("former ISI chief (unnamed)", "asserts", "Inter-Services Intelligence", "hostile_to", "Soviet Union")
    assert expected in _claims(record(text))


def test_an_impersonal_report_inside_a_quote_is_the_speakers(record: Record) -> None:
    text = (
        "A clip shows the former chief of Pakistan's spy agency ISI, where he boasts to students, claiming, “When the "
        "history is written, it will be said that the ISI defeated the Soviet Union with the help of America.”"
    )
    assert not {c for c in _claims(record(text)) if c[0] == "unnamed reports"}


def test_a_current_member_of_an_armed_group_still_speaks_for_the_group(record: Record) -> None:
    rec = record("One TTP commander said that the Afghan Taliban shelters the group's fighters.")
    assert not {c for c in _claims(rec) if "(unnamed)" in c[0]}


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("This analysis argued that the Afghan Taliban shelters the TTP.", "author"),
        ("this article has argued that the Afghan Taliban shelters the TTP.", "author"),
        ("The present analysis argues that the Afghan Taliban shelters the TTP.", "author"),
        ("An analysis by Reuters argued that the Afghan Taliban shelters the TTP.", "Reuters"),
        ("This analysis by Reuters argued that the Afghan Taliban shelters the TTP.", "Reuters"),
    ],
)
def test_the_article_speaking_of_itself_is_the_author(record: Record, text: str, claimant: str) -> None:
    expected = (claimant, "asserts", "Afghan Taliban", "harbours", "Tehrik-i-Taliban Pakistan")
    assert expected in _claims(record(text))


@pytest.mark.parametrize(
    ("text", "expected", "hedged"),
    [
        (
            _MARKET + "This may be an attempt by the ISI to destabilise the Taliban.",
            ("author", "asserts", "Inter-Services Intelligence", "responsible_for",
             "suicide bombing in Kabul (2025-10-13)"),
            True,
        ),
        (
            _MARKET + "this could be a ploy by the ISI to discredit the Taliban.",
            ("author", "asserts", "Inter-Services Intelligence", "responsible_for",
             "suicide bombing in Kabul (2025-10-13)"),
            True,
        ),
        (
            "This may be an attempt by the ISI to keep Washington engaged by creating a pseudo militant group "
            "called ISKP.",
            ("author", "asserts", "Inter-Services Intelligence", "controls", "Islamic State Khorasan Province"),
            True,
        ),
    ],
)
def test_an_attempt_by_someone_is_their_act(record: Record, text: str, expected: Claim, hedged: bool) -> None:
    assert _hedged(record(text)).get(expected) is hedged


def test_an_attempt_with_no_attack_before_it_names_no_event(record: Record) -> None:
    rec = record("This may be an attempt by the ISI to discredit the Taliban.")
    assert not {c for c in _claims(rec) if c[3] == "responsible_for"}


def test_an_attack_by_someone_not_by_another(record: Record) -> None:
    rec = record(_MARKET + "The spokesman said this was an attack by the TTP, not by ISKP.")
    event = "suicide bombing in Kabul (2025-10-13)"
    claims = {c[1:] for c in _claims(rec)}
    assert ("asserts", "Tehrik-i-Taliban Pakistan", "responsible_for", event) in claims
    assert ("asserts", "Islamic State Khorasan Province", "responsible_for", event) not in claims


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials said the ISKP is a terror group at loggerheads with the Taliban.",
            ("Islamic State Khorasan Province", "hostile_to", "Afghan Taliban"),
        ),
        (
            "Officials said the Haqqanis are unleashing terror under the garb of ISKP.",
            ("Haqqani network", "controls", "Islamic State Khorasan Province"),
        ),
        (
            "Officials said the ISPP has passed under the wing of the ISI.",
            ("Inter-Services Intelligence", "controls", "Islamic State Pakistan Province"),
        ),
        (
            "officials said the TTP carries out attacks in the name of the Afghan Taliban.",
            ("Tehrik-i-Taliban Pakistan", "controls", "Afghan Taliban"),
        ),
    ],
)
def test_idioms_carry_links(record: Record, text: str, expected: tuple[str, str, str]) -> None:
    assert {c[2:] for c in _claims(record(text))} >= {expected}


def test_an_idiom_without_an_actor_links_nothing(record: Record) -> None:
    rec = record("Officials said the Haqqanis are unleashing terror under the garb of religion.")
    assert not {c for c in _claims(rec) if c[3] == "controls"}


def test_a_by_phrase_deeper_in_the_noun_phrase_is_no_doer(record: Record) -> None:
    rec = record(_MARKET + "Officials said it was an attack by the TTP on a convoy escorted by the army.")
    doers = {c[2] for c in _claims(rec) if c[3] == "responsible_for"}
    assert doers == {"Tehrik-i-Taliban Pakistan"}


def test_a_pronoun_prefers_the_named_subject_to_an_unnamed_object(record: Record) -> None:
    rec = record("Imran Khan met the ISI chief on Monday. He said that India backs the TTP.")
    assert ("Imran Khan", "asserts", "India", "supports", "Tehrik-i-Taliban Pakistan") in _claims(rec)
