"""What a claim does not include: attacks spoken of in general, unnamed fighters' hostility, the writer's concessive
aside, and a headline the body repeats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]

_MARKET = "Two suicide bombers struck a crowded market in Kabul on Monday, killing 40 people. "
_CROCUS = "Gunmen stormed Crocus City Hall near Moscow in March 2024, killing 145 people. "


def _claims(rec: dict[str, Any]) -> list[tuple[str, str, str, str, str, bool]]:
    return [
        (c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"], c["hedged"]) for c in rec["claims"]
    ]


def test_every_attack_is_no_particular_attack(record: Record) -> None:
    rec = record(
        _MARKET + "A spy agency may have assets in a terror group, but that does not mean it is responsible for "
        "every attack the group carries out."
    )
    assert not [c for c in _claims(rec) if c[3] == "responsible_for"]


def test_the_attack_is_the_one_told(record: Record) -> None:
    rec = record(_MARKET + "Officials said the TTP is responsible for the attack.")
    assert [c for c in _claims(rec) if c[2:4] == ("Tehrik-i-Taliban Pakistan", "responsible_for")]


@pytest.mark.parametrize(
    ("text", "hostile"),
    [
        ("Zabihullah Mujahid said the jailbreaks led to the release of hundreds of anti-Pakistan fighters.", False),
        ("Officials said the anti-Pakistan TTP has grown stronger.", True),
    ],
)
def test_anti_names_hostility_of_a_named_group_only(record: Record, text: str, hostile: bool) -> None:
    found = [c for c in _claims(record(text)) if c[3] == "hostile_to"]
    assert bool(found) is hostile
    assert not [c for c in found if c[2].endswith("(unspecified)")]


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        (
            _CROCUS + "The Taliban alleged that the Crocus attack was orchestrated from Pakistan, albeit by people "
            "that its army likely brought into the country.",
            False,
        ),
        (
            _CROCUS + "The Taliban alleged that the Crocus attack was orchestrated from Pakistan, although that "
            "may be true.",
            False,
        ),
        (_CROCUS + "The Taliban alleged that the Crocus attack was likely orchestrated from Pakistan.", True),
    ],
)
def test_a_concessive_aside_does_not_hedge_the_claim(record: Record, text: str, hedged: bool) -> None:
    claim = ("Afghan Taliban", "asserts", "Pakistan", "responsible_for", "Crocus City Hall attack", hedged)
    assert claim in _claims(record(text))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (
            "The Taliban claimed that Pakistan backs ISIS-K\n\nThe Taliban on Sunday claimed that Pakistan backs "
            "ISIS-K.",
            1,
        ),
        ("The Taliban claimed that Pakistan backs ISIS-K\n\nThe border was calm on Sunday.", 1),
        (
            "The Taliban claimed that Pakistan backs ISIS-K.\n\nThe Taliban on Sunday claimed that Pakistan backs "
            "ISIS-K.",
            2,
        ),
    ],
)
def test_a_headline_the_body_repeats_counts_once(record: Record, text: str, count: int) -> None:
    backs = [c for c in _claims(record(text)) if c[:5] == ("Afghan Taliban", "asserts", "Pakistan", "supports",
                                                           "Islamic State Khorasan Province")]
    assert len(backs) == count
