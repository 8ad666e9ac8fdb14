"""Lists of names in a claim slot: a list whose tail the parser strands on the main verb, and class nouns whose
name modifiers are the members meant ("the ETIM and TTP groups")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Record = Callable[..., dict[str, Any]]


def _links(rec: dict[str, Any]) -> set[tuple[str, str, str]]:
    rows = [*rec["claims"], *rec["relations"]]
    return {(r["subject"], r["predicate"], r["object"]) for r in rows}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kabul has not yet taken any practical steps to clamp down on TTP, al-Qaeda, or the ETIM groups.",
            {
                ("Afghan Taliban", "harbours", "Tehrik-i-Taliban Pakistan"),
                ("Afghan Taliban", "harbours", "al-Qaeda"),
                ("Afghan Taliban", "harbours", "East Turkestan Islamic Movement"),
            },
        ),
        (
            "Kabul has refused to act against the ETIM and TTP groups.",
            {
                ("Afghan Taliban", "harbours", "East Turkestan Islamic Movement"),
                ("Afghan Taliban", "harbours", "Tehrik-i-Taliban Pakistan"),
            },
        ),
        (
            "kabul has refused to act against the etim and ttp groups.",
            {("Afghan Taliban", "harbours", "Tehrik-i-Taliban Pakistan")},
        ),
    ],
)
def test_every_listed_name_is_linked(record: Record, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= _links(record(text))


def test_a_phrase_ending_in_a_list_does_not_take_the_list(record: Record) -> None:
    """'steps to clamp down on TTP, al-Qaeda ...' ends with the list; 'steps' itself is not a listed name, so the
    verb 'taken' must not gain the groups as objects."""
    rec = record("Kabul has not yet taken any practical steps to clamp down on TTP, al-Qaeda, or the ETIM groups.")
    assert not {r for r in _links(rec) if r[1] == "controls"}


def test_a_group_noun_without_named_members_stays_vague(record: Record) -> None:
    rec = record("Kabul has refused to act against armed groups in Kunar.")
    assert not {r for r in _links(rec) if r[2] in {"East Turkestan Islamic Movement", "Tehrik-i-Taliban Pakistan"}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "This makes Taliban, Haqqani network, ISKP all veritable arms of the Pakistani ISI.",
            {
                ("Inter-Services Intelligence", "controls", "Afghan Taliban"),
                ("Inter-Services Intelligence", "controls", "Haqqani network"),
            },
        ),
    ],
)
def test_a_name_folded_into_the_next_by_a_comma_is_listed(
    record: Record, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert expected <= _links(record(text))


def test_a_plain_name_modifier_is_not_a_list_item(record: Record) -> None:
    rec = record("The ISI controls the Haqqani network.")
    assert not {r for r in _links(rec) if r[2] == "Afghan Taliban"}


def test_a_name_folded_into_the_next_by_and_is_listed(record: Record) -> None:
    rec = record("Western officials describe the unholy nexus of Pakistan’s ISI and Haqqani network.")
    links = _links(rec)
    assert {
        ("Inter-Services Intelligence", "allied_with", "Haqqani network"),
        ("Haqqani network", "allied_with", "Inter-Services Intelligence"),
    } & links


@pytest.mark.parametrize("text", ["Its fighters in Kabul.", "There in Kabul, the TTP and its cells."])
def test_a_verbless_headline_is_read_without_looping(record: Record, text: str) -> None:
    """Climbing from a pronoun to its verb must stop at a root that is no verb."""
    assert record(text)["doc"] == "t"
