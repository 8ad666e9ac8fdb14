"""Claims told across sentences (``claims_anaphora``): anaphoric claim nouns restate the earlier accusation, and a
plural attack noun blamed on someone stands for the attacks listed next to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]


def _claims(rec: dict[str, Any]) -> set[tuple[str, str, str, str, str]]:
    return {(c["claimant"], c["stance"], c["subject"], c["predicate"], c["object"]) for c in rec["claims"]}


ACCUSATION = "Kabul says that Islamabad shelters terrorists. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ACCUSATION + "India, Iran and now the United States have all repeated these claims.",
            {
                ("India", "asserts", "Pakistan", "harbours", "terrorists (unspecified)"),
                ("Iran", "asserts", "Pakistan", "harbours", "terrorists (unspecified)"),
                ("United States", "asserts", "Pakistan", "harbours", "terrorists (unspecified)"),
            },
        ),
        (
            ACCUSATION + "The talks in Doha went nowhere. Pakistan has repeatedly rejected such allegations.",
            {("Pakistan", "denies", "Pakistan", "harbours", "terrorists (unspecified)")},
        ),
        (
            "Tehran has accused the Taliban of sheltering al-Qaeda. moscow, too, has leveled these accusations.",
            {("Russia", "asserts", "Afghan Taliban", "harbours", "al-Qaeda")},
        ),
    ],
)
def test_anaphoric_claim_nouns_restate_the_accusation(
    record: Record, text: str, expected: set[tuple[str, ...]]
) -> None:
    assert expected <= _claims(record(text))


@pytest.mark.parametrize(
    "text",
    [
        "India and Iran have leveled these claims before.",  # nothing to point back to
        "Russia has deepened its ties with the Taliban. India has leveled these claims too.",  # ties are no accusation
        ACCUSATION + "Nothing changed for months. Talks stalled. Trade fell. India has leveled these claims too.",
    ],
)
def test_anaphoric_claim_nouns_need_a_near_accusation(record: Record, text: str) -> None:
    assert not {c for c in _claims(record(text)) if c[0] == "India"}


SERIES = (
    "Pakistan struck targets in Khost on Sunday after a series of deadly attacks which Islamabad blamed on "
    "Afghan-based militants. Last week suicide bombers attacked a police station in Bannu, killing six."
)


def test_a_series_of_attacks_is_the_attacks_listed_next(record: Record) -> None:
    rec = record(SERIES)
    blamed = {c for c in _claims(rec) if c[3] == "responsible_for" and c[0] == "Pakistan"}
    assert blamed, _claims(rec)
    assert all(c[2] == "Afghan-based militants" for c in blamed)
    assert not any("Khost" in c[4] for c in blamed)


def test_these_attacks_are_the_attacks_listed_before(record: Record) -> None:
    rec = record(
        "Gunmen stormed a checkpoint in Zhob, killing five soldiers. "
        "Islamabad blamed these attacks on Kabul-backed militants."
    )
    blamed = {c for c in _claims(rec) if c[3] == "responsible_for"}
    assert {c[2] for c in blamed} == {"Kabul-backed militants"}


def test_a_series_of_protests_blames_nothing(record: Record) -> None:
    rec = record(
        "Police dispersed a series of protests which the government blamed on opposition activists. "
        "Last week suicide bombers attacked a police station in Bannu, killing six."
    )
    assert not {c for c in _claims(rec) if c[3] == "responsible_for" and "activists" in c[2]}
